"""A privacy policy site must not track its readers: no third-party requests, enforced by the browser.

`with_csp` adds a Content-Security-Policy meta tag as the first element of a page's <head> that limits
every fetch to the site's own origin. Inline scripts are allowed by their sha256 hash only: the theme's
own (`KnownScripts` reads the inline scripts of the theme's templates, Material's `__md_scope…`, palette,
announce…, where a template value becomes a wildcard that cannot leave its string literal), and, given
the page's content (its Markdown rendered), every script that is not in that content: the ones the
templates and other plugins (glightbox) write around it. A `<script>` an author writes into a policy is
in the content and does not run; data blocks (`type="application/json"`) are not executable and need
no hash. The page is parsed, never searched for strings, so no text on the page can switch the policy
off: by a tokenizer of the tags that load or run something (`_Tokens`, used on every page), which reads
exactly what html.parser's `_Reader` reads (the tests compare the two), only several times faster.

`privacy_problems` points at settings that would make readers' browsers contact someone else (Google
Fonts, CDN assets); `third_party` lists what a covered page loads from elsewhere (which the CSP blocks).
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections import Counter
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterable

_EXECUTABLE = {"", "text/javascript", "application/javascript", "module", "text/ecmascript",
               "application/ecmascript"}
_TEMPLATE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
_HOLE = re.compile(r"\{\{.*?\}\}", re.S)
_CSP_START = '<meta http-equiv="Content-Security-Policy" '


class KnownScripts:
    """The inline scripts the theme's templates can emit, as patterns of their exact text."""

    def __init__(self, theme_dirs: Iterable[str | Path] = ()):
        patterns = set()
        for folder in theme_dirs:
            for template in sorted(Path(folder).rglob("*.html")):
                try:
                    source = template.read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError):
                    continue
                for body in _TEMPLATE_SCRIPT.findall(source):
                    if "{%" not in body:
                        patterns.add(_pattern(body))
        self.patterns = [re.compile(p, re.S) for p in sorted(patterns)]

    def allows(self, body: str) -> bool:
        return any(p.fullmatch(body) for p in self.patterns)


def _pattern(body: str) -> str:
    """A script template as a regular expression: each `{{ … }}` stays inside its string literal."""
    parts, last = [], 0
    for hole in _HOLE.finditer(body):
        parts.append(re.escape(body[last:hole.start()]))
        quote = body[hole.start() - 1] if hole.start() else ""
        parts.append(f"[^{re.escape(quote)}\\\\<>\\n]*" if quote in ("'", '"', "`") else r"[\w.$]*")
        last = hole.end()
    parts.append(re.escape(body[last:]))
    return "".join(parts)


class _Reader(HTMLParser):
    """Where <head>'s start tag ends, the inline executable scripts, and what the page loads: html.parser's
    reading, the reference `_Tokens` is tested against (and the fields and `_element` it shares)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.head_end: int | None = None
        self.scripts: list[str] = []
        self.refs: list[str] = []
        self._script: list[str] | None = None
        self._lines = [0]

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._lines[line - 1] + column

    def read(self, html: str) -> "_Reader":
        for match in re.finditer("\n", html):
            self._lines.append(match.end())
        self.feed(html)
        self.close()
        return self

    def handle_starttag(self, tag, attrs):
        if tag == "head" and self.head_end is None:
            self.head_end = self._offset() + len(self.get_starttag_text() or "")
        self._element(tag, attrs)

    def _element(self, tag, attrs):
        """An element's start: a script to read, or resources the page loads."""
        values = {name: value or "" for name, value in attrs}
        if tag == "script":
            kind = values.get("type", "").strip().lower()
            self._script = [] if "src" not in values and kind in _EXECUTABLE else None
        if tag in ("a", "area", "base") or (tag == "link" and set(values.get("rel", "").lower().split())
                                            & {"alternate", "canonical", "author", "license"}):
            return  # links a reader may follow, not resources the page loads
        for name in ("src", "href", "data", "poster"):
            if values.get(name):
                self.refs.append(values[name].strip())
        for candidate in values.get("srcset", "").split(","):
            if candidate.strip():
                self.refs.append(candidate.split()[0])

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append("".join(self._script))
            self._script = None


def iframe_worker_script(shim: str, worker_url: str) -> str | None:
    """The inline script Material's offline shim (iframe-worker) writes into the iframe that runs the search
    worker under file://: built from the shim's own functions and the worker's URL, as the browser will."""
    functions = re.search(r"function c\(s,n\)\{.*?\}(?=function d)", shim), re.search(r"function d\(\.\.\.s\)\{.*?\}(?=var o=)", shim)
    template = re.search(r"document\.write\(`<html><body><script>(.*?)<\\/script>", shim)
    if not all(functions) or template is None:
        return None
    return (template.group(1).replace("${c}", functions[0].group(0)).replace("${d}", functions[1].group(0))
            .replace("${e}", worker_url))


def _hash(body: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(body.encode('utf-8')).digest()).decode()}'"


# Only the elements that can load or run something (or hide text from the tokenizer) are read.
_TAG = re.compile(r"<!--.*?(?:-->|$)|<(/?)(script|head|link|img|iframe|frame|source|video|audio|embed|object|input|"
                  r"track|image|style|textarea|title)(?![\w:-])((?:\s+[^\s=/>]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|"
                  r"[^\s\"'=<>`]+))?|\s*/)*)\s*>", re.S | re.I)
_ATTR = re.compile(r"([^\s=/>]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`]+)))?")
_RAW_TEXT = ("script", "style", "textarea", "title")


class _Tokens(_Reader):
    """The same reading as `_Reader`, by a tokenizer of tags that knows comments, quoted attribute
    values and raw-text elements (a `<script>` in a comment or in a script's text is no script):
    several times faster than html.parser on the long pages of an archive."""

    def read(self, html: str) -> "_Tokens":
        position, size = 0, len(html)
        while position < size:
            match = _TAG.search(html, position)
            if match is None:
                break
            position = match.end()
            if match.group(2) is None:
                continue  # a comment, a doctype or a processing instruction
            name = match.group(2).lower()
            if match.group(1):
                continue  # an end tag
            attrs = [(a.group(1).lower(), unescape(next((v for v in a.group(2, 3, 4) if v is not None), "")))
                     for a in _ATTR.finditer(match.group(3) or "") if a.group(1) != "/"]
            if name == "head" and self.head_end is None:
                self.head_end = match.end()
            self._element(name, attrs)
            if name in _RAW_TEXT:
                end = re.compile(rf"</{name}\s*>", re.I).search(html, position)
                stop = end.start() if end else size
                if name == "script" and self._script is not None:
                    self.scripts.append(html[position:stop])
                self._script = None
                position = end.end() if end else size
        return self


def inspect(html: str) -> _Reader:
    """The page parsed once: where <head> starts, its inline scripts, what it loads."""
    return _Tokens().read(html)


def script_hashes(html: str | _Reader, known: KnownScripts, content: str | None = None,
                  extra: Iterable[str] = ()) -> list[str]:
    """CSP source expressions for the page's inline scripts that the theme wrote, in order of appearance.

    With the page's `content` (its Markdown rendered, what the theme inserts as `page.content`), every other
    inline script of the page is allowed too: the template's and other plugins' (glightbox's init), which
    are not author text. A script of the content never is, and if another plugin changed a content script
    (so that it can no longer be told apart), only the theme's own scripts are allowed on that page."""
    scripts = (html if isinstance(html, _Reader) else inspect(html)).scripts
    authored = Counter(inspect(content).scripts) if content is not None else None
    others = authored is not None and not (authored - Counter(scripts))
    hashes = []
    for body in scripts:
        token = _hash(body)
        if (known.allows(body) or (others and body not in authored)) and token not in hashes:
            hashes.append(token)
    for body in extra:  # scripts the page's own scripts write into frames (the offline search worker)
        if _hash(body) not in hashes:
            hashes.append(_hash(body))
    return hashes


def policy(html: str | _Reader, known: KnownScripts, content: str | None = None, extra: Iterable[str] = ()) -> str:
    scripts = " ".join(["'self'"] + script_hashes(html, known, content, extra))
    return ("default-src 'self'; "
            f"script-src {scripts}; "
            "style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; media-src 'self'; "
            "worker-src 'self' blob:; frame-src 'none'; object-src 'none'; base-uri 'self'; form-action 'self'")


def with_csp(html: str, known: KnownScripts, content: str | None = None, extra: Iterable[str] = (),
             page: _Reader | None = None) -> str:
    """The page with its Content-Security-Policy meta tag as the first element of <head> (once).
    `page`: the page already parsed (`inspect`), so that a build parses each page once."""
    page = page or inspect(html)
    if page.head_end is None or html.startswith(_CSP_START, page.head_end):
        return html
    tag = f'{_CSP_START}content="{policy(page, known, content, extra)}">'
    return html[:page.head_end] + tag + html[page.head_end:]


def third_party(html: str | _Reader) -> list[str]:
    """What the page loads from another origin (its CSP blocks each of these)."""
    page = html if isinstance(html, _Reader) else inspect(html)
    found = []
    for ref in page.refs:
        if re.match(r"(?:[a-z][a-z0-9+.-]*:)?//", ref, re.I) and ref not in found:
            found.append(ref)
    return found


def privacy_problems(config, *, self_hosted: bool = False) -> list[str]:
    """Settings of a MkDocs site that make readers' browsers contact third parties.

    `self_hosted`: Material's privacy plugin downloads those assets at build time, so nothing is said."""
    if self_hosted:
        return []
    problems = []
    theme = config.theme
    if theme.name == "material" and theme.get("font") not in (False, None):
        problems.append("theme.font makes every reader's browser fetch Google Fonts; set 'font: false' under "
                        "'theme' (system fonts) or self-host the fonts with Material's privacy plugin")
    for key in ("extra_css", "extra_javascript"):
        for item in config[key]:
            if re.match(r"(?:https?:)?//", str(item)):
                problems.append(f"{key} loads {item} from another site; copy it into the docs folder instead")
    return problems
