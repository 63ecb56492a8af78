"""Read rendered HTML as a sequence of leaf blocks, each a list of word tokens with inline context.

A redline of the *rendered* document needs to know which words sit in which paragraph, list item,
table cell or heading, and which inline formatting (links, emphasis, code) wraps each word. This
module turns HTML into exactly that, with the standard library's tolerant parser.
"""

from __future__ import annotations

import re
from html import escape
from html import unescape as _unescape
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

    __slots__ = ("tag", "attrs", "children", "plain_start")

    def __init__(self, tag: str, attrs: tuple[tuple[str, str | None], ...] = (), plain: str | None = None):
        self.tag = tag
        self.attrs = attrs
        self.children: list | tuple = []  # a tuple once the node is closed, for a block of plain text (`_read`)
        self.plain_start: str | None = plain  # the redline's start tag of it, unmarked (`plain_start`)

    def attr(self, name: str) -> str | None:
        for key, value in self.attrs:
            if key == name:
                return value
        return None


def plain_start(tag: str, attrs: tuple[tuple[str, str | None], ...]) -> str:
    """The start tag a redline writes for a container that is not marked, or "" when it has an id (which is
    written only once per redline, so it depends on what came before)."""
    if any(name == "id" for name, _ in attrs):
        return ""
    kept = [(name, value) for name, value in attrs if name != "class"]
    classes = [value or "" for name, value in attrs if name == "class"]
    if classes:
        kept.append(("class", " ".join(c for c in classes if c)))
    return start_tag(tag, tuple(kept))


# A token: (text, kind, context). A word, a run of white space ("space") or an opaque inline element ("html": its
# HTML as text), with the start tags of the inline elements around it, outermost first. A plain tuple, not a named
# one: the garbage collector stops looking at a tuple of strings once it has seen it, never at a named tuple's, and
# a rewritten policy is a million tokens (walked again by every full collection, they made tokenizing superlinear).
Token = tuple  # tuple[str, str, tuple[str, ...]]
TEXT, KIND, CONTEXT = 0, 1, 2


class Leaf:
    """A run of inline content directly inside a block container.

    The content is kept as the parser saw it (text and opaque HTML items, each with its inline
    context); words are tokenized only when the leaf actually changed, because most leaves of two
    versions are equal and tokenizing every one of them is most of a redline's cost."""

    __slots__ = ("chain", "items", "container", "in_list", "_key", "_tokens", "_signature", "_plain")

    def __init__(self, chain: tuple[Node, ...], items: list[tuple[str, str, tuple[str, ...]]],
                 in_list: bool | None = None):
        self.chain = chain  # block containers from the outermost to the innermost
        self.items = items  # ("text" | "html", text or HTML, inline context), edges trimmed of white space
        self.container: Node | None = chain[-1] if chain else None  # the innermost one
        self.in_list = any(node.tag == "li" for node in chain) if in_list is None else in_list
        self._key: tuple[str, str] | None = None
        self._tokens: list[Token] | None = None
        self._signature: tuple | None = None
        self._plain: str | None = None

    @property
    def tokens(self) -> list[Token]:
        if self._tokens is None:
            tokens: list[Token] = []
            for kind, text, context in self.items:
                if kind == "html":
                    tokens.append((text, "html", context))
                else:
                    tokens.extend([(piece, "space" if piece.isspace() else "word", context)
                                   for piece in TOKEN.findall(text)])
            self._tokens = tokens
        return self._tokens

    @property
    def runs(self) -> list[Token]:
        """The content as a few tokens, one per item: enough to write an unchanged leaf back out."""
        return [(text, "html" if kind == "html" else "word", context) for kind, text, context in self.items]

    @property
    def plain(self) -> str:
        if self._plain is None:  # a version's leaves take part in two redlines
            self._plain = "".join(text if kind != "html" else " " for kind, text, _ in self.items).strip()
        return self._plain

    def key(self) -> tuple[str, str]:
        """What must be equal for two leaves to count as unchanged: block type and words."""
        if self._key is None:
            container, items = self.container, self.items
            tag = container.tag if container is not None else ""
            if len(items) == 1 and items[0][0] != "html":
                words = items[0][1]
                if words.isprintable() and "  " not in words and words[:1] != " " and words[-1:] != " ":
                    self._key = (tag, words)  # no white space but single spaces (isprintable: no other kind)
                    return self._key
            else:
                words = " ".join(text if kind != "html" else f"\0{text}\0" for kind, text, _ in items)
            self._key = (tag, " ".join(words.split()))  # runs of white space as one space (what \s+ finds), 4x faster
        return self._key

    def signature(self) -> tuple:
        """Words and their formatting: equal signatures mean nothing a reader sees has changed."""
        if self._signature is None:
            self._signature = tuple((kind, " ".join(text.split()), context)
                                    for kind, text, context in self.items if text.strip() or kind == "html")
        return self._signature


_SIBLINGS = {"li": {"li"}, "p": {"p"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"}, "tr": {"tr"}, "td": {"td", "th"},
             "th": {"td", "th"}}  # what a new one of these closes when it is still open


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root")
        self.stack: list[Node] = [self.root]  # open block containers, root first
        self.inline: list[tuple[str, str]] = []  # (tag, start tag html)
        self.context: tuple[str, ...] = ()  # the start tags of `inline`, as every text of it carries them
        self.opaque: list[str] | None = None
        self.opaque_tag: str | None = None
        self.opaque_depth = 0

    @property
    def block(self) -> Node:
        return self.stack[-1]

    # Inline items are stored in the current block as ("text", str, context) or ("html", str, context).
    def _context(self) -> tuple[str, ...]:
        return self.context

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
        html = start_tag(tag, tuple(attrs))
        self.inline.append((tag, html))
        self.context += (html,)

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCK_TAGS and tag not in VOID_TAGS:
            self.handle_starttag(tag, attrs)
            self.handle_endtag(tag)
        else:
            self.handle_starttag(tag, attrs)

    def _autoclose(self, tag: str) -> None:
        # Tolerate HTML that leaves <p>, <li> or cells open: a new one closes the open sibling.
        if self.block.tag in _SIBLINGS[tag] and len(self.stack) > 1:
            self.stack.pop()

    def _close_inline(self) -> None:
        self.inline, self.context = [], ()

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
                    self.inline, self.context = [], ()
                    break
            return
        for index in range(len(self.inline) - 1, -1, -1):
            if self.inline[index][0] == tag:
                del self.inline[index:]
                self.context = self.context[:index]
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


# What the fast reading of a document understands: start and end tags with plainly written attributes, and
# comments; anything else (a script's or a style's raw text, a declaration, a stray "<") is read by html.parser.
_ATTRS = r"""((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)"""
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)" + _ATTRS + r"\s*(/?)>")
# What `_read` takes in one step: the text up to the next tag, then either a whole block of plain text (most of
# a policy: "<p>We keep…</p>", "<li>…</li>") or one tag (the groups of _TAG).
_PIECE = re.compile(r"([^<]*)(?:(<(p|li|dt|dd|td|th|h[1-6])" + _ATTRS + r"\s*>)([^<]*)</\3>|(" + _TAG.pattern + "))")
_ATTR = re.compile(r"""\s+([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
_RAW_TEXT = re.compile(r"<(?:script|style|textarea|title|xmp|iframe|noembed|noframes|noscript|plaintext)[\s/>]",
                       re.IGNORECASE)


def _attributes(written: str) -> list[tuple[str, str | None]]:
    """A start tag's attributes as html.parser gives them: names lower-cased, values unquoted and unescaped."""
    attrs = []
    for attr in _ATTR.finditer(written):
        value = attr.group(2)
        if value is not None and value[:1] in ("'", '"'):
            value = value[1:-1]
        attrs.append((attr.group(1).lower(), _unescape(value) if value else value))
    return attrs


def _feed(builder: _TreeBuilder, html: str) -> bool:
    """Read a whole document into `builder` as html.parser would (the same calls, in the same order), a few
    times faster: a build reads every version it renders. False, with `builder` half fed, when the
    document has something only html.parser reads right."""
    if _RAW_TEXT.search(html):
        return False
    find, match, unescape = html.find, _TAG.match, _unescape
    data, start, end, startend = builder.handle_data, builder.handle_starttag, builder.handle_endtag, \
        builder.handle_startendtag
    pos = 0
    while True:
        lt = find("<", pos)
        if lt < 0:
            if pos < len(html):
                data(unescape(html[pos:]))
            return True
        if lt > pos:
            data(unescape(html[pos:lt]))
        found = match(html, lt)
        if found is None:
            if not html.startswith("<!--", lt):
                return False
            close = find("-->", lt + 4)
            if close < 0 or "--" in html[lt + 4:close] or html.startswith((">", "->"), lt + 4):
                return False
            pos = close + 3  # a comment: nothing of it is read
            continue
        slash, tag, written, selfclosing = found.groups()
        tag = tag.lower()
        if slash:
            if written or selfclosing:
                return False
            end(tag)
        else:
            attrs = _attributes(written) if written else []
            builder._HTMLParser__starttag_text = found.group(0)  # what get_starttag_text() returns
            (startend if selfclosing else start)(tag, attrs)
        pos = found.end()


def parse(html: str) -> Node:
    builder = _TreeBuilder()
    if not _feed(builder, html):
        builder = _TreeBuilder()
        builder.feed(html)
        builder.close()
    return builder.root


_AUTOCLOSING = frozenset(("p", "li", "dt", "dd", "tr", "td", "th"))
_START_TAGS: dict[str, tuple] = {}  # a start tag as written -> (name, attributes, what a text's context holds)


def _start(written: str, tag: str, attributes: str) -> tuple:
    """A start tag's name, attributes, rewritten form and `plain_start`, as `_feed` reads them; remembered per tag
    as written, since a document's tags are a few hundred copies of a few dozen."""
    tag, attrs = tag.lower(), tuple(_attributes(attributes) if attributes else ())
    if len(_START_TAGS) > 20_000:  # links differ from site to site: never an unbounded memo
        _START_TAGS.clear()
    known = _START_TAGS[written] = (tag, attrs, start_tag(tag, attrs), plain_start(tag, attrs))
    return known


class Blocks(list):
    """A document's leaves, with what a redline reads of every one of them (keys, plain texts, elements) made once:
    a build compares each version with the one before it and with the one after. Not to be changed once read."""

    __slots__ = ("_keys", "_plains", "_tags")

    def __init__(self, found=()):
        super().__init__(found)
        self._keys: list[tuple[str, str]] | None = None
        self._plains: list[str] | None = None
        self._tags: list[str] | None = None

    def keys(self) -> list[tuple[str, str]]:
        if self._keys is None:
            self._keys = [leaf.key() for leaf in self]
        return self._keys

    def plains(self) -> list[str]:
        if self._plains is None:
            self._plains = [leaf.plain for leaf in self]
        return self._plains

    def tags(self) -> list[str]:
        if self._tags is None:
            self._tags = [leaf.container.tag if leaf.container is not None else "" for leaf in self]
        return self._tags


def read(html: str) -> Blocks:
    """The leaf blocks of a rendered document: what `leaves(parse(html))` gives, in one pass over our own
    HTML (no tree built first and walked after, no handler call per tag); anything that pass does not know
    (see `_feed`, and opaque elements) is read by the tree builder."""
    found = _read(html)
    return Blocks(found if found is not None else leaves(parse(html)))


def _read(html: str) -> list[Leaf] | None:
    """`_feed` with `_TreeBuilder`'s handlers written in, and `_walk`'s leaves made as their containers close:
    the same containers, items and leaves in the same order. None where either would need html.parser."""
    if _RAW_TEXT.search(html):
        return None
    find, match, unescape, flush, known = html.find, _PIECE.match, _unescape, _flush, _START_TAGS
    blocks, void, siblings = BLOCK_TAGS, VOID_TAGS, _SIBLINGS
    root = Node("#root")
    stack: list[Node] = [root]  # open block containers
    chain: tuple[Node, ...] = ()  # the same without the root: the chain of a leaf made in the innermost one
    lists = 0  # how many of them are list items
    children = root.children  # the innermost one's children
    run: list = []  # its inline items since its last child container (white space first left out: trimmed anyway)
    names: list[str] = []  # open inline elements, outermost first
    context: tuple[str, ...] = ()  # their start tags
    found: list[Leaf] = []
    pos = 0
    while True:
        piece = match(html, pos)  # the text up to the next tag, and the tag
        if piece is None:  # no tag at the next "<": a comment, something only html.parser reads, or the end
            lt = find("<", pos)
            if lt < 0:
                if pos < len(html):
                    item = ("text", unescape(html[pos:]), context)
                    children.append(item)
                    if run or not item[1].isspace():
                        run.append(item)
                break
            if lt > pos:
                item = ("text", unescape(html[pos:lt]), context)
                children.append(item)
                if run or not item[1].isspace():
                    run.append(item)
            if not html.startswith("<!--", lt):
                return None
            close = find("-->", lt + 4)
            if close < 0 or "--" in html[lt + 4:close] or html.startswith((">", "->"), lt + 4):
                return None
            pos = close + 3
            continue
        text, simple, tag, attributes, inside, written, slash, name, written_attributes, selfclosing = piece.groups()
        if text:
            item = ("text", unescape(text) if "&" in text else text, context)
            children.append(item)
            if run or not text.isspace():
                run.append(item)
        pos = piece.end()
        if simple:  # a block of plain text: its start tag, its text and its end tag at once
            start = known.get(simple) or _start(simple, tag, attributes)
        else:
            tag, attributes = name, written_attributes
            if slash:  # an end tag
                if attributes or selfclosing:
                    return None
                tag = tag.lower()
            else:
                start = known.get(written) or _start(written, tag, attributes)
        if not slash:
            tag = start[0]
            if tag in blocks:
                names, context = [], ()
                if run:
                    flush(run, chain, found, lists > 0)
                    run = []
                if tag in _AUTOCLOSING and stack[-1].tag in siblings[tag] and len(stack) > 1:
                    if stack.pop().tag == "li":
                        lists -= 1
                    chain = chain[:-1]
                    children = stack[-1].children
                node = Node(tag, start[1], start[3])
                children.append(node)
                if simple:
                    if inside:
                        text = unescape(inside) if "&" in inside else inside
                        item = ("text", text, ())
                        node.children = (item,)  # closed already: nothing is added to it (and a tuple is not a
                        # long-lived object for the garbage collector to walk, as a list is)
                        if text and not text.isspace():  # a leaf, as `_flush` makes it, with its plain text and key
                            stripped = text.strip()
                            if stripped != text:
                                text, item = stripped, ("text", stripped, ())
                            leaf = Leaf(chain + (node,), [item], lists > 0 or tag == "li")
                            leaf._plain = text
                            if text.isprintable() and "  " not in text:
                                leaf._key = (tag, text)
                            found.append(leaf)
                    continue
                if tag == "hr":
                    found.append(Leaf(chain + (node,), [("html", "", ())], lists > 0))
                    continue
                stack.append(node)
                chain += (node,)
                if tag == "li":
                    lists += 1
                children = node.children
                if not selfclosing:
                    continue
                # <p/> and the like: opened and closed at once, as html.parser reports them
            elif tag in OPAQUE_TAGS:
                return None
            elif tag in void:
                item = ("html", start[2], context)
                children.append(item)
                run.append(item)
                continue
            else:
                names.append(tag)
                context += (start[2],)
                continue
        if tag in blocks:
            for depth in range(len(stack) - 1, 0, -1):
                if stack[depth].tag == tag:
                    if run:
                        flush(run, chain, found, lists > 0)
                        run = []
                    for node in stack[depth:]:
                        if node.tag == "li":
                            lists -= 1
                    del stack[depth:]
                    chain = chain[:depth - 1]
                    children = stack[-1].children
                    names, context = [], ()
                    break
        else:
            for index in range(len(names) - 1, -1, -1):
                if names[index] == tag:
                    del names[index:]
                    context = context[:index]
                    break
    if run:
        flush(run, chain, found, lists > 0)
    return found


def tokenize(text: str, context: tuple[str, ...]) -> list[Token]:
    return [(piece, "space" if piece.isspace() else "word", context) for piece in TOKEN.findall(text)]


def leaves(root: Node) -> list[Leaf]:
    """Every leaf block in document order."""
    found: list[Leaf] = []
    _walk(root, (), found)
    return found


def _flush(run: list, chain: tuple[Node, ...], found: list[Leaf], in_list: bool | None = None) -> None:
    """Close a run of inline items as a leaf: merge neighbouring texts, trim white space at the edges."""
    if len(run) < 2:
        if run:  # most runs: one text, or one piece of HTML
            kind, text, context = run[0]
            if kind != "text":
                found.append(Leaf(chain, [run[0]], in_list))
            elif not text.isspace() and text:
                found.append(Leaf(chain, [("text", text.strip(), context)], in_list))
        return
    items: list[tuple[str, str, tuple[str, ...]]] = []
    for kind, text, context in run:
        if kind == "text" and items and items[-1][0] == "text" and items[-1][2] == context:
            items[-1] = ("text", items[-1][1] + text, context)
        else:
            items.append((kind, text, context))
    while items and items[0][0] == "text" and not items[0][1].strip():
        items.pop(0)
    while items and items[-1][0] == "text" and not items[-1][1].strip():
        items.pop()
    if not items or not any(kind == "html" or text.strip() for kind, text, _ in items):
        return
    if items[0][0] == "text":
        items[0] = ("text", items[0][1].lstrip(), items[0][2])
    if items[-1][0] == "text":
        items[-1] = ("text", items[-1][1].rstrip(), items[-1][2])
    found.append(Leaf(chain, items, in_list))


CELLS = ("td", "th")  # the containers of a table's cells


def _text(node: Node) -> str:
    """A container's text, nested containers included, white space collapsed (as `Leaf.plain` reads a leaf)."""
    parts = [(_text(child) if isinstance(child, Node) else child[1] if child[0] == "text" else " ")
             for child in node.children]
    return " ".join("".join(parts).split())


def row_text(leaf: Leaf | None) -> str:
    """A table cell's whole row, each cell under its column's heading ("Location — Ireland"): a cell
    alone ("24 months") does not say what it is about, its row and header do."""
    if leaf is None:
        return ""
    chain = leaf.chain
    rows = [i for i, node in enumerate(chain) if node.tag == "tr"]
    tables = [i for i, node in enumerate(chain) if node.tag == "table"]
    if not rows or not tables or tables[-1] > rows[-1]:
        return ""
    row, table = chain[rows[-1]], chain[tables[-1]]
    header: list[str] = []
    for part in table.children:
        if isinstance(part, Node):
            trs = [part] if part.tag == "tr" else [n for n in part.children if isinstance(n, Node) and n.tag == "tr"]
            first = next(iter(trs), None)
            if first is not None and any(isinstance(c, Node) and c.tag == "th" for c in first.children):
                header = [_text(c) for c in first.children if isinstance(c, Node) and c.tag in CELLS]
            break
    cells = [_text(c) for c in row.children if isinstance(c, Node) and c.tag in CELLS]
    if header and cells == header:
        return ""
    header = [h.rstrip("?.!:; ") for h in header]
    return " · ".join(f"{header[i]} — {cell.rstrip('.')}" if i < len(header) and header[i] else cell.rstrip(".")
                      for i, cell in enumerate(cells)) + "."


def _walk(node: Node, chain: tuple[Node, ...], found: list[Leaf]) -> None:
    run: list = []
    for child in node.children:
        if isinstance(child, Node):
            _flush(run, chain, found)
            run = []
            if child.tag == "hr":
                found.append(Leaf(chain + (child,), [("html", "", ())]))
            else:
                _walk(child, chain + (child,), found)
        else:
            run.append(child)
    _flush(run, chain, found)
