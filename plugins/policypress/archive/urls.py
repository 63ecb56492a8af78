"""The permanent addresses of the archive (README, "Addresses and data"), in one place.

Every page, link, feed and JSON file takes its addresses from here, so a URL cannot drift between
the page that serves it and the pages that link to it. The URL methods return percent-encoded paths
(a document named `q?x` or `a#b` is linked as `q%3Fx/`, as MkDocs itself encodes page URLs); the
file a URL is written to is `path_of(url)`.
"""

from __future__ import annotations

import functools
import posixpath
from urllib.parse import quote, unquote


def encode(path: str) -> str:
    """A site-relative path as a URL path: every character but `/` and the unreserved ones encoded."""
    return quote(path, safe="/")


def path_of(url: str) -> str:
    """The file (relative to the site folder) that a URL of this module names."""
    return unquote(url)


class SiteUrls:
    """Site-root-relative URLs and generated-page source paths for one site."""

    def __init__(self, directory_urls: bool = True):
        self.directory_urls = directory_urls

    def _page(self, path: str) -> str:
        return encode(f"{path}/" if self.directory_urls else f"{path}/index.html")

    def document(self, slug: str) -> str:
        """The policy's own page: MkDocs gives `<doc>.md` the URL `<doc>/`, or `<doc>.html` without directory URLs."""
        return self._page(slug) if self.directory_urls else encode(f"{slug}.html")

    def versions_index(self, slug: str) -> str:
        return self._page(f"{slug}/versions")

    def version(self, slug: str, version_id: str) -> str:
        return self._page(f"{slug}/versions/{version_id}")

    def change(self, slug: str, version_id: str) -> str:
        return self._page(f"{slug}/changes/{version_id}")

    def change_json(self, slug: str, version_id: str) -> str:
        return encode(f"{slug}/changes/{version_id}/changes.json")

    def change_diff(self, slug: str, old_id: str, new_id: str) -> str:
        name = slug.rsplit("/", 1)[-1]
        return encode(f"{slug}/changes/{new_id}/{name}-{old_id}..{new_id}.diff")

    def compare(self, slug: str) -> str:
        return self._page(f"{slug}/compare")

    def blocks_json(self, slug: str, version_id: str) -> str:
        return encode(f"{slug}/versions/{version_id}/blocks.json")

    @staticmethod
    def compare_src(slug: str) -> str:
        return f"{slug}/compare/index.md"

    def in_force(self, slug: str) -> str:
        return self._page(f"{slug}/in-force")

    def site_feed(self) -> str:
        return "feed.xml"

    def calendar(self) -> str:
        return "effective-dates.ics"

    def versions_json(self, slug: str) -> str:
        return encode(f"{slug}/versions.json")

    def feed(self, slug: str) -> str:
        return encode(f"{slug}/feed.xml")

    # Source paths of generated pages, relative to the docs folder.
    @staticmethod
    def versions_index_src(slug: str) -> str:
        return f"{slug}/versions/index.md"

    @staticmethod
    def version_src(slug: str, version_id: str) -> str:
        return f"{slug}/versions/{version_id}/index.md"

    @staticmethod
    def in_force_src(slug: str) -> str:
        return f"{slug}/in-force/index.md"

    @staticmethod
    def change_src(slug: str, version_id: str) -> str:
        return f"{slug}/changes/{version_id}/index.md"


@functools.lru_cache(maxsize=1 << 14)
def relative(from_url: str, to_url: str) -> str:
    """A link from the page at `from_url` to `to_url` (both site-root-relative); pages of one site ask for
    the same few links again and again (every page links its feeds, the index, its neighbours)."""
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    target = posixpath.relpath("/" + to_url, "/" + base)
    if to_url.endswith("/") and not target.endswith("/"):
        target += "/"
    if target == "./":
        return "./"
    return target
