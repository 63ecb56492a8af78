"""Issue #15 in the browser: a German translation one version behind the English text (mkdocs-static-i18n,
suffix layout; the site of tests/test_i18n.py), opened in headless Chromium. Its pages say, in German,
that it is behind and lead to the English text and redline; the English banner of the upcoming change is
on the German pages, in German, switches on its date and is dismissed across languages."""

from __future__ import annotations

import pytest

import test_i18n
from test_browser import BUILD_DAY, SiteServer, browser, new_context, open_page, serving  # noqa: F401 - fixtures

DAY = "2025-03-15"  # the build's day (test_i18n.EPOCH): English v2 published, effective 2025-04-01
NOTICE = "legal/privacy@2025-04-01"
assert BUILD_DAY  # the imported module's clock helpers are used with this site's day


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    site = test_i18n.make(tmp_path_factory.mktemp("i18n-browser") / "src", "suffix")
    test_i18n.build(site)
    yield from serving(SiteServer(site.root / "site"))


def test_the_translation_notice_says_it_is_behind_and_leads_to_the_english_redline(new_context, server):
    page = open_page(new_context(DAY), server, "de/legal/privacy/")
    notice = page.locator('.pp-translation[data-pp-behind="true"]')
    assert notice.is_visible()
    text = " ".join(notice.inner_text().split())
    assert text.startswith("Diese Übersetzung ist nicht auf dem Stand des maßgeblichen Textes")
    assert "gibt die Fassung vom 1. Februar 2025 wieder" in text and "ändert sich am 1. April 2025" in text
    assert page.locator("html").get_attribute("lang") == "de"
    # above the policy's own header, so that a reader sees it first
    assert notice.evaluate("n => !!(n.compareDocumentPosition(document.querySelector('.pp-header')) & 4)")
    notice.get_by_role("link", name="Änderungen ansehen").click()
    page.wait_for_url(server.base + "legal/privacy/changes/2025-04-01/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator(".pp-redline ins").first.is_visible()
    page.go_back()
    notice.get_by_role("link", name="maßgeblichen Text lesen").click()
    page.wait_for_url(server.base + "legal/privacy/versions/2025-04-01/")
    assert "Acme Mail Ltd" in page.locator(".pp-version-text").inner_text()


def test_the_english_banner_is_on_the_german_pages_in_german_and_switches_on_its_date(new_context, server):
    for url in ("de/", "de/legal/privacy/", "de/legal/privacy/versions/"):
        page = open_page(new_context(DAY), server, url)
        item = page.locator(f'[data-pp-banner] [data-pp-notice="{NOTICE}"]')
        assert item.is_visible(), url
        assert "Änderungen gelten ab 1. April 2025." in " ".join(item.inner_text().split())
        link = item.get_by_role("link", name="Sehen, was sich an der Privacy Policy ändert")
        assert link.evaluate("a => a.href") == server.base + "legal/privacy/changes/2025-04-01/"
        page.close()
    page = open_page(new_context("2025-04-10"), server, "de/legal/privacy/")
    item = page.locator(f'[data-pp-banner] [data-pp-notice="{NOTICE}"]')
    assert item.get_attribute("data-pp-state") == "recent"
    assert item.locator('[data-pp-when="recent"]').is_visible()
    assert "am 1. April 2025 geändert." in " ".join(item.inner_text().split())


def test_the_banner_dismissed_on_a_german_page_stays_dismissed_in_english(new_context, server):
    context = new_context(DAY)
    page = open_page(context, server, "de/legal/privacy/")
    button = page.locator(f'[data-pp-dismiss="{NOTICE}"]')
    assert button.is_visible() and button.inner_text() == "Ausblenden"
    assert button.get_attribute("aria-label") == "Hinweis zu Privacy Policy, Version 2025-04-01, ausblenden"
    button.click()
    assert page.locator(".md-banner").is_hidden()
    for url in ("", "legal/privacy/", "de/"):
        page.goto(server.base + url)
        assert page.locator("[data-pp-banner]").count() == 1, url
        assert page.locator(".md-banner").is_hidden(), f"the dismissed banner is back on {url or 'home'}"
    # the translation notice is not a banner: it stays
    page.goto(server.base + "de/legal/privacy/")
    assert page.locator('.pp-translation[data-pp-behind="true"]').is_visible()


def test_the_english_summary_in_the_german_banner_is_marked_english_and_the_words_around_it_german(new_context, server):
    """Screen readers switch voices on `lang`: the controlling text's summary and title are English, the rest German."""
    page = open_page(new_context(DAY), server, "de/legal/privacy/")
    item = page.locator(f'[data-pp-banner] [data-pp-notice="{NOTICE}"]')
    language = "e => [e.closest('[lang]').getAttribute('lang'), e.closest('[dir]') && e.closest('[dir]').getAttribute('dir')]"
    summary = item.locator(".pp-banner__summary")
    assert summary.inner_text().startswith("We now share your e-mail address")
    assert summary.evaluate(language) == ["en", "ltr"]
    assert item.locator("strong", has_text="Privacy Policy").first.evaluate(language)[0] == "en"
    assert item.locator('[data-pp-when="upcoming"]').evaluate(language)[0] == "de"
    link = item.get_by_role("link", name="Sehen, was sich an der Privacy Policy ändert")
    assert link.evaluate("a => a.closest('[lang]').getAttribute('lang')") == "de"
    assert link.locator('[lang="en"]').inner_text() == "Privacy Policy"
    # on the English pages nothing is marked: the page's own language
    english = open_page(new_context(DAY), server, "legal/privacy/")
    assert english.locator(f'[data-pp-notice="{NOTICE}"] .pp-banner__summary').get_attribute("lang") is None


def test_skip_to_content_on_a_translation_lands_on_its_first_notice(new_context, server):
    from test_browser import skip_lands_on

    page = open_page(new_context(DAY, bypass_csp=True), server, "de/legal/privacy/")  # (bypass: to inject axe)
    assert page.locator("a.md-skip").inner_text().strip() == "Zum Inhalt"  # Material’s word, which policypress’s catalogue uses too
    skip_lands_on(page, "pp-translation")  # the translation notice stands above the policy's header
    for url in ("de/legal/privacy/versions/2025-02-01/", "de/legal/privacy/versions/"):
        page = open_page(new_context(DAY, bypass_csp=True), server, url)
        skip_lands_on(page, "pp-start")  # the archived version's notice (then the translation's), the index
    # a page without a table of contents gets policypress's link, in the same words as Material's
    page = open_page(new_context(DAY), server, "de/legal/privacy/versions/")
    assert page.locator("a.md-skip").inner_text().strip() == "Zum Inhalt"
