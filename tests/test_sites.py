"""Issue #14, "Works in the sites people already have": policypress added, as the README says, to a
realistic Material site (docs pages, a blog post, an image, policies under docs/legal/) next to each
plugin of the README's compatibility table. Each site is built once per engine (MkDocs and ProperDocs)
with --strict, then every internal link and anchor and every inline script (against the page's CSP)
is checked; the browser tests open the same builds in Chromium."""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import realsite
from conftest import run

EPOCH = "1777636800"  # 2026-05-01: privacy v2 (effective 2026-06-01) is upcoming, its banner is shown
I18N = """i18n:
  docs_structure: suffix
  languages:
    - locale: en
      default: true
      name: English
    - locale: fr
      name: Français"""
REDIRECTS = """redirects:
  redirect_maps:
    old-privacy.md: legal/privacy/versions/2026-01-01/index.md
    older-privacy.md: legal/privacy.md"""
MINIFY = "minify:\n  minify_html: true"

# name: (plugins, realsite.make options); "policypress" is the README's recipe, no option
CASES = {
    "recipe": (["search", "policypress"], {}),
    "blog": (["search", "policypress", "blog"], {}),
    "tags": (["search", "policypress", "tags"], {}),
    "i18n": (["search", "policypress", I18N], {}),
    "rss": (["search", "policypress", "rss"], {"site_url": "https://example.com/"}),
    "redirects": (["search", REDIRECTS, "policypress"], {}),
    "git-revision-date": (["search", "git-revision-date-localized", "policypress"], {}),
    "minify": (["search", "policypress", MINIFY], {}),
    "glightbox-after": (["search", "policypress", "glightbox"], {}),
    "glightbox-before": (["search", "glightbox", "policypress"], {}),
    "offline": (["search", "offline", "policypress"], {}),
    "no-directory-urls": (["search", "policypress"], {"top": "use_directory_urls: false\n"}),
    "instant": (["search", "policypress"], {"features": ("navigation.instant", "announce.dismiss")}),
    "subpath": (["search", "policypress"], {"site_url": "https://example.com/acme/"}),
    # all but i18n, which warns on its own about the blog's generated pages and about navigation.instant
    "all": (["search", "blog", "tags", "git-revision-date-localized", REDIRECTS, "policypress", "glightbox", "rss",
             MINIFY],
            {"site_url": "https://example.com/acme/", "features": ("navigation.instant",)}),
}
ENGINES = ("mkdocs", "properdocs")


def _build(root: Path, name: str, engine: str):
    plugins, options = CASES[name]
    site = realsite.make(root, plugins=plugins, **options)
    result = run([sys.executable, "-m", engine, "build", "--strict"], cwd=root, check=False,
                 env={"SOURCE_DATE_EPOCH": EPOCH, "DISABLE_MKDOCS_2_WARNING": "true"})
    site.log = result.stdout + result.stderr
    site.returncode = result.returncode
    site.site_url = options.get("site_url")
    return site


@pytest.fixture(scope="module", params=[(n, e) for n in CASES for e in ENGINES], ids=lambda p: f"{p[0]}-{p[1]}")
def built(request, tmp_path_factory):
    name, engine = request.param
    site = _build(tmp_path_factory.mktemp(f"{name}-{engine}") / "src", name, engine)
    site.case, site.engine = name, engine
    return site


def test_builds_strict_and_archives_only_the_policies(built):
    assert built.returncode == 0, built.log[-3000:]
    assert realsite.policies(built.root / "site") == ["legal/privacy", "legal/terms"]


def test_no_broken_link_anchor_or_blocked_script(built):
    assert built.returncode == 0, built.log[-3000:]
    found = realsite.problems(built.root / "site", site_url=built.site_url, file_scheme=built.case == "offline")
    assert found == [], "\n".join(found[:30])


def test_the_plugin_does_what_it_should(built):
    """What each plugin is for still happens next to policypress."""
    assert built.returncode == 0, built.log[-3000:]
    site, case = built.root / "site", built.case
    if case in ("blog", "all"):
        assert (site / "blog" / "2026" / "01" / "05" / "hello-world" / "index.html").is_file()
    if case in ("tags", "all"):
        post = "blog/2026/01/05/hello-world/index.html" if case == "all" else "blog/posts/hello/index.html"
        assert "md-tag" in (site / post).read_text()
    if case == "i18n":
        assert (site / "fr" / "legal" / "privacy" / "index.html").is_file()
    if case in ("rss", "all"):
        feed = ET.fromstring((site / "feed_rss_created.xml").read_bytes())
        assert any("legal/privacy" in (item.findtext("link") or "") for item in feed.iter("item"))
    if case in ("redirects", "all"):
        assert "versions/2026-01-01/" in (site / "old-privacy" / "index.html").read_text()
    if case in ("git-revision-date", "all"):
        def shown(url):
            return re.search(r'git-revision-date-localized-plugin-date"[^>]*>([^<]+)<', (site / url).read_text()).group(1)
        assert shown("legal/privacy/versions/2026-01-01/index.html") == "December 1, 2025"
        assert shown("legal/privacy/versions/2026-06-01/index.html") == "May 1, 2026"
        assert shown("legal/privacy/index.html") == "December 1, 2025"  # the text in force, not the upcoming one
    if case in ("minify", "all"):
        result = run([sys.executable, "-m", "policypress", "verify", "site"], cwd=built.root, check=False)
        if case == "minify":  # glightbox's script, in "all", is not the theme's: verify names it
            assert result.returncode == 0 and "0 mismatch" in result.stdout, result.stdout + result.stderr
    if case in ("glightbox-after", "glightbox-before", "all"):
        assert "GLightbox(" in (site / "legal" / "privacy" / "index.html").read_text()
    if case == "offline":
        assert (site / "legal" / "privacy.html").is_file() and (site / "search" / "search_index.js").is_file()
    if case == "subpath":
        feed = ET.fromstring((site / "legal" / "privacy" / "feed.xml").read_bytes())
        hrefs = {l.get("href") for l in feed.iter("{http://www.w3.org/2005/Atom}link")}
        assert "https://example.com/acme/legal/privacy/versions/2026-06-01/" in hrefs
        assert "URL:https://example.com/acme/legal/privacy/changes/2026-06-01/" in (site / "effective-dates.ics").read_text()
    if case == "recipe":
        feed = ET.fromstring((site / "legal" / "privacy" / "feed.xml").read_bytes())
        hrefs = {l.get("href") for l in feed.iter("{http://www.w3.org/2005/Atom}link")}
        assert "versions/2026-06-01/" in hrefs  # relative to the feed, which readers resolve
        assert "URL:" not in (site / "effective-dates.ics").read_text()
        assert "site_url is not set" in built.log


def test_an_include_that_matches_nothing_says_so(tmp_path):
    site = realsite.make(tmp_path / "s", plugins=["search", "policypress:\n  include: [policies/*.md]"])
    result = run([sys.executable, "-m", "mkdocs", "build"], cwd=site.root, check=False)
    assert "no policy found" in result.stderr and "policies/*.md" in result.stderr
