"""`policypress check`, the CI gate, and the material flags shown on the site."""

from __future__ import annotations

import json
import re
import sys

import pytest

from conftest import ROOT, Site, run
from materiality_cases import load_body

BODY = load_body()
DEADLINE = ("process your request within 15 business days.", "process your request within 30 days.")
FORTER = ("We hired Forter", "We hired Riskified")
FORTER2 = ("Forter will use", "Riskified will use")


def text(effective: str, body: str = BODY, **meta) -> str:
    lines = ["---", "title: Privacy Policy", f"effective: {effective}"]
    for key, value in meta.items():
        lines.append(f"{key}: {json.dumps(value)}")
    return "\n".join(lines + ["---", "", body])


def edit(*pairs) -> str:
    body = BODY
    for old, new in pairs:
        assert body.count(old) == 1, old
        body = body.replace(old, new)
    return body


@pytest.fixture
def base(site: Site) -> Site:
    site.commit("v1", "2026-01-05T10:00:00+00:00", {"policy/privacy.md": text("2026-02-01")})
    return site


def check(site: Site, *args, env=None) -> tuple[int, str, str]:
    result = run([sys.executable, "-m", "policypress.cli", "check", *args], cwd=site.root,
                 env={"SOURCE_DATE_EPOCH": "1777636800", **(env or {})}, check=False)  # 2026-05-01
    return result.returncode, result.stdout, result.stderr


def test_undeclared_material_change_is_an_error_with_evidence(base: Site):
    base.commit("swap vendor", "2026-03-01T10:00:00+00:00",
                {"policy/privacy.md": text("2026-04-15", edit(FORTER, FORTER2))})
    code, out, err = check(base)
    assert code == 1, out + err
    assert "[undeclared-material]" in out and "8(iii)" in out and "Riskified" in out
    assert "material: [recipients]" not in out and "add 'recipients' to 'material:'" in out


def test_declared_material_change_with_notice_passes(base: Site):
    base.commit("swap vendor", "2026-03-01T10:00:00+00:00",
                {"policy/privacy.md": text("2026-04-15", edit(FORTER, FORTER2), material=["recipients"])})
    code, out, _ = check(base)
    assert code == 0, out
    assert "material: recipients" in out and "no problems found" in out


def test_short_notice_period_is_an_error(base: Site):
    base.commit("swap vendor", "2026-03-01T10:00:00+00:00",
                {"policy/privacy.md": text("2026-03-10", edit(FORTER, FORTER2), material=["recipients"])})
    code, out, _ = check(base)
    assert code == 1 and "[notice-period]" in out and "9 day(s)" in out and "2026-03-31" in out


def test_rights_reduction_needs_a_consent_plan(base: Site):
    base.commit("slower", "2026-03-01T10:00:00+00:00",
                {"policy/privacy.md": text("2026-04-15", edit(DEADLINE), material=["user-rights"])})
    code, out, _ = check(base)
    assert code == 1 and "[consent-missing]" in out and "longer time to answer requests" in out
    base.git("reset", "-q", "--hard", "HEAD~1")
    base.commit("slower, with consent", "2026-03-02T10:00:00+00:00",
                {"policy/privacy.md": text("2026-04-15", edit(DEADLINE), material=["user-rights"],
                                           consent="in-app prompt at next sign-in")})
    code, out, _ = check(base)
    assert code == 0, out
    assert "consent required" in out


def test_waiver_with_reason_and_declared_but_not_detected(base: Site):
    base.commit("vendor, waived", "2026-03-01T10:00:00+00:00",
                {"policy/privacy.md": text("2026-04-15", edit(FORTER, FORTER2), material=["ownership"],
                                           not_material={"recipients": "same service, renamed vendor"})})
    code, out, _ = check(base)
    assert code == 0, out
    assert "[declared-not-detected]" in out and "warning" in out
    code, _, _ = check(base, "--strict")
    assert code == 1


def test_unknown_criterion_and_missing_reason_name_the_line(base: Site):
    base.commit("typo in id", "2026-03-01T10:00:00+00:00",
                {"policy/privacy.md": text("2026-04-15", edit(FORTER, FORTER2), material=["recipient"],
                                           not_material={"service-model": ""})})
    code, out, _ = check(base)
    assert code == 1
    assert "policy/privacy.md:4: [front-matter] 'material' names an unknown criterion 'recipient'" in out
    assert "policy/privacy.md:5: [front-matter] 'not_material: service-model' needs a reason" in out


def test_revision_without_new_date_is_reported(base: Site):
    base.commit("typo", "2026-03-01T10:00:00+00:00",
                {"policy/privacy.md": text("2026-02-01", edit(("register as an user", "register as a user")))})
    code, out, _ = check(base)
    assert code == 0 and "[revision]" in out
    base.commit("typo, said why", "2026-03-02T10:00:00+00:00",
                {"policy/privacy.md": text("2026-02-01", edit(("register as an user", "register as a user"),
                                                              ("online frauds", "online fraud")), revision="typo fix")})
    code, out, _ = check(base)
    assert "[revision]" not in out


def test_uncommitted_draft_is_checked(base: Site):
    base.write("policy/privacy.md", text("2026-06-15", edit(FORTER, FORTER2)))
    code, out, _ = check(base)
    assert code == 1 and "(version draft)" in out and "[undeclared-material]" in out


def test_since_gates_every_version_after_the_base(base: Site):
    base.git("branch", "base")
    base.commit("vendor", "2026-03-01T10:00:00+00:00",
                {"policy/privacy.md": text("2026-04-15", edit(FORTER, FORTER2))})
    base.commit("deadline", "2026-03-02T10:00:00+00:00",
                {"policy/privacy.md": text("2026-04-20", edit(FORTER, FORTER2, ("within 15 business days", "within 7 days")),
                                           material=["user-rights"])})
    code, out, _ = check(base)  # the latest version alone is declared correctly…
    assert "[undeclared-material]" not in out
    code, out, _ = check(base, "--since", "base")  # …but the pull request as a whole is not
    assert code == 1 and "(version 2026-04-15)" in out and "[undeclared-material]" in out
    code, out, err = check(base, "--since", "no-such-rev")
    assert code == 2 and "Traceback" not in err


def test_json_and_github_formats(base: Site, tmp_path):
    base.commit("swap vendor", "2026-03-01T10:00:00+00:00",
                {"policy/privacy.md": text("2026-04-15", edit(FORTER, FORTER2))})
    code, out, _ = check(base, "--format", "json")
    data = json.loads(out)
    assert code == 1 and data["ok"] is False and data["errors"] == 1
    problem = data["problems"][0]
    assert problem["code"] == "undeclared-material" and problem["evidence"][0]["rule"]
    latest = data["documents"][0]["versions"][-1]
    assert latest["gated"] and latest["material"] == ["recipients"] and latest["detected"][0]["id"] == "recipients"
    summary = tmp_path / "summary.md"
    code, out, _ = check(base, "--format", "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert code == 1
    line = next(l for l in out.splitlines() if l.startswith("::error "))
    number = int(re.search(r"line=(\d+)", line).group(1))
    assert "Riskified" in (base.root / "policy" / "privacy.md").read_text().splitlines()[number - 1]
    assert "file=policy/privacy.md" in line and "title=policypress%3A undeclared-material" in line
    md = summary.read_text()
    assert md.startswith("## policypress check: 1 error(s)")
    assert "**Material: 8(iii) Main recipients" in md and "**not declared**" in md
    assert "~~Forter~~ **Riskified**" in md


def test_configuration_errors_exit_2(tmp_path):
    site = Site(tmp_path / "s", options="criteria:\n  - id: gdpr-art13\n    title: GDPR Art. 13\n")
    site.commit("v1", "2026-01-05T10:00:00+00:00", {"policy/privacy.md": text("2026-02-01")})
    code, _, err = check(site)
    assert code == 2 and "needs ref, text" in err and "Traceback" not in err
    result = site.build(check=False)
    assert result.returncode != 0 and "needs ref, text" in result.stderr


def test_site_shows_flags_with_wording_and_evidence(tmp_path):
    site = Site(tmp_path / "s", options=(
        "criteria:\n"
        "  - id: ai-training\n"
        "    ref: AI-1\n"
        "    title: Training of AI models\n"
        "    text: Any use of your information to train machine-learning models.\n"
        "    signals: ['train\\w* (?:\\w+ ){0,3}models?']\n"))
    site.commit("v1", "2026-01-05T10:00:00+00:00", {"policy/privacy.md": text("2026-02-01")})
    site.commit("v2", "2026-03-01T10:00:00+00:00", {"policy/privacy.md": text(
        "2026-04-15", edit(FORTER, FORTER2, DEADLINE,
                           ("- (xii) Other uses for which we have your consent.",
                            "- (xii) Other uses for which we have your consent.\n- (xiii) To train our recommendation models.")),
        material=["recipients", "user-rights", "ai-training"], consent="e-mail to every user")})
    site.build()
    versions = site.versions()["versions"]
    assert versions[0]["material"] == [] and versions[0]["consent_required"] is False
    assert versions[1]["material"] == ["service-model", "recipients", "user-rights", "ai-training"]
    assert versions[1]["consent_required"] is True
    page = site.page("privacy/changes/2026-04-15/")
    assert "Significant changes in your rights to participate in the handling of personal information" in page
    assert "Any use of your information to train machine-learning models." in page
    assert "reduces your rights" in page and "e-mail to every user" in page
    anchors = re.findall(r'<a href="#(pp-change-\d+)">', page)
    assert anchors and all(f'id="{a}"' in page for a in anchors)
    index = site.page("privacy/versions/")
    assert 'data-pp-criterion="recipients"' in index and "(consent required)" in index


def test_demo_repository_passes_its_own_gate_but_for_its_chinese_translation_which_is_behind():
    """The demo's Chinese translation renders 2025-01-15 on purpose (the feature it shows): that, and only
    that, is an error of the gate."""
    result = run([sys.executable, "-m", "policypress.cli", "check"], cwd=ROOT, check=False)
    errors = [line for line in result.stdout.splitlines() if line.startswith("error:")]
    assert result.returncode == 1 and len(errors) == 1, result.stdout + result.stderr
    assert errors[0].startswith("error: policy/privacy.zh.md: [translation-behind] the zh translation renders "
                                "privacy version 2025-01-15, but the controlling text has a later material version")
