"""Markdown to HTML for versions, with a cache keyed by the text's sha256.

The MkDocs adapter passes the site's own `markdown_extensions`, so an archived version and a redline
look exactly like the live page; the CLI uses MkDocs' defaults. Rendering is the costly step of a
build, so each distinct text is rendered once per process.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
from dataclasses import dataclass, field
from typing import Any

import markdown

from policypress.cache import DiskCache, register
from policypress.cache import key as cache_key

DEFAULT_EXTENSIONS = ["toc", "tables", "fenced_code"]


@dataclass(frozen=True)
class Rendered:
    html: str
    toc_tokens: list[dict[str, Any]] = field(default_factory=list)


def _toc_token(data: Any) -> dict[str, Any]:
    """A table-of-contents token read back from the cache: strings and numbers, children alike."""
    if not isinstance(data, dict) or not isinstance(data.get("children", []), list):
        raise ValueError("not a toc token")
    for name, value in data.items():
        if name != "children" and not (isinstance(name, str) and isinstance(value, (str, int))):
            raise ValueError("not a toc token")
    return {**data, "children": [_toc_token(child) for child in data.get("children", [])]}


def _decode(data: Any) -> Rendered:
    if not isinstance(data, dict) or not isinstance(data.get("html"), str) or not isinstance(data.get("toc"), list):
        raise ValueError("not a rendered version")
    return Rendered(data["html"], [_toc_token(token) for token in data["toc"]])


register("render", lambda rendered: {"html": rendered.html, "toc": rendered.toc_tokens}, _decode)


def _versions(names: list[str]) -> dict[str, str]:
    """Versions of Markdown and of the packages providing the extensions: an upgrade may render differently."""
    found = {"markdown": getattr(markdown, "__version__", "?")}
    for name in names:
        package = name.split(".")[0]
        if package in found or package in ("markdown",) or "." not in name:
            continue
        try:
            found[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            found[package] = "?"
    return found


class Renderer:
    """Renders Markdown bodies with one Python-Markdown configuration, caching by content."""

    def __init__(self, extensions: list[Any] | None = None, extension_configs: dict | None = None,
                 cache: "DiskCache | None" = None):
        self.extensions = list(DEFAULT_EXTENSIONS if extensions is None else extensions)
        self.extension_configs = dict(extension_configs or {})
        self._md = markdown.Markdown(extensions=self.extensions, extension_configs=self.extension_configs)
        self._cache: dict[str, Rendered] = {}
        self._by_body: dict[str, Rendered] = {}  # the same, by text, while every render is kept (`held` None)
        self.disk = cache
        self.held: int | None = None  # with a disk cache, keep only this many renders in memory (None: all)
        names = [e if isinstance(e, str) else type(e).__name__ for e in self.extensions]
        self.signature = hashlib.sha256(
            json.dumps([names, self.extension_configs, _versions(names)], sort_keys=True, default=str).encode()
        ).hexdigest()[:16]

    def __call__(self, body: str) -> Rendered:
        if self.held is None:  # every render kept (mkdocs serve): a text seen before is found by itself, not hashed
            found = self._by_body.get(body)
            if found is not None:
                return found
        key = hashlib.sha256(body.encode("utf-8")).hexdigest()
        cached = self._cache.get(key)
        if cached is None:
            if self.disk is not None:
                cached = self.disk.fetch("render", cache_key(self.signature, key), lambda: self._convert(body))
            else:
                cached = self._convert(body)
            self._cache[key] = cached
            if self.held is not None and self.disk is not None:
                while len(self._cache) > self.held:  # the oldest first: the rest is read back from the disk
                    self._cache.pop(next(iter(self._cache)))
        if self.held is None:
            self._by_body[body] = cached
        return cached

    def _convert(self, body: str) -> Rendered:
        self._md.reset()
        html = self._md.convert(body)
        return Rendered(html, list(getattr(self._md, "toc_tokens", [])))
