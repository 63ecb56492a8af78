"""Read rendered HTML as a sequence of leaf blocks, each a list of word tokens with inline context.

A redline of the *rendered* document needs to know which words sit in which paragraph, list item,
table cell or heading, and which inline formatting (links, emphasis, code) wraps each word. This
module turns HTML into exactly that, with the standard library's tolerant parser.
"""

from __future__ import annotations

import re
from typing import NamedTuple
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


class Node:
    """A block container (p, li, td, h2, ul…) in the parsed tree.

    No parent pointers: a tree without reference cycles is freed as soon as it is dropped, which
    matters when a build parses hundreds of 40 KB documents."""

    __slots__ = ("tag", "attrs", "children")

    def __init__(self, tag: str, attrs: tuple[tuple[str, str | None], ...] = ()):
        self.tag = tag
        self.attrs = attrs
        self.children: list = []

    def attr(self, name: str) -> str | None:
        for key, value in self.attrs:
            if key == name:
                return value
        return None


class Token(NamedTuple):
    """A word, a run of whitespace, or an opaque inline element, with the inline tags around it."""

    text: str  # plain text for words and spaces, HTML for opaque pieces
    kind: str  # "word", "space" or "html"
    context: tuple[str, ...] = ()  # start tags of the enclosing inline elements, outermost first

    @property
    def html(self) -> str:
        return self.text if self.kind == "html" else escape(self.text, quote=False)


class Leaf:
    """A run of inline content directly inside a block container."""

    __slots__ = ("chain", "tokens", "_key")

    def __init__(self, chain: tuple[Node, ...], tokens: list[Token]):
        self.chain = chain  # block containers from the outermost to the innermost
        self.tokens = tokens
        self._key: tuple[str, str] | None = None

    @property
    def container(self) -> Node | None:
        return self.chain[-1] if self.chain else None

    @property
    def text(self) -> str:
        return "".join(t.text for t in self.tokens if t.kind != "html")

    def key(self) -> tuple[str, str]:
        """What must be equal for two leaves to count as unchanged: block type and words."""
        if self._key is None:
            tag = self.container.tag if self.container else ""
            self._key = (tag, " ".join(t.text for t in self.tokens if t.kind != "space"))
        return self._key


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root")
        self.stack: list[Node] = [self.root]  # open block containers, root first
        self.inline: list[tuple[str, str]] = []  # (tag, start tag html)
        self.opaque: list[str] | None = None
        self.opaque_tag: str | None = None
        self.opaque_depth = 0

    @property
    def block(self) -> Node:
        return self.stack[-1]

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
            node = Node(tag, tuple(attrs))
            self.block.children.append(node)
            if tag == "hr":
                return
            self.stack.append(node)
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
        if self.block.tag in siblings and len(self.stack) > 1:
            self.stack.pop()

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
            for depth in range(len(self.stack) - 1, 0, -1):
                if self.stack[depth].tag == tag:
                    del self.stack[depth:]
                    self.inline = []
                    break
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
    _walk(root, (), found)
    return found


def _flush(run: list[Token], chain: tuple[Node, ...], found: list[Leaf]) -> None:
    start, end = 0, len(run)
    while start < end and run[start].kind == "space":
        start += 1
    while end > start and run[end - 1].kind == "space":
        end -= 1
    if start < end:
        found.append(Leaf(chain, run[start:end]))


def _walk(node: Node, chain: tuple[Node, ...], found: list[Leaf]) -> None:
    run: list[Token] = []
    for child in node.children:
        if isinstance(child, Node):
            _flush(run, chain, found)
            run = []
            if child.tag == "hr":
                found.append(Leaf(chain + (child,), [Token("", "html", ())]))
            else:
                _walk(child, chain + (child,), found)
        elif child[0] == "text":
            context = child[2]
            run.extend(Token(piece, "space" if piece.isspace() else "word", context)
                       for piece in TOKEN.findall(child[1]))
        else:
            run.append(Token(child[1], "html", child[2]))
    _flush(run, chain, found)
