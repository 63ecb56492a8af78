"""Versions kept on file in versions/: freeze, merge with Git, conflicts, tarballs, shallow clones."""

from __future__ import annotations

import shutil
import sys

import pytest

from conftest import Site, policy, run
from test_archive import BODY_V1, BODY_V2, BODY_V3


def three_versions(site: Site) -> None:
    site.commit("v1", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-02-01", body=BODY_V1)})
    site.commit("v2", "2024-05-01T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-06-01", body=BODY_V2)})
    site.commit("v3", "2024-09-01T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-10-01", body=BODY_V3)})


def test_freeze_writes_each_version_once_and_the_build_is_unchanged(site: Site):
    three_versions(site)
    site.build()
    before = site.versions()
    out = site.policypress("freeze").stdout
    assert out.count("wrote") == 3
    files = sorted(p.name for p in (site.root / "versions" / "privacy").iterdir())
    assert files == ["2024-02-01.md", "2024-06-01.md", "2024-10-01.md"]
    assert "already on file" in site.policypress("freeze").stdout
    site.commit("Freeze the archive", "2024-09-02T10:00:00+00:00")
    site.build()
    after = site.versions()
    assert after == before  # the same archive, now also kept on file


def test_versions_on_file_come_before_git_history(site: Site, tmp_path):
    # An archive from before the Git era, imported by hand (written with freeze in another repo).
    old = Site(tmp_path / "old")
    old.commit("legacy", "2020-01-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2020-02-01", body="## 1. Old\n\nAn old policy text.\n")})
    old.policypress("freeze")
    shutil.copytree(old.root / "versions", site.root / "versions")
    three_versions(site)
    site.build()
    versions = site.versions()["versions"]
    assert [v["id"] for v in versions] == ["2020-02-01", "2024-02-01", "2024-06-01", "2024-10-01"]
    assert versions[1]["diff_url"] == "privacy/changes/2024-02-01/"
    assert "An old policy text" in site.page("privacy/versions/2020-02-01/")
    assert "<del" in site.page("privacy/changes/2024-02-01/")


def test_a_version_on_file_that_disagrees_with_git_fails_the_build(site: Site):
    three_versions(site)
    site.policypress("freeze")
    # Rewrite the kept text consistently (valid sha256) so that only the comparison with Git can catch it.
    from policypress.archive import onfile as archive

    path = site.root / "versions" / "privacy" / "2024-06-01.md"
    item = archive.read_file(path)
    path.write_text(archive.render_file(document="privacy", id=item.id, effective=item.effective,
                                        published=item.published, commit=item.commit,
                                        text=item.text.replace("phone number", "fax number")), encoding="utf-8")
    result = site.build(check=False)
    assert result.returncode != 0
    assert "versions/privacy/2024-06-01.md" in result.stderr + result.stdout
    assert item.commit[:12] in result.stderr + result.stdout
    assert "Traceback" not in result.stderr


def test_a_tampered_file_fails_with_its_path(site: Site):
    three_versions(site)
    site.policypress("freeze")
    path = site.root / "versions" / "privacy" / "2024-02-01.md"
    path.write_text(path.read_text(encoding="utf-8").replace("your name", "your full name"), encoding="utf-8")
    result = site.build(check=False)
    assert result.returncode != 0
    output = result.stderr + result.stdout
    assert "2024-02-01.md" in output and "sha256" in output and "Traceback" not in output


def test_build_without_git_publishes_what_is_on_file_with_a_warning(site: Site, tmp_path):
    three_versions(site)
    site.policypress("freeze")
    tarball = tmp_path / "tarball"
    shutil.copytree(site.root, tarball, ignore=shutil.ignore_patterns(".git", "site"))
    strict = run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=tarball, check=False)
    assert strict.returncode != 0 and "no Git repository" in strict.stderr
    run([sys.executable, "-m", "mkdocs", "build"], cwd=tarball)
    copy = Site.__new__(Site)
    copy.root = tarball
    assert [v["id"] for v in copy.versions()["versions"]] == ["2024-02-01", "2024-06-01", "2024-10-01"]
    assert "Acme Mail Ltd" in copy.page("privacy/versions/2024-10-01/")


def test_shallow_clone_is_refused_unless_everything_is_on_file(site: Site, tmp_path):
    three_versions(site)
    clone = tmp_path / "shallow"
    run(["git", "clone", "-q", "--depth", "1", f"file://{site.root}", str(clone)], cwd=tmp_path)
    result = run([sys.executable, "-m", "mkdocs", "build"], cwd=clone, check=False)
    assert result.returncode != 0
    assert "shallow clone" in result.stderr and "fetch-depth: 0" in result.stderr
    assert "Traceback" not in result.stderr
    # once the archive is kept on file, a shallow clone builds the full archive
    site.policypress("freeze")
    site.commit("Freeze", "2024-09-02T10:00:00+00:00")
    clone2 = tmp_path / "shallow2"
    run(["git", "clone", "-q", "--depth", "1", f"file://{site.root}", str(clone2)], cwd=tmp_path)
    run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=clone2)
    copy = Site.__new__(Site)
    copy.root = clone2
    assert len(copy.versions()["versions"]) == 3
