"""Issue #15, localised pages: every string policypress writes comes from a gettext catalogue
(plugins/policypress/notices/locales/<language>.po), dates are written by Babel per locale, and
`theme.language` selects the language of a build."""

from __future__ import annotations

import datetime as dt
import re
import sys

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po
from markupsafe import Markup

from conftest import ROOT, Site, policy, run
from policypress.notices.messages import LOCALES, available, messages, resolve

LANGUAGES = ["de", "es", "fr", "it", "ja", "nl", "pt", "zh"]
PLACEHOLDER = re.compile(r"\{(\w+)\}")
TAG = re.compile(r"</?([a-z]+)")


def _catalog(name: str):
    with (LOCALES / name).open("rb") as handle:
        return read_po(handle)


def _source_ids() -> set:
    """What the code and the templates ask the catalogue for, read the way `pybabel extract -F babel.cfg -k Nn_:1,2`
    reads it (`Nn_` marks the plural messages of the browser's words)."""
    method_map = [("plugins/policypress/**.py", "python"), ("plugins/policypress/site/templates/**.html", "jinja2")]
    keywords = {**DEFAULT_KEYWORDS, "Nn_": (1, 2)}
    return {message if isinstance(message, str) else message
            for _, _, message, _, _ in extract_from_dir(str(ROOT), method_map, keywords=keywords) if message}


def test_the_catalogue_has_the_nine_languages_each_in_one_file():
    assert available() == sorted(["en"] + LANGUAGES)
    assert sorted(p.stem for p in LOCALES.glob("*.po")) == LANGUAGES


def test_messages_pot_lists_every_string_of_the_code_and_templates():
    """A string added to a template without its entry in the catalogue fails here, naming it."""
    template = {m.id for m in _catalog("messages.pot") if m.id}
    source = _source_ids()
    assert source - template == set(), "run pybabel extract (see locales/README.md)"
    assert template - source == set(), "messages no longer used"
    assert len(template) > 140


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_translates_every_message_with_the_same_placeholders_and_markup(language):
    template = {m.id for m in _catalog("messages.pot") if m.id}
    catalog = _catalog(f"{language}.po")
    translated = {m.id: m for m in catalog if m.id}
    assert set(translated) == template
    for msgid, message in translated.items():
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        source = msgid if isinstance(msgid, tuple) else (msgid,)
        assert all(forms), f"{language}.po: {msgid!r} is not translated"
        assert len(forms) == catalog.num_plurals or not isinstance(msgid, tuple), (language, msgid)
        for form in forms:
            assert set(PLACEHOLDER.findall(form)) == set(PLACEHOLDER.findall(source[-1])), (language, msgid, form)
            assert sorted(TAG.findall(form)) == sorted(TAG.findall(source[0])), (language, msgid, form)


@pytest.mark.parametrize("language,expected", [
    ("en", "March 1, 2025"), ("de", "1. März 2025"), ("fr", "1 mars 2025"), ("es", "1 de marzo de 2025"),
    ("it", "1 marzo 2025"), ("nl", "1 maart 2025"), ("pt", "1 de março de 2025"), ("zh", "2025年3月1日"),
    ("ja", "2025年3月1日"),
])
def test_dates_are_written_by_babel_per_locale(language, expected):
    assert messages(language).date(dt.date(2025, 3, 1)) == expected


def test_languages_as_themes_and_i18n_name_them_find_their_catalogue():
    assert [resolve(name) for name in ("de", "de-AT", "pt_BR", "zh-Hans", "EN", "ko", None, "")] == \
        ["de", "de", "pt", "zh", "en", "en", "en", "en"]


def test_regional_variants_use_their_language_but_never_a_catalogue_in_another_script():
    """CLDR's likely subtags (Babel's data) say which script a tag is written in: de-CH and pt-BR are German and
    Portuguese, zh-TW and zh-HK are Traditional Chinese, which the Simplified `zh` catalogue is not."""
    cases = {"de-CH": "de", "de_AT": "de", "pt-BR": "pt", "pt-PT": "pt", "zh-CN": "zh", "zh-Hans": "zh",
             "zh-SG": "zh", "zh_Hans_CN": "zh", "zh-TW": "en", "zh-Hant": "en", "zh-HK": "en", "zh-Hant-TW": "en",
             "sr-Latn": "en", "ko": "en", "ja-JP": "ja"}
    assert {name: resolve(name) for name in cases} == cases
    with_traditional = ["en", "zh", "zh_Hant", "sr"]  # a contributor added zh_Hant.po
    assert [resolve(name, with_traditional) for name in ("zh-TW", "zh-HK", "zh-Hant", "zh", "zh-CN", "sr-Latn", "sr-RS")] \
        == ["zh_Hant", "zh_Hant", "zh_Hant", "zh", "zh", "en", "sr"]
    assert messages("de-CH").tag == "de-CH" and messages("de-CH").gettext("All versions") == "Alle Versionen"
    assert messages("pt-BR").date(dt.date(2025, 3, 1)) == "1 de março de 2025"
    assert messages("zh-TW").gettext("All versions") == "All versions" and messages("zh-TW").tag == "en"
    assert messages("zh-TW").date(dt.date(2025, 3, 1)) == "March 1, 2025"  # the words' language, not a mix


def test_plural_forms_follow_each_language():
    assert [messages("de").ngettext("{n} change:", "{n} changes:", n) for n in (1, 2)] == ["1 Änderung:", "2 Änderungen:"]
    assert messages("fr").ngettext("{n} change:", "{n} changes:", 0) == "0 modification :"  # French: 0 is singular
    assert messages("en").ngettext("{n} change:", "{n} changes:", 0) == "0 changes:"
    assert messages("zh").ngettext("{n} change:", "{n} changes:", 5) == "5 处更改："


def test_markup_messages_escape_the_values_they_are_given():
    words = messages("de")
    html = words.markup("Corrected: {reason}", reason="<script>x</script>")
    assert str(html) == "Berichtigt: &lt;script&gt;x&lt;/script&gt;"


def _german_site(tmp_path, language="de") -> Site:
    site = Site(tmp_path / "src")
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text().replace("  font: false\n", f"  font: false\n  language: {language}\n"))
    site.commit("v1", "2025-01-10T10:00:00+00:00", {"policy/privacy.md": policy(
        title="Datenschutzerklärung", effective="2025-02-01", body="## Daten\n\nWir erheben Ihren Namen.")})
    site.commit("v2", "2025-02-01T10:00:00+00:00", {"policy/privacy.md": policy(
        title="Datenschutzerklärung", effective="2025-03-01", summary="Neue Empfänger <b>fett</b>.",
        body="## Daten\n\nWir erheben Ihren Namen und Ihre E-Mail-Adresse.")})
    return site


def test_a_site_in_german_writes_every_page_in_german_with_german_dates(tmp_path):
    site = _german_site(tmp_path)
    site.build(env={"SOURCE_DATE_EPOCH": "1739620800"})  # 2025-02-15: v2 is upcoming
    live = site.page("privacy/")
    assert "In Kraft seit <time datetime=\"2025-02-01\">1. Februar 2025</time>" in live
    assert "Alle Versionen (2)" in live and "All versions" not in live
    assert 'lang="en"' not in live
    assert "Änderungen gelten ab <time datetime=\"2025-03-01\">1. März 2025</time>." in live  # the banner
    assert "Neue Empfänger &lt;b&gt;fett&lt;/b&gt;." in live  # author text stays escaped
    archived = site.page("privacy/versions/2025-02-01/")
    assert "Archivkopie der geltenden Version" in archived
    assert "Bevorstehende Version: gilt ab" in site.page("privacy/versions/2025-03-01/")
    redline = site.page("privacy/changes/2025-03-01/")
    assert "Was sich in Version 2025-03-01 geändert hat" in redline
    assert re.search(r'<span data-pp-stat="changes">1</span> Änderung:', redline)
    assert "Legende: <ins>eingefügter Text</ins>" in redline
    index = site.page("privacy/versions/")
    assert "<th scope=\"col\">Gültig ab</th>" in index and "Bevorstehend" in index and 'class="pp-upcoming"' in index
    assert "<title>Datenschutzerklärung: alle Versionen" in index
    feed = (site.root / "site" / "privacy" / "feed.xml").read_text()
    assert "Datenschutzerklärung: Versionen und Änderungen" in feed and "gilt ab 2025-03-01" in feed


def test_a_language_without_a_catalogue_is_written_in_english_and_says_so(tmp_path):
    site = _german_site(tmp_path, language="ko")
    site.build(env={"SOURCE_DATE_EPOCH": "1739620800"})
    live = site.page("privacy/")
    assert '<div lang="en" class="pp-header admonition info"' in live
    assert "All versions (2)" in live and "February 1, 2025" in live


def test_traditional_chinese_gets_english_said_in_the_build_log_and_brazilian_portuguese_gets_portuguese(tmp_path):
    site = _german_site(tmp_path / "tw", language="zh-TW")
    result = site.build(env={"SOURCE_DATE_EPOCH": "1739620800"})  # --strict: English is a correct page, not an error
    line = next(l for l in result.stderr.splitlines() if "language 'zh-TW'" in l)
    assert line.startswith("INFO") and "the 'zh' catalogue is written in another script (Hans, not Hant)" in line
    assert "locales/zh_Hant.po" in line
    live = site.page("privacy/")
    assert '<div lang="en" class="pp-header admonition info"' in live and "All versions (2)" in live
    assert "所有版本" not in live and "生效" not in site.page("privacy/changes/2025-03-01/")
    words = re.search(r'<div id="pp-words" data-pp-json="([^"]*)"', site.page("privacy/compare/")).group(1)
    assert "&#34;lang&#34;:&#34;en&#34;" in words or '&quot;lang&quot;:&quot;en&quot;' in words
    brazil = _german_site(tmp_path / "br", language="pt-BR")  # (Material has no de-CH: pt-BR is the regional variant)
    result = brazil.build(env={"SOURCE_DATE_EPOCH": "1739620800"})
    assert "policypress: language" not in result.stderr
    live = brazil.page("privacy/")
    assert "Todas as versões (2)" in live and 'lang="en"' not in live and "1 de fevereiro de 2025" in live


def test_the_notice_command_writes_each_language(tmp_path):
    site = _german_site(tmp_path)
    env = {"SOURCE_DATE_EPOCH": "1739620800"}
    german = run([sys.executable, "-m", "policypress", "notice", "privacy"], cwd=site.root, env=env).stdout
    assert german.startswith("# Änderungen an unserer Datenschutzerklärung\n")  # theme.language
    assert "**Die neue Version gilt ab dem 1. März 2025.**" in german
    japanese = run([sys.executable, "-m", "policypress", "notice", "privacy", "--language", "ja", "--format", "text"],
                   cwd=site.root, env=env).stdout
    assert "新しいバージョンは2025年3月1日 に発効します。" in japanese
    assert "すべてのバージョン: privacy/versions/" in japanese
    unknown = run([sys.executable, "-m", "policypress", "notice", "privacy", "--language", "tlh"], cwd=site.root,
                  env=env, check=False)
    assert unknown.returncode == 2 and "--language tlh: no catalogue" in unknown.stderr
    traditional = run([sys.executable, "-m", "policypress", "notice", "privacy", "--language", "zh-TW"],
                      cwd=site.root, env=env, check=False)  # never the Simplified text: the file to add is named
    assert traditional.returncode == 2 and traditional.stderr.rstrip().endswith("notices/locales/zh_Hant.po")


@pytest.mark.parametrize("template, values", [
    ("a {x} b", {"x": "<i>"}), ("{x}{{y}}", {"x": Markup("<b>")}), ('<a href="{u}">{n}</a>', {"u": "a&b\"'", "n": 3}),
    ("{x!r}", {"x": "<"}), ("{x:>5}", {"x": "<"}), ("{b}", {"b": True}), ("{x}", {"x": 1.5}), ("{x.real}", {"x": 2}),
    ("}{", {}), ("{x}", {"x": type("Html", (), {"__html__": lambda self: "<em>"})()}),
])
def test_markup_fills_placeholders_as_markupsafe_does(template, values):
    from policypress.notices.messages import _format_markup
    try:
        expected = Markup(template).format(**values)
    except ValueError as exc:
        with pytest.raises(type(exc)):
            _format_markup(template, values)
        return
    found = _format_markup(template, values)
    assert type(found) is Markup and str(found) == str(expected)


@pytest.mark.parametrize("language", ["en"] + LANGUAGES)
def test_every_catalogue_message_fills_as_markupsafe_does(language):
    from policypress.notices.messages import _format_markup
    words = messages(language)
    ids = [m.id for m in _catalog(f"{language}.po" if language != "en" else "messages.pot") if m.id]
    assert len(ids) > 50
    for msgid in ids:
        singular = msgid if isinstance(msgid, str) else msgid[0]
        text = words._translations.gettext(singular)
        values = {name: '<a href="x">&' for name in PLACEHOLDER.findall(text)}
        assert str(_format_markup(text, values)) == str(Markup(text).format(**values)), (language, singular)
