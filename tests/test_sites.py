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
    found += realsite.feed_problems(built.root / "site", site_url=built.site_url)
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
    if case == "i18n":  # the French build: policypress writes French (theme.language is the page's locale)
        french = (site / "fr" / "legal" / "privacy" / "index.html").read_text()
        assert '<div class="pp-header admonition info" data-pp' in french and "Toutes les versions (2)" in french
        assert "All versions" not in french
        assert '<div class="pp-header admonition info" data-pp' in (site / "legal" / "privacy" / "index.html").read_text()
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


# -- in Chromium: file:// (offline), instant navigation, the site's own announcement ----------------------

@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright
    from test_browser import CHROMIUM, CHROMIUM_ARGS
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _open(chromium, day: str | None = None):
    """A fresh context and page (its clock on `day`), and the list of what goes wrong on it (`_watch`)."""
    from test_browser import FAKE_DATE
    context = chromium.new_context()
    context.set_default_timeout(8000)
    if day:
        context.add_init_script(FAKE_DATE % day)
    page = context.new_page()
    return context, page, _watch(page)


def _watch(page) -> list[str]:
    """What went wrong on a page: failed requests, responses >= 400, CSP refusals, script errors."""
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"error: {e}"))
    page.on("response", lambda r: problems.append(f"{r.status}: {r.url}") if r.status >= 400 else None)
    # a request the browser aborted because the page navigated (a reload while the favicon loads) is
    # not the site's failure; any other failure is, and so is every response >= 400
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}") if r.failure != "net::ERR_ABORTED" else None)
    return problems


def test_offline_site_works_from_file_urls(chromium, tmp_path_factory):
    site = _build(tmp_path_factory.mktemp("offline-browser") / "src", "offline", "mkdocs")
    assert site.returncode == 0, site.log[-2000:]
    context, page, problems = _open(chromium)
    page.goto((site.root / "site" / "legal" / "privacy.html").as_uri())
    page.locator(".pp-links a", has_text="All versions").first.click()
    page.wait_for_url("**/legal/privacy/versions/index.html")  # a file, not a folder listing
    page.locator("a", has_text="2026-01-01").first.click()
    assert page.url.endswith("/legal/privacy/versions/2026-01-01/index.html")
    assert "We share nothing" in page.locator(".pp-version-text").text_content()
    page.wait_for_load_state("load")  # Material binds its keyboard shortcuts once its bundle has run
    page.keyboard.press("s")  # Material's search shortcut
    page.wait_for_function("() => document.activeElement && document.activeElement.matches('.md-search__input')")
    page.keyboard.type("newsletters")
    page.wait_for_function("() => /matching document/.test(document.querySelector('.md-search-result__meta')"
                           ".textContent)", timeout=30000)  # the offline search worker runs, under the page's CSP
    # (it builds its index from file:// in an iframe: seconds when the CI machine's two cores are busy)
    assert [p for p in problems if "favicon" not in p] == []
    context.close()


@pytest.fixture(scope="module")
def instant(tmp_path_factory):
    """A site with navigation.instant (which needs site_url: the server's), announce.dismiss and the site's
    own announcement, served over HTTP."""
    from test_browser import SiteServer, serving
    root = tmp_path_factory.mktemp("instant-browser") / "src"
    root.mkdir(parents=True)
    httpd = SiteServer(root / "site")
    site = realsite.make(root, plugins=["search", "policypress"], site_url=httpd.base, announcement=True,
                         features=("navigation.instant", "announce.dismiss"))
    run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, env={"SOURCE_DATE_EPOCH": EPOCH})
    yield from serving(httpd)


def test_instant_navigation_runs_the_compare_and_in_force_pages(chromium, instant):
    context, page, problems = _open(chromium, "2026-05-01")
    page.goto(instant.base + "legal/privacy/")
    page.evaluate("() => { window.ppInstantMarker = true; }")
    page.locator(".pp-links a[href$='compare/']").first.click()
    page.wait_for_url(instant.base + "legal/privacy/compare/")
    page.locator("[data-pp-compare-form] button, [data-pp-compare-form] [type=submit]").first.click()
    expect_text = page.locator("[data-pp-compare-status]")
    page.wait_for_function("() => /change/.test(document.querySelector('[data-pp-compare-status]').textContent)")
    assert "change" in expect_text.text_content()
    page.go_back()
    page.wait_for_url(instant.base + "legal/privacy/")
    page.locator(".pp-links a[href$='in-force/']").first.click()
    page.wait_for_url(instant.base + "legal/privacy/in-force/")
    assert page.evaluate("() => window.ppInstantMarker === true"), "not an instant navigation"
    page.locator("[data-pp-in-force] input[type=date]").fill("2026-02-01")
    page.locator("[data-pp-in-force] [type=submit], [data-pp-in-force] button").first.click()
    page.wait_for_url(instant.base + "legal/privacy/versions/2026-01-01/")  # the picker loads the page
    assert problems == []  # no blocked script, no sitemap.xml fetched for the feed links
    context.close()


def test_the_sites_own_announcement_stays_dismissible(chromium, instant):
    context, page, problems = _open(chromium, "2026-05-01")
    page.goto(instant.base)
    announce = page.locator("[data-md-component=announce]")
    assert "Site news" in announce.text_content()
    assert page.locator("[data-pp-banner]").first.is_visible()
    announce.locator(".md-banner__button").click()
    assert announce.is_hidden()
    page.reload()
    assert page.locator("[data-md-component=announce]").is_hidden(), "the dismissal is remembered"
    assert page.locator("[data-pp-banner]").first.is_visible(), "policypress's banner is its own"
    assert problems == []
    context.close()


def test_serve_watches_the_refs_of_a_git_worktree(tmp_path):
    """A `git worktree` keeps its HEAD in its own git folder and the refs in the repository's common one."""
    from policypress.site.plugin import PolicyPressPlugin
    site = realsite.make(tmp_path / "main", plugins=["search", "policypress"])
    site.git("worktree", "add", "-q", "-b", "other", str(tmp_path / "wt"))
    plugin = PolicyPressPlugin()
    plugin.load_config({})
    plugin.root = tmp_path / "wt"
    common = (tmp_path / "main" / ".git").resolve()
    assert plugin._git_paths() == [common / "worktrees" / "wt" / "HEAD", common / "refs"]
    plugin.root = tmp_path / "main"
    assert plugin._git_paths() == [common / "HEAD", common / "refs"]


def test_the_readme_recipe_and_table_are_what_is_tested():
    import yaml
    from conftest import ROOT
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    owners = readme.split("## For site owners", 1)[1]
    recipe = yaml.safe_load(re.search(r"```yaml\n(.*?)```", owners, re.S).group(1))
    assert recipe["plugins"] == CASES["recipe"][0] and "docs_dir" not in recipe and "include" not in str(recipe)
    table = owners.split("### Works with the plugins your site already has", 1)[1].split("###", 1)[0]
    for name in ("`blog`", "`tags`", "`offline`", "`navigation.instant`", "`announce.dismiss`", "mkdocs-static-i18n",
                 "mkdocs-rss-plugin", "mkdocs-redirects", "git-revision-date-localized", "mkdocs-minify-plugin",
                 "mkdocs-glightbox", "`use_directory_urls: false`", "subpath", "ProperDocs", "git worktree"):
        assert name in table, name


def test_the_skip_links_target_is_found_as_a_search_of_the_whole_page_finds_it():
    """`_first_start` reads a page from the tag before its first `data-pp-start` on: on tag soups (ids holding
    `>`, `data-pp-start` in text and in other attributes) it finds what `_START.search` finds in the whole page."""
    import random
    from policypress.site.plugin import _START, _first_start
    pieces = ['<', '>', '"', ' ', 'id="', 'div ', 'a', 'data-pp-start', ' data-pp-start', ' data-pp-start>', '\n',
              'x>y', '<p ', 'data-id="', '=', 'id="pp-start" ']
    rng = random.Random(17)
    found = 0
    for _ in range(20000):
        page = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 16)))
        expected, got = _START.search(page), _first_start(page)
        assert (expected and (expected.span(), expected.group(1))) == (got and (got.span(), got.group(1))), page
        found += expected is not None
    assert found > 200  # a few hundred pages with a target among them
