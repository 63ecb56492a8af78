"""`<doc>/versions.json`: the archive as data, exactly as the README's "Addresses and data" describes it."""

from __future__ import annotations

import datetime as dt
import json

from policypress.archive.languages import later_versions
from policypress.archive.model import Document
from policypress.archive.urls import SiteUrls


def versions_payload(document: Document, urls: SiteUrls, today: dt.date,
                     material: dict[str, list[str]] | None = None,
                     consent: dict[str, bool] | None = None, feed_url: str | None = None) -> dict:
    current, upcoming = document.current(today), document.upcoming(today)
    material = material or {}
    consent = consent or {}
    entries = []
    for version in document.versions:
        previous = document.previous(version)
        entries.append({
            "id": version.id,
            "effective": version.effective.isoformat(),
            "published": version.published.isoformat(),
            "revision": version.revision,
            "commit": version.commit,
            "sha256": version.sha256,
            "url": urls.version(document.slug, version.id),
            "diff_url": urls.change(document.slug, version.id) if previous is not None else None,
            "summary": version.summary,
            "material": list(material.get(version.id, _declared(version))),
            "consent_required": bool(consent.get(version.id, False)),
        })
        if document.controlling is not None:
            entries[-1]["translates"] = version.translates
    payload = {
        "document": document.slug,
        "title": document.title,
        "current": current.id if current else None,
        "upcoming": upcoming.id if upcoming else None,
        "withdrawn": document.withdrawn,
        "feed_url": feed_url,
        "versions": entries,
    }
    if document.language is not None:
        payload.update(_languages(document, urls))
    return payload


def _languages(document: Document, urls: SiteUrls) -> dict:
    """A translation names its controlling document and whether it is behind; the controlling document
    lists its translations (archive/languages.py)."""
    found: dict = {"language": document.language}
    if document.controlling is not None:
        controlling = document.controlling
        later = later_versions(document)
        found["controlling"] = {"document": controlling.slug, "language": controlling.language,
                                "versions_url": urls.versions_json(controlling.slug),
                                "newer": [v.id for v in later]}  # published after the version translated
        found["behind"] = bool(later)
    elif document.translations:
        found["translations"] = [
            {"document": t.slug, "language": t.language, "versions_url": urls.versions_json(t.slug),
             "translates": t.versions[-1].translates if t.versions else None,
             "current": not later_versions(t)}
            for t in sorted(document.translations, key=lambda t: t.language or "")]
    return found


def _declared(version) -> list[str]:
    """Criteria the author declared in front matter (`material: [ids]`)."""
    value = version.meta.get("material")
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(item) for item in value]
    return []


def dumps(payload: dict) -> str:
    """Stable, readable JSON: the same archive always gives the same bytes."""
    return json.dumps(payload, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
