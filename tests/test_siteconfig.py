"""The command line reads the site's configuration the way the build does (MkDocs's own loader)."""

from __future__ import annotations

import sys

from conftest import ALL_FILES, Site, policy, run

BASE = """\
site_name: inherited
docs_dir: policy
site_dir: site
theme: {name: material, font: false}
markdown_extensions: [toc, tables]
plugins:
  search: {}
  policypress:
    include: ["privacy.md", "legal/*.md"]
"""


def listed(site: Site, *args: str, env: dict | None = None) -> list[str]:
    """The slugs `policypress list` prints."""
    result = run([sys.executable, "-m", "policypress", "list", *args], cwd=site.root, env=env)
    return sorted(line.split()[0] for line in result.stdout.splitlines() if line and not line.startswith(" "))


def built(site: Site) -> list[str]:
    """The slugs the build published (each has a versions.json)."""
    return sorted(p.parent.relative_to(site.root / "site").as_posix() for p in (site.root / "site").rglob("versions.json"))


def three_policies(tmp_path) -> Site:
    site = Site(tmp_path / "s")
    site.commit("v1", "2024-01-10T10:00:00+00:00", {
        "policy/privacy.md": policy(effective="2024-02-01", body="Privacy."),
        "policy/terms.md": policy(title="Terms", effective="2024-02-01", body="Terms."),
        "policy/legal/cookies.md": policy(title="Cookies", effective="2024-02-01", body="Cookies."),
    })
    return site


def test_inherited_config_with_plugins_as_a_mapping(tmp_path):
    site = three_policies(tmp_path)
    site.write("base.yml", BASE)
    site.write("mkdocs.yml", "INHERIT: base.yml\nplugins:\n  policypress:\n    exclude: ['index.md']\n")
    site.build()
    assert built(site) == ["legal/cookies", "privacy"]
    assert listed(site) == built(site)


def test_env_tag_in_an_option(tmp_path):
    site = Site(tmp_path / "s", options="rev: !ENV [PUBLISHED_REV, HEAD]")
    site.commit("v1", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-02-01", body="One.")})
    site.git("tag", "first")
    site.commit("v2", "2024-03-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-04-01", body="Two.")})
    out = run([sys.executable, "-m", "policypress", "list"], cwd=site.root, env={"PUBLISHED_REV": "first"}).stdout
    assert "2024-02-01" in out and "2024-04-01" not in out
    site.build(env={"PUBLISHED_REV": "first"})
    assert [v["id"] for v in site.versions()["versions"]] == ["2024-02-01"]
    assert "2024-04-01" in run([sys.executable, "-m", "policypress", "list"], cwd=site.root).stdout


def test_properdocs_file_name(tmp_path):
    site = three_policies(tmp_path)
    config = site.root / "mkdocs.yml"
    site.write("properdocs.yml", config.read_text().replace(ALL_FILES, "include: [terms.md]"))
    config.unlink()
    site.git("add", "-A")
    site.build(engine="properdocs")
    assert built(site) == ["terms"]
    assert listed(site) == ["terms"]
    site.write("mkdocs.yml", BASE)  # mkdocs.yml, when there is one, comes first
    assert listed(site) == ["legal/cookies", "privacy"]
