"""Issue #15, translations as documents: with mkdocs-static-i18n (suffix and folder layouts) each language of
a policy has its own versions, archive, redlines, feed and versions.json under the language's prefix; a
translation names the controlling version it renders (`translates:`), and one that is behind says so on
its pages, in its language, and fails `policypress check` when the newer controlling version is material."""

from __future__ import annotations

import json
import re
import sys
import textwrap
from pathlib import Path

import pytest

import realsite
from conftest import Site, policy, run

EPOCH = "1742040000"  # 2025-03-15: the English v2 (effective 2025-04-01) is published and upcoming
CONFIG = """\
site_name: Acme
docs_dir: docs
site_dir: site
theme:
  name: material
  font: false
plugins:
  - search
  - policypress
  - i18n:
      docs_structure: {structure}
      languages:
        - locale: en
          default: true
          name: English
        - locale: de
          name: Deutsch
"""
EN_V1 = "## Who we share it with\n\nWe share nothing with anyone.\n"
EN_V2 = "## Who we share it with\n\nWe share your e-mail address with Acme Mail Ltd, which sends our newsletters.\n"
DE_V1 = "## Empfänger\n\nWir geben nichts an Dritte weiter.\n"
DE_V2 = "## Empfänger\n\nWir geben Ihre E-Mail-Adresse an Acme Mail Ltd weiter, die unsere Newsletter versendet.\n"


def _paths(structure: str) -> dict[str, str]:
    if structure == "suffix":
        return {"en": "docs/legal/privacy.md", "de": "docs/legal/privacy.de.md",
                "home": "docs/index.md", "home-de": "docs/index.de.md"}
    return {"en": "docs/en/legal/privacy.md", "de": "docs/de/legal/privacy.md",
            "home": "docs/en/index.md", "home-de": "docs/de/index.md"}


def make(root: Path, structure: str, *, material: bool = True) -> Site:
    """English v1 and its German translation, then English v2 (material unless told otherwise)."""
    site = Site(root, git=True)
    (root / "policy").rmdir()
    (root / "mkdocs.yml").write_text(CONFIG.format(structure=structure), encoding="utf-8")
    paths = _paths(structure)
    site.commit("v1", "2025-01-10T10:00:00+00:00", {
        paths["home"]: "# Home\n\nOur [privacy policy](legal/privacy.md) and [its versions](legal/privacy/versions/index.md).\n",
        paths["home-de"]: "# Start\n\nUnsere [Datenschutzerklärung](legal/privacy.md).\n",
        paths["en"]: policy(effective="2025-02-01", body=EN_V1),
        paths["de"]: policy(title="Datenschutzerklärung", effective="2025-02-01", body=DE_V1)})
    v2 = {"summary": "We now share your e-mail address with our newsletter provider.", "material": ["recipients"]} \
        if material else {"summary": "A word changed."}
    site.commit("v2", "2025-03-01T10:00:00+00:00", {
        paths["en"]: policy(effective="2025-04-01", body=EN_V2 if material else EN_V1.replace("anyone", "anybody"),
                            **v2)})
    return site


def build(site: Site):
    return site.build(env={"SOURCE_DATE_EPOCH": EPOCH})


@pytest.fixture(scope="module", params=["suffix", "folder"])
def behind(request, tmp_path_factory):
    site = make(tmp_path_factory.mktemp(request.param) / "src", request.param)
    site.structure = request.param
    build(site)
    return site


def _json(site: Site, path: str) -> dict:
    return json.loads((site.root / "site" / path).read_text(encoding="utf-8"))


def test_each_language_has_its_own_archive_under_its_prefix(behind):
    site = behind.root / "site"
    assert realsite.policies(site) == ["de/legal/privacy", "legal/privacy"]
    assert (site / "de/legal/privacy/versions/2025-02-01/index.html").is_file()
    assert not (site / "de/legal/privacy/versions/2025-04-01").exists()  # the German text has one version
    assert (site / "legal/privacy/changes/2025-04-01/index.html").is_file()
    assert (site / "de/legal/privacy/feed.xml").is_file() and (site / "de/legal/privacy/versions/index.html").is_file()
    german = behind.page("de/legal/privacy/versions/2025-02-01/")
    assert "Archivkopie der geltenden Version" in german and "1. Februar 2025" in german
    assert '<html lang="de"' in german
    english = behind.page("legal/privacy/versions/2025-02-01/")
    assert "Archived copy of the version in force" in english and '<html lang="en"' in english
    assert "Wir geben nichts an Dritte weiter." in behind.page("de/legal/privacy/")
    assert "We share nothing with anyone." in behind.page("legal/privacy/")  # v2 is not in force yet


def test_versions_json_names_the_language_the_controlling_text_and_whether_it_is_behind(behind):
    german = _json(behind, "de/legal/privacy/versions.json")
    assert german["document"] == "de/legal/privacy" and german["language"] == "de"
    assert german["behind"] is True
    assert german["controlling"] == {"document": "legal/privacy", "language": "en",
                                     "versions_url": "legal/privacy/versions.json", "newer": ["2025-04-01"]}
    assert [v["translates"] for v in german["versions"]] == ["2025-02-01"]
    assert german["versions"][0]["url"] == "de/legal/privacy/versions/2025-02-01/"
    english = _json(behind, "legal/privacy/versions.json")
    assert english["language"] == "en" and "behind" not in english
    assert english["translations"] == [{"document": "de/legal/privacy", "language": "de",
                                        "versions_url": "de/legal/privacy/versions.json",
                                        "translates": "2025-02-01", "current": False}]
    assert all("translates" not in v for v in english["versions"])


def test_the_german_pages_say_the_translation_is_behind_and_link_to_the_english_text_and_redline(behind):
    page = behind.page("de/legal/privacy/")
    notice = re.search(r'<div class="pp-translation admonition warning"[^>]*data-pp-behind="true"[^>]*>(.*?)</div>', page, re.S)
    assert notice, page[:2000]
    text = notice.group(1)
    assert "Diese Übersetzung gibt die Fassung vom <time datetime=\"2025-02-01\">1. Februar 2025</time> wieder." in text
    assert "Der maßgebliche Text (Englisch) ändert sich am <time datetime=\"2025-04-01\">1. April 2025</time>" in text
    links = re.findall(r'href="([^"]+)"', text)
    assert links == ["../../../legal/privacy/versions/2025-04-01/", "../../../legal/privacy/changes/2025-04-01/"]
    for link in links:  # they lead to real pages
        assert (behind.root / "site" / "de/legal/privacy" / link / "index.html").resolve().is_file()
    archived = behind.page("de/legal/privacy/versions/2025-02-01/")
    assert 'data-pp-behind="true"' in archived
    assert "pp-translation" not in behind.page("legal/privacy/")  # the controlling text is not a translation


def test_the_english_banner_of_the_upcoming_change_is_on_the_german_pages_in_german(behind):
    page = behind.page("de/legal/privacy/")
    banner = re.search(r'<div class="pp-banner" data-pp-banner[^>]*>(.*?)</div>', page, re.S).group(1)
    assert 'data-pp-notice="legal/privacy@2025-04-01"' in banner
    assert "Änderungen gelten ab <time datetime=\"2025-04-01\">1. April 2025</time>." in banner
    assert 'href="../../../legal/privacy/changes/2025-04-01/"' in banner
    home = behind.page("de/")
    assert 'data-pp-notice="legal/privacy@2025-04-01"' in home


def test_the_build_is_strict_and_every_link_resolves(behind):
    found = realsite.problems(behind.root / "site", site_url=None)
    found += realsite.feed_problems(behind.root / "site", site_url=None)
    assert found == [], "\n".join(found[:20])


def test_check_fails_naming_the_german_file_when_the_newer_english_version_is_material(behind):
    result = run([sys.executable, "-m", "policypress", "check"], cwd=behind.root, env={"SOURCE_DATE_EPOCH": EPOCH},
                 check=False)
    assert result.returncode == 1, result.stdout + result.stderr
    german = _paths(behind.structure)["de"]
    line = next(l for l in result.stdout.splitlines() if "[translation-behind]" in l)
    assert line.startswith(f"error: {german}: ") and "later material version (2025-04-01: recipients)" in line
    assert "set 'translates: 2025-04-01'" in result.stdout


def test_a_translation_behind_a_change_that_is_not_material_is_a_warning(tmp_path):
    site = make(tmp_path / "src", "suffix", material=False)
    result = run([sys.executable, "-m", "policypress", "check"], cwd=site.root, env={"SOURCE_DATE_EPOCH": EPOCH},
                 check=False)
    assert result.returncode == 0, result.stdout
    assert "warning: docs/legal/privacy.de.md: [translation-behind]" in result.stdout
    site.build(env={"SOURCE_DATE_EPOCH": "1744286400"})  # 2025-04-10: the English change took effect
    page = site.page("de/legal/privacy/")
    assert "Der maßgebliche Text (Englisch) hat sich am <time datetime=\"2025-04-01\">1. April 2025</time> geändert" in page


def test_a_translation_that_catches_up_is_current(tmp_path):
    site = make(tmp_path / "src", "suffix")
    site.commit("de v2", "2025-03-01T12:00:00+00:00", {"docs/legal/privacy.de.md": policy(
        title="Datenschutzerklärung", effective="2025-04-01", body=DE_V2, material=["recipients"])})
    build(site)
    german = _json(site, "de/legal/privacy/versions.json")
    assert german["behind"] is False and german["controlling"]["newer"] == []
    assert [v["translates"] for v in german["versions"]] == ["2025-02-01", "2025-04-01"]  # the last one published
    assert _json(site, "legal/privacy/versions.json")["translations"][0]["current"] is True
    page = site.page("de/legal/privacy/")
    assert 'data-pp-behind="false"' in page and "Dies ist eine Übersetzung." in page
    assert (site.root / "site/de/legal/privacy/changes/2025-04-01/index.html").is_file()  # its own redline
    result = run([sys.executable, "-m", "policypress", "check"], cwd=site.root, env={"SOURCE_DATE_EPOCH": EPOCH},
                 check=False)
    assert "translation-behind" not in result.stdout and result.returncode == 0, result.stdout


def test_translates_names_the_controlling_version_and_a_wrong_one_is_an_error_naming_file_and_line(tmp_path):
    site = make(tmp_path / "src", "suffix")
    site.commit("de fix", "2025-03-05T10:00:00+00:00", {"docs/legal/privacy.de.md": policy(
        title="Datenschutzerklärung", effective="2025-03-05", translates="2025-02-01",
        body=DE_V1.replace("nichts", "keine Daten"))})
    build(site)
    german = _json(site, "de/legal/privacy/versions.json")
    assert [v["translates"] for v in german["versions"]] == ["2025-02-01", "2025-02-01"] and german["behind"] is True
    site.commit("de wrong", "2025-03-06T10:00:00+00:00", {"docs/legal/privacy.de.md": policy(
        title="Datenschutzerklärung", effective="2025-03-06", translates="2024-12-31", body=DE_V2)})
    result = site.build(env={"SOURCE_DATE_EPOCH": EPOCH}, check=False)
    assert result.returncode == 1
    assert re.search(r"legal/privacy\.de\.md:4: translates: 2024-12-31 is not a version of legal/privacy\.md "
                     r"\(its versions: 2025-02-01, 2025-04-01\)", result.stdout + result.stderr), result.stderr[-2000:]


@pytest.mark.parametrize("structure", ["suffix", "folder"])
def test_freeze_keeps_each_language_on_file_and_a_frozen_translation_keeps_its_translates_and_behind(
        tmp_path, structure):
    """Versions on file are filed by the document's URL slug (`versions/de/legal/privacy/`), and the build reads
    them back as the German document, not as a policy of its own: from Git, a shallow clone and a tarball."""
    site = make(tmp_path / "src", structure)
    env = {"SOURCE_DATE_EPOCH": EPOCH}
    out = run([sys.executable, "-m", "policypress", "freeze"], cwd=site.root, env=env).stdout
    versions = site.root / "versions"
    assert sorted(p.relative_to(versions).as_posix() for p in versions.rglob("*.md")) == \
        ["de/legal/privacy/2025-02-01.md", "legal/privacy/2025-02-01.md", "legal/privacy/2025-04-01.md"], out
    assert "document: de/legal/privacy\n" in (versions / "de/legal/privacy/2025-02-01.md").read_text(encoding="utf-8")
    again = run([sys.executable, "-m", "policypress", "freeze"], cwd=site.root, env=env).stdout
    assert "every published version is already on file" in again  # each file is read back as its document's
    site.commit("freeze", "2025-03-02T10:00:00+00:00", {})

    def german(root: Path) -> dict:
        data = json.loads((root / "site/de/legal/privacy/versions.json").read_text(encoding="utf-8"))
        return {"behind": data["behind"], "newer": data["controlling"]["newer"],
                "translates": [v["translates"] for v in data["versions"]], "ids": [v["id"] for v in data["versions"]]}

    expected = {"behind": True, "newer": ["2025-04-01"], "translates": ["2025-02-01"], "ids": ["2025-02-01"]}
    build(site)
    assert german(site.root) == expected
    assert 'data-pp-behind="true"' in site.page("de/legal/privacy/")
    assert realsite.policies(site.root / "site") == ["de/legal/privacy", "legal/privacy"]  # no third document
    shallow = tmp_path / "shallow"
    run(["git", "clone", "-q", "--depth", "1", f"file://{site.root}", str(shallow)], cwd=tmp_path)
    run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=shallow, env=env)
    assert german(shallow) == expected
    tarball = tmp_path / "tarball"
    tarball.mkdir()
    archive = run(["git", "archive", "--format=tar", "-o", str(tmp_path / "site.tar"), "HEAD"], cwd=site.root)
    assert archive.returncode == 0
    run(["tar", "-xf", str(tmp_path / "site.tar"), "-C", str(tarball)], cwd=tmp_path)
    result = run([sys.executable, "-m", "mkdocs", "build"], cwd=tarball, env=env)
    assert "no Git repository" in result.stderr
    assert german(tarball) == expected
    assert 'data-pp-behind="true"' in (tarball / "site/de/legal/privacy/index.html").read_text(encoding="utf-8")
