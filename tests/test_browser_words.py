"""The words policypress.js writes in the browser come from the message catalogue, in the page's language.

A German and a Chinese site (`theme.language`), each with three versions of a policy (the second moves a
paragraph to another section), are built and opened in headless Chromium: the redline toolbar (counter,
"Change x of y", side by side and its column headers, the moved block's links), the compare page (status,
counts, sections, printed header) and the in-force result are in the page's language, with its plural
forms, and the page carries them as data, never as a script. The catalogue's plural rules, evaluated by
policypress.js from data, agree with gettext's on every count."""

from __future__ import annotations

import gettext
import json
import re

import pytest

from conftest import Site, policy
from policypress.notices.messages import LOCALES, available, messages, plural_rule
from test_browser import BUILD_EPOCH, SiteServer, browser, new_context, open_page, serving  # noqa: F401 - fixtures

V1 = ("## 1. Data\n\nWe collect your name and e-mail address when you sign up.\n\n"
      "Cookies remember your language so that every page opens in it.\n\n"
      "## 2. Sharing\n\nWe share nothing with anyone.\n")
V2 = ("## 1. Data\n\nWe collect your name and e-mail address when you sign up.\n\n"
      "## 2. Sharing\n\nWe share nothing with anyone.\n\n"
      "Cookies remember your language so that every page opens in it.\n")
V3 = V2.replace("your name and e-mail address", "your name, e-mail address and phone number")

WORDS = {
    "de": {"changes": "1 Änderung", "change_of": "Änderung 1 von 1", "inline": "Fließtext", "side": "Nebeneinander",
           "head": ["Vorher", "Nachher"], "moved_to": "verschoben nach „2. Sharing“",
           "moved_from": "verschoben aus „1. Data“", "computed": "3 Änderungen von Version 2026-01-01 zu Version 2026-03-01",
           "stats": "3 Änderungen:", "sections": "Geänderte Abschnitte:",
           "running": "Privacy Policy: Änderungsvergleich von Version 2026-01-01 (gültig ab 1. Januar 2026)",
           "not_in_force": "Am 1. Januar 2020 war keine Version dieser Richtlinie in Kraft.",
           "notes": ["1. Data (verschoben nach „2. Sharing“)", "2. Sharing (verschoben aus „1. Data“)"]},
    "zh": {"changes": "1 处更改", "change_of": "第 1 处更改，共 1 处", "inline": "合并视图", "side": "并排对照",
           "head": ["修改前", "修改后"], "moved_to": "移至“2. Sharing”", "moved_from": "移自“1. Data”",
           "computed": "从版本 2026-01-01 到版本 2026-03-01 共 3 处更改", "stats": "3 处更改：",
           "sections": "更改的章节：", "running": "Privacy Policy：从版本 2026-01-01（2026年1月1日 生效）",
           "not_in_force": "2020年1月1日没有生效的本政策版本。",
           "notes": ["1. Data (移至“2. Sharing”)", "2. Sharing (移自“1. Data”)"]},
}


def _site(root, language: str) -> Site:
    site = Site(root)
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text().replace("  font: false\n", f"  font: false\n  language: {language}\n"))
    site.commit("v1", "2025-12-01T10:00:00+00:00", {"policy/privacy.md": policy(effective="2026-01-01", body=V1)})
    site.commit("v2", "2025-12-02T10:00:00+00:00", {"policy/privacy.md": policy(effective="2026-02-01", body=V2)})
    site.commit("v3", "2026-02-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2026-03-01", body=V3)})
    site.build(env={"SOURCE_DATE_EPOCH": BUILD_EPOCH})
    return site


@pytest.fixture(scope="module", params=sorted(WORDS))
def localised(request, tmp_path_factory):
    site = _site(tmp_path_factory.mktemp(f"words-{request.param}") / "src", request.param)
    for server in serving(SiteServer(site.root / "site")):
        server.language = request.param
        server.site = site
        yield server


def _text(locator) -> str:
    return " ".join(locator.inner_text().split())


def test_the_page_carries_its_words_as_data_in_its_language(localised):
    page = localised.site.page("privacy/changes/2026-02-01/")
    found = re.search(r'<div id="pp-words" data-pp-json="([^"]*)" hidden></div>', page)
    assert found, "the redline page carries no words"
    data = json.loads(found.group(1).replace("&#34;", '"').replace("&quot;", '"').replace("&amp;", "&")
                      .replace("&lt;", "<").replace("&gt;", ">").replace("&#39;", "'"))
    assert data["lang"] == localised.language
    assert data["words"]["before"] == WORDS[localised.language]["head"][0]
    assert "<script" not in found.group(0) and "Before" not in found.group(0)


def test_the_redline_toolbar_speaks_the_pages_language(new_context, localised):
    words = WORDS[localised.language]
    page = open_page(new_context(), localised, "privacy/changes/2026-02-01/")
    counter = page.locator("[data-pp-counter]")
    assert _text(counter) == words["changes"]
    page.click("[data-pp-next]")
    assert _text(counter) == words["change_of"]
    links = page.locator(".pp-redline a.pp-move-link")
    assert [links.nth(i).get_attribute("aria-label") for i in range(links.count())] == [words["moved_to"], words["moved_from"]]
    assert words["moved_to"] in links.first.evaluate("e => getComputedStyle(e, '::after').content")
    sections = page.locator(".pp-redline-summary .pp-sections li")
    assert [_text(sections.nth(i)) for i in range(sections.count())] == words["notes"]
    view = page.locator("[data-pp-view]")
    assert _text(view) == words["side"]
    view.click()
    assert _text(view) == words["inline"]
    heads = page.locator(".pp-side-by-side [role=columnheader]")
    assert [_text(heads.nth(i)) for i in range(heads.count())] == words["head"]
    shown = _text(page.locator(".pp-redline-tools")) + " " + _text(page.locator(".pp-side-by-side .pp-sbs-head"))
    assert not [w for w in ("Before", "After", "Inline view", "Change", "change") if w in shown], shown


def test_the_compare_page_speaks_the_pages_language(new_context, localised):
    words = WORDS[localised.language]
    page = open_page(new_context(), localised, "privacy/compare/#2026-01-01..2026-03-01")
    status = page.locator("[data-pp-compare-status]")
    status.locator("xpath=.", has_text=words["computed"]).wait_for()
    summary = page.locator("[data-pp-compare-summary]")
    assert _text(summary.locator(".pp-stats")).startswith(words["stats"])
    assert summary.locator("[data-pp-stat=changes]").inner_text() == "3"
    assert words["sections"] in _text(summary)
    items = summary.locator(".pp-sections li")
    assert [_text(items.nth(i)) for i in range(items.count())] == words["notes"]
    assert "computed in your browser" not in _text(status) and "changes:" not in _text(summary)
    running = page.locator("style.pp-print-running").inner_text()
    expected = "".join(c if re.match(r"[A-Za-z0-9 ,.:;()_-]", c) else f"\\{ord(c):x} " for c in words["running"])
    assert expected in running, running[:300]
    counter = page.locator("[data-pp-counter]")
    assert _text(counter) == words["stats"].rstrip(":：")


def test_the_in_force_result_speaks_the_pages_language(new_context, localised):
    page = open_page(new_context(), localised, "privacy/in-force/")
    page.fill("#pp-date", "2020-01-01")
    page.click(".pp-in-force__form button[type=submit]")
    assert _text(page.locator("[data-pp-result]")) == WORDS[localised.language]["not_in_force"]


# Plural-Forms of languages with more than two forms (from gettext's manual), to exercise the evaluator.
OTHER_RULES = {
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "ar": "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;",
    "ga": "nplurals=5; plural=n==1 ? 0 : n==2 ? 1 : (n>2 && n<7) ? 2 :(n>6 && n<11) ? 3 : 4;",
    "ro": "nplurals=3; plural=(n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2);",
    "is": "nplurals=2; plural=(n%10!=1 || n%100==11);",
}


def test_the_browser_evaluates_every_plural_rule_as_gettext_does(new_context, localised):
    rules = {language: messages(language)._translations.info().get("plural-forms", "nplurals=2; plural=(n != 1);")
             for language in available()}
    rules.update(OTHER_RULES)
    page = open_page(new_context(), localised, "privacy/changes/2026-02-01/")
    counts = list(range(0, 230)) + [1000, 1001, 1011, 1021, 100000]
    for language, rule in rules.items():
        expected = [gettext.c2py(re.search(r"plural\s*=\s*([^;]+)", rule).group(1))(n) for n in counts]
        got = page.evaluate("([rule, counts]) => counts.map(n => window.policypressPlural(rule, n))",
                            [plural_rule(rule), counts])
        assert got == expected, language


def test_a_plural_rule_that_is_not_an_expression_is_refused():
    for bad in ("nplurals=2; plural=n != 1 ? alert(1) : 0;", "nplurals=2;", "nplurals=2; plural=(n != 1;"):
        with pytest.raises(ValueError):
            plural_rule(bad)
