"""`policypress verify SITE_DIR`: anyone with the repository can check a published archive.

For every version a built site lists in its versions.json, the archived page must exist, carry the
same sha256, and show the words of the text the repository holds for that version (Git history or
versions kept on file), whose sha256 must match too. Anything else is reported as a mismatch."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from policypress.materiality.analysis import Analyzer
from policypress.diff.blocks import leaves, parse
from policypress.archive.model import Document
from policypress.diff.redline import norm_words

_TEXT = re.compile(r'<div class="pp-version-text" data-pp-version="([^"]+)" data-pp-sha256="([0-9a-f]{64})">')
_DIV = re.compile(r"<div\b|</div\s*>", re.I)


def _balanced(html: str, start: int) -> str:
    """The content of the <div> whose start tag ends at `start`, nested divs included."""
    depth = 1
    for match in _DIV.finditer(html, start):
        depth += 1 if match.group(0).lower().startswith("<div") else -1
        if depth == 0:
            return html[start:match.start()]
    return html[start:]


@dataclass
class VerifyReport:
    checked: int = 0
    mismatches: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def page_words(html: str) -> tuple[str, str, tuple[str, ...]] | None:
    """(version id, sha256, words) of an archived page, or None if it is not one."""
    match = _TEXT.search(html)
    if not match:
        return None
    body = _balanced(html, match.end())
    text = " ".join(" ".join(t.text for t in leaf.tokens if t.kind != "html") for leaf in leaves(parse(body)))
    return match.group(1), match.group(2), norm_words(text)


def verify(site_dir: Path, documents: list[Document], analyzer: Analyzer, directory_urls: bool = True) -> VerifyReport:
    report = VerifyReport()
    by_slug = {d.slug: d for d in documents}
    manifests = sorted(p for p in site_dir.rglob("versions.json") if "versions" not in p.parent.parts[-1:])
    if not manifests:
        report.mismatches.append(f"{site_dir}: no versions.json found: is this a site built with policypress?")
    for manifest in manifests:
        data = json.loads(manifest.read_text(encoding="utf-8"))
        slug = data.get("document")
        document = by_slug.get(slug)
        if document is None:
            report.mismatches.append(f"{manifest}: document {slug!r} is not in the repository")
            continue
        known = {v.id: v for v in document.versions}
        listed = {entry["id"] for entry in data.get("versions", [])}
        for missing in sorted(set(known) - listed):
            report.notes.append(f"{slug}: version {missing} is in the repository but not on the site (an older build?)")
        for entry in data.get("versions", []):
            report.checked += 1
            vid = entry["id"]
            version = known.get(vid)
            if version is None:
                report.mismatches.append(f"{slug} {vid}: listed by the site, not found in the repository")
                continue
            if entry.get("sha256") != version.sha256:
                report.mismatches.append(f"{slug} {vid}: sha256 on the site {entry.get('sha256')} differs from the "
                                         f"repository's {version.sha256}")
            if entry.get("commit") and version.commit and entry["commit"] != version.commit:
                report.mismatches.append(f"{slug} {vid}: commit on the site {entry['commit']} differs from the "
                                         f"repository's {version.commit}")
            page = site_dir / entry["url"]
            page = page / "index.html" if entry["url"].endswith("/") else page
            if not page.is_file():
                report.mismatches.append(f"{slug} {vid}: archived page {entry['url']} is missing")
                continue
            found = page_words(page.read_text(encoding="utf-8"))
            if found is None:
                report.mismatches.append(f"{slug} {vid}: {entry['url']} is not an archived version page")
                continue
            page_id, page_sha, words = found
            if page_id != vid or page_sha != version.sha256:
                report.mismatches.append(f"{slug} {vid}: the page says version {page_id} with sha256 {page_sha}")
            expected = norm_words(" ".join(
                " ".join(t.text for t in leaf.tokens if t.kind != "html")
                for leaf in leaves(parse(analyzer.renderer(version.body).html))))
            if words != expected:
                where = next((i for i, (a, b) in enumerate(zip(words, expected)) if a != b), min(len(words), len(expected)))
                shown = " ".join(words[max(0, where - 5):where + 5])
                wanted = " ".join(expected[max(0, where - 5):where + 5])
                report.mismatches.append(f"{slug} {vid}: the page's words differ from the text in the repository at "
                                         f"word {where}: page “…{shown}…”, repository “…{wanted}…”")
    return report
