"""Read rendered HTML as a sequence of leaf blocks, each a list of word tokens with inline context.

A redline of the *rendered* document needs to know which words sit in which paragraph, list item,
table cell or heading, and which inline formatting (links, emphasis, code) wraps each word. This
module turns HTML into exactly that, with the standard library's tolerant parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser

BLOCK_TAGS = frozenset(
    "address article aside blockquote caption details dialog dd div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot "
    "th thead tr ul".split()
)
VOID_TAGS = frozenset("area base br col embed hr img input link meta source track wbr".split())
OPAQUE_TAGS = frozenset(["script", "style", "svg", "math", "iframe", "object", "video", "audio"])
HEADINGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])

# Scripts without spaces between words are compared character by character (CJK, kana, Thai, Lao,
# Khmer, Myanmar); everything else word by word, punctuation apart.
_CHAR_SCRIPTS = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
TOKEN = re.compile(
    r"\s+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # an e-mail address is one word
    r"|(?:https?|ftp)://[^\s<>\"]+?(?=[.,;:!?)\]]*(?:\s|$))"  # so is a URL, without trailing punctuation
    r"|\d+(?:[.,:/]\d+)+"  # and a number, a time or a date such as 1,000.50 or 12/31/2026
    rf"|[{_CHAR_SCRIPTS}]"
    rf"|[^\s{_CHAR_SCRIPTS}\W]+"
    r"|[^\w\s]",
    re.UNICODE,
)


def start_tag(tag: str, attrs: tuple[tuple[str, str | None], ...]) -> str:
    parts = [tag]
    for name, value in attrs:
        parts.append(name if value is None else f'{name}="{escape(value, quote=True)}"')
    return "<" + " ".join(parts) + ">"


@dataclass(eq=False)
class Node:
    """A block container (p, li, td, h2, ul…) in the parsed tree."""

    tag: str
    attrs: tuple[tuple[str, str | None], ...] = ()
    parent: "Node | None" = None
    children: list = field(default_factory=list)

    def attr(self, name: str) -> str | None:
        for key, value in self.attrs:
            if key == name:
                return value
        return None


@dataclass(frozen=True)
class Token:
    """A word, a run of whitespace, or an opaque inline element, with the inline tags around it."""

    text: str  # plain text for words and spaces, HTML for opaque pieces
    kind: str  # "word", "space" or "html"
    context: tuple[str, ...] = ()  # start tags of the enclosing inline elements, outermost first

    @property
    def html(self) -> str:
        return self.text if self.kind == "html" else escape(self.text, quote=False)


@dataclass(eq=False)
class Leaf:
    """A run of inline content directly inside a block container."""

    chain: tuple[Node, ...]  # block containers from the outermost to the innermost
    tokens: list[Token]

    @property
    def container(self) -> Node | None:
        return self.chain[-1] if self.chain else None

    @property
    def text(self) -> str:
        return "".join(t.text for t in self.tokens if t.kind != "html")

    def key(self) -> tuple[str, str]:
        """What must be equal for two leaves to count as unchanged: block type and words."""
        tag = self.container.tag if self.container else ""
        words = " ".join(t.text for t in self.tokens if t.kind != "space")
        return tag, words


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root")
        self.block = self.root
        self.inline: list[tuple[str, str]] = []  # (tag, start tag html)
        self.opaque: list[str] | None = None
        self.opaque_tag: str | None = None
        self.opaque_depth = 0

    # Inline items are stored in the current block as ("text", str, context) or ("html", str, context).
    def _context(self) -> tuple[str, ...]:
        return tuple(html for _, html in self.inline)

    def handle_starttag(self, tag, attrs):
        if self.opaque is not None:
            if tag == self.opaque_tag:
                self.opaque_depth += 1
            self.opaque.append(self.get_starttag_text() or start_tag(tag, tuple(attrs)))
            return
        if tag in OPAQUE_TAGS:
            self.opaque, self.opaque_tag, self.opaque_depth = [self.get_starttag_text() or ""], tag, 1
            return
        if tag in BLOCK_TAGS:
            self._close_inline()
            if tag in ("p", "li", "dt", "dd", "tr", "td", "th"):
                self._autoclose(tag)
            node = Node(tag, tuple(attrs), self.block)
            self.block.children.append(node)
            if tag == "hr":
                return
            self.block = node
            return
        if tag in VOID_TAGS:
            self.block.children.append(("html", start_tag(tag, tuple(attrs)), self._context()))
            return
        self.inline.append((tag, start_tag(tag, tuple(attrs))))

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCK_TAGS and tag not in VOID_TAGS:
            self.handle_starttag(tag, attrs)
            self.handle_endtag(tag)
        else:
            self.handle_starttag(tag, attrs)

    def _autoclose(self, tag: str) -> None:
        # Tolerate HTML that leaves <p>, <li> or cells open: a new one closes the open sibling.
        siblings = {"li": {"li"}, "p": {"p"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"}, "tr": {"tr"},
                    "td": {"td", "th"}, "th": {"td", "th"}}[tag]
        if self.block.tag in siblings:
            self.block = self.block.parent or self.root

    def _close_inline(self) -> None:
        self.inline = []

    def handle_endtag(self, tag):
        if self.opaque is not None:
            self.opaque.append(f"</{tag}>")
            if tag == self.opaque_tag:
                self.opaque_depth -= 1
                if self.opaque_depth == 0:
                    self.block.children.append(("html", "".join(self.opaque), self._context()))
                    self.opaque = None
            return
        if tag in BLOCK_TAGS:
            node = self.block
            while node is not self.root and node.tag != tag:
                node = node.parent
            if node is not self.root:
                self.block = node.parent or self.root
                self.inline = []
            return
        for index in range(len(self.inline) - 1, -1, -1):
            if self.inline[index][0] == tag:
                del self.inline[index:]
                break

    def handle_data(self, data):
        if self.opaque is not None:
            self.opaque.append(escape(data, quote=False) if self.opaque_tag not in ("script", "style") else data)
            return
        self.block.children.append(("text", data, self._context()))

    def handle_entityref(self, name):  # only reached with convert_charrefs=False
        self.handle_data(f"&{name};")

    def handle_comment(self, data):
        pass


def parse(html: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def tokenize(text: str, context: tuple[str, ...]) -> list[Token]:
    return [Token(piece, "space" if piece.isspace() else "word", context) for piece in TOKEN.findall(text)]


def leaves(root: Node) -> list[Leaf]:
    """Every leaf block in document order."""
    found: list[Leaf] = []

    def walk(node: Node, chain: tuple[Node, ...]) -> None:
        run: list[Token] = []

        def flush() -> None:
            if any(t.kind != "space" for t in run):
                while run and run[0].kind == "space":
                    run.pop(0)
                while run and run[-1].kind == "space":
                    run.pop()
                found.append(Leaf(chain, list(run)))
            run.clear()

        for child in node.children:
            if isinstance(child, Node):
                flush()
                if child.tag == "hr":
                    found.append(Leaf(chain + (child,), [Token("", "html", ())]))
                else:
                    walk(child, chain + (child,))
            elif child[0] == "text":
                run.extend(tokenize(child[1], child[2]))
            else:
                run.append(Token(child[1], "html", child[2]))
        flush()

    walk(root, ())
    return found
