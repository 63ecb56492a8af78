"""Subscriptions: Atom feeds of versions (one per document, one for the site) and an iCalendar file of
effective dates. Built with ElementTree and icalendar rather than string templates, so that author text
is always escaped; timestamps come from the archive, so the same commit gives the same bytes."""

from __future__ import annotations

import datetime as dt
import posixpath
from typing import Callable

import xml.etree.ElementTree as ET

from icalendar import Calendar, Event

from policypress.archive.model import Document, Version
from policypress.archive.urls import SiteUrls, relative
from policypress.notices.messages import Messages, messages

GENERATOR = "policypress"
ATOM_NS = "http://www.w3.org/2005/Atom"
ET.register_namespace("", ATOM_NS)


def _absolute(site_url: str | None, path: str, feed_path: str) -> str:
    """A link of a feed: absolute from site_url, else relative to the feed file (readers resolve it there)."""
    if not site_url:
        if path == feed_path:
            return posixpath.basename(feed_path)
        link = relative(feed_path, path)
        return "./" if link == "." else link
    return site_url.rstrip("/") + "/" + path


def _entry_text(document: Document, version: Version, material: list[str], titles: dict[str, str],
                consent: bool, words: Messages) -> str:
    lines = [words.gettext("{title}, version {version}: takes effect on {effective} (published {published}).",
                        title=document.title, version=version.id, effective=version.effective.isoformat(),
                        published=version.published.date().isoformat())]
    if version.summary:
        lines.append(version.summary)
    if material:
        lines.append(words.gettext("Material change under section 8: {criteria}.",
                                criteria="; ".join(titles.get(m, m) for m in material)))
    if consent:
        lines.append(words.gettext("This change reduces your rights: it needs your express consent."))
    return "\n\n".join(lines)


def _element(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", {k: v for k, v in attrs.items() if v is not None})
    if text is not None:
        element.text = text
    return element


def atom(documents: list[Document], urls: SiteUrls, *, title: str, feed_path: str, site_url: str | None,
         material: Callable[[Document, Version], list[str]], consent: Callable[[Document, Version], bool],
         titles: dict[str, str], limit: int = 50, words: Messages | None = None) -> bytes:
    """An Atom feed (RFC 4287) of the newest versions of `documents`, newest first.

    Written with ElementTree, which escapes every text and attribute: feedgen 1.0.0, tried first,
    drops the rel and type of entry links."""
    words = words or messages()
    versions = [(d, v) for d in documents for v in d.versions]
    versions.sort(key=lambda pair: (pair[1].published, pair[0].slug, pair[1].id), reverse=True)
    versions = versions[:limit]
    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    _element(feed, "id", _absolute(site_url, feed_path, feed_path) if site_url else f"urn:policypress:feed:{feed_path}")
    _element(feed, "title", title)
    newest = versions[0][1].published if versions else dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
    _element(feed, "updated", newest.isoformat())
    _element(feed, "link", href=_absolute(site_url, feed_path, feed_path), rel="self", type="application/atom+xml")
    home = urls.document(documents[0].slug) if len(documents) == 1 else ""
    _element(feed, "link", href=_absolute(site_url, home, feed_path) or "./", rel="alternate", type="text/html")
    _element(feed, "generator", GENERATOR)
    for document, version in versions:
        entry = _element(feed, "entry")
        _element(entry, "id", f"urn:policypress:{document.slug}:{version.id}:{version.sha256}")
        flags = material(document, version)
        kind = (words.gettext("Important change") if flags else
                words.gettext("Revision") if version.revision else words.gettext("New version"))
        _element(entry, "title", words.gettext("{title}: {kind}, effective {effective}", title=document.title, kind=kind,
                                            effective=version.effective.isoformat()))
        _element(entry, "published", version.published.isoformat())
        _element(entry, "updated", version.published.isoformat())
        _element(entry, "link", href=_absolute(site_url, urls.version(document.slug, version.id), feed_path), rel="alternate",
                 type="text/html")
        if document.previous(version) is not None:
            _element(entry, "link", href=_absolute(site_url, urls.change(document.slug, version.id), feed_path), rel="related",
                     type="text/html", title=words.gettext("What changed (redline)"))
        _element(entry, "summary", _entry_text(document, version, flags, titles, consent(document, version), words),
                 type="text")
        for cid in flags:
            _element(entry, "category", term=cid, label=titles.get(cid, cid))
    ET.indent(feed)
    return b"<?xml version='1.0' encoding='UTF-8'?>\n" + ET.tostring(feed, encoding="utf-8") + b"\n"


def icalendar(documents: list[Document], urls: SiteUrls, *, site_url: str | None, today: dt.date,
              material: Callable[[Document, Version], list[str]], titles: dict[str, str],
              name: str, words: Messages | None = None) -> bytes:
    """An iCalendar file with one all-day event per effective date that is upcoming or recent."""
    words = words or messages()
    calendar = Calendar()
    calendar.add("prodid", "-//policypress//effective dates//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for document in documents:
        for version in document.versions:
            if document.previous(version) is None or version.effective < today - dt.timedelta(days=365):
                continue
            event = Event()
            event.add("uid", f"{document.slug}-{version.id}-{version.sha256[:16]}@policypress")
            event.add("dtstamp", version.published.astimezone(dt.timezone.utc))
            event.add("dtstart", version.effective)
            event.add("dtend", version.effective + dt.timedelta(days=1))
            flags = material(document, version)
            named = {"title": document.title, "version": version.id}
            event.add("summary", words.gettext("{title} version {version} takes effect (important change)", **named)
                      if flags else words.gettext("{title} version {version} takes effect", **named))
            description = version.summary or ""
            if flags:
                description += (("\n" if description else "")
                                + words.gettext("Material: {criteria}", criteria="; ".join(titles.get(m, m) for m in flags)))
            if description:
                event.add("description", description)
            if site_url:  # a calendar has no base address: without site_url, no link rather than a broken one
                event.add("url", _absolute(site_url, urls.change(document.slug, version.id), urls.calendar()))
            calendar.add_component(event)
    return calendar.to_ical()
