"""The command line (`policypress compare`, `list`, `freeze`) and the demo site of this repository."""

from __future__ import annotations

import json
import re
import shutil
import sys

from conftest import ROOT, Site, policy, run
from test_archive import BODY_V1, BODY_V2, BODY_V3


def test_compare_files_text_and_json(site: Site):
    old = site.write("old.md", policy(effective="2024-02-01", body=BODY_V1))
    new = site.write("new.md", policy(effective="2024-06-01", body=BODY_V3))
    text = site.policypress("compare", str(old), str(new)).stdout
    assert "effective: 2024-02-01 → 2024-06-01" in text
    assert "2 section(s)" in text and "1. What we collect" in text and "2. Who we share it with" in text
    data = json.loads(site.policypress("compare", str(old), str(new), "--json").stdout)
    assert set(data) >= {"material", "criteria", "consent_required", "stats"}
    assert data["stats"] == {"words_added": 10, "words_removed": 3, "sections_changed": 2}
    assert data["material"] is True and data["consent_required"] is False
    recipients = next(c for c in data["criteria"] if c["id"] == "recipients")
    assert recipients["ref"] == "8(iii)" and any("Acme Mail Ltd" in e["rule"] for e in recipients["evidence"])
    assert set(recipients["evidence"][0]) == {"section", "before", "after", "rule"}
    assert "MATERIAL under section 8" in text and "8(iii) recipients" in text


def test_compare_rev_path_and_identical_texts(site: Site):
    site.commit("v1", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-02-01", body=BODY_V1)})
    site.commit("v2", "2024-05-01T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-06-01", body=BODY_V2)})
    data = json.loads(site.policypress("compare", "HEAD~1:policy/privacy.md", "HEAD:policy/privacy.md", "--json").stdout)
    assert data["stats"]["words_added"] == 3 and data["stats"]["words_removed"] == 1
    same = site.policypress("compare", "HEAD:policy/privacy.md", "policy/privacy.md").stdout
    assert "No change in the rendered text" in same


def test_compare_usage_errors_exit_2(site: Site):
    missing = site.policypress("compare", "nope.md", "policy/privacy.md", check=False)
    assert missing.returncode == 2 and "no such file" in missing.stderr
    bad_rev = site.policypress("compare", "HEAD:nope.md", "HEAD:nope.md", check=False)
    assert bad_rev.returncode == 2 and "Traceback" not in bad_rev.stderr


def test_compare_reads_a_version_kept_on_file(site: Site):
    site.commit("v1", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-02-01", body=BODY_V1)})
    site.policypress("freeze")
    site.write("policy/privacy.md", policy(effective="2024-06-01", body=BODY_V2))
    data = json.loads(site.policypress("compare", "versions/privacy/2024-02-01.md", "policy/privacy.md", "--json").stdout)
    assert data["stats"] == {"words_added": 3, "words_removed": 1, "sections_changed": 1}


def test_list_shows_the_timeline(site: Site):
    site.commit("v1", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-02-01", body=BODY_V1)})
    site.commit("v2", "2024-01-20T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-02-01", body=BODY_V2)})
    out = site.policypress("list").stdout
    assert "2024-02-01-2" in out and "revision" in out


def test_demo_site_builds_strict_with_its_archive(tmp_path):
    clone = tmp_path / "demo"
    run(["git", "clone", "-q", str(ROOT), str(clone)], cwd=tmp_path)
    run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "out")], cwd=clone)
    data = json.loads((tmp_path / "out" / "privacy" / "versions.json").read_text())
    assert len(data["versions"]) >= 3
    for version in data["versions"][1:]:
        page = (tmp_path / "out" / version["diff_url"] / "index.html").read_text()
        assert "<ins" in page or "<del" in page
    assert (tmp_path / "out" / "assets" / "policypress" / "policypress.css").exists()
    # the bilingual demo: a Chinese translation with its own archive, one English version behind
    chinese = json.loads((tmp_path / "out" / "zh" / "privacy" / "versions.json").read_text())
    assert chinese["language"] == "zh" and chinese["behind"] is True
    assert [v["translates"] for v in chinese["versions"]] == ["2025-01-15", "2025-01-15"]
    assert chinese["controlling"]["newer"][0] == "2027-01-01"
    redline = (tmp_path / "out" / "zh" / "privacy" / "changes" / "2025-01-15-2" / "index.html").read_text()
    marks = re.findall(r"<(ins|del)(?: [^>]*)?>([^<]*)</\1>", redline.split('class="pp-redline"', 1)[1])
    assert ("del", "个工作日") in marks and ("ins", "天") in marks  # characters, not the whole paragraph
    assert re.search(r"<span data-pp-stat=\"changes\">2</span> 处更改", redline) and "图例：<ins>" in redline
    page = (tmp_path / "out" / "zh" / "privacy" / "index.html").read_text()
    assert "本译文落后于具有约束力的文本" in page and "本译文对应 <time datetime=\"2025-01-15\">2025年1月15日</time> 的版本" in page
    assert 'href="../../privacy/changes/2027-01-01/"' in page
    assert '<html lang="zh"' in page
    english = json.loads((tmp_path / "out" / "privacy" / "versions.json").read_text())
    assert english["translations"][0]["document"] == "zh/privacy" and english["translations"][0]["current"] is False
