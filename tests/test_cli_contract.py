"""The command line's contract: exit 2 and one line naming the file, the option and the fix, never a traceback."""

from __future__ import annotations

import sys

import pytest

from conftest import Site, policy, run

BROKEN_YAML = "site_name: t\ndocs_dir: policy\nplugins: [\n  - policypress\n"


def published(tmp_path, options: str = "") -> Site:
    site = Site(tmp_path / "s", options=options)
    site.commit("v1", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-02-01", body="Hello.")})
    return site


def assert_usage_error(result, *needles: str) -> None:
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert len(lines) == 1, result.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]


@pytest.mark.parametrize("options, needles", [
    ("criteria: 5", ("criteria", "list")),
    ("include: 5", ("include", "list")),
    ('notice_days: "x"', ("notice_days", "int")),
    ("notice_days: -1", ("notice_days", "negative")),
    ("rev: no-such-branch", ("rev", "no-such-branch")),
])
def test_bad_plugin_option(tmp_path, options, needles):
    site = published(tmp_path, options)
    assert_usage_error(site.policypress("list", check=False), "mkdocs.yml", "fix:", *needles)


@pytest.mark.parametrize("command", [["list"], ["check"], ["freeze"], ["notice", "privacy"], ["verify", "."]])
def test_every_command_reports_a_configuration_error(tmp_path, command):
    site = published(tmp_path, "criteria: 5")
    assert_usage_error(site.policypress(*command, check=False), "mkdocs.yml", "criteria", "fix:")


def test_docs_dir_that_does_not_exist(tmp_path):
    site = published(tmp_path)
    site.write("mkdocs.yml", site.root.joinpath("mkdocs.yml").read_text().replace("docs_dir: policy", "docs_dir: nope"))
    assert_usage_error(site.policypress("list", check=False), "mkdocs.yml", "docs_dir", "nope", "fix:")


def test_malformed_yaml_names_its_line(tmp_path):
    site = published(tmp_path)
    site.write("mkdocs.yml", BROKEN_YAML)
    assert_usage_error(site.policypress("check", check=False), "mkdocs.yml:4:", "YAML", "fix:")


def test_missing_config_file(tmp_path):
    site = published(tmp_path)
    assert_usage_error(site.policypress("list", "--config", "nope.yml", check=False), "nope.yml", "--config")
    (site.root / "mkdocs.yml").unlink()
    assert_usage_error(site.policypress("check", check=False), "mkdocs.yml", "--config")


def test_plugin_that_is_not_installed(tmp_path):
    site = published(tmp_path)
    site.write("mkdocs.yml", "site_name: t\ndocs_dir: policy\nplugins:\n  - no-such-plugin\n  - policypress\n")
    assert_usage_error(site.policypress("list", check=False), "mkdocs.yml", "no-such-plugin", "pip install")


@pytest.mark.parametrize("command", [["freeze", "--document", "unknown"], ["notice", "unknown"]])
def test_unknown_document(tmp_path, command):
    site = published(tmp_path)
    assert_usage_error(site.policypress(*command, check=False), "unknown", "privacy", "fix:")
    assert not (site.root / "versions").exists()


@pytest.mark.parametrize("flag", ["-V", "--version"])
def test_version(tmp_path, flag):
    result = run([sys.executable, "-m", "policypress", flag], cwd=tmp_path)
    assert result.stdout.strip().startswith("policypress ") and result.stdout.split()[1][0].isdigit()


def test_python_m_policypress_help(tmp_path):
    result = run([sys.executable, "-m", "policypress", "--help"], cwd=tmp_path)
    assert result.stdout.startswith("usage: policypress") and "freeze" in result.stdout


def test_bad_subcommand_flag_prints_that_subcommands_usage(tmp_path):
    result = run([sys.executable, "-m", "policypress", "list", "--bogus"], cwd=tmp_path, check=False)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith("usage: policypress list ") and "--bogus" in result.stderr
