"""A content-addressed cache of rendered versions and redlines, on disk, safe to delete.

Keys are sha256 digests of everything that determines the value (the texts, the Markdown settings,
the criteria, policypress's own version), so a stale entry can never be read for new input. Entries
are plain data, never code: JSON written and read through a codec registered per kind (`register`), so
whoever can write `.cache/policypress` cannot run anything in the build. An entry is two lines of JSON:
a header naming its kind and key, with the sha256 of the payload bound to that key, then the payload
itself (written once, not escaped again inside the header: a redline's entry is ~120 KB). An entry
that is damaged, copied under another key, of the wrong shape or unreadable is ignored and recomputed. (A sha256 is no signature: a
forger who can write the folder can still write a well-formed entry; `policypress verify`, which never
reads the cache, is the check against that.) Writes go through a temporary file and a rename, so a
build that is interrupted never leaves half an entry behind."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Callable

from policypress import __version__

_MISSING = object()
FORMAT = "policypress-cache/3"

#: kind -> (value -> JSON-able data, data -> value); the decoder raises on anything malformed.
CODECS: dict[str, tuple[Callable[[Any], Any], Callable[[Any], Any]]] = {}


def register(kind: str, encode: Callable[[Any], Any], decode: Callable[[Any], Any]) -> None:
    """How values of `kind` become plain data and back; a kind without a codec is never stored."""
    CODECS[kind] = (encode, decode)


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


def _seal(kind: str, digest: str, payload: str) -> str:
    """The payload's sha256 bound to its kind and key: an entry moved to another key does not check."""
    return hashlib.sha256(f"{FORMAT}\0{kind}\0{digest}\0{payload}".encode("utf-8")).hexdigest()


class DiskCache:
    def __init__(self, folder: Path | None):
        self.folder = folder
        self.hits = self.misses = 0
        self._folders: set[Path] = set()

    def _path(self, kind: str, digest: str) -> Path:
        assert self.folder is not None
        return self.folder / kind / digest[:2] / f"{digest}.json"

    def has(self, kind: str, digest: str) -> bool:
        """Whether an entry is on disk (not whether it is sound: `get` checks that)."""
        return self.folder is not None and kind in CODECS and self._path(kind, digest).is_file()

    def get(self, kind: str, digest: str) -> Any:
        if self.folder is None or kind not in CODECS:
            return _MISSING
        try:
            with open(self._path(kind, digest), "r", encoding="utf-8", newline="") as handle:
                header, _, payload = handle.read().partition("\n")  # JSON holds no raw line break
            entry = json.loads(header)
            if (not isinstance(entry, dict) or entry.get("format") != FORMAT or entry.get("kind") != kind
                    or entry.get("key") != digest or entry.get("sha256") != _seal(kind, digest, payload)):
                return _MISSING
            value = CODECS[kind][1](json.loads(payload))
        except FileNotFoundError:
            return _MISSING
        except Exception:  # noqa: BLE001 - a damaged or forged entry is recomputed, never trusted
            return _MISSING
        self.hits += 1
        return value

    def put(self, kind: str, digest: str, value: Any) -> None:
        if self.folder is None or kind not in CODECS:
            return
        payload = json.dumps(CODECS[kind][0](value), ensure_ascii=False, separators=(",", ":"))
        header = json.dumps({"format": FORMAT, "kind": kind, "key": digest, "sha256": _seal(kind, digest, payload)})
        path = self._path(kind, digest)
        try:
            if path.parent not in self._folders:  # one mkdir per folder and process, not per entry
                path.parent.mkdir(parents=True, exist_ok=True)
                self._folders.add(path.parent)
            handle, temp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
                out.write(header + "\n" + payload)
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
