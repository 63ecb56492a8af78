"""HTML fragments for the archive's pages: headers, notices, the version index and redlines.

Templates live in `templates/` and are rendered with autoescaping on, so whatever an author writes in
a summary, a title or a commit subject is shown as text, never interpreted as markup. The fragments are
engine-independent: the MkDocs adapter places them into pages, another engine could do the same.
"""

from __future__ import annotations

from html import escape

import datetime as dt
import json
from collections import Counter
from pathlib import Path

import jinja2
from markupsafe import Markup

from policypress.archive.dates import human_date
from policypress.archive.model import Document, Version
from policypress.diff.redline import Redline
from policypress.materiality.review import Review
from policypress.archive.urls import SiteUrls, relative

_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(Path(__file__).parent / "templates")),
    autoescape=True,
    trim_blocks=False,
    keep_trailing_newline=True,
    undefined=jinja2.StrictUndefined,
)


def in_force_periods(document: Document) -> list[dict]:
    """When each version applied: by effective date; a later publication with the same date wins."""
    by_date: dict[dt.date, Version] = {}
    for version in document.versions:
        by_date[version.effective] = version
    starts = sorted(by_date)
    periods = []
    for index, start in enumerate(starts):
        end = starts[index + 1] - dt.timedelta(days=1) if index + 1 < len(starts) else None
        periods.append({"start": start, "end": end, "version": by_date[start]})
    return periods


_ENV.filters["human_date"] = human_date
_CSS_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,.:;()-_")


def css_string(value) -> Markup:
    """Author text as a CSS string literal (a print header's `content:`): every other character
    hex-escaped, so no quote, backslash or `</style>` can end the string or the element."""
    return Markup('"' + "".join(c if c in _CSS_SAFE else f"\\{ord(c):x} " for c in str(value)) + '"')


_ENV.filters["css_string"] = css_string

META_FIELDS = ("title", "effective", "summary")


def _show(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return str(value)


# Words for the front-matter keys a reader meets in "Metadata changed" (other keys are shown by name).
META_LABELS = {"title": "title", "effective": "effective date", "summary": "summary", "material": "declared criteria",
               "not_material": "criteria declared not material", "revision": "revision note", "type": "document type",
               "consent": "consent"}


def _words(value) -> str:
    """A front-matter value as a reader says it: lists as "a, b", keys of criteria in words, nothing as "none"."""
    if value is None or value == "" or value == [] or value == {}:
        return "none"
    if isinstance(value, list):  # criteria ids and the like: "user-rights" is read "user rights"
        return ", ".join(item.replace("-", " ") if isinstance(item, str) else _words(item) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{_words(k)}: {_words(v)}" for k, v in sorted(value.items(), key=lambda kv: str(kv[0])))
    if isinstance(value, dt.date):
        return human_date(value)
    return str(value)


def metadata_changes(old: Version, new: Version) -> list[tuple[str, str]]:
    """Front-matter keys whose value changed (title, effective date and summary first), each said in
    words: "summary rewritten", "declared criteria: recipients → user rights, responsible contact"."""
    keys = [k for k in META_FIELDS]
    keys += sorted((set(old.meta) | set(new.meta)) - set(META_FIELDS))
    changes = []
    for key in keys:
        before = old.effective if key == "effective" else old.meta.get(key)
        after = new.effective if key == "effective" else new.meta.get(key)
        if _show(before) == _show(after):
            continue
        label = META_LABELS.get(key, str(key))
        if key == "summary":
            text = "added" if not before else ("removed" if not after else "rewritten (the new summary is above)")
        elif key == "revision":
            text = f"“{after}”" if after else "removed"
        else:
            text = f"{_words(before)} → {_words(after)}"
        changes.append((label, text))
    return changes


class Fragments:
    """Renders the fragments of one document, with links relative to the page that shows them."""

    def __init__(self, urls: SiteUrls, today: dt.date, criteria: tuple = ()):
        self.urls = urls
        self.today = today
        self.criteria = {c.id: c for c in criteria}

    def _render(self, name: str, **context) -> str:
        return _ENV.get_template(name).render(**context)

    def current_header(self, document: Document, shown: Version | None, page_url: str,
                       notices: list | None = None, feed: bool = False) -> str:
        urls, slug = self.urls, document.slug
        is_draft = shown is not None and shown.id == "draft"
        upcoming = None if is_draft else document.upcoming(self.today)
        rel = lambda target: relative(page_url, target)  # noqa: E731
        change_url = None
        if shown is not None and not is_draft and document.previous(shown) is not None:
            change_url = rel(urls.change(slug, shown.id))
        return self._render(
            "current_header.html",
            document=document, shown=shown, shown_is_draft=is_draft, today=self.today,
            shown_url=rel(urls.version(slug, shown.id)) if shown is not None and not is_draft else None,
            upcoming=upcoming,
            upcoming_url=rel(urls.version(slug, upcoming.id)) if upcoming else None,
            index_url=rel(urls.versions_index(slug)), json_url=rel(urls.versions_json(slug)),
            in_force_url=rel(urls.in_force(slug)), feed_url=rel(urls.feed(slug)) if feed else None,
            compare_url=rel(urls.compare(slug)) if len(document.versions) > 1 else None,
            change_url=change_url,
            notices=[Markup(self.notice(n, page_url)) for n in (notices or [])],
        )

    def notice(self, notice, page_url: str) -> str:
        """The special notice that explains the specific changes of one version."""
        rel = lambda target: relative(page_url, target)  # noqa: E731
        slug = notice.document.slug
        return self._render("notice.html", n=notice, criteria=self.criteria,
                            change_url=rel(self.urls.change(slug, notice.version.id)),
                            text_url=rel(self.urls.version(slug, notice.version.id)))

    def banner(self, notices: list, page_url: str) -> str:
        if not notices:
            return ""
        return self._render("banner.html", notices=notices, urls=self.urls,
                            rel=lambda target: relative(page_url, target))

    def compare(self, document: Document, page_url: str) -> str:
        rel = lambda target: relative(page_url, target)  # noqa: E731
        urls, slug = self.urls, document.slug
        data = {"document": slug, "title": document.title, "versions": [
            {"id": v.id, "effective": v.effective.isoformat(), "effective_label": human_date(v.effective),
             "blocks": rel(urls.blocks_json(slug, v.id)),
             "redline": rel(urls.change(slug, v.id)) if document.previous(v) else None,
             "previous": document.previous(v).id if document.previous(v) else None}
            for v in document.versions]}
        return self._render("compare.html", document=document, versions=document.versions, data=data,
                            index_url=rel(urls.versions_index(slug)))

    def in_force(self, document: Document, page_url: str) -> str:
        rel = lambda target: relative(page_url, target)  # noqa: E731
        periods = in_force_periods(document)
        for period in periods:
            period["url"] = rel(self.urls.version(document.slug, period["version"].id))
            period["upcoming"] = period["start"] > self.today
        data = {"document": document.slug, "versions": [
            {"id": p["version"].id, "effective": p["start"].isoformat(), "url": p["url"]} for p in periods]}
        return self._render("in_force.html", document=document, periods=periods, data=data)

    def moved(self, page_url: str, target: str) -> str:
        """The page left at an address a renamed document used to have: a link to where it is now."""
        href = escape(relative(page_url, target))
        return (f'<div class="admonition info pp-moved"><p>This page has moved to '
                f'<a href="{href}">its new address</a>.</p></div>')

    def archived_notice(self, document: Document, version: Version, page_url: str) -> str:
        urls, slug = self.urls, document.slug
        rel = lambda target: relative(page_url, target)  # noqa: E731
        previous, following = document.previous(version), document.next(version)
        current = document.current(self.today)
        period = next((p for p in in_force_periods(document) if p["version"] is version), None)
        replaced_by = next((p["version"] for p in in_force_periods(document) if p["start"] == version.effective), None)
        return self._render(
            "archived_notice.html",
            document=document, version=version, period=period, replaced_by=replaced_by, today=self.today,
            is_past=period is not None and period["end"] is not None and period["end"] < self.today,
            is_current=current is version,
            is_upcoming=version.effective > self.today and document.upcoming(self.today) is version,
            current_url=rel(urls.document(slug)), index_url=rel(urls.versions_index(slug)),
            change_url=rel(urls.change(slug, version.id)) if previous else None,
            previous_url=rel(urls.version(slug, previous.id)) if previous else None,
            next_url=rel(urls.version(slug, following.id)) if following else None,
        )

    def status(self, document: Document, version: Version) -> str:
        if version is document.current(self.today):
            return "In force"
        if version is document.upcoming(self.today):
            return "Upcoming"
        if version.effective > self.today:
            return "Scheduled"
        return "Archived"

    def versions_index(self, document: Document, page_url: str, reviews: dict | None = None) -> str:
        urls, slug = self.urls, document.slug
        rel = lambda target: relative(page_url, target)  # noqa: E731
        rows = []
        for version in reversed(document.versions):
            status = self.status(document, version)
            rows.append({
                "version": version,
                "url": rel(urls.version(slug, version.id)),
                "change_url": rel(urls.change(slug, version.id)) if document.previous(version) else None,
                "status": status,
                "status_class": status.lower().replace(" ", "-"),
                "review": (reviews or {}).get((slug, version.id)),
            })
        return self._render("versions_index.html", document=document, rows=rows, criteria=self.criteria,
                            current_url=rel(urls.document(slug)), json_url=rel(urls.versions_json(slug)))

    def flags(self, review: Review | None) -> list[dict]:
        """The material flags a reader sees for a version: detected or declared, unless waived."""
        if review is None:
            return []
        shown = []
        detected = {f.criterion.id: f for f in review.assessment.flags} if review.assessment else {}
        for cid in review.material:
            flag = detected.get(cid)
            shown.append({"id": cid, "criterion": flag.criterion if flag else self.criteria.get(cid),
                          "evidence": flag.evidence if flag else [], "triage": flag.triage if flag else None,
                          "declared": cid in review.declarations.material,
                          "detected": flag is not None})
        return shown

    def redline_page(self, document: Document, old: Version, new: Version, result: Redline,
                     page_url: str, review: Review | None = None) -> str:
        urls, slug = self.urls, document.slug
        rel = lambda target: relative(page_url, target)  # noqa: E731
        following = document.next(new)
        meta_changes = metadata_changes(old, new)
        return self._render(
            "redline.html",
            document=document, old=old, new=new, next=following, redline=result, meta_changes=meta_changes,
            flags=self.flags(review), review=review,
            old_url=rel(urls.version(slug, old.id)), new_url=rel(urls.version(slug, new.id)),
            counts=[f"{n} {kind}" for kind, n in Counter(c.kind for c in result.changes).most_common()],
            json_url=rel(urls.change_json(slug, new.id)), diff_url=rel(urls.change_diff(slug, old.id, new.id)),
            previous_change_url=rel(urls.change(slug, old.id)) if document.previous(old) else None,
            next_change_url=rel(urls.change(slug, following.id)) if following else None,
            index_url=rel(urls.versions_index(slug)),
        )
