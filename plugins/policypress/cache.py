"""A content-addressed cache of rendered versions and redlines, on disk, safe to delete.

Keys are sha256 digests of everything that determines the value (the texts, the Markdown settings,
the criteria, policypress's own version), so a stale entry can never be read for new input; an entry
that cannot be read is ignored and recomputed. Writes go through a temporary file and a rename, so a
build that is interrupted never leaves half an entry behind."""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any, Callable

from policypress import __version__

_MISSING = object()


def _code_fingerprint() -> str:
    """A digest of policypress's own code: any change to it (a fix, an upgrade) starts a fresh cache."""
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).parent
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".html", ".css", ".js") and path.is_file():
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


_FINGERPRINT = _code_fingerprint()


def key(*parts: object) -> str:
    digest = hashlib.sha256()
    for part in (_FINGERPRINT,) + parts:
        digest.update(repr(part).encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


class DiskCache:
    def __init__(self, folder: Path | None):
        self.folder = folder
        self.hits = self.misses = 0

    def _path(self, kind: str, digest: str) -> Path:
        assert self.folder is not None
        return self.folder / kind / digest[:2] / f"{digest}.pickle"

    def get(self, kind: str, digest: str) -> Any:
        if self.folder is None:
            return _MISSING
        try:
            with open(self._path(kind, digest), "rb") as handle:
                value = pickle.load(handle)
        except FileNotFoundError:
            return _MISSING
        except Exception:  # noqa: BLE001 - a damaged entry is recomputed, never trusted
            return _MISSING
        self.hits += 1
        return value

    def put(self, kind: str, digest: str, value: Any) -> None:
        if self.folder is None:
            return
        path = self._path(kind, digest)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(handle, "wb") as out:
                pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temp, path)
        except OSError:
            pass  # a read-only checkout builds without a cache

    def fetch(self, kind: str, digest: str, compute: Callable[[], Any]) -> Any:
        value = self.get(kind, digest)
        if value is _MISSING:
            self.misses += 1
            value = compute()
            self.put(kind, digest, value)
        return value
