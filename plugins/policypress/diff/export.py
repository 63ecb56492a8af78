"""A version's leaf blocks as plain data, so the browser's compare page runs the build's own redline.

The compare page (site/assets/policypress-redline.js, a port of diff/redline.py) needs exactly what
`redline()` reads: each leaf's chain of block containers (shared between leaves, so a list stays one
list), and its inline items with their inline context. Words are tokenized in the browser with the same
pattern, so the data stays the size of the text. Precomputing every pair of versions would cost n²
redlines at build time; shipping this costs one serialisation per version.
"""

from __future__ import annotations

from policypress.diff.blocks import Leaf

FORMAT = 1  # bumped when the browser's reader must change with it


def leaf_data(leaves: list[Leaf]) -> dict:
    """{"format", "nodes": [[tag, [[name, value]…]]…], "contexts": [[start tag…]…],
    "leaves": [[[node index…], [[0 text | 1 html, text, context index]…]]…]}."""
    nodes: list[list] = []
    node_index: dict[int, int] = {}
    contexts: list[list[str]] = [[]]
    context_index: dict[tuple[str, ...], int] = {(): 0}
    out: list[list] = []
    for leaf in leaves:
        chain = []
        for node in leaf.chain:
            index = node_index.get(id(node))
            if index is None:
                index = node_index[id(node)] = len(nodes)
                nodes.append([node.tag, [[name, value] for name, value in node.attrs]])
            chain.append(index)
        items = []
        for kind, text, context in leaf.items:
            index = context_index.get(context)
            if index is None:
                index = context_index[context] = len(contexts)
                contexts.append(list(context))
            items.append([1 if kind == "html" else 0, text, index])
        out.append([chain, items])
    return {"format": FORMAT, "nodes": nodes, "contexts": contexts, "leaves": out}


__all__ = ["FORMAT", "leaf_data"]
