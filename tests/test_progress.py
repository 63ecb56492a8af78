"""A build says what it does: one INFO summary, progress lines when it is slow, DEBUG timings with -v,
nothing with -q; never a warning, and never a change to the site it builds."""

from __future__ import annotations

import re
import sys

import pytest

from conftest import Site, policy, run
from policypress.stopwatch import Stopwatch

STAGES = ["history read", "timeline", "renders", "redlines", "materiality", "downloads", "feeds", "pages"]
EPOCH = {"SOURCE_DATE_EPOCH": "1767225600"}
SUMMARY = re.compile(r"^INFO\s+-\s+policypress: 1 document\(s\), 3 version\(s\), 2 redline\(s\), "
                     r"\d+ material change\(s\), \d+ pages generated \(\d+\.\d s\)$")


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> Site:
    site = Site(tmp_path_factory.mktemp("progress") / "site-src")
    bodies = ["## Sharing\n\nWe share your address with our courier.",
              "## Sharing\n\nWe share your address with our courier and with Riskified, to prevent fraud.",
              "## Sharing\n\nWe share your postal address with our courier and with Riskified, to prevent fraud."]
    for number, body in enumerate(bodies, start=1):
        site.commit(f"v{number}", f"2024-0{number * 2}-01T10:00:00+00:00",
                    {"policy/privacy.md": policy(effective=f"2024-0{number * 2}-15", body=body)})
    # with site_url: without it the build adds a line saying that subscriptions need it (test_sites.py)
    (site.root / "mkdocs.yml").write_text("site_url: https://example.com/\n" + (site.root / "mkdocs.yml").read_text())
    return site


def build(site: Site, *flags: str, env: dict | None = None, check: bool = True) -> list[str]:
    """The policypress lines of a strict build (MkDocs logs to stderr)."""
    result = run([sys.executable, "-m", "mkdocs", "build", "--clean", "--strict", *flags], cwd=site.root,
                 env={**EPOCH, **(env or {})}, check=check)
    lines = (result.stdout + result.stderr).splitlines()
    assert not [line for line in lines if line.startswith(("WARNING", "ERROR"))] or not check, lines
    return [line for line in lines if "policypress:" in line]


def snapshot(site: Site) -> dict:
    out = site.root / "site"
    return {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def test_a_default_build_logs_one_summary(history: Site):
    lines = build(history)
    assert len(lines) == 1 and SUMMARY.match(lines[0]), lines


def test_quiet_builds_log_nothing_of_policypress(history: Site):
    assert build(history, "-q") == []
    assert build(history, "-q", env={"POLICYPRESS_PROGRESS_SECONDS": "0"}) == []


def test_verbose_builds_time_every_stage(history: Site):
    lines = build(history, "-v")
    debug = [line for line in lines if line.startswith("DEBUG")]
    for stage in STAGES:
        assert [line for line in debug if re.search(rf"policypress: {stage} took \d+\.\d{{3}} s \(", line)], (stage, debug)
    assert [line for line in lines if SUMMARY.match(line)]
    # policypress's whole share of the build (what benchmarks/serve_rebuild.py reports): its parts add up to it
    share = [re.search(r"its share of this build took ([\d.]+) s \(configuration ([\d.]+), archive work ([\d.]+), "
                       r"pages ([\d.]+), page events ([\d.]+), warm-up ([\d.]+) s\)", line) for line in debug]
    share = [match for match in share if match]
    assert len(share) == 1, debug
    total, *parts = map(float, share[0].groups())
    assert parts[2] > 0 and parts[3] > 0 and abs(total - sum(parts)) < 0.003, share[0].group(0)


def test_slow_builds_report_progress_and_the_site_is_unchanged(history: Site):
    build(history)
    quiet = snapshot(history)
    lines = build(history, "-v", env={"POLICYPRESS_PROGRESS_SECONDS": "0"})
    info = [line for line in lines if line.startswith("INFO")]
    assert re.match(r"^INFO\s+-\s+policypress: 1 document\(s\), 3 version\(s\) read \(\d+\.\d s\)$", info[0]), info
    assert [re.sub(r".*policypress: | \(.*", "", line) for line in info[1:3]] == ["redlines 1/2", "redlines 2/2"]
    assert SUMMARY.match(info[-1]) and len(info) == 4, info
    assert snapshot(history) == quiet  # reporting never changes the output


def test_a_bad_progress_setting_fails_the_build_with_its_name(history: Site):
    result = run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=history.root,
                 env={"POLICYPRESS_PROGRESS_SECONDS": "soon"}, check=False)
    assert result.returncode != 0
    assert "POLICYPRESS_PROGRESS_SECONDS='soon' is not a number of seconds" in result.stderr
    assert "Traceback" not in result.stderr


def test_nested_stages_are_charged_their_own_time(monkeypatch):
    clock = iter([0.0, 2.0, 7.0, 8.0])  # outer starts, inner starts, inner ends, outer ends
    monkeypatch.setattr("policypress.stopwatch.time.perf_counter", lambda: next(clock))
    watch = Stopwatch()
    with watch.stage("outer"):
        with watch.stage("inner"):
            pass
    assert watch.counts == {"outer": 1, "inner": 1}
    assert watch.seconds == {"outer": 3.0, "inner": 5.0}
