"""The built site in a real browser: headless Chromium (Debian's /usr/bin/chromium) through Playwright.

One site is built per module (a privacy policy with v1 in force and v2 published on the build day,
effective 20 days later, and a terms page), served over HTTP on 127.0.0.1, and opened in a fresh
browser context per test. The browser's clock is faked with an init script so that the client-side
date switch (policypress.js) can be tested on any day.
"""

from __future__ import annotations

import http.server
import json
import os
import re
import subprocess
import sys
from collections import Counter
import shutil
import threading
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from conftest import ROOT, Site, policy

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

BUILD_DAY = "2026-05-01"
BUILD_EPOCH = "1777636800"  # 2026-05-01T12:00:00Z
V3_EPOCH = "1777723200"  # 2026-05-02T12:00:00Z
SUMMARY = "We now send our newsletters with Acme <b>Mail</b> & co."
NOTICE_V2 = "privacy@2026-05-21"
NOTICE_V3 = "privacy@2026-06-15"

MKDOCS_YML = """\
site_name: browser test site
docs_dir: policy
site_dir: site
theme:
  name: material
  custom_dir: site_overrides
  font: false
plugins:
  - search
  - policypress:
      include: ["*.md", "**/*.md"]
      notice_days: 20
markdown_extensions:
  - toc
  - tables
"""

PRIVACY_V1 = """
## 1. What we collect

We collect your name and e-mail address when you sign up.

## 2. Who we share it with

We share nothing with anyone, and we never sell your information.

## 3. Contact

Write to privacy@example.com.
"""
PRIVACY_V2 = (PRIVACY_V1
              .replace("We share nothing with anyone, and",
                       "We share your e-mail address with Acme Mail Ltd, which sends our newsletters, and"))
PRIVACY_V3 = PRIVACY_V2.replace("your name and e-mail address", "your name, e-mail address and phone number")

TERMS = """
## 1. Using the service

Be kind to other users.
"""

PAGES = {
    "home": "",
    "privacy": "privacy/",
    "archived version": "privacy/versions/2026-01-01/",
    "redline": "privacy/changes/2026-05-21/",
    "versions index": "privacy/versions/",
    "terms": "terms/",
}


# -- the site, the server, the browser ----------------------------------------------------------------

def make_site(root: Path) -> Site:
    site = Site(root)
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    shutil.copytree(ROOT / "site_overrides", root / "site_overrides")
    site.commit("Home, privacy policy and terms", "2025-12-01T10:00:00+00:00", {
        "policy/index.md": "# Welcome\n\nRead our [privacy policy](privacy.md) and our [terms](terms.md).\n",
        "policy/privacy.md": policy(effective="2026-01-01", body=PRIVACY_V1),
        "policy/terms.md": policy(title="Terms of Service", effective="2026-01-01", body=TERMS),
    })
    site.commit("Privacy: newsletters via Acme Mail", "2026-05-01T09:00:00+00:00", {
        "policy/privacy.md": policy(effective="2026-05-21", body=PRIVACY_V2, summary=SUMMARY,
                                    material=["recipients"]),
    })
    return site


class SiteServer(http.server.ThreadingHTTPServer):
    """Serves `root` (which a test may switch to another build: same origin, same localStorage)."""

    daemon_threads = True

    def __init__(self, root: Path):
        self.root = root
        super().__init__(("127.0.0.1", 0), Handler)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"


class Handler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, request, client_address, server):
        super().__init__(request, client_address, server, directory=str(server.root))

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")  # a rebuilt site must be seen at once
        super().end_headers()

    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Site:
    site = make_site(tmp_path_factory.mktemp("browser") / "src")
    site.build(env={"SOURCE_DATE_EPOCH": BUILD_EPOCH})
    return site


def serving(httpd: SiteServer):
    """Serve in a thread until the generator (a fixture's body) is closed."""
    thread = threading.Thread(target=httpd.serve_forever, name="site-server", daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()
    thread.join(5)


@pytest.fixture(scope="module")
def server(built):
    yield from serving(SiteServer(built.root / "site"))


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: the browser tests need Debian's chromium package, which .ci/run "
                    f"(./dev test) installs: apt-get install chromium. Playwright's own browser downloads are not used.",
                    pytrace=False)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


FAKE_DATE = """
(() => {
  const RealDate = Date;
  const fallback = %r;
  function now() {
    let day = fallback;
    try { day = window.localStorage.getItem("policypress-test.today") || fallback; } catch (e) {}
    const [y, m, d] = day.split("-").map(Number);
    return new RealDate(y, m - 1, d, 12, 0, 0).getTime();  // noon, local time
  }
  function FakeDate(...args) {
    if (!new.target) return RealDate();
    return args.length ? new RealDate(...args) : new RealDate(now());
  }
  FakeDate.prototype = RealDate.prototype;
  FakeDate.now = now;
  FakeDate.parse = RealDate.parse;
  FakeDate.UTC = RealDate.UTC;
  window.Date = FakeDate;
})();
"""


@pytest.fixture
def new_context(browser):
    """A fresh browser context whose `new Date()` and `Date.now()` return noon of `day`.

    The day can be changed later in the same context with `set_day(page, day)`."""
    contexts = []

    def make(day: str | None = BUILD_DAY, **options):
        context = browser.new_context(**options)
        context.set_default_timeout(5000)
        if day is not None:
            context.add_init_script(FAKE_DATE % day)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


def set_day(page, day: str) -> None:
    page.evaluate("day => window.localStorage.setItem('policypress-test.today', day)", day)


def open_page(context, server, url: str):
    page = context.new_page()
    page.goto(server.base + url)
    return page


# -- tests ------------------------------------------------------------------------------------------

def test_the_fake_clock_only_changes_today(new_context, server):
    page = open_page(new_context("2026-05-25"), server, "")
    assert page.evaluate("() => { const d = new Date(); return [d.getFullYear(), d.getMonth() + 1, d.getDate()]; }") \
        == [2026, 5, 25]
    assert page.evaluate("() => new Date(Date.now()).getDate()") == 25
    assert page.evaluate("() => new Date('2020-02-03T00:00:00Z').toISOString()") == "2020-02-03T00:00:00.000Z"
    assert page.evaluate("() => new Date(2021, 0, 2).getFullYear()") == 2021
    assert page.evaluate("() => new Date() instanceof Date")


@pytest.mark.parametrize("name", list(PAGES))
def test_the_banner_is_on_every_page(new_context, server, name):
    page = open_page(new_context(), server, PAGES[name])
    banner = page.locator(".md-banner")
    assert banner.is_visible(), f"no visible banner on {name}"
    item = banner.locator(f'[data-pp-notice="{NOTICE_V2}"]')
    assert item.is_visible()
    text = item.inner_text()
    # the summary is text: its markup is shown, not interpreted
    assert "Acme <b>Mail</b> & co." in text
    assert item.locator("b").count() == 0
    assert "changes take effect on May 21, 2026" in " ".join(text.split())
    assert item.locator('time[datetime="2026-05-21"]:visible').count() == 1
    link = item.locator("a", has_text="See what changes")
    assert link.evaluate("a => a.href") == server.base + "privacy/changes/2026-05-21/"
    if name == "terms":
        link.click()
        page.wait_for_url(server.base + "privacy/changes/2026-05-21/")
        expect(page.locator(".pp-redline ins").first).to_be_visible()


def test_the_banner_can_be_dismissed_until_the_next_version(new_context, server, built, tmp_path):
    context = new_context()
    page = open_page(context, server, "terms/")
    button = page.locator(f'[data-pp-dismiss="{NOTICE_V2}"]')
    assert button.is_visible()
    # reachable with the keyboard: Tab from the top of the page reaches it
    for _ in range(30):
        page.keyboard.press("Tab")
        if button.evaluate("b => b === document.activeElement"):
            break
    else:
        pytest.fail("the Dismiss button is not reachable with Tab")
    page.keyboard.press("Enter")
    assert page.locator(".md-banner").is_hidden()
    assert page.locator(f'[data-pp-banner] [data-pp-notice="{NOTICE_V2}"]').is_hidden()
    stored = page.evaluate("() => JSON.parse(localStorage.getItem('policypress.dismissed'))")
    assert NOTICE_V2 in stored
    # it stays dismissed on other pages of the same site
    for url in ("", "privacy/", "privacy/changes/2026-05-21/", "terms/"):
        page.goto(server.base + url)
        assert page.locator('[data-pp-banner]').count() == 1, url
        assert page.locator(".md-banner").is_hidden(), f"the dismissed banner is back on {url or 'home'}"
    # but the notice on the policy's own page is not a banner: it stays
    page.goto(server.base + "privacy/")
    assert page.locator(f'.pp-notice[data-pp-notice="{NOTICE_V2}"]').is_visible()

    # a new version is published the next day: the banner comes back for it, and only for it
    shutil.copytree(built.root, tmp_path / "src", ignore=shutil.ignore_patterns("site"))
    newer = Site(tmp_path / "src", git=False)  # the copied repository, with its history
    (newer.root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    newer.commit("Privacy: phone numbers", "2026-05-02T09:00:00+00:00", {
        "policy/privacy.md": policy(effective="2026-06-15", body=PRIVACY_V3,
                                    summary="We now collect phone numbers.", material=["service-model"]),
    })
    newer.build(env={"SOURCE_DATE_EPOCH": V3_EPOCH})
    old_root = server.root
    server.root = newer.root / "site"
    try:
        set_day(page, "2026-05-02")
        page.reload()
        assert page.locator(".md-banner").is_visible()
        assert page.locator(f'[data-pp-banner] [data-pp-notice="{NOTICE_V3}"]').is_visible()
        assert page.locator(f'[data-pp-banner] [data-pp-notice="{NOTICE_V2}"]').is_hidden()
        assert page.locator(f'[data-pp-dismiss="{NOTICE_V3}"]').is_visible()
    finally:
        server.root = old_root


def test_without_javascript_the_banner_shows_and_cannot_be_dismissed(new_context, server):
    context = new_context(None, java_script_enabled=False)
    for url in ("", "privacy/", "terms/"):
        page = open_page(context, server, url)
        assert page.locator(".md-banner").is_visible(), url
        assert page.locator(f'[data-pp-banner] [data-pp-notice="{NOTICE_V2}"]').is_visible()
        assert "Acme <b>Mail</b> & co." in page.locator("[data-pp-banner]").inner_text()
        assert page.locator("[data-pp-dismiss]").count() == 1
        assert page.locator("[data-pp-dismiss]").is_hidden()
        page.close()


def test_notices_switch_on_their_dates_in_the_browser(new_context, server):
    # built on May 1; read on May 25, after the effective date
    page = open_page(new_context("2026-05-25"), server, "privacy/")
    item = page.locator(f'[data-pp-banner] [data-pp-notice="{NOTICE_V2}"]')
    assert item.is_visible()
    assert item.get_attribute("data-pp-state") == "recent"
    assert item.locator('[data-pp-when="recent"]').is_visible()
    assert item.locator('[data-pp-when="upcoming"]').is_hidden()
    assert "changed on May 21, 2026" in " ".join(item.inner_text().split())
    superseded = page.locator("[data-pp-superseded-on]")
    assert superseded.is_visible()
    assert "This text is no longer in force" in superseded.inner_text()
    notice = page.locator(f'.pp-notice[data-pp-notice="{NOTICE_V2}"]')
    assert notice.locator('[data-pp-when="recent"]').is_visible()
    assert notice.locator('[data-pp-when="upcoming"]').is_hidden()

    # on the build day, the text in force is not superseded yet
    page = open_page(new_context(BUILD_DAY), server, "privacy/")
    assert page.locator("[data-pp-superseded-on]").is_hidden()
    assert page.locator('[data-pp-banner] [data-pp-when="upcoming"]').is_visible()

    # July 1 is more than 30 days after the effective date: no banner at all
    context = new_context("2026-07-01")
    for url in ("", "privacy/", "terms/"):
        page = open_page(context, server, url)
        assert page.locator("[data-pp-banner]").count() == 1
        assert page.locator(".md-banner").is_hidden(), f"expired banner still shown on {url or 'home'}"
        page.close()


def test_in_force_on_a_date(new_context, server):
    context = new_context()
    page = open_page(context, server, "privacy/in-force/")
    page.fill("#pp-date", "2026-03-01")
    page.locator("[data-pp-in-force] button[type=submit]").click()
    page.wait_for_url(server.base + "privacy/versions/2026-01-01/")
    expect(page.locator('.pp-archived[data-pp-version="2026-01-01"]')).to_be_visible()

    page.goto(server.base + "privacy/in-force/#2026-05-22")
    page.wait_for_url(server.base + "privacy/versions/2026-05-21/")
    expect(page.locator('.pp-archived[data-pp-version="2026-05-21"]')).to_be_visible()

    page.goto(server.base + "privacy/in-force/")
    page.fill("#pp-date", "2025-06-01")
    page.locator("[data-pp-in-force] button[type=submit]").click()
    expect(page.locator("[data-pp-result]")).to_contain_text("No version of this policy was in force on June 1, 2025.")  # the reader’s language
    page.wait_for_timeout(300)  # nothing navigates away
    assert page.url.split("#")[0] == server.base + "privacy/in-force/"


def test_no_request_leaves_the_site(new_context, server):
    context = new_context()
    requests: dict[str, list[str]] = {}
    current: list[str] = []
    context.on("request", lambda request: current.append(request.url))
    for url in ("", "privacy/", "privacy/versions/2026-01-01/", "privacy/changes/2026-05-21/",
                "privacy/versions/", "privacy/in-force/"):
        current.clear()
        page = context.new_page()
        page.goto(server.base + url, wait_until="networkidle")
        requests[url] = list(current)
        page.close()
    for url, seen in requests.items():
        assert seen, f"no request recorded for {url or 'home'}"
        assert seen[0] == server.base + url
        outside = [u for u in seen if not (u.startswith(server.base) or u.startswith("data:"))]
        assert not outside, f"{url or 'home'} requested {outside}"


def test_redline_marks_are_visible_and_distinct(new_context, server):
    page = open_page(new_context(), server, "privacy/changes/2026-05-21/")
    ins = page.locator(".pp-redline ins").first
    deleted = page.locator(".pp-redline del").first
    assert ins.is_visible() and deleted.is_visible()
    style = "e => { const s = getComputedStyle(e); return [s.textDecorationLine, s.backgroundColor, s.color]; }"
    ins_line, ins_bg, ins_color = ins.evaluate(style)
    del_line, del_bg, del_color = deleted.evaluate(style)
    text_line, text_bg, text_color = ins.evaluate(f"e => ({style})(e.parentElement)")
    assert "underline" in ins_line and "line-through" not in ins_line
    assert "line-through" in del_line
    assert "underline" not in text_line and "line-through" not in text_line
    assert ins_bg != text_bg and del_bg != text_bg and ins_bg != del_bg
    assert "Acme Mail Ltd" in page.locator(".pp-redline ins", has_text="Acme").first.inner_text()


# -- regressions: instant navigation and the Back button ------------------------------------------

def test_back_from_a_picked_version_returns_to_the_picker(new_context, server):
    page = open_page(new_context(), server, "privacy/in-force/")
    page.fill("#pp-date", "2026-03-01")
    page.locator("[data-pp-in-force] button[type=submit]").click()
    page.wait_for_url(server.base + "privacy/versions/2026-01-01/")
    page.go_back()
    page.wait_for_timeout(500)  # a redirect from the hash would have happened by now
    assert page.url.split("#")[0] == server.base + "privacy/in-force/"


@pytest.fixture(scope="module")
def instant_server(built, tmp_path_factory):
    """The same site with Material's `navigation.instant` (which needs site_url, hence the port first)."""
    root = tmp_path_factory.mktemp("instant") / "src"
    shutil.copytree(built.root, root, ignore=shutil.ignore_patterns("site"))
    site = Site(root, git=False)  # the copied repository, with its history
    httpd = SiteServer(root / "site")
    config = MKDOCS_YML.replace("  font: false\n", "  font: false\n  features:\n    - navigation.instant\n")
    (root / "mkdocs.yml").write_text(f"site_url: {httpd.base}\n" + config, encoding="utf-8")
    site.build(env={"SOURCE_DATE_EPOCH": BUILD_EPOCH})
    yield from serving(httpd)


@pytest.mark.parametrize("day", [BUILD_DAY, "2026-07-01"])
def test_instant_navigation_keeps_the_banner_state(new_context, instant_server, day):
    page = open_page(new_context(day), instant_server, "")
    page.evaluate("() => { window.policypressTestMarker = true; }")
    if day == BUILD_DAY:
        page.locator(f'[data-pp-dismiss="{NOTICE_V2}"]').click()
    assert page.locator(".md-banner").is_hidden()
    page.locator(".md-nav__link", has_text="Terms of Service").first.click()
    page.wait_for_url(instant_server.base + "terms/")
    assert page.evaluate("() => window.policypressTestMarker === true"), "not an instant navigation"
    page.wait_for_timeout(300)
    assert page.locator(".md-banner").is_hidden()


# -- redline tools: keyboard navigation, side by side, switches, print ---------------------------------

def test_redline_keyboard_navigation_and_counter(new_context, server):
    page = open_page(new_context(), server, "privacy/changes/2026-05-21/")
    counter = page.locator("[data-pp-counter]")
    total = int(page.locator(".pp-redline").get_attribute("data-pp-changes"))
    assert total >= 2 and counter.inner_text() == f"{total} changes"
    page.keyboard.press("n")
    assert counter.inner_text() == f"Change 1 of {total}"
    first = page.evaluate("document.activeElement.getAttribute('data-pp-change')")
    page.keyboard.press("n")
    assert counter.inner_text() == f"Change 2 of {total}"
    second = page.evaluate("document.activeElement.getAttribute('data-pp-change')")
    assert first == "1" and second == "2"
    page.keyboard.press("p")
    assert counter.inner_text() == f"Change 1 of {total}"
    page.click("[data-pp-next]")
    assert counter.inner_text() == f"Change 2 of {total}"


def test_side_by_side_view_toggles(new_context, server):
    page = open_page(new_context(), server, "privacy/changes/2026-05-21/")
    page.click("[data-pp-view]")
    grid = page.locator(".pp-side-by-side")
    assert grid.is_visible() and not page.locator(".pp-redline").is_visible()
    assert page.locator("[data-pp-view]").get_attribute("aria-pressed") == "true"
    old_cells = grid.locator(".pp-sbs-old")
    new_cells = grid.locator(".pp-sbs-new")
    assert old_cells.count() == new_cells.count() > 3
    assert grid.locator(".pp-sbs-old ins").count() == 0 and grid.locator(".pp-sbs-new del").count() == 0
    new_text, old_text = " ".join(new_cells.all_inner_texts()), " ".join(old_cells.all_inner_texts())
    assert "Acme Mail Ltd" in new_text and "Acme Mail Ltd" not in old_text
    page.keyboard.press("n")
    assert page.locator("[data-pp-counter]").inner_text().startswith("Change 1 of")
    page.click("[data-pp-view]")
    assert page.locator(".pp-redline").is_visible() and not grid.is_visible()


def test_print_view_keeps_the_marks_and_hides_the_chrome(new_context, server):
    page = open_page(new_context(), server, "privacy/changes/2026-05-21/")
    page.emulate_media(media="print")
    style = "e => getComputedStyle(e).textDecorationLine"
    assert "underline" in page.locator(".pp-redline ins").first.evaluate(style)
    assert "line-through" in page.locator(".pp-redline del").first.evaluate(style)
    assert not page.locator(".md-header").is_visible() and not page.locator(".pp-redline-tools").is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


# -- any two versions -------------------------------------------------------------------------------

LINKED = ("\n\nSee [the welcome page](index.md#welcome) and our seal:\n\n![Privacy seal](img/seal.png)\n")


def test_compare_any_two_versions(new_context, server, built, tmp_path):
    """Any pair is computed in the browser by the port of the build's engine: the same marks as the Python
    engine, the published step linked for consecutive pairs, links and images that resolve."""
    from test_archive import BODY_V1, BODY_V2, BODY_V3
    from conftest import policy
    from policypress.diff.redline import redline as python_redline
    from policypress.diff.render import Renderer

    site = Site(tmp_path / "three")
    bodies = [BODY_V1 + LINKED, BODY_V2 + LINKED, BODY_V3 + LINKED]
    site.write("policy/index.md", "# Welcome\n\nHello.\n")
    (site.root / "policy" / "img").mkdir()
    (site.root / "policy" / "img" / "seal.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    for number, body in enumerate(bodies, start=1):
        site.commit(f"v{number}", f"2025-12-0{number}T10:00:00+00:00",
                    {"policy/privacy.md": policy(effective=f"2026-0{number}-01", body=body)})
    site.build(env={"SOURCE_DATE_EPOCH": BUILD_EPOCH})
    server.root = site.root / "site"
    try:
        context = new_context()
        page = open_page(context, server, "privacy/compare/#2026-01-01..2026-03-01")
        status = page.locator("[data-pp-compare-status]")
        # (no wait_for_function: its polling evaluates strings, which the site's CSP rightly refuses)
        status.filter(has_text="from version 2026-01-01 to version 2026-03-01").wait_for()
        assert "computed in your browser" in status.inner_text()
        words = lambda tag: " ".join(page.locator(f"[data-pp-compare-result] {tag}").all_inner_texts()).split()
        render = Renderer(["toc", "tables", "fenced_code"])
        expected = python_redline(render(bodies[0]).html, render(bodies[2]).html)
        python_words = lambda tag: " ".join(re.sub(r"<[^>]+>", "", m) for m in
                                            re.findall(rf"<{tag}\b[^>]*>(.*?)</{tag}>", expected.html, re.S)).split()
        assert words("ins") == python_words("ins") and words("del") == python_words("del")
        assert page.locator("[data-pp-compare-summary] [data-pp-stat=changes]").inner_text() == str(len(expected.changes))
        assert page.locator("[data-pp-counter]").inner_text() == f"{len(expected.changes)} changes"
        page.keyboard.press("n")
        assert page.locator("[data-pp-counter]").inner_text().startswith("Change 1 of")
        # every link and image the compare page writes resolves on the site
        targets = page.evaluate("""() => Array.from(document.querySelectorAll(
            '[data-pp-compare-result] a[href]:not([href^="#"]), [data-pp-compare-result] img[src]'))
            .map(e => e.href || e.src)""")
        assert any(t.endswith("img/seal.png") for t in targets) and any("#welcome" in t for t in targets), targets
        for target in targets:
            assert context.request.get(target).status == 200, target
        # a consecutive pair: the same engine, and a link to the published step; a shareable address
        page.select_option("#pp-old", "2026-02-01")
        page.click("[data-pp-compare-form] button[type=submit]")
        status.filter(has_text="from version 2026-02-01 to version 2026-03-01").wait_for()
        assert page.url.endswith("#2026-02-01..2026-03-01")
        assert "Acme Mail Ltd" in " ".join(page.locator("[data-pp-compare-result] ins").all_inner_texts())
        published = page.locator("[data-pp-compare-summary] a", has_text="published redline of version 2026-03-01")
        assert published.get_attribute("href") == "../changes/2026-03-01/"
        # form controls and the page's introduction are not printed
        page.emulate_media(media="print")
        assert not page.locator("[data-pp-compare-form]").is_visible()
        assert page.locator("[data-pp-compare-result] ins").first.is_visible()
    finally:
        server.root = built.root / "site"


def test_compare_works_under_instant_navigation(new_context, instant_server):
    page = open_page(new_context(), instant_server, "privacy/")
    page.evaluate("() => { window.policypressTestMarker = true; }")
    page.locator("a", has_text="Compare two versions").first.click()
    page.wait_for_url(instant_server.base + "privacy/compare/")
    assert page.evaluate("() => window.policypressTestMarker === true"), "not an instant navigation"
    page.click("[data-pp-compare-form] button[type=submit]")
    page.locator("[data-pp-compare-status]", has_text="computed in your browser").wait_for()
    assert page.locator("[data-pp-compare-result] ins").count() > 0
    assert int(page.locator("[data-pp-compare-result]").get_attribute("data-pp-changes")) > 0


# -- agreement with git's word diff on real history --------------------------------------------------

def _visible_words(markdown: str) -> list[str]:
    """The words a reader sees in a piece of Markdown: no link targets, URLs, HTML or Liquid."""
    text = re.sub(r"<!--.*?-->", " ", markdown)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"<https?://[^>]*>|https?://\S+|<[^>]+>|\{\{[^}]*\}\}", " ", text)
    return [w.lower() for w in re.findall(r"[^\W_]+", text)]


def _git_word_diff(old: str, new: str, tmp: Path) -> tuple[Counter, Counter]:
    """Words `git diff --word-diff` adds and removes, Markdown syntax aside (a word only re-marked
    because its link target or list marker changed is no change to a reader)."""
    (tmp / "old.md").write_text(old, encoding="utf-8")
    (tmp / "new.md").write_text(new, encoding="utf-8")
    out = subprocess.run(["git", "diff", "--no-index", "--word-diff=porcelain", "old.md", "new.md"], cwd=tmp,
                         capture_output=True, text=True).stdout
    added, removed, group_added, group_removed = Counter(), Counter(), Counter(), Counter()
    for line in out.splitlines() + [" "]:
        if line.startswith(("+++", "---", "@@", "diff ", "index ", "~")):
            continue
        if line.startswith("+"):
            group_added.update(_visible_words(line[1:]))
        elif line.startswith("-"):
            group_removed.update(_visible_words(line[1:]))
        else:
            added.update(group_added - group_removed)
            removed.update(group_removed - group_added)
            group_added, group_removed = Counter(), Counter()
    return added, removed


def _agreement(ours: Counter, theirs: Counter) -> float:
    union = sum((ours | theirs).values())
    return sum((ours & theirs).values()) / union if union else 1.0


@pytest.fixture(scope="module")
def github_history(tmp_path_factory):
    from conftest import CORPUS

    root = tmp_path_factory.mktemp("github") / "repo"
    folder = CORPUS / "github-privacy-statement"
    subprocess.run([str(CORPUS / "make-repo"), "--subject-only", str(folder), str(root)], check=True,
                   capture_output=True)
    (root / "mkdocs.yml").write_text("site_name: GitHub\ndocs_dir: policy\ntheme:\n  name: material\n  font: false\n"
                                     "plugins:\n  - policypress:\n      include: ['*.md']\nmarkdown_extensions: [toc, tables]\n")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=root, check=True,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    httpd = SiteServer(root / "site")
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd, sorted(folder.glob("0*.md")), root
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize("old, new", [(40, 45), (50, 60), (10, 14), (20, 33)])
def test_compare_agrees_with_git_word_diff_on_the_github_history(new_context, github_history, tmp_path, old, new):
    from policypress.archive import frontmatter

    httpd, files, root = github_history
    ids = [v["id"] for v in json.loads((root / "site" / "privacy" / "versions.json").read_text())["versions"]]
    page = open_page(new_context(), httpd, f"privacy/compare/#{ids[old]}..{ids[new]}")
    page.locator("[data-pp-compare-status]", has_text=f"from version {ids[old]} to version {ids[new]}").wait_for()
    # (formatting-only marks, a changed link target, are words git marks only when their line changed)
    ours = {tag: Counter(w for text in page.locator(f"[data-pp-compare-result] {tag}:not(.pp-format)").all_inner_texts()
                         for w in re.findall(r"[^\W_]+", text.lower())) for tag in ("ins", "del")}
    added, removed = _git_word_diff(frontmatter.split(files[old].read_text(encoding="utf-8")).body,
                                    frontmatter.split(files[new].read_text(encoding="utf-8")).body, tmp_path)
    assert sum(added.values()) + sum(removed.values()) > 20  # a pair with something to agree on
    assert _agreement(ours["ins"], added) >= 0.9, (sum(ours["ins"].values()), sum(added.values()))
    assert _agreement(ours["del"], removed) >= 0.9, (sum(ours["del"].values()), sum(removed.values()))


# Non-consecutive pairs of the GitHub privacy statement's 70 versions: near and far apart, across its two
# restructurings (sections renumbered, paragraphs moved, lists rebuilt), and the whole history at once.
PARITY_PAIRS = [(0, 69), (0, 2), (1, 9), (3, 7), (5, 40), (8, 11), (10, 14), (12, 30), (15, 17), (20, 33), (22, 25),
                (28, 31), (30, 58), (33, 35), (34, 36), (38, 50), (40, 45), (44, 47), (50, 60), (52, 54), (56, 69),
                (60, 63), (64, 66), (66, 69)]

NORMALISE = """html => {
    const t = document.createElement('template');
    t.innerHTML = html;
    for (const e of t.content.querySelectorAll('[href]:not([href^="#"]), [src]')) {
        e.removeAttribute('href'); e.removeAttribute('src');
    }
    return t.innerHTML;
}"""


def test_compare_is_the_build_engine_on_real_history(new_context, github_history):
    """The compare page's redline of any two versions is the one `policypress.diff.redline` makes: the same
    HTML (structure, numbering, ids, moves; link targets aside, which the site rebases), the same counts."""
    from policypress.archive import frontmatter
    from policypress.diff.redline import redline as python_redline
    from policypress.diff.render import Renderer

    httpd, files, root = github_history
    ids = [v["id"] for v in json.loads((root / "site" / "privacy" / "versions.json").read_text())["versions"]]
    assert len(ids) == len(files) == 70
    render = Renderer(["toc", "tables", "fenced_code"])
    html = [render(frontmatter.split(f.read_text(encoding="utf-8")).body).html for f in files]
    page = open_page(new_context(), httpd, "privacy/compare/")
    status = page.locator("[data-pp-compare-status]")
    moves = 0
    for old, new in PARITY_PAIRS:
        assert new - old > 1
        page.evaluate("address => { window.location.hash = address; }", f"{ids[old]}..{ids[new]}")
        status.filter(has_text=f"from version {ids[old]} to version {ids[new]}").wait_for(timeout=15000)
        expected = python_redline(html[old], html[new])
        result = page.locator("[data-pp-compare-result]")
        shown = page.evaluate(NORMALISE, result.inner_html())
        assert shown == page.evaluate(NORMALISE, expected.html), (old, new)
        assert int(result.get_attribute("data-pp-changes")) == len(expected.changes) > 0
        assert int(result.get_attribute("data-pp-words-added")) == expected.words_added
        assert int(result.get_attribute("data-pp-words-removed")) == expected.words_removed
        marked = {tag: result.locator(tag).all_inner_texts() for tag in ("ins", "del")}
        assert marked["ins"] and marked["del"]
        assert page.locator("[data-pp-compare-summary] [data-pp-stat=changes]").inner_text() == str(len(expected.changes))
        # the same sections, a moved block's both ends included
        assert page.locator("[data-pp-compare-summary] [data-pp-stat=sections-changed]").inner_text() == \
            str(expected.sections_changed)
        titles = page.locator("[data-pp-compare-summary] .pp-sections li").all_inner_texts()
        assert [t.split(" (")[0] for t in titles] == [s.title.split(" (")[0] for s in expected.sections], (old, new)
        moves += sum(1 for c in expected.changes if c.kind == "moved")
    assert moves > 0  # the pairs include moved text


PRINTABLE_PX = {"A4": (210 - 28) / 25.4 * 96, "Letter": (215.9 - 28) / 25.4 * 96}  # page width less the margins


def _pdf_pages(pdf: bytes) -> list[str]:
    import io
    import pypdf

    return [" ".join(p.extract_text().split()) for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def _clipped(page) -> list[str]:
    """policypress's boxes (and what is in them) that reach past the printable width."""
    return page.evaluate("""() => {
        const width = document.documentElement.clientWidth + 0.5, out = [];
        for (const e of document.querySelectorAll('.pp-redline-summary, .pp-redline-summary *, .pp-compare *, .pp-redline *')) {
            const r = e.getBoundingClientRect();
            if (r.width && r.right > width) out.push(e.tagName + '.' + e.className + ' ' + Math.round(r.right));
        }
        return out.slice(0, 5);
    }""")


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_a_printed_redline_names_the_pair_on_every_page(new_context, github_history, paper):
    """A redline a lawyer attaches: the summary on page 1, every page naming the document, both versions
    with their dates and "Page x of y", marks kept, nothing wider than the paper."""
    httpd, files, root = github_history
    data = json.loads((root / "site" / "privacy" / "versions.json").read_text())
    old, new = data["versions"][44], data["versions"][45]
    page = open_page(new_context(), httpd, f"privacy/changes/{new['id']}/")
    pdf = page.pdf(format=paper)
    pages = _pdf_pages(pdf)
    assert len(pages) >= 3
    assert "What changed in version" in pages[0] and re.search(r"\d+ changes?: \d+ words? added", pages[0]), pages[0][:400]
    for number, text in enumerate(pages, start=1):
        assert data["title"] in text and f"from version {old['id']}" in text and f"to version {new['id']}" in text, number
        assert f"Page {number} of {len(pages)}" in text, (number, text[:200])
    page.emulate_media(media="print")
    page.set_viewport_size({"width": int(PRINTABLE_PX[paper]), "height": 1000})
    assert "line-through" in page.locator(".pp-redline del").first.evaluate("e => getComputedStyle(e).textDecorationLine")
    assert not _clipped(page), _clipped(page)


def test_the_compare_page_prints_like_a_redline(new_context, github_history):
    httpd, files, root = github_history
    data = json.loads((root / "site" / "privacy" / "versions.json").read_text())
    old, new = data["versions"][20], data["versions"][33]
    page = open_page(new_context(), httpd, f"privacy/compare/#{old['id']}..{new['id']}")
    page.locator("[data-pp-compare-status]", has_text="computed in your browser").wait_for()
    pages = _pdf_pages(page.pdf(format="Letter"))
    assert len(pages) >= 3 and re.search(r"\d+ changes?: \d+ words? added", pages[0])
    for number, text in enumerate(pages, start=1):
        assert data["title"] in text and f"from version {old['id']}" in text and f"to version {new['id']}" in text
        assert f"Page {number} of {len(pages)}" in text
    page.emulate_media(media="print")
    assert not page.locator("[data-pp-compare-form]").is_visible()
    page.set_viewport_size({"width": int(PRINTABLE_PX["Letter"]), "height": 1000})
    assert not _clipped(page), _clipped(page)


# -- every width: the version index, sticky elements, the banner ------------------------------------------

WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}


@pytest.mark.parametrize("width", WIDTHS)
def test_the_version_index_fits_and_its_redline_links_show(new_context, github_history, width):
    httpd, files, root = github_history
    page = open_page(new_context(viewport=WIDTHS[width]), httpd, "privacy/versions/")
    overflow = page.evaluate("""() => {
        const out = [], view = window.innerWidth;
        for (const e of document.querySelectorAll('.pp-versions, .pp-versions *')) {
            const r = e.getBoundingClientRect();
            if (r.width > 1 && r.right > view + 0.5) out.push(e.tagName + '.' + e.className + ' ends at ' + Math.round(r.right));
            if (e.clientWidth > 1 && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible') {
                out.push(e.tagName + '.' + e.className + ' scrolls ' + e.scrollWidth + '/' + e.clientWidth);
            }
        }
        return out;
    }""")
    assert not overflow, overflow
    links = page.locator(".pp-versions-table a", has_text="Redline")
    assert links.count() == len(files) - 1
    for index in (0, links.count() // 2, links.count() - 1):
        link = links.nth(index)
        link.scroll_into_view_if_needed()
        box = link.bounding_box()
        assert link.is_visible() and box and 0 <= box["x"] and box["x"] + box["width"] <= WIDTHS[width]["width"], box
    summary = page.locator(".pp-versions-table td.pp-col-summary").first.bounding_box()
    assert summary["width"] >= (200 if width == "desktop" else 150), summary  # never squeezed to a sliver


def test_the_version_index_prints_every_column(new_context, github_history):
    httpd, files, root = github_history
    page = open_page(new_context(viewport={"width": int(PRINTABLE_PX["A4"]), "height": 1000}), httpd, "privacy/versions/")
    page.emulate_media(media="print")
    headers = page.locator(".pp-versions-table th")
    assert headers.count() == 7 and all(headers.nth(i).is_visible() for i in range(7))
    right = page.evaluate("() => Math.max(...Array.from(document.querySelectorAll('.pp-versions-table th, .pp-versions-table td')).map(e => e.getBoundingClientRect().right))")
    assert right <= PRINTABLE_PX["A4"] + 0.5, right


def _overlaps(a: dict, b: dict) -> bool:
    return a["y"] < b["y"] + b["height"] - 0.5 and b["y"] < a["y"] + a["height"] - 0.5


@pytest.mark.parametrize("width", WIDTHS)
def test_sticky_elements_never_cover_each_other(new_context, github_history, width):
    httpd, files, root = github_history
    ids = [v["id"] for v in json.loads((root / "site" / "privacy" / "versions.json").read_text())["versions"]]
    page = open_page(new_context(viewport=WIDTHS[width]), httpd, f"privacy/changes/{ids[45]}/")
    page.click("[data-pp-view]")
    page.mouse.wheel(0, 4000)
    page.wait_for_timeout(300)
    header = page.locator(".md-header").bounding_box()
    head = page.locator(".pp-sbs-head").bounding_box()
    tools = page.locator("[data-pp-tools]")
    assert head["y"] >= header["y"] + header["height"] - 0.5, (header, head)  # "Before / After" in view, below
    sticky_tools = tools.evaluate("e => getComputedStyle(e).position") == "sticky"
    if sticky_tools:
        box = tools.bounding_box()
        assert not _overlaps(box, header) and not _overlaps(box, head), (header, box, head)
    else:
        assert width == "phone"
    covered = head["y"] + head["height"]
    assert covered <= 0.15 * WIDTHS[width]["height"] + (60 if width == "desktop" else 0), covered


@pytest.fixture(scope="module")
def two_upcoming(built, tmp_path_factory):
    """The browser site with a third version published the next day: two upcoming changes at once."""
    root = tmp_path_factory.mktemp("two") / "src"
    shutil.copytree(built.root, root, ignore=shutil.ignore_patterns("site"))
    site = Site(root, git=False)
    # a light and a dark palette (Material loads its colour schemes only with one), the light one first
    palette = "  font: false\n  palette:\n    - scheme: default\n    - scheme: slate\n"
    (root / "mkdocs.yml").write_text(MKDOCS_YML.replace("  font: false\n", palette), encoding="utf-8")
    site.commit("Privacy: phone numbers", "2026-05-02T08:00:00+00:00", {
        "policy/privacy.md": policy(effective="2026-06-15", body=PRIVACY_V3, summary="We now collect phone numbers.",
                                    material=["service-model"]),
    })
    site.commit("Terms: a change", "2026-05-02T09:00:00+00:00", {
        "policy/terms.md": policy(title="Terms of Service", effective="2026-06-15", summary="We added a clause about refunds.",
                                  body=TERMS + "\n\nRefunds are paid within 14 days.\n", material=["fees"]),
    })
    site.build(env={"SOURCE_DATE_EPOCH": V3_EPOCH})
    httpd = SiteServer(root / "site")
    yield from serving(httpd)


def test_the_banner_is_compact_on_phones(new_context, two_upcoming):
    page = open_page(new_context("2026-05-02", viewport=WIDTHS["phone"]), two_upcoming, "")
    items = page.locator("[data-pp-banner] [data-pp-notice]:not([hidden])")
    assert items.count() == 3
    height = page.locator(".md-banner").bounding_box()["height"]
    assert height <= 3 * 0.09 * 844, height  # (two notices took 316 of 844 px before: 19 % each)
    links = [items.nth(i).locator("a").first for i in range(3)]
    assert all(link.is_visible() for link in links)
    names = [link.evaluate("e => e.getAttribute('aria-label') || e.textContent.trim()") for link in links]
    assert len(set(names)) == 3 and all("2026" in name for name in names), names  # two of the Privacy Policy


# -- accessibility: axe-core (npm, tests/package.json) on every page type, light and dark -------------------

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
PAGE_TYPES = {"home with banner": "", "policy in force": "privacy/", "archived version": "privacy/versions/2026-01-01/",
              "redline": "privacy/changes/2026-05-21/", "version index": "privacy/versions/",
              "compare": "privacy/compare/#2026-01-01..2026-05-21", "in force on a date": "privacy/in-force/",
              "redline of the terms": "terms/changes/2026-06-15/"}
POLICYPRESS_NODE = "[class*='pp-'], [data-pp-banner], [data-pp-tools], [data-pp-compare]"


def _axe(page) -> list[str]:
    """Serious and critical axe-core violations on elements policypress drew (the theme's are not ours)."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async selector => {
        const result = await axe.run(document, {resultTypes: ['violations']});
        const out = [];
        for (const v of result.violations) {
            if (!['serious', 'critical'].includes(v.impact)) continue;
            for (const node of v.nodes) {
                const target = node.target[node.target.length - 1];
                const element = typeof target === 'string' ? document.querySelector(target) : null;
                if (element && element.closest(selector)) out.push(v.id + ': ' + node.html.slice(0, 120) + ' ' + (node.failureSummary || '').slice(0, 160));
            }
        }
        return out;
    }""", POLICYPRESS_NODE)


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_axe_finds_nothing_serious_in_policypress_markup(new_context, two_upcoming, kind, scheme):
    assert AXE.is_file(), "axe-core is missing: ./dev test installs it (npm ci --prefix tests)"
    context = new_context("2026-05-02", bypass_csp=True)  # (to inject axe; the site's own scripts run as always)
    page = open_page(context, two_upcoming, PAGE_TYPES[kind])
    if kind == "compare":
        page.locator("[data-pp-compare-status]", has_text="computed").wait_for()
    page.evaluate("scheme => document.body.setAttribute('data-md-color-scheme', scheme)", scheme)
    page.wait_for_timeout(100)
    background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    assert (background == "rgb(255, 255, 255)") == (scheme == "default"), background
    found = _axe(page)
    if kind == "redline":  # the side-by-side view too (its marks have their own colours)
        page.click("[data-pp-view]")
        page.wait_for_timeout(300)  # the pressed button's colours, after the theme's transition
        found += _axe(page)
    assert not found, "\n".join(found)


SKIP_PAGES = {"archived version": "privacy/versions/2026-01-01/", "policy in force": "privacy/",
              "redline": "privacy/changes/2026-05-21/", "version index": "privacy/versions/",
              "compare": "privacy/compare/", "in force on a date": "privacy/in-force/"}


def skip_lands_on(page, target: str) -> None:
    """Tab reaches "Skip to content" first; Enter moves the focus to `target` (the page's own notice), visible;
    and axe-core finds no skip-link or bypass violation on the whole page (bypass passes)."""
    page.keyboard.press("Tab")
    skip = page.evaluate("() => [document.activeElement.className, document.activeElement.textContent.trim()]")
    assert "md-skip" in skip[0], skip
    page.keyboard.press("Enter")
    page.wait_for_timeout(100)
    assert page.evaluate("() => document.activeElement.id") == target
    assert page.locator(f"#{target}").is_visible()
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("""async () => {
        const result = await axe.run(document, {runOnly: ['skip-link', 'bypass'], resultTypes: ['violations', 'passes']});
        return [result.violations.map(v => v.id + ': ' + v.nodes.map(n => n.html).join(' ')),
                result.passes.map(v => v.id)];
    }""")
    # (axe applies skip-link only to links kept off screen; Material's is on screen, transparent until focused)
    assert found[0] == [] and "bypass" in found[1], found


@pytest.mark.parametrize("kind", SKIP_PAGES)  # Material writes one only with a table of contents: policypress on the rest
def test_skip_to_content_lands_on_the_pages_own_notice(new_context, server, kind):
    page = open_page(new_context(bypass_csp=True), server, SKIP_PAGES[kind])  # (bypass: to inject axe)
    assert page.locator("a.md-skip").count() == 1
    skip_lands_on(page, "pp-start")
    if kind in ("archived version", "policy in force"):
        assert "pp-header" in page.evaluate("() => document.activeElement.className")


def test_a_moved_paragraph_is_shown_as_moved(new_context, server, built, tmp_path):
    from conftest import policy

    body = ("## 1. Data\n\nWe collect your name and e-mail address when you sign up.\n\n"
            "Cookies remember your language so that every page opens in it.\n\n"
            "## 2. Sharing\n\nWe share nothing with anyone.\n")
    moved = ("## 1. Data\n\nWe collect your name and e-mail address when you sign up.\n\n"
             "## 2. Sharing\n\nWe share nothing with anyone.\n\n"
             "Cookies remember your language so that every page opens in it.\n")
    site = Site(tmp_path / "moved")
    site.commit("v1", "2025-12-01T10:00:00+00:00", {"policy/privacy.md": policy(effective="2026-01-01", body=body)})
    site.commit("v2", "2025-12-02T10:00:00+00:00", {"policy/privacy.md": policy(effective="2026-02-01", body=moved)})
    site.build(env={"SOURCE_DATE_EPOCH": BUILD_EPOCH})
    server.root = site.root / "site"
    try:
        page = open_page(new_context(), server, "privacy/changes/2026-02-01/")
        origin, target = page.locator(".pp-redline del.pp-moved"), page.locator(".pp-redline ins.pp-moved")
        assert origin.count() == 1 and target.count() == 1
        assert origin.is_visible() and target.is_visible()
        assert origin.inner_text() == target.inner_text() == "Cookies remember your language so that every page opens in it."
        links = page.locator(".pp-redline a.pp-move-link")
        labels = [links.nth(i).get_attribute("aria-label") for i in range(links.count())]
        assert labels == ["moved to “2. Sharing”", "moved from “1. Data”"]
        label = links.first.evaluate("e => getComputedStyle(e, '::after').content")
        assert "moved to" in label  # the visible label comes from CSS, so the redline's words stay the texts'
        assert page.locator(".pp-change-list li[data-pp-kind='moved']").count() == 1
        sections = page.locator(".pp-redline-summary .pp-sections li")  # both ends of the move, in words
        assert [" ".join(sections.nth(i).inner_text().split()) for i in range(sections.count())] == \
            ["1. Data (moved to “2. Sharing”)", "2. Sharing (moved from “1. Data”)"]
        assert page.locator("[data-pp-stat='words-added']").inner_text() == "0"
        assert page.locator("[data-pp-stat='words-removed']").inner_text() == "0"
    finally:
        server.root = built.root / "site"
