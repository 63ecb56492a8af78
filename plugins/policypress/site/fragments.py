"""HTML fragments for the archive's pages: headers, notices, the version index and redlines.

Templates live in `templates/` and are rendered with autoescaping on, so whatever an author writes in
a summary, a title or a commit subject is shown as text, never interpreted as markup. The fragments are
engine-independent: the MkDocs adapter places them into pages, another engine could do the same.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path
from typing import Callable

import jinja2
from markupsafe import Markup

from policypress.archive.languages import later_versions
from policypress.archive.model import Document, Version
from policypress.diff.redline import Redline
from policypress.site.browserwords import localise_moves, move_label, words_data
from policypress.notices.messages import N_, current, human_date, messages, speaking, template_globals, text_direction
from policypress.materiality.review import Review
from policypress.site.kept import Kept
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
_PAGE_OF_PAGES = N_("Page {page} of {pages}")
_OPTION_LABEL = N_("{version} (effective {date})")  # a version in the compare page's lists


def page_of_pages() -> Markup:
    """The printed footer's "Page x of y" as CSS `content:`: the words translated, the numbers the page counters."""
    counters = {"{page}": "counter(page)", "{pages}": "counter(pages)"}
    parts = re.split(r"(\{pages?\})", current().gettext(_PAGE_OF_PAGES))
    return Markup(" ".join(counters[part] if part in counters else css_string(part) for part in parts if part))


_ENV.globals["page_of_pages"] = page_of_pages
_ENV.globals["words_data"] = words_data


def lang_attrs(language: str | None) -> Markup:
    """` lang="en" dir="ltr"` for text in `language` inside a page written in another (the controlling text's
    summary on a translation's page), so that screen readers speak it in its own language; "" otherwise."""
    if not language:
        return Markup("")
    tag, page = str(language).replace("_", "-"), current().tag
    if tag.lower() == page.lower() or tag.split("-")[0].lower() == page.split("-")[0].lower():
        return Markup("")
    return Markup(' lang="{}" dir="{}"').format(tag, text_direction(tag))


def in_language(text, language: str | None) -> Markup:
    """`text` (escaped), marked with its language when the page is written in another."""
    attrs = lang_attrs(language)
    return Markup("<span{}>{}</span>").format(attrs, text) if attrs else Markup("{}").format(text)


_ENV.globals["lang_attrs"] = lang_attrs
_ENV.globals["in_language"] = in_language
_ENV.globals.update(template_globals())
_ENV.globals["stat"] = lambda name, value: Markup('<span data-pp-stat="{}">{}</span>').format(name, value)
_ENV.globals["kind_label"] = lambda kind: kind_label(kind)

#: The kinds of change a redline lists, as readers see them (the data keeps the English word).
KIND_LABELS = {"inserted": N_("inserted"), "deleted": N_("deleted"), "replaced": N_("replaced"),
               "formatting": N_("formatting"), "moved": N_("moved")}
STATUS_LABELS = {"In force": N_("In force"), "Upcoming": N_("Upcoming"), "Scheduled": N_("Scheduled"),
                 "Archived": N_("Archived")}


def kind_label(kind: str) -> str:
    """A kind of change in the language being rendered ("replaced", "ersetzt")."""
    return current().gettext(KIND_LABELS[kind]) if kind in KIND_LABELS else kind


META_FIELDS = ("title", "effective", "summary")


def _show(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return str(value)


# Words for the front-matter keys a reader meets in "Metadata changed" (other keys are shown by name).
META_LABELS = {"title": N_("title"), "effective": N_("effective date"), "summary": N_("summary"),
               "material": N_("declared criteria"), "not_material": N_("criteria declared not material"),
               "revision": N_("revision note"), "type": N_("document type"), "consent": N_("consent")}


def _words(value) -> str:
    """A front-matter value as a reader says it: lists as "a, b", keys of criteria in words, nothing as "none"."""
    if value is None or value == "" or value == [] or value == {}:
        return current().gettext(N_("none"))
    if isinstance(value, list):  # criteria ids and the like: "user-rights" is read "user rights"
        return ", ".join(item.replace("-", " ") if isinstance(item, str) else _words(item) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{_words(k)}: {_words(v)}" for k, v in sorted(value.items(), key=lambda kv: str(kv[0])))
    if isinstance(value, dt.date):
        return human_date(value)
    return str(value)


def metadata_changes(old: Version, new: Version) -> list[tuple[str, str]]:
    """Front-matter keys whose value changed (title, effective date and summary first), each said in
    words in the language being rendered: "summary rewritten", "declared criteria: recipients → user
    rights, responsible contact"."""
    words = current()
    keys = [k for k in META_FIELDS]
    keys += sorted((set(old.meta) | set(new.meta)) - set(META_FIELDS))
    changes = []
    for key in keys:
        before = old.effective if key == "effective" else old.meta.get(key)
        after = new.effective if key == "effective" else new.meta.get(key)
        if _show(before) == _show(after):
            continue
        label = words.gettext(META_LABELS[key]) if key in META_LABELS else str(key)
        if key == "summary":
            text = words.gettext(N_("added")) if not before else (
                words.gettext(N_("removed")) if not after else words.gettext(N_("rewritten (the new summary is above)")))
        elif key == "revision":
            text = words.gettext(N_("“{note}”"), note=after) if after else words.gettext(N_("removed"))
        else:
            text = f"{_words(before)} → {_words(after)}"
        changes.append((label, text))
    return changes


def move_notes(result: Redline) -> dict:
    """Each section a moved block left or reached, with the other end in words ("moved to “5. Sharing”"), in the
    language being rendered: "Sections changed" lists both ends of a move."""
    notes: dict = {}
    for change in result.changes:
        if change.kind != "moved" or change.moved_from is None or change.section is None \
                or change.moved_from == change.section:
            continue
        for here, there in ((change.moved_from, "to"), (change.section, "from")):
            other = change.section if there == "to" else change.moved_from
            note = move_label(f"moved {there} “{other.title}”")
            if note not in notes.setdefault(here, []):
                notes[here].append(note)
    return notes


class Fragments:
    """Renders the fragments of one document, with links relative to the page that shows them."""

    def __init__(self, urls: SiteUrls, today: dt.date, criteria: tuple = (), language: str = "en"):
        self.urls = urls
        self.today = today
        self.criteria = {c.id: c for c in criteria}
        self.language = language
        self._per_document: dict[tuple[str, int], tuple[Document, object]] = {}
        self.kept: Kept | None = None  # under `mkdocs serve`: fragments of the last rebuild (see `_kept`)

    def _kept(self, key: tuple, inputs: tuple, make: Callable[[], str]) -> str:
        """A fragment the last `mkdocs serve` rebuild wrote from equal inputs, else `make()`. `inputs` are
        every value the template reads, plus the language, today and the kind of URLs; a document counts
        by the parts that are read (its slug, title, type and the neighbouring versions), never as a
        whole, so that one more version leaves the other pages' inputs equal."""
        if self.kept is None:
            return make()
        return self.kept.get(key, (self.language, self.today, self.urls.directory_urls, inputs), make)

    def speaking(self, language: str | None) -> "Fragments":
        """The same fragments written in `language` (the page's: `theme.language` or the i18n locale)."""
        if language == self.language:
            return self
        other = copy.copy(self)
        other.language = language or "en"
        return other

    def _once(self, what: str, document: Document, compute):
        """What every archived page asks of a document (each answer reads the whole history), computed
        once per document and build. A Fragments lives for one build, as its `today` does."""
        found = self._per_document.get((what, id(document)))
        if found is None or found[0] is not document:
            found = (document, compute())
            self._per_document[(what, id(document))] = found
        return found[1]

    def _current_upcoming(self, document: Document) -> tuple[Version | None, Version | None]:
        """The version in force today and the next one."""
        return self._once("in force", document, lambda: (document.current(self.today), document.upcoming(self.today)))

    def _periods(self, document: Document) -> list[dict]:
        """When each version was in force."""
        return self._once("periods", document, lambda: in_force_periods(document))

    def _period_index(self, document: Document) -> tuple[dict[int, dict], dict]:
        """Each version's period (by identity) and the first version in force from each date: a page's
        lookup, not a scan of every period (which made a document's archived pages quadratic)."""
        def index() -> tuple[dict[int, dict], dict]:
            by_version: dict[int, dict] = {}
            by_start: dict = {}
            for period in self._periods(document):
                by_version.setdefault(id(period["version"]), period)
                by_start.setdefault(period["start"], period["version"])
            return by_version, by_start
        return self._once("period index", document, index)

    def _render(self, name: str, **context) -> str:
        with speaking(self.language):
            return _ENV.get_template(name).render(**context)

    def current_header(self, document: Document, shown: Version | None, page_url: str,
                       notices: list | None = None, feed: bool = False) -> str:
        urls, slug = self.urls, document.slug
        is_draft = shown is not None and shown.id == "draft"
        upcoming = None if is_draft else self._current_upcoming(document)[1]
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

    def translation_notice(self, document: Document, page_url: str) -> str:
        """On a translation's pages: the controlling text prevails, and, when the translation is behind it,
        since when, with links to the controlling text and its redline."""
        controlling = document.controlling
        if controlling is None or not document.versions:
            return ""
        latest = document.versions[-1]  # behind or not is the translation's, whichever of its versions a page shows
        later = later_versions(document, latest)
        translates = next((v for v in controlling.versions if v.id == latest.translates), None)
        rel = lambda target: relative(page_url, target)  # noqa: E731
        with speaking(self.language) as words:
            name = words.language_name(controlling.language or "en")
        return self._render(
            "translation_notice.html", language=document.language, behind=bool(later) and translates is not None,
            translates=translates, later=later[0] if later else None, controlling_name=name, today=self.today,
            controlling_url=rel(self.urls.document(controlling.slug)),
            text_url=rel(self.urls.version(controlling.slug, later[-1].id)) if later else None,
            redline_url=rel(self.urls.change(controlling.slug, later[0].id)) if later else None)

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
        words = messages(self.language)  # the printed header's dates, in the page's language

        def row(v: Version, previous: Version | None) -> tuple[dict, Markup]:
            """A version's entry in the page's data, and its label in the two lists."""
            return ({"id": v.id, "effective": v.effective.isoformat(), "effective_label": words.date(v.effective),
                     "blocks": rel(urls.blocks_json(slug, v.id)),
                     "redline": rel(urls.change(slug, v.id)) if previous else None,
                     "previous": previous.id if previous else None},
                    words.markup(_OPTION_LABEL, version=v.id, date=v.effective.isoformat()))

        rows = []
        for v in document.versions:  # under serve, each row the last rebuild's while what it reads is the same
            previous = document.previous(v)
            rows.append(self._kept(("compare row", page_url, v.id), (slug, v.id, v.effective, previous and previous.id),
                                   lambda v=v, previous=previous: row(v, previous)))
        data = {"document": slug, "title": document.title, "versions": [entry for entry, _ in rows]}
        return self._render("compare.html", document=document, versions=document.versions, data=data,
                            labels=[label for _, label in rows], index_url=rel(urls.versions_index(slug)))

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
        with speaking(self.language) as words:
            moved = words.markup('This page has moved to <a href="{url}">its new address</a>.',
                                 url=relative(page_url, target))
        return f'<div class="admonition info pp-moved"><p>{moved}</p></div>'

    def archived_notice(self, document: Document, version: Version, page_url: str) -> str:
        urls, slug = self.urls, document.slug
        rel = lambda target: relative(page_url, target)  # noqa: E731
        previous, following = document.previous(version), document.next(version)
        current, upcoming = self._current_upcoming(document)
        by_version, by_start = self._period_index(document)
        period = by_version.get(id(version))
        replaced_by = by_start.get(version.effective)
        inputs = (page_url, slug, document.title, version, previous and previous.id, following and following.id,
                  period, replaced_by and replaced_by.id, current is version, upcoming is version)
        return self._kept(("archived notice", page_url), inputs, lambda: self._render(
            "archived_notice.html",
            document=document, version=version, period=period, replaced_by=replaced_by, today=self.today,
            is_past=period is not None and period["end"] is not None and period["end"] < self.today,
            is_current=current is version,
            is_upcoming=version.effective > self.today and upcoming is version,
            current_url=rel(urls.document(slug)), index_url=rel(urls.versions_index(slug)),
            change_url=rel(urls.change(slug, version.id)) if previous else None,
            previous_url=rel(urls.version(slug, previous.id)) if previous else None,
            next_url=rel(urls.version(slug, following.id)) if following else None,
        ))

    def status(self, document: Document, version: Version) -> str:
        current, upcoming = self._current_upcoming(document)
        if version is current:
            return "In force"
        if version is upcoming:
            return "Upcoming"
        if version.effective > self.today:
            return "Scheduled"
        return "Archived"

    def status_label(self, status: str) -> str:
        with speaking(self.language) as words:
            return words.gettext(STATUS_LABELS[status])

    def versions_index(self, document: Document, page_url: str, reviews: dict | None = None) -> str:
        urls, slug = self.urls, document.slug
        rel = lambda target: relative(page_url, target)  # noqa: E731
        rows = []
        for version in reversed(document.versions):
            status = self.status(document, version)
            row = {
                "version": version,
                "url": rel(urls.version(slug, version.id)),
                "change_url": rel(urls.change(slug, version.id)) if document.previous(version) else None,
                "status": self.status_label(status),
                "status_class": status.lower().replace(" ", "-"),
                "review": (reviews or {}).get((slug, version.id)),
            }
            rows.append(self._kept(("versions row", slug, version.id, page_url), self._row_inputs(row),
                                   lambda row=row: self._render("versions_row.html", row=row, criteria=self.criteria)))
        return self._render("versions_index.html", document=document, rows=Markup("".join("\n    " + r for r in rows)),
                            current_url=rel(urls.document(slug)), json_url=rel(urls.versions_json(slug)))

    def _row_inputs(self, row: dict) -> tuple:
        """What versions_row.html reads of a row: one more version leaves the other rows' inputs equal."""
        version, review = row["version"], row["review"]
        material = tuple(review.material) if review else ()
        return (version.id, version.revision, version.effective, version.published.date(), version.summary,
                version.subject, row["url"], row["change_url"], row["status"], row["status_class"], material,
                bool(review and review.consent_required), tuple(self.criteria.get(cid) for cid in material))

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

    def _counts(self, result: Redline) -> list[str]:
        """How many changes of each kind ("2 replaced"), in the page's language."""
        with speaking(self.language) as words:
            return [words.gettext("{n} {kind}", n=n, kind=words.gettext(KIND_LABELS.get(kind, kind)))
                    for kind, n in Counter(c.kind for c in result.changes).most_common()]

    def redline_page(self, document: Document, old: Version, new: Version, result: Redline,
                     page_url: str, review: Review | None = None) -> str:
        following = document.next(new)
        inputs = (page_url, document.slug, document.title, document.type, old, new, following and following.id,
                  document.previous(old) is not None, result, review, self.criteria)
        return self._kept(("redline", page_url), inputs,
                          lambda: self._redline_page(document, old, new, following, result, page_url, review))

    def _redline_page(self, document: Document, old: Version, new: Version, following: Version | None,
                      result: Redline, page_url: str, review: Review | None) -> str:
        urls, slug = self.urls, document.slug
        rel = lambda target: relative(page_url, target)  # noqa: E731
        with speaking(self.language):
            meta_changes = metadata_changes(old, new)
            html = localise_moves(result.html)
            notes = move_notes(result)
        return self._render(
            "redline.html",
            document=document, old=old, new=new, next=following, redline=result, redline_html=html,
            meta_changes=meta_changes, section_notes=notes,
            flags=self.flags(review), review=review,
            old_url=rel(urls.version(slug, old.id)), new_url=rel(urls.version(slug, new.id)),
            counts=self._counts(result),
            json_url=rel(urls.change_json(slug, new.id)), diff_url=rel(urls.change_diff(slug, old.id, new.id)),
            previous_change_url=rel(urls.change(slug, old.id)) if document.previous(old) else None,
            next_change_url=rel(urls.change(slug, following.id)) if following else None,
            index_url=rel(urls.versions_index(slug)),
        )
