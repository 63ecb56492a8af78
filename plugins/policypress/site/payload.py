"""`<doc>/versions.json`: the archive as data, exactly as the README's "Addresses and data" describes it."""

from __future__ import annotations

import datetime as dt
import json

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
    return {
        "document": document.slug,
        "title": document.title,
        "current": current.id if current else None,
        "upcoming": upcoming.id if upcoming else None,
        "withdrawn": document.withdrawn,
        "feed_url": feed_url,
        "versions": entries,
    }


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
