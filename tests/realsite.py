"""A realistic existing Material site (docs pages, a blog, an image, policies under docs/legal/), set up
the way the README tells a site owner, and the checks that say it still works: every internal link and
anchor resolves, every inline script runs under the page's Content-Security-Policy."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import textwrap
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from conftest import Site, policy

# a 1x1 PNG
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")

PRIVACY_V1 = """
## What we collect

We collect your name and e-mail address when you sign up. See the [terms](terms.md) too.

## Who we share it with

We share nothing with anyone.

## Contact

Write to privacy@example.com.
"""
PRIVACY_V2 = PRIVACY_V1.replace("We share nothing with anyone.",
                                "We share your e-mail address with Acme Mail Ltd, which sends our newsletters.")

TERMS = """
## Using the service

Be kind to other users. Read our [privacy policy](privacy.md#what-we-collect).
"""

DOCS = {
    "docs/index.md": """# Acme docs

Welcome. Read the [guide](guide/setup.md), our [privacy policy](legal/privacy.md), every
[version of it](legal/privacy/versions/index.md) and the [blog](blog/index.md).

![Logo](images/logo.png)
""",
    "docs/guide/setup.md": """# Setting up

## Install

Install the thing. Back to the [home page](../index.md#acme-docs).

![Logo](../images/logo.png)
""",
    "docs/blog/index.md": "# Blog\n",
    "docs/blog/posts/hello.md": """---
date: 2026-01-05
categories:
  - News
tags:
  - launch
---

# Hello world

Our first post. We changed our [privacy policy](../../legal/privacy.md).

<!-- more -->

More words.
""",
}

MKDOCS_YML = """\
site_name: Acme
{site_url}docs_dir: docs
site_dir: site
{top}theme:
  name: material
  font: false
  features:
{features}
plugins:
{plugins}
markdown_extensions:
  - toc:
      permalink: true
  - tables
  - attr_list
  - md_in_html
"""


ANNOUNCEMENT = """{% extends "base.html" %}
{% block announce %}Site news: our docs moved.{% endblock %}
"""


def make(root: Path, *, plugins: list[str], features: tuple[str, ...] = (), site_url: str | None = None,
         top: str = "", extra_files: dict[str, str] | None = None, announcement: bool = False) -> Site:
    """The realistic site with `plugins` (YAML list items, e.g. "search", "policypress", "blog"); with
    `announcement`, the site's own announcement in a theme override (overrides/main.html)."""
    site = Site(root)
    (root / "policy").rmdir()
    features = tuple(features) or ("content.code.copy",)
    config = MKDOCS_YML.format(
        site_url=f"site_url: {site_url}\n" if site_url else "", top=top,
        features="\n".join(f"    - {f}" for f in features),
        plugins="\n".join("  - " + textwrap.indent(p.strip("\n"), "    ").lstrip() for p in plugins))
    if announcement:
        config = config.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n")
        (root / "overrides").mkdir()
        (root / "overrides" / "main.html").write_text(ANNOUNCEMENT, encoding="utf-8")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    (root / "docs" / "images").mkdir(parents=True)
    (root / "docs" / "images" / "logo.png").write_bytes(PNG)
    site.commit("Docs and blog", "2025-11-01T10:00:00+00:00", {**DOCS, **(extra_files or {})})
    site.commit("Privacy policy and terms", "2025-12-01T10:00:00+00:00", {
        "docs/legal/privacy.md": policy(effective="2026-01-01", body=PRIVACY_V1),
        "docs/legal/terms.md": policy(title="Terms of Service", effective="2026-01-01", body=TERMS),
    })
    site.commit("Privacy: newsletters via Acme Mail", "2026-05-01T09:00:00+00:00", {
        "docs/legal/privacy.md": policy(effective="2026-06-01", body=PRIVACY_V2, summary="Newsletters via Acme Mail.",
                                        material=["recipients"]),
    })
    return site


# -- checks on the built site ----------------------------------------------------------------------

class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []  # (attribute, value)
        self.scripts: list[str] = []  # inline executable scripts
        self.csp: str | None = None
        self.data: dict[str, str] = {}  # JSON data blocks by id
        self._script = None

    def handle_starttag(self, tag, attrs):
        values = {k: v or "" for k, v in attrs}
        for key in ("id", "name"):
            if values.get(key) and (key == "id" or tag == "a"):
                self.ids.add(values[key])
        if "data-pp-json" in values and values.get("id"):  # policypress's data blocks
            self.data[values["id"]] = values["data-pp-json"]
        if tag == "meta" and values.get("http-equiv", "").lower() == "content-security-policy":
            self.csp = values.get("content")
        for attr in ("href", "src"):
            if values.get(attr) and tag in ("a", "img", "link", "script", "source"):
                if tag == "link" and values.get("rel") in ("preconnect", "dns-prefetch"):
                    continue
                self.links.append((attr, values[attr]))
        if tag == "script" and "src" not in values:
            kind = values.get("type", "").lower()
            self._script = ["js" if kind in ("", "text/javascript", "module") else values.get("id", "data"), []]

    def handle_data(self, data):
        if self._script is not None:
            self._script[1].append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            kind, parts = self._script
            if kind == "js":
                self.scripts.append("".join(parts))
            else:
                self.data[kind] = "".join(parts)
            self._script = None


def _read(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def _hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"


def _target(site_dir: Path, page_path: Path, url: str, base: str) -> tuple[Path | None, str]:
    """The file a link of a page names (None: outside the site), and its fragment."""
    parts = urlsplit(url)
    if parts.scheme in ("mailto", "tel", "data", "javascript"):
        return None, ""
    if parts.scheme or parts.netloc:
        if not base or not url.startswith(base):
            return None, ""
        path = unquote(urlsplit(url).path)[len(urlsplit(base).path):]
        target = site_dir / path
    elif parts.path.startswith("/"):
        sub = urlsplit(base).path if base else "/"
        path = unquote(parts.path)
        if not path.startswith(sub):
            return site_dir / "__outside_the_site__", parts.fragment
        target = site_dir / path[len(sub):]
    elif parts.path:
        target = (page_path.parent / unquote(parts.path))
    else:
        target = page_path
    if target.is_dir():
        target = target / "index.html"
    return target, unquote(parts.fragment)


def problems(site_dir: Path, *, site_url: str | None = None, file_scheme: bool = False) -> list[str]:
    """Broken internal links and anchors, raw .md links, and inline scripts a page's CSP blocks."""
    found: list[str] = []
    pages = {p: _read(p) for p in sorted(site_dir.rglob("*.html"))}
    for path, page in pages.items():
        name = str(path.relative_to(site_dir))
        if page.csp is not None:
            allowed = re.search(r"script-src ([^;]*)", page.csp).group(1).split()
            for body in page.scripts:
                if _hash(body) not in allowed:
                    found.append(f"{name}: inline script blocked by the CSP: {body[:80]!r}")
        for attr, url in page.links:
            if url.startswith("#") and url[1:] and unquote(url[1:]) not in page.ids:
                if url[1:] in ("__comments", "__consent"):  # Material's own
                    continue
                found.append(f"{name}: anchor {url} is not on the page")
                continue
            target, fragment = _target(site_dir, path, url, site_url or "")
            if target is None:
                continue
            if urlsplit(url).path.endswith(".md"):
                found.append(f"{name}: raw Markdown link {url}")
            if file_scheme and (urlsplit(url).path.endswith("/") or urlsplit(url).path == ""):
                if urlsplit(url).path:
                    found.append(f"{name}: folder link {url} opens a directory listing under file://")
            if not target.exists():
                found.append(f"{name}: {attr}={url} -> {target.relative_to(site_dir) if target.is_relative_to(site_dir) else target} missing")
            elif fragment and target.suffix == ".html" and target in pages and fragment not in pages[target].ids:
                found.append(f"{name}: {url}: no #{fragment} there")
        for key in ("pp-compare-data",):
            if key in page.data:
                for version in json.loads(page.data[key])["versions"]:
                    for field in ("blocks", "redline"):
                        if version.get(field):
                            target, _ = _target(site_dir, path, version[field], site_url or "")
                            if target is not None and not target.exists():
                                found.append(f"{name}: {key} {field} {version[field]} missing")
                            if field == "blocks" and target is not None and target.exists():
                                found += _block_links(site_dir, path, target, name)
    return found


def feed_problems(site_dir: Path, *, site_url: str | None = None) -> list[str]:
    """Links of the Atom feeds and the calendar that do not lead to a file of the site."""
    import xml.etree.ElementTree as ET
    found = []
    for feed in sorted(site_dir.rglob("feed.xml")):
        for link in ET.fromstring(feed.read_bytes()).iter("{http://www.w3.org/2005/Atom}link"):
            href = link.get("href")
            target, _ = _target(site_dir, feed, href, site_url or "")
            if target is None or not target.exists():
                found.append(f"{feed.relative_to(site_dir)}: link {href} leads nowhere in the site")
    calendar = site_dir / "effective-dates.ics"
    for url in re.findall(r"^URL:(.*)$", calendar.read_text(encoding="utf-8") if calendar.exists() else "", re.M):
        target, _ = _target(site_dir, calendar, url.strip(), site_url or "")
        if target is None or not target.exists():
            found.append(f"effective-dates.ics: URL {url} leads nowhere in the site")
    return found


def _block_links(site_dir: Path, page_path: Path, blocks: Path, name: str) -> list[str]:
    """Links and images in blocks.json, which the compare page writes into itself."""
    found = []
    data = json.loads(blocks.read_text(encoding="utf-8"))  # policypress.diff.export: pieces as the page writes them
    pieces = [start for context in data["contexts"] for start in context]
    pieces += [text for _, items in data["leaves"] for kind, text, _ in items if kind == 1]
    # the format is read (a text without inline markup has no pieces, but every leaf holds items)
    assert data["leaves"] and all(items for _, items in data["leaves"]) or not data["nodes"], f"{blocks}: no content"
    for piece in pieces:
        for url in re.findall(r'(?:href|src)="([^"]*)"', data["links"].get(piece, piece)):
            target, _ = _target(site_dir, page_path, url, "")
            if target is None:
                continue
            if urlsplit(url).path.endswith(".md"):
                found.append(f"{name}: raw Markdown link {url} in {blocks.name}")
            elif not target.exists():
                found.append(f"{name}: {url} in {blocks.relative_to(site_dir)} missing")
    return found


def policies(site_dir: Path) -> list[str]:
    """The documents that got an archive (a versions.json)."""
    return sorted(str(p.parent.relative_to(site_dir)) for p in site_dir.rglob("versions.json"))
