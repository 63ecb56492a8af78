"""Versions kept on file in the repository: `versions/<doc>/<id>.md`.

Each file is a small header (an HTML comment holding YAML) followed by the exact text of the version,
so the file is readable on its own and its sha256 can be checked by anyone. `policypress freeze`
writes them; the build merges them with Git history and fails when the two disagree.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from policypress.errors import PolicyError

HEADER_OPEN = "<!-- policypress archived version: written by `policypress freeze`; do not edit."
HEADER_CLOSE = "-->"
_ID = re.compile(r"^\d{4}-\d{2}-\d{2}(?:-\d+)?$")
_FIX = "restore the file from Git (`git checkout -- FILE`), or delete it and run `policypress freeze`"


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def seal_of(document: str, id: str, effective: str, published: str, commit: str | None, sha256: str,
            recovered: bool = False) -> str:
    """A sha256 over the header as well as the text: the id (the URL), dates, commit and document are
    as permanent as the words, so editing any of them is caught like an edited text."""
    fields = "\n".join([document, id, effective, published, commit or "null", sha256] + (["recovered"] if recovered else []))
    return hashlib.sha256(fields.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ArchivedVersion:
    """One version as written on file."""

    document: str
    id: str
    effective: dt.date
    published: dt.datetime
    commit: str | None
    sha256: str
    text: str
    path: Path
    sealed: bool = True  # False: written before headers were sealed (`policypress freeze --seal` seals it)
    recovered: bool = False  # kept by `freeze --previous`: its commit is known to have left the history


def _published(value, path: Path) -> dt.datetime:
    if isinstance(value, dt.datetime):
        stamp = value
    else:
        try:
            stamp = dt.datetime.fromisoformat(str(value))
        except ValueError:
            raise PolicyError(f"published: {value!r} is not an ISO date-time", path=str(path),
                              fix="write 'published: 2026-01-31T09:00:00+00:00'") from None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=dt.timezone.utc)
    return stamp


def read_file(path: Path) -> ArchivedVersion:
    """Read and verify one archived version; a tampered or malformed file is an error."""
    raw = path.read_bytes()
    try:
        content = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise PolicyError("archived version is not valid UTF-8", path=str(path), line=line, fix=_FIX) from None
    first, sep, rest = content.partition("\n")
    if first.rstrip() != HEADER_OPEN or not sep:
        raise PolicyError("archived version does not start with the policypress header",
                          path=str(path), line=1, fix=_FIX)
    head, sep, text = rest.partition("\n" + HEADER_CLOSE + "\n")
    if not sep:
        raise PolicyError(f"archived version header is not closed by a '{HEADER_CLOSE}' line",
                          path=str(path), line=1, fix=_FIX)
    try:
        from policypress.archive.frontmatter import _Loader

        meta = yaml.load(head, Loader=_Loader)
    except (yaml.YAMLError, ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError) as exc:
        raise PolicyError(f"archived version header is not valid YAML: {exc}", path=str(path), fix=_FIX) from None
    if not isinstance(meta, dict):
        raise PolicyError("archived version header is not a mapping", path=str(path), line=2, fix=_FIX)
    missing = [key for key in ("document", "id", "effective", "published", "sha256") if key not in meta]
    if missing:
        raise PolicyError(f"archived version header lacks {', '.join(missing)}", path=str(path), fix=_FIX)
    version_id = str(meta["id"])
    if not _ID.match(version_id) or path.stem != version_id:
        raise PolicyError(f"archived version id {version_id!r} must be YYYY-MM-DD[-N] and match the file name",
                          path=str(path), line=3, fix=_FIX)
    effective = meta["effective"]
    if not isinstance(effective, dt.date):
        try:
            effective = dt.date.fromisoformat(str(effective))
        except ValueError:
            raise PolicyError(f"effective: {effective!r} is not an ISO date", path=str(path), fix=_FIX) from None
    digest = sha256_text(text)
    if digest != str(meta["sha256"]):
        raise PolicyError(
            f"archived version text does not match its sha256 (header {meta['sha256']}, text {digest}): "
            "the file was edited after it was published",
            path=str(path), fix=_FIX,
        )
    commit = meta.get("commit")
    published = _published(meta["published"], path)
    recovered = meta.get("recovered") is True
    if "seal" in meta:
        expected = seal_of(str(meta["document"]), version_id, effective.isoformat(), published.isoformat(),
                           str(commit) if commit else None, digest, recovered)
        if str(meta["seal"]) != expected:
            raise PolicyError("archived version header does not match its seal: its document, id, dates or commit "
                              "were edited after it was published (a permanent URL or date would change)",
                              path=str(path), fix=_FIX + "; to correct a date, use versions/corrections.yml")
    return ArchivedVersion(str(meta["document"]), version_id, effective, published,
                           str(commit) if commit else None, digest, text, path, "seal" in meta, recovered)


def sealed_form(item: ArchivedVersion) -> str:
    """The file of a version written before seals, with its seal added after its sha256 line and every
    other byte kept (what `policypress freeze --seal` writes)."""
    content = item.path.read_bytes().decode("utf-8")
    seal = seal_of(item.document, item.id, item.effective.isoformat(), item.published.isoformat(), item.commit,
                   item.sha256, item.recovered)
    head, sep, rest = content.partition("\n" + HEADER_CLOSE + "\n")
    lines = head.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("sha256:"))
    lines.insert(at + 1, f"seal: {seal}")
    return "\n".join(lines) + sep + rest


def read_dir(versions_dir: Path, document: str) -> list[ArchivedVersion]:
    """Every archived version of `document`, in publication order."""
    folder = versions_dir / document
    if not folder.is_dir():
        return []
    found = [read_file(path) for path in sorted(folder.glob("*.md"))]
    for item in found:
        if item.document != document:
            raise PolicyError(f"archived version belongs to document {item.document!r}, not {document!r}",
                              path=str(item.path), line=2, fix="move it to versions/<document>/")
    return sorted(found, key=lambda item: (item.published, item.id))


def documents_on_file(versions_dir: Path) -> list[str]:
    if not versions_dir.is_dir():
        return []
    return sorted(p.name for p in versions_dir.iterdir() if p.is_dir() and any(p.glob("*.md")))


RECORD = "frozen.yml"


def write_record(versions_dir: Path, commit: str) -> Path:
    """What a shallow clone cannot see for itself: every version published up to `commit` is on file.

    `policypress freeze` writes it; a clone whose history starts after that commit proves from it that
    no document (a deleted one included) published a text that is not kept on file."""
    path = versions_dir / RECORD
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("# written by `policypress freeze`: every version published up to this commit is kept on "
                    f"file in this folder\ncommit: {commit}\n", encoding="utf-8")
    return path


def read_record(versions_dir: Path) -> str | None:
    """The commit of the last `policypress freeze`, or None."""
    path = versions_dir / RECORD
    if not path.is_file():
        return None
    found = re.search(r"^commit: ([0-9a-f]{40})\s*$", path.read_text(encoding="utf-8", errors="replace"), re.M)
    if found is None:
        raise PolicyError("not a record written by `policypress freeze`", path=str(path), line=2,
                          fix="delete it and run `policypress freeze` on a full clone")
    return found.group(1)


def render_file(*, document: str, id: str, effective: dt.date, published: dt.datetime,
                commit: str | None, text: str, recovered: bool = False) -> str:
    """The on-file form of a version (what `policypress freeze` writes). `recovered`: written by `freeze
    --previous` for a deployed version whose commit left the history (the build then does not warn)."""
    header = {
        "document": document,
        "id": id,
        "effective": effective.isoformat(),
        "published": published.isoformat(),
        "commit": commit,
        "sha256": sha256_text(text),
    }
    if recovered:
        header["recovered"] = "true"
    header["seal"] = seal_of(document, id, header["effective"], header["published"], commit, header["sha256"],
                             recovered)
    lines = [HEADER_OPEN]
    for key, value in header.items():
        lines.append(f"{key}: {'null' if value is None else value}")
    lines.append(HEADER_CLOSE)
    return "\n".join(lines) + "\n" + text
