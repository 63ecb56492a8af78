"""Corrections of published history without rewriting it: `versions/corrections.yml`.

A bad commit on the published branch (unreadable YAML, Latin-1 text, an empty body, an effective date
before the previous one) used to fail every later build, and only rewriting history helped. A
correction names the commit and says what to do, with a reason that the archive shows:

    - document: privacy
      commit: 3f2a9c1d7e0b          # the commit that published the text (12 characters are enough)
      reason: the front matter had a typo and the build failed, so this text was never published
      skip: true                    # leave it out (only a text that was never deployed)
    - document: privacy
      commit: 9b1c0e2f4a77
      reason: the date was mistyped; the notice gave 2025-03-01
      effective: 2025-03-01         # or backdated: <why>, or encoding: latin-1
"""

from __future__ import annotations

import codecs
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml

from policypress.errors import PolicyError

NAME = "corrections.yml"
HINT = ("or, without rewriting history, add to versions/corrections.yml: "
        "'- {{document: {slug}, commit: {commit}, reason: ..., skip: true}}' (a text that was never deployed) or "
        "'effective: YYYY-MM-DD' / 'backdated: why' / 'encoding: latin-1'")
_KEYS = {"document", "commit", "reason", "skip", "effective", "backdated", "encoding"}


@dataclass(frozen=True)
class Correction:
    document: str
    commit: str
    reason: str
    skip: bool = False
    effective: dt.date | None = None
    backdated: str | None = None
    encoding: str | None = None

    def apply(self, version) -> None:
        """The corrected version, with the reason recorded for its archived page."""
        version.correction = self.reason
        if self.effective is not None:
            version.effective, version.effective_source = self.effective, "correction"
        if self.backdated:
            version.meta = {**version.meta, "backdated": self.backdated}


def read(versions_dir: Path) -> list[Correction]:
    path = versions_dir / NAME
    if not path.is_file():
        return []
    from policypress.archive.frontmatter import _Loader

    where = str(path)
    try:
        entries = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or []
    except (yaml.YAMLError, UnicodeDecodeError, ValueError) as exc:
        raise PolicyError(f"corrections cannot be read: {str(exc).splitlines()[0]}", path=where,
                          fix="write a YAML list of entries with document, commit and reason") from None
    if not isinstance(entries, list):
        raise PolicyError("corrections must be a YAML list", path=where, fix="start each entry with '- '")
    found = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not {"document", "commit", "reason"} <= set(entry) or set(entry) - _KEYS:
            raise PolicyError(f"correction {number} needs document, commit and reason (and only "
                              f"{', '.join(sorted(_KEYS))})", path=where,
                              fix="e.g. '- {document: privacy, commit: 3f2a9c1d7e0b, reason: ..., skip: true}'")
        commit = str(entry["commit"])
        if len(commit) < 7:
            raise PolicyError(f"correction {number}: commit {commit!r} is too short", path=where,
                              fix="give at least 7 characters of the commit")
        effective = entry.get("effective")
        if effective is not None:
            try:
                effective = dt.date.fromisoformat(str(effective))
            except ValueError:
                raise PolicyError(f"correction {number}: effective {effective!r} is not YYYY-MM-DD", path=where,
                                  fix="write e.g. 'effective: 2025-03-01'") from None
        encoding = entry.get("encoding")
        if encoding is not None:
            try:
                codecs.lookup(str(encoding))
            except LookupError:
                raise PolicyError(f"correction {number}: unknown encoding {encoding!r}", path=where,
                                  fix="write e.g. 'encoding: latin-1'") from None
        found.append(Correction(str(entry["document"]), commit, str(entry["reason"]), bool(entry.get("skip")),
                                effective, str(entry["backdated"]) if entry.get("backdated") else None,
                                str(encoding) if encoding else None))
    return found


def find(corrections: list[Correction], document: str, commit: str) -> Correction | None:
    for correction in corrections:
        if correction.document == document and commit.startswith(correction.commit):
            return correction
    return None
