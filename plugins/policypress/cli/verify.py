"""`policypress verify SITE_DIR`: anyone with the repository can check a published archive.

Every fact the site publishes is recomputed from the repository (Git history and versions kept on
file, never the build's cache) and compared with what the site shows:

- every document has its versions.json, listing every version, each with the id, dates, revision flag,
  commit, sha256, summary and addresses the repository gives (a `url` pointing elsewhere is reported);
- each archived page, at its permanent address, shows exactly the rendered text of its version
  (words, punctuation, link targets and attributes, so a hidden or added paragraph is seen) inside
  policypress's own notice, with nothing else on the page but the title;
- each redline shows the redline of its two versions, with the same counts;
- the live page shows the text of the version it says is in force, which versions.json names;
- no page runs a script other than the theme's own and the site's configured ones.

Pages are compared as parsed HTML (html.parser): white space and minification (`mkdocs-minify-plugin`)
do not matter, anything a reader sees or follows does. Each mismatch is reported with its page."""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from policypress.archive.model import Document, Version
from policypress.archive.urls import SiteUrls, path_of
from policypress.materiality.analysis import Analyzer
from policypress.site.fragments import Fragments
from policypress.site.payload import versions_payload
from policypress.site.privacy import KnownScripts

FACTS = ("id", "effective", "published", "revision", "commit", "sha256", "url", "diff_url", "summary")
_URL_ATTRS = ("href", "src")
_THEME_CHROME = ("md-content__button", "md-source-file")  # what Material may add around a page's content


@dataclass
class VerifyReport:
    checked: int = 0
    mismatches: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class _Tree(HTMLParser):
    """A page as a tree of (tag, attrs, children) with text, plus its scripts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root: list = ["#root", {}, []]
        self.stack = [self.root]
        self.scripts: list[tuple[dict, str]] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        node = [tag, {k: v or "" for k, v in attrs}, []]
        self.stack[-1][2].append(node)
        if tag == "script":
            self._script, self._script_attrs = [], node[1]
        if tag not in _VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script_attrs, "".join(self._script)))
            self._script = None
        for index in range(len(self.stack) - 1, 0, -1):  # optional end tags (minified HTML) close implicitly
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)
        self.stack[-1][2].append(data)


_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


def _tree(html: str) -> _Tree:
    tree = _Tree()
    tree.feed(html)
    tree.close()
    return tree


def _find(node, test) -> list | None:
    if isinstance(node, list):
        if test(node):
            return node
        for child in node[2]:
            found = _find(child, test)
            if found is not None:
                return found
    return None


def _has_class(name: str):
    return lambda node: name in node[1].get("class", "").split()


def _stream(nodes, resolve) -> list[str]:
    """The canonical form of some HTML: each start tag with its attributes (link targets resolved to
    site paths), and the words of the text; white space and end tags do not count."""
    out: list[str] = []

    def walk(node):
        if isinstance(node, str):
            out.extend(node.split())
            return
        tag, attrs, children = node
        shown = []
        for name in sorted(attrs):
            value = " ".join(attrs[name].split())
            if name in _URL_ATTRS:
                value = resolve(value)
            shown.append(f"{name}={value}")
        out.append(f"<{tag} {' '.join(shown)}>".replace(" >", ">"))
        for child in children:
            walk(child)

    for node in nodes:
        walk(node)
    return out


def _differ(where: str, found: list[str], wanted: list[str]) -> str | None:
    if found == wanted:
        return None
    at = next((i for i, (a, b) in enumerate(zip(found, wanted)) if a != b), min(len(found), len(wanted)))
    return (f"{where}: differs from the repository at item {at}: page “…{' '.join(found[max(0, at - 4):at + 4])}…”, "
            f"repository “…{' '.join(wanted[max(0, at - 4):at + 4])}…”")


class _Site:
    """What verify knows of the site: its folder, addresses and the documents' source folders."""

    def __init__(self, site_dir: Path, urls: SiteUrls, documents: list[Document]):
        self.dir, self.urls = site_dir, urls
        self.sources = {d.path: d for d in documents}

    def page_path(self, url: str) -> Path:
        path = self.dir / path_of(url)
        return path / "index.html" if url.endswith("/") or not url else path

    def md_url(self, source: str) -> str:
        """The URL MkDocs gives a Markdown file of the docs folder."""
        stem = source[:-3]
        if not self.urls.directory_urls:
            return stem + ".html"
        if posixpath.basename(stem) in ("index", "README"):
            stem = posixpath.dirname(stem)
        return stem + "/" if stem else ""

    def resolver(self, base: str, *, source: str | None = None):
        """Link targets as site paths: relative to the page URL `base`, or to the Markdown file `source`."""
        def resolve(href: str) -> str:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith("#") or not href:
                return href
            path = unquote(parts.path)
            if source is not None:
                target = posixpath.normpath(posixpath.join(posixpath.dirname(source), path))
                if target.endswith(".md"):
                    target = self.md_url(target)
            else:
                folder = base if base.endswith("/") or not base else posixpath.dirname(base) + "/"
                target = posixpath.normpath(posixpath.join(unquote(folder), path)) + ("/" if path.endswith("/") else "")
            target = target.lstrip("./") if target.startswith("./") else target
            return "/" + target.replace("//", "/").lstrip("/") + (f"#{parts.fragment}" if parts.fragment else "")
        return resolve


def verify(site_dir: Path, documents: list[Document], analyzer: Analyzer, directory_urls: bool = True,
           theme_dirs: list[str] = (), extra_javascript: list[str] = ()) -> VerifyReport:
    report = VerifyReport()
    urls = SiteUrls(directory_urls)
    site = _Site(site_dir, urls, documents)
    known = KnownScripts(theme_dirs)
    allowed_src = {str(s).lstrip("/") for s in extra_javascript}

    def scripts_of(name: str, tree: _Tree, url: str) -> None:
        resolve = site.resolver(url)
        for attrs, body in tree.scripts:
            kind = attrs.get("type", "").strip().lower()
            if "src" in attrs:
                src = resolve(attrs["src"])
                local = src.startswith("/") and (src.lstrip("/") in allowed_src or src.startswith("/assets/policypress/")
                                                 or any((Path(d) / src.lstrip("/")).is_file() for d in theme_dirs))
                if not local:
                    report.mismatches.append(f"{name}: loads a script that is not the site's own: {attrs['src']}")
            elif kind in ("", "text/javascript", "application/javascript", "module") and not known.allows(body):
                report.mismatches.append(f"{name}: runs an inline script the theme did not write: {body.strip()[:60]!r}")

    def read_page(name: str, url: str) -> _Tree | None:
        path = site.page_path(url)
        if not path.is_file():
            report.mismatches.append(f"{name}: page {url} is missing")
            return None
        try:
            tree = _tree(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, OSError) as exc:
            report.mismatches.append(f"{name}: page {url} cannot be read ({exc})")
            return None
        scripts_of(name, tree, url)
        return tree

    def content_of(tree: _Tree, first) -> list | None:
        """The children of the element that holds the page's content (Material's <article>)."""
        holder = _find(tree.root, lambda n: any(isinstance(c, list) and first(c) for c in n[2]))
        if holder is None:
            return None
        return [c for c in holder[2] if not (isinstance(c, list) and any(
            k in c[1].get("class", "").split() for k in _THEME_CHROME))]

    for document in documents:
        if not document.versions:
            continue
        slug = document.slug
        manifest_url = urls.versions_json(slug)
        manifest = site_dir / path_of(manifest_url)
        if not manifest.is_file():
            report.mismatches.append(f"{slug}: {manifest_url} is missing")
            data = None
        else:
            try:
                data = json.loads(manifest.read_text(encoding="utf-8"))
                if not isinstance(data, dict) or not isinstance(data.get("versions"), list) or not all(
                        isinstance(e, dict) and isinstance(e.get("id"), str) for e in data["versions"]):
                    raise ValueError("expected an object whose 'versions' are objects with an 'id'")
            except (ValueError, UnicodeDecodeError) as exc:
                report.mismatches.append(f"{manifest_url}: not a valid versions.json ({' '.join(str(exc).split())})")
                data = None
        expected = versions_payload(document, urls, dt.date.today())
        if data is not None:
            for name in ("document", "title", "withdrawn"):
                if data.get(name) != expected[name]:
                    report.mismatches.append(f"{manifest_url}: {name} is {data.get(name)!r}, the repository says "
                                             f"{expected[name]!r}")
            listed = {e["id"]: e for e in data["versions"]}
            for entry in expected["versions"]:
                found = listed.get(entry["id"])
                if found is None:
                    report.mismatches.append(f"{manifest_url}: version {entry['id']} of the repository is not listed")
                    continue
                for name in FACTS:
                    if found.get(name) != entry[name]:
                        report.mismatches.append(f"{manifest_url} {entry['id']}: {name} is {found.get(name)!r}, "
                                                 f"the repository says {entry[name]!r}")
            for vid in sorted(set(listed) - {v.id for v in document.versions}):
                report.mismatches.append(f"{manifest_url}: lists version {vid}, which the repository does not have")
            if data.get("current") is not None and data.get("current") not in listed:
                report.mismatches.append(f"{manifest_url}: current version {data.get('current')!r} is not listed")
        for version in document.versions:
            report.checked += 1
            _check_version(report, site, analyzer, document, version, read_page, content_of)
        _check_live(report, site, analyzer, document, data, read_page, content_of)
    return report


def _check_version(report, site: _Site, analyzer: Analyzer, document: Document, version: Version,
                   read_page, content_of) -> None:
    urls, slug = site.urls, document.slug
    url = urls.version(slug, version.id)
    name = f"{slug} {version.id} ({url})"
    tree = read_page(name, url)
    if tree is None:
        return
    text = _find(tree.root, _has_class("pp-version-text"))
    if text is None:
        report.mismatches.append(f"{name}: not an archived version page")
        return
    if text[1].get("data-pp-version") != version.id or text[1].get("data-pp-sha256") != version.sha256:
        report.mismatches.append(f"{name}: the page says version {text[1].get('data-pp-version')} with sha256 "
                                 f"{text[1].get('data-pp-sha256')}")
    source = version.path or document.path
    body = _tree(analyzer.renderer(version.body).html).root[2]
    problem = _differ(name, _stream(text[2], site.resolver(url)), _stream(body, site.resolver(url, source=source)))
    if problem:
        report.mismatches.append(problem)
    children = content_of(tree, _has_class("pp-version-text"))
    outside = [c for c in (children or []) if not (isinstance(c, list) and (_has_class("pp-version-text")(c)))]
    found = _stream(outside, site.resolver(url))
    title = f"{document.title} (version {version.id})"
    if found[:1] == ["<h1>"]:
        heading = found[1:1 + len(title.split())]
        if heading != title.split():
            report.mismatches.append(f"{name}: the page's title is “{' '.join(heading)}”, not “{title}”")
        found = found[1 + len(title.split()):]
    wanted = [_stream(_tree(Fragments(urls, today).archived_notice(document, version, url)).root[2],
                      site.resolver(url)) for today in _todays(version)]
    if found not in wanted:
        report.mismatches.append(_differ(f"{name}: outside the text", found, wanted[0]) or
                                 f"{name}: the page around the text is not policypress's notice")
    previous = document.previous(version)
    if previous is not None:
        _check_redline(report, site, analyzer, document, previous, version, read_page)


def _todays(version: Version) -> list[dt.date]:
    """Build days that give each state of an archived page's notice (in force, upcoming, archived)."""
    day = version.effective
    return [day, day - dt.timedelta(days=1), dt.date(9999, 12, 31)]


def _check_redline(report, site: _Site, analyzer: Analyzer, document: Document, old: Version, new: Version,
                   read_page) -> None:
    url = site.urls.change(document.slug, new.id)
    name = f"{document.slug} redline {new.id} ({url})"
    tree = read_page(name, url)
    if tree is None:
        return
    shown = _find(tree.root, _has_class("pp-redline"))
    summary = _find(tree.root, _has_class("pp-redline-summary"))
    if shown is None or summary is None:
        report.mismatches.append(f"{name}: not a redline page")
        return
    result = analyzer.redline(old, new)
    if (summary[1].get("data-pp-old"), summary[1].get("data-pp-new")) != (old.id, new.id):
        report.mismatches.append(f"{name}: says it compares {summary[1].get('data-pp-old')} with "
                                 f"{summary[1].get('data-pp-new')}")
    source = new.path or document.path
    problem = _differ(name, _stream(shown[2], site.resolver(url)),
                      _stream(_tree(result.html).root[2], site.resolver(url, source=source)))
    if problem:
        report.mismatches.append(problem)
    for stat, value in (("changes", len(result.changes)), ("words-added", result.words_added),
                        ("words-removed", result.words_removed), ("sections-changed", result.sections_changed)):
        node = _find(summary, lambda n, s=stat: n[1].get("data-pp-stat") == s)
        if node is None or _stream(node[2], str) != [str(value)]:
            report.mismatches.append(f"{name}: {stat} is {node and ' '.join(_stream(node[2], str))}, the repository "
                                     f"says {value}")


def _check_live(report, site: _Site, analyzer: Analyzer, document: Document, data: dict | None, read_page,
                content_of) -> None:
    """The document's own page shows the text of the version in force, as versions.json says."""
    if document.withdrawn:
        return
    url = site.urls.document(document.slug)
    name = f"{document.slug} live page ({url})"
    tree = read_page(name, url)
    if tree is None:
        return
    header = _find(tree.root, _has_class("pp-header"))
    children = content_of(tree, _has_class("pp-header"))
    if header is None or children is None:
        report.mismatches.append(f"{name}: has no policypress header")
        return
    prefix = site.resolver(url)
    links = [prefix(n[1].get("href", "")) for n in _walk(header) if n[0] == "a"]
    ids = {v.id for v in document.versions}
    claimed = [link.split("/")[-2] for link in links
               if re.fullmatch(r"/.*/versions/[^/]+/", link) and link.split("/")[-2] in ids]
    if not claimed:
        return  # no version in force yet, or a draft preview: nothing is claimed
    version = document.get(claimed[0])
    current = data.get("current") if data else None
    if data is not None and current is not None and current != version.id and version.id != data.get("upcoming"):
        report.mismatches.append(f"{name}: shows version {version.id}, versions.json says {current} is in force")
    body = children[children.index(header) + 1:]
    while body and (isinstance(body[0], str) and not body[0].strip()
                    or isinstance(body[0], list) and "pp-notice" in body[0][1].get("class", "").split()):
        body = body[1:]  # the change notices that follow the header (upcoming and recent changes)
    wanted = _stream(_tree(analyzer.renderer(version.body).html).root[2],
                     site.resolver(url, source=version.path or document.path))
    found = _stream(body, prefix)
    problem = _differ(f"{name}, version {version.id}", _without_heading_links(found), _without_heading_links(wanted))
    if problem:
        report.mismatches.append(problem)


def _walk(node):
    if isinstance(node, list):
        yield node
        for child in node[2]:
            yield from _walk(child)


def _without_heading_links(stream: list[str]) -> list[str]:
    """MkDocs links a page's own heading anchors against the page itself; the targets are the same."""
    return [re.sub(r"href=/[^ >]*#", "href=#", item) for item in stream]
