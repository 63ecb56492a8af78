"""Bad input stops the build with the file, the line and the fix, never a traceback."""

from __future__ import annotations

import pytest

from conftest import Site, policy


@pytest.mark.parametrize("text, line, needle", [
    ("---\ntitle: X\neffective: 2024-02-30\n---\n\nBody.\n", 3, "not a real calendar date"),
    ("---\ntitle: X\neffective: next monday\n---\n\nBody.\n", 3, "not an ISO date"),
    ("---\ntitle: [unclosed\n---\n\nBody.\n", None, "not valid YAML"),
    ("---\n- a\n- b\n---\n\nBody.\n", 2, "must be a mapping"),
    ("---\ntitle: X\n\tsummary: tabbed\n---\n\nBody.\n", 3, "tabs"),
    ("---\ntitle: X\n\nBody without a closing fence.\n", 1, "never closed"),
    ("# Policy\n\nEffective date: February 30, 2024\n", 3, "impossible date"),
])
def test_bad_policy_text_names_file_line_and_fix(site: Site, text, line, needle):
    site.commit("bad", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": text})
    result = site.build(check=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert needle in output
    assert "fix:" in output
    assert "policy/privacy.md" in output
    if line:
        assert f":{line}:" in output


def test_non_utf8_policy_names_the_line(site: Site):
    (site.root / "policy").mkdir(exist_ok=True)
    (site.root / "policy" / "privacy.md").write_bytes(b"# Policy\n\nCaf\xe9 au lait.\n")
    site.git("add", "-A")
    site.commit("latin-1", "2024-01-10T10:00:00+00:00")
    result = site.build(check=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "UTF-8" in output and ":3:" in output and "Traceback" not in output


def test_trailing_space_fence_is_accepted(site: Site):
    site.commit("ok", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": "--- \ntitle: Spaced\neffective: 2024-02-01\n---\n\nBody.\n"})
    site.build()
    assert site.versions()["title"] == "Spaced"
    assert site.versions()["versions"][0]["effective"] == "2024-02-01"


def test_bad_date_pattern_is_a_configuration_error(tmp_path):
    site = Site(tmp_path / "s", options="date_patterns: ['effective(']")
    site.commit("ok", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": policy(body="Body.")})
    result = site.build(check=False)
    assert result.returncode != 0 and "date_patterns" in result.stderr and "Traceback" not in result.stderr


def test_markup_in_summary_and_title_is_escaped(site: Site):
    site.commit("v1", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": policy(
        title="Privacy <b>Policy</b>", effective="2024-02-01", body="Hello `<script>alert(1)</script>` world.",
        summary="We <script>alert('x')</script> & more")})
    site.commit("v2", "2024-03-10T10:00:00+00:00", {"policy/privacy.md": policy(
        title="Privacy <b>Policy</b>", effective="2024-04-01", body="Hello `<script>alert(2)</script>` world.",
        summary="We <script>alert('y')</script> & more")})
    site.build()
    for url in ("privacy/", "privacy/versions/", "privacy/versions/2024-02-01/", "privacy/changes/2024-04-01/"):
        html = site.page(url)
        assert "<script>alert" not in html, url
        assert "&lt;script&gt;alert" in html, url
