"""A redline of two rendered versions: the new document's structure with word-level <ins>/<del>.

Leaf blocks (paragraphs, list items, cells, headings) are aligned first, then words are compared
inside each aligned pair. This keeps the diff tight on prose (a common word like "the" never glues
unrelated paragraphs together), keeps the cost near-linear in the document size, and always produces
balanced HTML: block containers and inline formatting are reopened rather than crossed.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from html import escape

from policypress.cache import register
from policypress.diff.blocks import (CONTEXT, HEADINGS, KIND, TEXT, Blocks, Leaf, Node, Token, leaves, parse, plain_start,
                                     read, row_text, start_tag)
from policypress.diff.similar import SimilarIndex, dice, within_reach

try:  # the C implementation of difflib's SequenceMatcher: same results, several times faster
    from cydifflib import SequenceMatcher
except ImportError:  # pragma: no cover - exercised only where the wheel is unavailable
    from difflib import SequenceMatcher

PAIR_THRESHOLD = 0.5  # word-bag similarity above which two changed blocks are one edited block
LONE_PAIR_THRESHOLD = 0.25  # lower when one block replaced one block in the same place
_DP_LIMIT = 20_000  # block pairs scored exactly; larger rewritten regions are paired greedily
_TAG_NAME = re.compile(r"<([^\s/>]+)")


@dataclass(frozen=True)
class Section:
    id: str | None
    title: str


@dataclass(slots=True)  # no __dict__: half the objects for the garbage collector (a rewrite is thousands of changes)
class Change:
    """One numbered change: where it is and what it did."""

    number: int
    kind: str  # "inserted", "deleted", "replaced" or "formatting"
    section: Section | None
    before: str  # short excerpts, for lists and reports
    after: str
    removed: str = ""  # the full text removed and added by this change
    added: str = ""
    old_block: str = ""  # the whole block (paragraph, item, cell) before and after
    new_block: str = ""
    whole: bool = False  # the whole block was inserted or deleted
    path: tuple[str, ...] = ()  # headings above the change, outermost first
    tag: str = ""  # the block's element: p, li, td, h2…
    lead: str = ""  # the block just before, in reading order (the sentence that introduces a list)
    old_row: str = ""  # a table cell's whole row under its headers, before and after
    new_row: str = ""
    moved_from: Section | None = None  # a moved block: the section it left (`section` is where it went)

    @property
    def anchor(self) -> str:
        return f"pp-change-{self.number}"


_NORM_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


def norm_words(text: str) -> tuple[str, ...]:
    """A block's words, lowercased, without punctuation: what 'the same text' means for moves."""
    if text.isascii():  # lowercased at once: ASCII letters stay letters, one for one (not so 'İ' or 'Σ')
        return tuple(_NORM_WORD.findall(text.lower()))
    return tuple(w.lower() for w in _NORM_WORD.findall(text))


def _strings(value, name: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError(f"{name} is not a list of strings")
    return value


def _change_data(change: Change) -> dict:
    data = {name: getattr(change, name) for name in _CHANGE_FIELDS}
    data["section"] = None if change.section is None else [change.section.id, change.section.title]
    data["moved_from"] = None if change.moved_from is None else [change.moved_from.id, change.moved_from.title]
    data["path"] = list(change.path)
    return data


def _change(data) -> Change:
    """A change read back from the cache, every field checked for its type."""
    if not isinstance(data, dict) or set(data) != set(_CHANGE_FIELDS) | {"section", "moved_from", "path"}:
        raise ValueError("not a change")
    section, moved_from = _section(data["section"]), _section(data["moved_from"])
    fields = {name: data[name] for name in _CHANGE_FIELDS}
    for name, value in fields.items():
        wanted = int if name == "number" else bool if name == "whole" else str
        if type(value) is not wanted:
            raise ValueError(f"change field {name} is not {wanted.__name__}")
    return Change(section=section, moved_from=moved_from, path=tuple(_strings(data["path"], "path")), **fields)


def _section(data) -> Section | None:
    if data is None:
        return None
    if not (isinstance(data, list) and len(data) == 2 and isinstance(data[1], str)
            and (data[0] is None or isinstance(data[0], str))):
        raise ValueError("not a section")
    return Section(data[0], data[1])


_CHANGE_FIELDS = ("number", "kind", "before", "after", "removed", "added", "old_block", "new_block", "whole",
                  "tag", "lead", "old_row", "new_row")
_REDLINE_LISTS = ("old_blocks", "new_blocks", "old_tags", "new_tags")


def redline_data(result: "Redline") -> dict:
    """A redline as plain data (the disk cache stores this, never objects)."""
    return {"html": result.html, "changes": [_change_data(c) for c in result.changes],
            "words_added": result.words_added, "words_removed": result.words_removed,
            **{name: list(getattr(result, name)) for name in _REDLINE_LISTS}}


def redline_from_data(data) -> "Redline":
    if not isinstance(data, dict) or set(data) != {"html", "changes", "words_added", "words_removed",
                                                   *_REDLINE_LISTS}:
        raise ValueError("not a redline")
    if not isinstance(data["html"], str) or not isinstance(data["changes"], list):
        raise ValueError("not a redline")
    if type(data["words_added"]) is not int or type(data["words_removed"]) is not int:
        raise ValueError("word counts are not numbers")
    return Redline(data["html"], [_change(c) for c in data["changes"]], data["words_added"], data["words_removed"],
                   **{name: _strings(data[name], name) for name in _REDLINE_LISTS})


@dataclass
class Redline:
    html: str
    changes: list[Change] = field(default_factory=list)
    words_added: int = 0
    words_removed: int = 0
    old_blocks: list[str] = field(default_factory=list)  # the text of every block of each side
    new_blocks: list[str] = field(default_factory=list)
    old_tags: list[str] = field(default_factory=list)  # each block's element (p, li, h2, td…)
    new_tags: list[str] = field(default_factory=list)

    @property
    def old_text(self) -> str:
        return "\n".join(self.old_blocks)

    @property
    def new_text(self) -> str:
        return "\n".join(self.new_blocks)

    @functools.cached_property
    def old_texts(self) -> set[tuple[str, ...]]:
        """Every block of the old side, normalised: what 'the same text was already there' means."""
        return {norm_words(text) for text in self.old_blocks}

    @functools.cached_property
    def new_texts(self) -> set[tuple[str, ...]]:
        return {norm_words(text) for text in self.new_blocks}

    @property
    def sections(self) -> list[Section]:
        """The sections a change touched, in reading order: a moved block's both ends, where it left and where
        it went (a reader of "Sections changed" must find the paragraph missing from the first too)."""
        seen: dict[Section, None] = {}
        for change in self.changes:
            for section in (change.moved_from, change.section):
                if section is not None:
                    seen.setdefault(section, None)
        return list(seen)

    @property
    def sections_changed(self) -> int:
        return len(self.sections)


def _close(start: str) -> str:
    match = _TAG_NAME.match(start)
    return f"</{match.group(1)}>" if match else ""


def _count_words(tokens: list[Token]) -> int:
    return sum(1 for text, kind, _ in tokens if kind == "word" and any(c.isalnum() for c in text))


def _plain(tokens: list[Token]) -> str:
    return "".join(text if kind != "html" else " " for text, kind, _ in tokens).strip()


def _units(tokens: list[Token]) -> list[list[Token]]:
    """Words with their trailing whitespace: the unit of comparison, like `git diff --word-diff`."""
    units: list[list[Token]] = []
    for token in tokens:
        if token[KIND] == "space" and units:
            units[-1].append(token)
        else:
            units.append([token])
    return units


def _unit_key(unit: list[Token]) -> tuple[str, tuple[str, ...]]:
    """A word and its formatting: a changed link target or emphasis is a change too."""
    return unit[0][TEXT], unit[0][CONTEXT]


def _same_format(before: Leaf, after: Leaf) -> bool:
    return before.signature() == after.signature()


def _bag(leaf: Leaf) -> Counter:
    return Counter(text.lower() for text, kind, _ in leaf.tokens if kind == "word")


_similarity = dice


def _pair_region(old: list[Leaf], new: list[Leaf]) -> list[tuple[Leaf | None, Leaf | None]]:
    """Align two runs of changed blocks: similar blocks of the same type pair up, in order."""
    bags_old, bags_new = [_bag(x) for x in old], [_bag(x) for x in new]
    threshold = LONE_PAIR_THRESHOLD if len(old) == len(new) == 1 else PAIR_THRESHOLD

    def score(i: int, j: int) -> float:
        if old[i].key()[0] != new[j].key()[0]:
            return 0.0
        value = _similarity(bags_old[i], bags_new[j])
        return value if value >= threshold else 0.0

    m, n = len(old), len(new)
    pairs: list[tuple[int, int]] = []
    if m * n <= _DP_LIMIT:
        best = [[0.0] * (n + 1) for _ in range(m + 1)]
        for i in range(m - 1, -1, -1):
            for j in range(n - 1, -1, -1):
                s = score(i, j)
                best[i][j] = max(best[i + 1][j], best[i][j + 1], (best[i + 1][j + 1] + s) if s else 0.0)
        i = j = 0
        while i < m and j < n:
            s = score(i, j)
            if s and best[i][j] == best[i + 1][j + 1] + s:
                pairs.append((i, j))
                i, j = i + 1, j + 1
            elif best[i][j] == best[i + 1][j]:
                i += 1
            else:
                j += 1
    else:
        j = 0
        for i in range(m):
            window = [(score(i, k), k) for k in range(j, min(n, j + 25))]
            value, k = max(window, default=(0.0, -1))
            if value:
                pairs.append((i, k))
                j = k + 1
    result: list[tuple[Leaf | None, Leaf | None]] = []
    i = j = 0
    for pi, pj in pairs + [(m, n)]:
        result.extend((old[x], None) for x in range(i, pi))
        result.extend((None, new[y]) for y in range(j, pj))
        if pi < m and pj < n:
            result.append((old[pi], new[pj]))
        i, j = pi + 1, pj + 1
    return result


def align(old: list[Leaf], new: list[Leaf]) -> list[tuple[Leaf | None, Leaf | None]]:
    """Block alignment: (old, new) pairs, (old, None) deleted, (None, new) inserted, in reading order."""
    matcher = SequenceMatcher(None, _blocks(old).keys(), _blocks(new).keys(), autojunk=False)
    result: list[tuple[Leaf | None, Leaf | None]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            result.extend(zip(old[i1:i2], new[j1:j2]))
        elif op == "delete":
            result.extend((x, None) for x in old[i1:i2])
        elif op == "insert":
            result.extend((None, y) for y in new[j1:j2])
        else:
            result.extend(_pair_region(old[i1:i2], new[j1:j2]))
    return result


class _Writer:
    """Emits the merged document, reopening block containers as needed so the HTML stays balanced."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.stack: list[Node] = []
        self.ids: set[str] = set()
        self.redline = Redline("")
        self.section: Section | None = None
        self.headings: list[tuple[int, str]] = []
        self.last_leaf: Leaf | None = None
        self.lead_leaf: Leaf | None = None  # the last block outside a list: what introduces the list being written
        self.rows: dict[int, str] = {}  # row_text of the blocks written so far, by id (they live as long as the writer)

    # -- blocks ------------------------------------------------------------------------------
    def open_chain(self, chain: tuple[Node, ...], mark: str | None, foreign: set[int]) -> None:
        common = 0
        while common < len(self.stack) and common < len(chain) and self.stack[common] is chain[common]:
            common += 1
        for node in reversed(self.stack[common:]):
            self.out.append(f"</{node.tag}>")
        del self.stack[common:]
        last = len(chain) - 1
        for index in range(common, len(chain)):
            node = chain[index]
            if not mark or index != last:
                start = node.plain_start
                if start is None:
                    start = node.plain_start = _plain_start(node)
                if start:  # the same tag whatever was written before: no id to keep unique
                    self.out.append(start)
                    if node.tag != "hr":
                        self.stack.append(node)
                    continue
            attrs = []
            classes = []
            for name, value in node.attrs:
                if name == "id":
                    if id(node) in foreign or value in self.ids:
                        continue
                    self.ids.add(value or "")
                if name == "class":
                    classes.append(value or "")
                    continue
                attrs.append((name, value))
            if mark and index == len(chain) - 1:
                classes.append(mark)
            if classes:
                attrs.append(("class", " ".join(c for c in classes if c)))
            if node.tag == "hr":
                self.out.append(start_tag("hr", tuple(attrs)))
                continue
            self.out.append(start_tag(node.tag, tuple(attrs)))
            self.stack.append(node)

    def close_all(self) -> None:
        self.open_chain((), None, set())

    # -- inline ------------------------------------------------------------------------------
    def inline(self, tokens: list[Token], wrapper: str | None = None, change: int | None = None,
               first: bool = False, css: str | None = None) -> None:
        """Write tokens, reopening inline formatting around them; text runs are escaped in one go."""
        out = self.out
        if wrapper:
            attrs = f' data-pp-change="{change}"' if change else ""
            if first and change:
                attrs = f' id="pp-change-{change}"' + attrs
            if css:
                attrs += ' class="' + css + '"'
            out.append(f"<{wrapper}{attrs}>")
        stack: tuple[str, ...] = ()
        text: list[str] = []
        for token_text, kind, context in tokens:
            if context != stack:
                if text:
                    out.append(escape("".join(text), quote=False))
                    text = []
                common = 0
                while common < len(stack) and common < len(context) and stack[common] == context[common]:
                    common += 1
                for start in reversed(stack[common:]):
                    out.append(_close(start))
                out.extend(context[common:])
                stack = context
            if kind == "html":
                if text:
                    out.append(escape("".join(text), quote=False))
                    text = []
                out.append(token_text)
            else:
                text.append(token_text)
        if text:
            out.append(escape("".join(text), quote=False))
        for start in reversed(stack):
            out.append(_close(start))
        if wrapper:
            out.append(f"</{wrapper}>")

    # -- changes -----------------------------------------------------------------------------
    def new_change(self, kind: str, before: list[Token], after: list[Token], *, old_block: Leaf | None,
                   new_block: Leaf | None, whole: bool = False) -> int:
        number = len(self.redline.changes) + 1
        block = new_block or old_block
        removed, added = _plain(before), _plain(after)
        self.redline.changes.append(Change(
            number, kind, self.section, _shorten(removed), _shorten(added), removed=removed, added=added,
            old_block=old_block.plain if old_block else "",
            new_block=new_block.plain if new_block else "",
            whole=whole, path=tuple(title for _, title in self.headings),
            tag=block.container.tag if block is not None and block.container is not None else "",
            lead=self._lead(block),
            old_row=self._row(old_block), new_row=self._row(new_block),
        ))
        if kind not in ("formatting", "moved"):
            self.redline.words_removed += _count_words(before)
            self.redline.words_added += _count_words(after)
        return number

    def _row(self, leaf: Leaf | None) -> str:
        """`row_text`, once per block: a block's changes all carry its row."""
        if leaf is None:
            return ""
        row = self.rows.get(id(leaf))
        if row is None:
            row = self.rows[id(leaf)] = row_text(leaf)
        return row

    def _lead(self, block: Leaf | None) -> str:
        in_list = block is not None and block.in_list
        leaf = self.lead_leaf if in_list else self.last_leaf
        return leaf.plain if leaf is not None else ""

    def track_section(self, leaf: Leaf, foreign: bool) -> None:
        container = leaf.container
        if container is not None and container.tag in HEADINGS:
            words = "".join(text for kind, text, context in leaf.items
                            if kind == "text" and not any("headerlink" in start for start in context))
            self.section = Section(None if foreign else container.attr("id"), " ".join(words.split()))
            level = int(container.tag[1])
            while self.headings and self.headings[-1][0] >= level:
                self.headings.pop()
            self.headings.append((level, self.section.title))

    def whole(self, leaf: Leaf, chain: tuple[Node, ...], wrapper: str, foreign: set[int]) -> None:
        self.track_section(leaf, wrapper == "del")
        mark = "pp-inserted" if wrapper == "ins" else "pp-deleted"
        self.open_chain(chain, mark, foreign)
        if leaf.items == [("html", "", ())] and leaf.container and leaf.container.tag == "hr":
            return
        before, after = (leaf.tokens, []) if wrapper == "del" else ([], leaf.tokens)
        number = self.new_change("deleted" if wrapper == "del" else "inserted", before, after,
                                 old_block=leaf if wrapper == "del" else None,
                                 new_block=leaf if wrapper == "ins" else None, whole=True)
        self.inline(leaf.tokens, wrapper, number, first=True)
        self._remember(leaf)

    def moved(self, leaf: Leaf, chain: tuple[Node, ...], side: str, move: "_Move", foreign: set[int]) -> None:
        """One end of a moved block: struck through where it was, inserted where it went, with links
        between the two ends and its edits marked; counted once, as a move."""
        origin = side == "del"
        self.track_section(leaf, origin)
        self.open_chain(chain, "pp-moved-from" if origin else "pp-moved-to", foreign)
        if move.number is None:
            move.number = self.new_change("moved", move.old.tokens, move.new.tokens, old_block=move.old,
                                          new_block=move.new, whole=True)
            change = self.redline.changes[-1]
            change.section = Section(move.new_section_id, move.new_section) if move.new_section else change.section
            if move.old_section:
                change.moved_from = Section(move.old_section_id, move.old_section)
            edits = move.edits()
            change.before, change.after = _excerpt(move.old.tokens), _excerpt(move.new.tokens)
            self.redline.words_removed += edits[0]
            self.redline.words_added += edits[1]
        tokens = move.marked(origin)
        anchor = f"pp-move-{move.number}-{'from' if origin else 'to'}"
        target = f"pp-move-{move.number}-{'to' if origin else 'from'}"
        first = (origin and move.first == "old") or (not origin and move.first == "new")
        # the end met first carries the change's anchor (for "next change"), both carry the move's anchors
        self.out.append(f'<{side} class="pp-moved" id="{move.anchor if first else anchor}" data-pp-change="{move.number}">')
        if first:
            self.out.append(f'<span id="{anchor}"></span>')
        self.inline(tokens)
        self.out.append(f"</{side}>")
        where = move.new_section if origin else move.old_section
        label = f"moved {'to' if origin else 'from'} “{where}”" if where else f"moved {'down' if origin else 'up'}"
        self.out.append(f'<a class="pp-move-link" href="#{target}" data-label="{escape(label)}" '
                        f'aria-label="{escape(label)}"></a>')
        self._remember(leaf)

    def paired(self, old: Leaf, new: Leaf) -> None:
        self.track_section(new, False)
        self.open_chain(new.chain, None, set())
        a, b = _units(old.tokens), _units(new.tokens)
        matcher = SequenceMatcher(None, [_unit_key(u) for u in a], [_unit_key(u) for u in b], autojunk=False)
        opcodes = matcher.get_opcodes()
        pending: list[Token] = []  # unchanged tokens not yet written
        old_gap: list[Token] = []  # whitespace after the last unchanged word, as the old text had it
        index = 0
        while index < len(opcodes):
            op, i1, i2, j1, j2 = opcodes[index]
            if op == "equal":
                self.inline(pending)
                pending = [t for u in b[j1:j2] for t in u]
                old_gap = [t for t in a[i2 - 1] if t[KIND] == "space"]
                index += 1
                continue
            # a hunk: consecutive non-equal opcodes form one change
            removed: list[Token] = []
            added: list[Token] = []
            while index < len(opcodes) and opcodes[index][0] != "equal":
                _, i1, i2, j1, j2 = opcodes[index]
                removed += [t for u in a[i1:i2] for t in u]
                added += [t for u in b[j1:j2] for t in u]
                index += 1
            # Each side must read with its own word boundaries: the gap before the hunk belongs to the
            # side that has it ("future reference." -> "future." gives "future<del> reference</del>.").
            new_gap: list[Token] = []
            while pending and pending[-1][KIND] == "space":
                new_gap.insert(0, pending.pop())
            if old_gap and not new_gap:
                removed = old_gap + removed  # may be only the gap: "third party" -> "third-party"
            if added and new_gap and not old_gap:
                added, new_gap = new_gap + added, []
            self.inline(pending + new_gap)
            pending, old_gap = [], []
            words_before = [text for text, kind, _ in removed if kind != "space"]
            words_after = [text for text, kind, _ in added if kind != "space"]
            if words_before == words_after:
                kind = "formatting"  # the same words with other emphasis or another link target
            elif words_before and words_after:
                kind = "replaced"
            else:
                kind = "deleted" if words_before else "inserted"
            number = self.new_change(kind, removed, added, old_block=old, new_block=new)
            trailing: list[Token] = []
            while added and added[-1][KIND] == "space":
                trailing.insert(0, added.pop())
            punctuation_only = not any(any(ch.isalnum() for ch in w) for w in words_before + words_after)
            css = "pp-format" if kind == "formatting" else ("pp-punct" if punctuation_only else None)
            if removed:
                self.inline(removed, "del", number, first=True, css=css)
            if added:
                self.inline(added, "ins", number, first=not removed, css=css)
            pending = trailing
        self.inline(pending)
        self._remember(new)

    def _remember(self, leaf: Leaf) -> None:
        self.last_leaf = leaf
        if not leaf.in_list:
            self.lead_leaf = leaf


_NONE: frozenset[int] = frozenset()  # no foreign containers


def _plain_start(node: Node) -> str:
    return plain_start(node.tag, node.attrs)


_SPACES = re.compile(r"\s+")


def _excerpt(tokens: list[Token], limit: int = 160) -> str:
    return _shorten(_plain(tokens), limit)


def _shorten(plain: str, limit: int = 160) -> str:
    """A change's excerpt of its plain text: runs of white space as one space, at most `limit` characters."""
    text = _SPACES.sub(" ", plain)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _foreign_chain(old: Leaf, mapping: dict[int, Node]) -> tuple[tuple[Node, ...], set[int]]:
    """The old block's containers, replaced by their new counterparts as far as those are known."""
    chain: list[Node] = []
    foreign: set[int] = set()
    mapped = True
    for node in old.chain:
        target = mapping.get(id(node)) if mapped else None
        if target is None:
            mapped = False
            chain.append(node)
            foreign.add(id(node))
        else:
            chain.append(target)
    return tuple(chain), foreign


MOVE_THRESHOLD = 0.85  # word-bag similarity of a deleted and an inserted block that are one moved block
_MIN_MOVE_WORDS = 4  # shorter blocks (a heading, "Yes.") are not reported as moved


class _Move:
    """A block deleted in one place and inserted in another, possibly with small edits."""

    def __init__(self, old: Leaf, new: Leaf, first: str):
        self.old, self.new, self.first = old, new, first
        self.number: int | None = None
        self.old_section = self.new_section = ""
        self.old_section_id: str | None = None  # the id of the section it left, if the new text still has it
        self.new_section_id: str | None = None
        self._opcodes = None

    @property
    def anchor(self) -> str:
        return f"pp-change-{self.number}"

    def _ops(self):
        if self._opcodes is None:
            a, b = _units(self.old.tokens), _units(self.new.tokens)
            matcher = SequenceMatcher(None, [_unit_key(u) for u in a], [_unit_key(u) for u in b], autojunk=False)
            self._opcodes = (a, b, matcher.get_opcodes())
        return self._opcodes

    def edits(self) -> tuple[int, int]:
        """Words removed and added by the edits made while moving."""
        a, b, ops = self._ops()
        removed = sum(_count_words([t for u in a[i1:i2] for t in u]) for op, i1, i2, j1, j2 in ops if op != "equal")
        added = sum(_count_words([t for u in b[j1:j2] for t in u]) for op, i1, i2, j1, j2 in ops if op != "equal")
        return removed, added

    def marked(self, origin: bool) -> list[Token]:
        """The tokens of one end, with the words edited while moving inside <mark>."""
        a, b, ops = self._ops()
        units, out = (a, []) if origin else (b, [])
        for op, i1, i2, j1, j2 in ops:
            lo, hi = (i1, i2) if origin else (j1, j2)
            for unit in units[lo:hi]:
                for token in unit:
                    if op != "equal" and token[KIND] != "space":
                        token = (token[TEXT], token[KIND], ('<mark class="pp-edit">',) + token[CONTEXT])
                    out.append(token)
        return out


def _find_moves(aligned: list[tuple[Leaf | None, Leaf | None]]) -> dict[int, _Move]:
    """Pair blocks deleted in one place with near-identical blocks inserted in another."""
    deleted = [(i, x) for i, (x, y) in enumerate(aligned) if y is None and x is not None]
    inserted = [(i, y) for i, (x, y) in enumerate(aligned) if x is None and y is not None]
    found: dict[int, _Move] = {}
    if not deleted or not inserted:
        return found
    bags = {id(leaf): _bag(leaf) for _, leaf in deleted + inserted}
    index = SimilarIndex([bags[id(new)] for _, new in inserted])
    sizes = [bags[id(new)].total() for _, new in inserted]
    taken: set[int] = set()
    for i, old in deleted:
        if old.key()[0] in HEADINGS or sum(bags[id(old)].values()) < _MIN_MOVE_WORDS:
            continue
        best, score = None, 0.0
        bag = bags[id(old)]
        size = bag.total()
        for candidate in index.candidates(bag, MOVE_THRESHOLD):
            j, new = inserted[candidate]
            if id(new) in taken or new.key()[0] != old.key()[0]:
                continue
            if not within_reach(size, sizes[candidate], MOVE_THRESHOLD):
                continue  # the sizes alone keep it below the threshold: it could never be the move
            value = _similarity(bag, bags[id(new)])
            if value > score:
                best, score = (j, new), value
        if best is not None and score >= MOVE_THRESHOLD:
            j, new = best
            taken.add(id(new))
            move = _Move(old, new, "old" if i < j else "new")
            found[id(old)] = found[id(new)] = move
    if found:  # the sections each end sits in, for the "moved to …" labels
        old_section = new_section = ""
        old_id: str | None = None
        new_id: str | None = None
        new_ids = {leaf.container.attr("id") for _, leaf in aligned
                   if leaf is not None and leaf.container is not None and leaf.container.tag in HEADINGS}
        for before, after in aligned:
            for leaf, side in ((before, "old"), (after, "new")):
                if leaf is None:
                    continue
                if leaf.container is not None and leaf.container.tag in HEADINGS:
                    title = " ".join("".join(text for kind, text, context in leaf.items if kind == "text"
                                             and not any("headerlink" in c for c in context)).split())
                    if side == "old":
                        old_section, old_id = title, leaf.container.attr("id")
                    else:
                        new_section, new_id = title, leaf.container.attr("id")
                move = found.get(id(leaf))
                if move is not None:
                    if side == "old" and leaf is move.old:
                        move.old_section, move.old_section_id = old_section, old_id if old_id in new_ids else None
                    elif side == "new" and leaf is move.new:
                        move.new_section, move.new_section_id = new_section, new_id
    return found


def _blocks(found: list[Leaf]) -> Blocks:
    return found if isinstance(found, Blocks) else Blocks(found)


def blocks(html: str) -> Blocks:
    """The leaf blocks of a rendered document; parse once per version and reuse across redlines."""
    return read(html)


def redline(old: str | list[Leaf], new: str | list[Leaf]) -> Redline:
    """Compare two rendered documents (HTML, or their blocks) and return the marked-up new document."""
    old_leaves = blocks(old) if isinstance(old, str) else _blocks(old)
    new_leaves = blocks(new) if isinstance(new, str) else _blocks(new)
    aligned = align(old_leaves, new_leaves)
    mapping: dict[int, Node] = {}  # old containers to their new counterparts: where a deleted block is written
    if any(after is None for _, after in aligned):
        for before, after in aligned:
            if before is None or after is None:
                continue
            for a, b in zip(before.chain, after.chain):
                if a.tag != b.tag:
                    break
                mapping.setdefault(id(a), b)
    moves = _find_moves(aligned)
    writer = _Writer()
    out, stack, open_chain = writer.out, writer.stack, writer.open_chain
    for before, after in aligned:
        if before is not None and after is not None:
            if before.items == after.items or (before.key() == after.key() and _same_format(before, after)):
                # same words and formatting, only spacing may differ (most blocks): written here, not by a
                # writer method, as it is most of a redline's calls
                container, chain, items = after.container, after.chain, after.items
                if container is not None and container.tag in HEADINGS:
                    writer.track_section(after, False)
                depth = len(stack)
                if depth == len(chain) and (depth < 2 or stack[-2] is chain[-2] and (
                        depth == 2 or tuple(stack[:-1]) == chain[:-1])):  # the same containers, but the last?
                    if depth and stack[-1] is not container:
                        start = container.plain_start
                        if start and container.tag != "hr":  # its next sibling: close one, open one
                            out.append(f"</{stack[-1].tag}>")
                            out.append(start)
                            stack[-1] = container
                        else:
                            open_chain(chain, None, _NONE)
                else:
                    open_chain(chain, None, _NONE)
                if len(items) == 1 and items[0][0] == "text" and not items[0][2]:
                    text = items[0][1]
                    out.append(escape(text, quote=False) if "&" in text or "<" in text or ">" in text else text)
                elif all(kind == "text" and not context for kind, _, context in items):
                    out.append(escape("".join(text for _, text, _ in items), quote=False))
                else:
                    writer.inline(after.runs)
                writer.last_leaf = after
                if not after.in_list:
                    writer.lead_leaf = after
            else:
                writer.paired(before, after)
        elif before is not None:
            chain, foreign = _foreign_chain(before, mapping)
            move = moves.get(id(before))
            if move is not None:
                writer.moved(before, chain, "del", move, foreign)
            else:
                writer.whole(before, chain, "del", foreign)
        else:
            move = moves.get(id(after))
            if move is not None:
                writer.moved(after, after.chain, "ins", move, set())
            else:
                writer.whole(after, after.chain, "ins", set())
    writer.close_all()
    result = writer.redline
    result.html = "".join(writer.out)
    result.old_blocks, result.new_blocks = list(old_leaves.plains()), list(new_leaves.plains())
    result.old_tags, result.new_tags = list(old_leaves.tags()), list(new_leaves.tags())
    return result


def text_of(html: str) -> str:
    """The words of a rendered document, for tests and for checking that nothing was lost."""
    return " ".join(" ".join(text for text, kind, _ in leaf.tokens if kind == "word") for leaf in leaves(parse(html)))


__all__ = ["Change", "Redline", "Section", "align", "blocks", "redline", "text_of"]


register("redline", redline_data, redline_from_data)
