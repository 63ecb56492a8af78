"""The record of what was published: the previous deployment's `versions.json` files.

A build can only promise that nothing published is lost if it knows what was published. Git history
alone cannot tell (an "update branch" merge fast-forwarded onto main changes the first-parent chain;
a squash or force-push rewrites it), so the build reads the archive it is about to replace (the
`published_archive` option: the folder of the last deployment, e.g. a checkout of `gh-pages`) and
fails when a version it lists would vanish or change.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from policypress.errors import PolicyError


@dataclass(frozen=True)
class Published:
    """One version as the previous deployment published it."""

    document: str
    id: str
    sha256: str
    effective: str
    published: str
    commit: str | None
    source: str  # the versions.json it was read from

    @property
    def when(self) -> dt.datetime:
        stamp = dt.datetime.fromisoformat(self.published)
        return stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.timezone.utc)


def read(folder: Path) -> list[Published]:
    """Every version listed by the `versions.json` files of a deployed site, oldest first."""
    if not folder.exists():
        return []  # the first deployment: nothing was published yet
    if not folder.is_dir():
        raise PolicyError(f"published_archive {folder} is not a folder", path=str(folder),
                          fix="point published_archive (or --previous) at the folder of the last deployment")
    found: list[Published] = []
    for path in sorted(folder.rglob("versions.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            for entry in data["versions"]:
                found.append(Published(str(data["document"]), str(entry["id"]), str(entry["sha256"]),
                                       str(entry["effective"]), str(entry["published"]),
                                       entry.get("commit"), str(path)))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise PolicyError(f"not a policypress versions.json ({type(exc).__name__}: {exc})", path=str(path),
                              fix="point published_archive at a site built by policypress") from None
    return sorted(found, key=lambda item: (item.when, item.document, item.id))


def missing(documents, published: list[Published]) -> list[tuple[Published, str]]:
    """Versions of the last deployment this build would lose or change, with what happened to each."""
    by_slug = {}
    for document in documents:
        by_slug[document.slug] = document
        for alias in getattr(document, "moved_from", []):
            by_slug.setdefault(alias, document)
    problems = []
    for item in published:
        document = by_slug.get(item.document)
        version = None
        if document is not None:
            version = next((v for v in document.versions if v.id == item.id), None)
        if version is None:
            problems.append((item, "would no longer be published"))
        elif version.sha256 != item.sha256:
            problems.append((item, f"would serve a different text (sha256 {version.sha256[:12]}…, "
                                   f"deployed {item.sha256[:12]}…)"))
        elif version.effective.isoformat() != item.effective:
            problems.append((item, f"would take effect on {version.effective}, deployed as {item.effective}"))
    return problems
