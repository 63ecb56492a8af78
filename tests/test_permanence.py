"""Issue #12, "Nothing published is ever lost": ordinary Git workflows on real repositories.

Each test replays one way the archive used to lose or change a published text while the build stayed
green: update-branch merges fast-forwarded onto main, moved folders, renames, squashes, edited headers
on file, CRLF checkouts, shallow clones, uncommitted edits, a skipped gate and hostile input.
"""

from __future__ import annotations

import json
import shutil
import sys

from conftest import Site, policy, run
from test_archive import BODY_V1, BODY_V2, BODY_V3

DEPLOYED = "published_archive: deployed"


def at(date: str) -> dict:
    return {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}


def deploy(site: Site) -> None:
    """What CI does: build, and keep the deployed site (here a folder beside mkdocs.yml)."""
    site.build()
    shutil.rmtree(site.root / "deployed", ignore_errors=True)
    shutil.copytree(site.root / "site", site.root / "deployed")


def update_branch_then_fast_forward(site: Site) -> None:
    """main: v1, v2 (deployed). feature (from v1): a draft, main merged in ("update branch"), the final
    text. Then main is fast-forwarded to feature: feature's commits become the first-parent chain."""
    site.write(".gitignore", "site/\ndeployed/\n.cache/\n")
    site.commit("v1", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-02-01", body=BODY_V1)})
    deploy(site)
    site.git("checkout", "-q", "-b", "feature")
    site.commit("wip", "2024-02-01T10:00:00+00:00",
                {"policy/privacy.md": policy(effective="2024-02-01", body=BODY_V1 + "\nDRAFT WORDING.\n")})
    site.git("checkout", "-q", "main")
    site.commit("v2", "2024-02-05T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-03-01", body=BODY_V2)})
    deploy(site)
    site.git("checkout", "-q", "feature")
    run(["git", "merge", "-q", "--no-commit", "-X", "theirs", "main"], cwd=site.root, check=False)
    site.git("checkout", "main", "--", "policy/privacy.md")  # the conflict resolved to main's text
    run(["git", "commit", "-q", "-m", "Merge main into feature"], cwd=site.root, env=at("2024-02-06T10:00:00+00:00"))
    site.commit("final", "2024-02-07T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-04-01", body=BODY_V3)})
    site.git("checkout", "-q", "main")
    site.git("merge", "-q", "--ff-only", "feature")


def test_update_branch_then_fast_forward_keeps_the_deployed_version(tmp_path):
    site = Site(tmp_path / "s", options=DEPLOYED)
    update_branch_then_fast_forward(site)
    site.build()
    versions = site.versions()["versions"]
    assert [v["id"] for v in versions] == ["2024-02-01", "2024-03-01", "2024-04-01"]
    assert "DRAFT WORDING" not in site.page("privacy/versions/2024-03-01/")
    assert not any("DRAFT" in site.page(f"privacy/versions/{v['id']}/") for v in versions)


def test_a_deployed_version_that_would_vanish_fails_the_build_naming_it_and_freeze_previous_repairs(tmp_path):
    site = Site(tmp_path / "s", options=DEPLOYED)
    site.write(".gitignore", "site/\ndeployed/\n.cache/\n")
    site.commit("v1", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-02-01", body=BODY_V1)})
    v2 = site.commit("v2", "2024-02-05T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-03-01", body=BODY_V2)})
    deploy(site)
    site.git("tag", "keep", v2)  # the commit still exists (a reflog, a PR ref), but main no longer has it
    site.git("reset", "-q", "--hard", "HEAD~1")
    site.commit("v3", "2024-02-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-04-01", body=BODY_V3)})
    result = site.build(check=False)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "privacy/versions/2024-03-01/" in result.stderr and "freeze --previous" in result.stderr
    site.policypress("freeze", "--previous", "deployed")
    site.build(strict=False)  # warns that the version's commit left the history, and publishes it from the file
    versions = site.versions()["versions"]
    assert [v["id"] for v in versions] == ["2024-02-01", "2024-03-01", "2024-04-01"]
    assert "phone number" in site.page("privacy/versions/2024-03-01/")


class Deployments:
    """Every deployment of a site, and the promise between them: nothing deployed ever goes away or changes.

    After each deployment, every file an earlier deployment published under a document's folder still
    answers, and every version an earlier `versions.json` listed is listed again, at the same address, with
    the same text, dates and id (a moved document's earlier `versions.json` answers too)."""

    def __init__(self, site: Site):
        self.site = site
        self.files: set[str] = set()
        self.versions: dict[tuple[str, str], dict] = {}
        self.sizes: list[int] = []

    def deploy(self) -> None:
        deploy(self.site)  # a strict build: every warning fails
        root = self.site.root / "site"
        now = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()
               and p.relative_to(root).parts[0] in ("privacy", "legal")}
        assert self.files <= now, sorted(self.files - now)[:5]
        listed: dict[tuple[str, str], dict] = {}
        for path in sorted(root.rglob("versions.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            slug = path.parent.relative_to(root).as_posix()
            for entry in data["versions"]:
                listed[(slug, entry["id"])] = entry
                page = (root / entry["url"] / "index.html").read_text(encoding="utf-8")
                assert f'data-pp-sha256="{entry["sha256"]}"' in page, entry["url"]
                assert "DRAFT" not in page, entry["url"]
        for key, entry in self.versions.items():
            again = listed.get(key)
            assert again is not None, key
            assert {k: again[k] for k in ("sha256", "effective", "published")} == \
                {k: entry[k] for k in ("sha256", "effective", "published")}, key
            old = root / key[0] / "versions" / key[1] / "index.html"
            assert old.is_file(), key  # the page itself, or a redirect stub to it
        self.files |= now
        self.versions.update(listed)
        self.sizes.append(len({entry["sha256"] + entry["published"] for entry in listed.values()}))
        assert self.sizes == sorted(self.sizes), self.sizes


def feature_branch(site: Site, name: str, path: str, date: str, final: str) -> None:
    """A pull request: a draft on its own branch, then the final text."""
    site.git("checkout", "-q", "-b", name)
    site.commit(f"{name}: draft", date.replace("T10", "T08"), {path: final.replace("\n\n", "\n\nDRAFT WORDING.\n\n", 1)})
    site.commit(f"{name}: final", date.replace("T10", "T09"), {path: final})
    site.git("checkout", "-q", "main")


def test_a_year_of_team_workflow_only_ever_grows_the_deployed_archive(tmp_path):
    """Feature branches, update-branch merges, fast-forwards, merge commits, a revert, a rename, a squash,
    a freeze and a force-push, each deployed: the deployed archive only ever grows."""
    site = Site(tmp_path / "s", options=DEPLOYED)
    update_branch_then_fast_forward(site)  # January, February: "update branch", then a fast-forward
    year = Deployments(site)
    year.deploy()
    run(["git", "revert", "--no-edit", "HEAD"], cwd=site.root, env=at("2024-03-01T10:00:00+00:00"))  # March
    year.deploy()
    feature_branch(site, "april", "policy/privacy.md", "2024-04-02T10:00:00+00:00",  # a merge commit (--no-ff)
                   policy(effective="2024-06-01", body=BODY_V3 + "\nWe answer within a month.\n"))
    run(["git", "merge", "-q", "--no-ff", "-m", "Merge april", "april"], cwd=site.root, env=at("2024-04-03T10:00:00+00:00"))
    year.deploy()
    (site.root / "policy" / "legal").mkdir()  # May: the policy moves
    site.git("mv", "policy/privacy.md", "policy/legal/privacy.md")
    site.commit("rename", "2024-05-01T10:00:00+00:00")
    year.deploy()
    assert 'http-equiv="refresh"' in site.page("privacy/versions/2024-03-01/")
    site.git("checkout", "-q", "-b", "squashme")  # June: a squash merge
    site.commit("a", "2024-06-01T10:00:00+00:00", {"policy/legal/privacy.md": policy(effective="2024-07-01", body=BODY_V3)})
    site.commit("b", "2024-06-02T10:00:00+00:00", {"policy/legal/privacy.md": policy(effective="2024-07-01", body=BODY_V3 + "\nMore.\n")})
    site.git("checkout", "-q", "main")
    run(["git", "merge", "-q", "--squash", "squashme"], cwd=site.root)
    site.commit("squashed", "2024-06-03T10:00:00+00:00")
    year.deploy()
    site.policypress("freeze")  # July: the archive kept on file
    site.commit("freeze", "2024-07-04T10:00:00+00:00")
    year.deploy()
    feature_branch(site, "august", "policy/legal/privacy.md", "2024-08-01T10:00:00+00:00",  # August: update branch
                   policy(effective="2024-10-01", body=BODY_V3 + "\nMore.\n\nWe keep logs for 30 days.\n"))
    site.commit("hotfix", "2024-08-02T10:00:00+00:00", {"policy/legal/privacy.md": policy(
        effective="2024-09-01", body=BODY_V3 + "\nMore, and better.\n")})
    year.deploy()
    site.git("checkout", "-q", "august")
    run(["git", "merge", "-q", "--no-commit", "-X", "ours", "main"], cwd=site.root, check=False)
    run(["git", "commit", "-q", "-m", "Merge main into august"], cwd=site.root, env=at("2024-08-03T10:00:00+00:00"))
    site.git("checkout", "-q", "main")
    site.git("merge", "-q", "--ff-only", "august")
    year.deploy()
    site.commit("september", "2024-09-05T10:00:00+00:00", {"policy/legal/privacy.md": policy(  # September
        effective="2024-11-01", body=BODY_V3 + "\nWe keep logs for 30 days.\n")})
    year.deploy()
    site.git("reset", "-q", "--hard", "HEAD~1")  # a force-push drops a deployed commit
    site.commit("october", "2024-10-05T10:00:00+00:00", {"policy/legal/privacy.md": policy(
        effective="2024-12-01", body=BODY_V3 + "\nWe keep logs for 60 days.\n")})
    refused = site.build(check=False)
    assert refused.returncode != 0 and "legal/privacy/versions/2024-11-01/" in refused.stderr
    site.policypress("freeze", "--previous", "deployed")
    site.commit("keep the deployed version", "2024-10-06T10:00:00+00:00")
    year.deploy()
    assert year.sizes[0] == 3 and year.sizes[-1] >= 10 and len(set(year.sizes)) >= 7, year.sizes


def test_moving_the_docs_folder_keeps_every_version(tmp_path):
    site = Site(tmp_path / "s")
    site.commit("v1", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-02-01", body=BODY_V1)})
    site.commit("v2", "2024-02-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-03-01", body=BODY_V2)})
    site.git("mv", "policy", "legal")
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text().replace("docs_dir: policy", "docs_dir: legal"))
    site.commit("move", "2024-03-10T10:00:00+00:00")
    site.build()
    assert [v["id"] for v in site.versions()["versions"]] == ["2024-02-01", "2024-03-01"]


def test_changing_include_keeps_earlier_versions_and_their_urls(tmp_path):
    site = Site(tmp_path / "s")
    site.commit("v1", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-02-01", body=BODY_V1)})
    (site.root / "policy" / "legal").mkdir()
    site.git("mv", "policy/privacy.md", "policy/legal/privacy.md")
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text().replace('include: ["*.md", "**/*.md"]', "include: ['legal/*.md']"))
    site.commit("move", "2024-03-10T10:00:00+00:00",
                {"policy/legal/privacy.md": policy(effective="2024-04-01", body=BODY_V2)})
    site.build()
    assert [v["id"] for v in site.versions("legal/privacy")["versions"]] == ["2024-02-01", "2024-04-01"]
    old = site.page("privacy/versions/2024-02-01/")
    assert 'http-equiv="refresh"' in old and "legal/privacy/versions/2024-02-01/" in old
    assert 'http-equiv="refresh"' in site.page("privacy/")
    assert site.versions("privacy")["versions"][0]["sha256"] == site.versions("legal/privacy")["versions"][0]["sha256"]


def test_renaming_to_an_index_page_continues_the_document(site: Site):
    site.commit("v1", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-02-01", body=BODY_V1)})
    (site.root / "policy" / "privacy").mkdir()
    site.git("mv", "policy/privacy.md", "policy/privacy/index.md")
    site.commit("move", "2024-03-10T10:00:00+00:00",
                {"policy/privacy/index.md": policy(effective="2024-04-01", body=BODY_V2)})
    site.build()
    data = site.versions()
    assert data["withdrawn"] is False and [v["id"] for v in data["versions"]] == ["2024-02-01", "2024-04-01"]
    assert "phone number" in site.page("privacy/")


def test_a_squash_after_freeze_publishes_no_phantom_revision(site: Site):
    site.commit("v1", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-02-01", body=BODY_V1)})
    site.commit("v2", "2024-02-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-03-01", body=BODY_V2)})
    site.policypress("freeze")
    site.git("checkout", "-q", "--orphan", "squashed")
    site.commit("everything", "2024-03-01T10:00:00+00:00")
    site.git("branch", "-D", "main")
    site.build(strict=False)
    assert [v["id"] for v in site.versions()["versions"]] == ["2024-02-01", "2024-03-01"]


def freeze_two(site: Site):
    site.commit("v1", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-02-01", body=BODY_V1)})
    site.commit("v2", "2024-02-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-03-01", body=BODY_V2)})
    site.policypress("freeze")
    return site.root / "versions" / "privacy"


def test_renaming_a_file_on_file_and_its_id_fails(site: Site):
    folder = freeze_two(site)
    text = (folder / "2024-03-01.md").read_text(encoding="utf-8").replace("id: 2024-03-01", "id: 2024-03-05")
    (folder / "2024-03-01.md").unlink()
    (folder / "2024-03-05.md").write_text(text, encoding="utf-8")
    result = site.build(check=False)
    assert result.returncode != 0 and "2024-03-05.md" in result.stderr and "seal" in result.stderr


def rewrite_on_file(folder, name: str, target: str | None = None, **fields) -> None:
    """Write the version kept on file as `name` again (as `target`), with some header fields or its text
    changed, under a fresh, consistent seal: what only a check against Git can catch."""
    from policypress.archive import onfile

    item = onfile.read_file(folder / name)
    values = {"document": "privacy", "id": item.id, "effective": item.effective, "published": item.published,
              "commit": item.commit, "text": item.text, **fields}
    (folder / (target or name)).write_text(onfile.render_file(**values), encoding="utf-8")


def test_editing_effective_in_a_header_fails(site: Site):
    import datetime as dt

    folder = freeze_two(site)
    rewrite_on_file(folder, "2024-03-01.md", effective=dt.date(2024, 2, 20))
    result = site.build(check=False)
    assert result.returncode != 0 and "2024-03-01.md" in result.stderr and "takes effect" in result.stderr


def test_two_files_claiming_one_commit_fail_naming_both(site: Site):
    from policypress.archive import onfile

    folder = freeze_two(site)
    text = onfile.read_file(folder / "2024-03-01.md").text
    rewrite_on_file(folder, "2024-03-01.md", "2024-03-01-2.md", id="2024-03-01-2", text=text + "\nExtra.\n")
    result = site.build(check=False)
    assert result.returncode != 0
    assert "2024-03-01.md" in result.stderr and "2024-03-01-2.md" in result.stderr


def two_with_upcoming(site: Site) -> None:
    site.commit("v1", "2026-01-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2026-02-01", body=BODY_V1)})
    site.commit("v2", "2026-03-01T10:00:00+00:00", {"policy/privacy.md": policy(
        effective="2026-05-21", body=BODY_V3, summary="Acme now sends our e-mails.",
        material=["recipients", "service-model"])})


MAY_1 = {"SOURCE_DATE_EPOCH": "1777636800"}  # 2026-05-01


def test_a_crlf_checkout_is_not_a_draft(site: Site):
    two_with_upcoming(site)
    site.commit("attributes", "2026-03-02T10:00:00+00:00", {".gitattributes": "* text eol=crlf\n"})
    (site.root / "policy" / "privacy.md").unlink()
    site.git("checkout", "--", "policy/privacy.md")
    assert b"\r\n" in (site.root / "policy" / "privacy.md").read_bytes()
    site.build(env=MAY_1)
    live = site.page("privacy/")
    assert "Draft" not in live and "We share nothing with anyone" in live and "2026-05-21" in live


def test_a_shallow_clone_with_everything_on_file_is_not_a_draft(site: Site, tmp_path):
    two_with_upcoming(site)
    site.policypress("freeze")
    site.commit("Freeze", "2026-03-02T10:00:00+00:00")
    clone = tmp_path / "shallow"
    run(["git", "clone", "-q", "--depth", "1", f"file://{site.root}", str(clone)], cwd=tmp_path)
    run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=clone, env=MAY_1)
    live = (clone / "site" / "privacy" / "index.html").read_text(encoding="utf-8")
    assert "Draft" not in live and "We share nothing with anyone" in live


def test_a_build_publishes_the_committed_text_not_uncommitted_edits(tmp_path):
    site = Site(tmp_path / "s")
    site.commit("v1", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-02-01", body=BODY_V1)})
    site.write("policy/privacy.md", policy(effective="2024-03-01", body=BODY_V2 + "\nSECRET DRAFT.\n"))
    strict = site.build(check=False)
    assert strict.returncode != 0 and "uncommitted changes" in strict.stderr
    site.build(strict=False)
    assert "SECRET DRAFT" not in site.page("privacy/")
    asked = Site(tmp_path / "d", options="drafts: true")
    asked.commit("v1", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-02-01", body=BODY_V1)})
    asked.write("policy/privacy.md", policy(effective="2024-03-01", body=BODY_V2 + "\nSECRET DRAFT.\n"))
    asked.build(strict=False)
    assert "SECRET DRAFT" in asked.page("privacy/") and "Draft" in asked.page("privacy/")


def test_check_since_gates_a_version_added_on_file_without_a_commit(site: Site):
    site.commit("v1", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-02-01", body=BODY_V1)})
    site.git("branch", "base")
    from policypress.archive import onfile
    import datetime as dt
    text = policy(effective="2024-01-20", body=BODY_V3)
    site.write("versions/privacy/2024-01-20.md", onfile.render_file(
        document="privacy", id="2024-01-20", effective=dt.date(2024, 1, 20),
        published=dt.datetime(2024, 1, 19, tzinfo=dt.timezone.utc), commit=None, text=text))
    site.commit("sneak", "2024-01-19T10:00:00+00:00")
    result = site.policypress("check", "--since", "base", check=False)
    assert result.returncode == 1, result.stdout


def test_hostile_front_matter_gets_one_line_errors(tmp_path):
    site = Site(tmp_path / "a")
    site.commit("v1", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": "---\ntitle: P\neffective: 9999-12-31\n---\n\nText.\n"})
    result = site.build(check=False)
    assert result.returncode != 0 and "Traceback" not in result.stderr and "9999-12-31" in result.stderr
    site = Site(tmp_path / "b")
    site.commit("v2", "2024-01-11T10:00:00+00:00", {"policy/privacy.md": "---\neffective: 2024-01-01\neffective: 2025-01-01\n---\n\nText.\n"})
    result = site.policypress("check", check=False)
    assert result.returncode != 0 and "twice" in result.stdout + result.stderr
    bomb = "---\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n---\n\nText.\n"
    from policypress.archive import frontmatter
    from policypress.errors import PolicyError
    import pytest
    with pytest.raises(PolicyError, match="aliases"):
        frontmatter.split(bomb, "policy/privacy.md")


def test_a_policy_at_a_generated_url_is_an_error_naming_both(tmp_path):
    for name in ("privacy/versions/2024-02-01.md", "privacy.markdown"):
        site = Site(tmp_path / name.replace("/", "_"))
        site.commit("v1", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-02-01", body=BODY_V1),
                                                          f"policy/{name}": policy(effective="2024-02-01", body=BODY_V2)})
        result = site.build(check=False)
        assert result.returncode != 0 and "Traceback" not in result.stderr, name
        assert name.rsplit("/", 1)[-1] in result.stderr, (name, result.stderr)


def test_a_bad_commit_is_corrected_without_rewriting_history(tmp_path):
    site = Site(tmp_path / "s")
    site.commit("v1", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-02-01", body=BODY_V1)})
    bad = site.commit("bad", "2024-02-10T10:00:00+00:00", {"policy/privacy.md": "---\ntitle: [unclosed\n---\n\nText.\n"})
    site.commit("fixed", "2024-02-11T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-03-01", body=BODY_V2)})
    failed = site.build(check=False)
    assert failed.returncode != 0 and "corrections.yml" in failed.stderr
    site.commit("correct", "2024-02-12T10:00:00+00:00", {"versions/corrections.yml":
                f"- {{document: privacy, commit: {bad[:12]}, reason: the build failed so it was never published, skip: true}}\n"})
    site.build()
    assert [v["id"] for v in site.versions()["versions"]] == ["2024-02-01", "2024-03-01"]


def test_a_backwards_date_is_corrected_in_a_later_commit_and_shown(tmp_path):
    site = Site(tmp_path / "s")
    site.commit("v1", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-02-01", body=BODY_V1)})
    early = site.commit("v2", "2024-02-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-01-01", body=BODY_V2)})
    assert site.build(check=False).returncode != 0
    site.commit("correct", "2024-02-12T10:00:00+00:00", {"versions/corrections.yml":
                f"- document: privacy\n  commit: {early}\n  reason: the date was mistyped; the notice said 1 March\n  effective: 2024-03-01\n"})
    site.build()
    assert site.versions()["versions"][1]["effective"] == "2024-03-01"
    assert "Corrected: the date was mistyped" in site.page("privacy/versions/2024-03-01/")


def test_a_plain_git_revert_publishes_a_new_version(site: Site):
    site.commit("v1", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-02-01", body=BODY_V1)})
    site.commit("v2", "2024-02-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-03-01", body=BODY_V2)})
    run(["git", "revert", "--no-edit", "HEAD"], cwd=site.root, env=at("2024-02-20T10:00:00+00:00"))
    site.build()
    versions = site.versions()["versions"]
    assert len(versions) == 3 and versions[2]["sha256"] == versions[0]["sha256"]
    assert versions[2]["effective"] == "2024-03-01"


# -- the gate in the build: every rule `check` enforces, for versions not yet in force --------------

from test_check import DEADLINE, FORTER, FORTER2, edit, text as full_text  # noqa: E402

import pytest  # noqa: E402

GATE_RULES = {
    # rule: (effective, edit, front matter, what the build's warning says)
    "notice-period": ("2026-05-10", (FORTER, FORTER2), {"material": ["recipients"]}, "notice period is 30 days"),
    "undeclared-material": ("2026-06-15", (FORTER, FORTER2), {}, "is not declared"),
    "consent-missing": ("2026-06-15", (DEADLINE,), {"material": ["user-rights"]}, "needs their express consent"),
}


@pytest.mark.parametrize("where", ["git", "on file without a commit"])
@pytest.mark.parametrize("rule", sorted(GATE_RULES))
def test_a_strict_build_fails_on_every_gate_rule_for_a_version_not_yet_in_force(tmp_path, rule, where):
    effective, change, meta, says = GATE_RULES[rule]
    site = Site(tmp_path / "s")
    site.commit("v1", "2026-01-05T10:00:00+00:00", {"policy/privacy.md": full_text("2026-02-01")})
    new = full_text(effective, edit(*change), **meta)
    if where == "git":
        site.commit("v2", "2026-04-28T10:00:00+00:00", {"policy/privacy.md": new})
    else:
        import datetime as dt
        from policypress.archive import onfile
        site.commit("sneak", "2026-04-28T10:00:00+00:00", {f"versions/privacy/{effective}.md": onfile.render_file(
            document="privacy", id=effective, effective=dt.date.fromisoformat(effective),
            published=dt.datetime(2026, 4, 28, 10, tzinfo=dt.timezone.utc), commit=None, text=new)})
    failed = site.build(env=MAY_1, check=False)
    assert failed.returncode != 0, failed.stderr
    assert f"[{rule}]" in failed.stderr and says in failed.stderr and f"privacy/versions/{effective}" in failed.stderr
    if rule == "notice-period":  # once per source is enough for what follows
        site.build(strict=False, env=MAY_1)  # a warning, not an error: the site is still built
        site.build(env={"SOURCE_DATE_EPOCH": "1798761600"})  # 2027-01-01: in force, history is never gated


def test_a_correct_upcoming_version_passes_the_strict_build(site: Site):
    site.commit("v1", "2026-01-05T10:00:00+00:00", {"policy/privacy.md": full_text("2026-02-01")})
    site.commit("v2", "2026-04-28T10:00:00+00:00", {"policy/privacy.md": full_text(
        "2026-06-15", edit(DEADLINE), material=["user-rights"], consent="in-app prompt at next sign-in")})
    site.build(env=MAY_1)


def test_the_ci_templates_gate_pushes_to_the_published_branch_and_deploy_waits_for_the_gate():
    import yaml
    from conftest import ROOT

    github = yaml.safe_load((ROOT / "docs" / "ci" / "github-actions.yml").read_text(encoding="utf-8"))
    events = github[True]  # YAML 1.1 reads the key `on` as true
    assert events["push"]["branches"] == ["main"] and "paths" not in events["push"]
    assert "push" in github["jobs"]["check"]["if"] and "check" in github["jobs"]["deploy"]["needs"]
    assert "needs.check.result != 'failure'" in github["jobs"]["deploy"]["if"]
    assert "--since" in "".join(step.get("run", "") for step in github["jobs"]["check"]["steps"])
    gitlab = yaml.safe_load((ROOT / "docs" / "ci" / "gitlab-ci.yml").read_text(encoding="utf-8"))
    rules = [rule["if"] for rule in gitlab["check"]["rules"]]
    assert any("CI_DEFAULT_BRANCH" in r and "push" in r for r in rules)
    assert gitlab["check"]["stage"] == "test" and gitlab["pages"]["stage"] == "deploy"  # pages runs after the gate


# -- shallow clones ---------------------------------------------------------------------------------

def test_a_shallow_clone_that_would_lose_a_deleted_documents_versions_is_refused(site: Site, tmp_path):
    site.commit("v1", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-02-01", body=BODY_V1),
                                                      "policy/terms.md": policy("Terms", effective="2024-02-01", body=BODY_V1)})
    site.commit("withdraw", "2024-03-10T10:00:00+00:00", {"policy/terms.md": None})
    site.commit("v2", "2024-04-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-05-01", body=BODY_V2)})
    site.build()
    assert (site.root / "site" / "terms" / "versions" / "2024-02-01" / "index.html").is_file()
    site.policypress("freeze", "--document", "privacy")  # the live document on file, the deleted one not
    site.commit("Freeze privacy", "2024-04-11T10:00:00+00:00")
    clone = tmp_path / "shallow"
    run(["git", "clone", "-q", "--depth", "1", f"file://{site.root}", str(clone)], cwd=tmp_path)
    result = run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=clone, check=False)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "shallow clone" in result.stderr and "fetch-depth: 0" in result.stderr and "deleted" in result.stderr
    assert not (clone / "site" / "privacy" / "index.html").exists()


def test_a_shallow_clone_after_freeze_keeps_a_deleted_documents_versions(site: Site, tmp_path):
    site.commit("v1", "2026-01-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2026-02-01", body=BODY_V1),
                                                      "policy/terms.md": policy("Terms", effective="2026-02-01", body=BODY_V1)})
    site.commit("withdraw", "2026-03-10T10:00:00+00:00", {"policy/terms.md": None})
    site.commit("v2", "2026-03-11T10:00:00+00:00", {"policy/privacy.md": policy(
        effective="2026-05-21", body=BODY_V3, summary="Acme now sends our e-mails.",
        material=["recipients", "service-model"])})
    site.policypress("freeze")
    site.commit("Freeze", "2026-03-12T10:00:00+00:00")
    clone = tmp_path / "shallow"
    run(["git", "clone", "-q", "--depth", "1", f"file://{site.root}", str(clone)], cwd=tmp_path)
    run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=clone, env=MAY_1)
    assert (clone / "site" / "terms" / "versions" / "2026-02-01" / "index.html").is_file()
    live = (clone / "site" / "privacy" / "index.html").read_text(encoding="utf-8")
    assert "Draft" not in live and "We share nothing with anyone" in live and "2026-05-21" in live


# -- reading: symlinks and snippet includes -----------------------------------------------------------

def test_a_symlinked_policy_is_refused_naming_the_file(site: Site):
    site.commit("v1", "2024-01-10T10:00:00+00:00", {"texts/privacy.md": policy(effective="2024-02-01", body=BODY_V1)})
    (site.root / "policy" / "privacy.md").symlink_to("../texts/privacy.md")
    site.commit("link", "2024-01-11T10:00:00+00:00")
    result = site.build(check=False)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "policy/privacy.md" in result.stderr and "symbolic link" in result.stderr
    assert not (site.root / "site" / "privacy" / "versions").exists()
    # replaced by the file itself in a later commit: the link's commit is corrected, nothing is lost
    (site.root / "policy" / "privacy.md").unlink()
    link = site.git("log", "-1", "--format=%H").strip()
    site.commit("file", "2024-01-12T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-02-01", body=BODY_V1)})
    assert "corrections.yml" in site.build(check=False).stderr
    site.commit("correct", "2024-01-13T10:00:00+00:00", {"versions/corrections.yml":
                f"- {{document: privacy, commit: {link[:12]}, reason: a link whose build failed, skip: true}}\n"})
    site.build()
    assert "your name and e-mail address" in site.page("privacy/versions/2024-02-01/")


SNIPPETS = "markdown_extensions:\n  - toc\n  - tables\n  - pymdownx.snippets:\n      base_path: [policy]\n"


def test_a_snippet_include_in_a_policy_is_refused_with_the_reason(site: Site):
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text().split("markdown_extensions:")[0] + SNIPPETS)
    site.commit("v1", "2024-01-10T10:00:00+00:00", {
        "policy/privacy.md": policy(effective="2024-02-01", body=BODY_V1 + '\n--8<-- "contact.txt"\n'),
        "policy/contact.txt": "Write to privacy@example.com.\n"})
    for cold in (True, False):  # the same answer from a cold and a warm build
        if cold:
            shutil.rmtree(site.root / ".cache", ignore_errors=True)
        result = site.build(check=False)
        assert result.returncode != 0 and "Traceback" not in result.stderr
        assert "policy/privacy.md" in result.stderr and "pymdownx.snippets" in result.stderr
        assert "contact.txt" in result.stderr and "archived version would change" in result.stderr
    checked = site.policypress("check", check=False)
    assert checked.returncode != 0 and "pymdownx.snippets" in checked.stdout + checked.stderr


# -- a policy at a URL the archive generates -----------------------------------------------------------

@pytest.mark.parametrize("name", ["privacy/versions.json.md", "privacy/versions/2025-01-01.md", "privacy.markdown"])
def test_a_policy_at_a_generated_url_is_one_line_naming_both_paths(tmp_path, name):
    site = Site(tmp_path / "s")
    site.commit("v1", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2025-01-01", body=BODY_V1),
                                                      f"policy/{name}": policy(effective="2025-01-01", body=BODY_V2)})
    result = site.build(check=False)
    assert result.returncode != 0 and "Traceback" not in result.stderr and "FileExistsError" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if name in line]
    assert errors and "privacy.md" in errors[0].replace(name, ""), result.stderr


# -- versions/ files: seals for files written before seals, and freeze --previous -----------------------

def test_freeze_seal_upgrades_files_written_without_a_seal_and_the_build_asks_for_it(site: Site):
    folder = freeze_two(site)
    for path in folder.glob("*.md"):  # as an older policypress wrote them
        path.write_text("".join(line for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
                                if not line.startswith("seal: ")), encoding="utf-8", newline="")
    site.commit("older freeze", "2024-02-11T10:00:00+00:00")
    unsealed = site.build(check=False)
    assert unsealed.returncode != 0 and "freeze --seal" in unsealed.stderr and "2024-02-01.md" in unsealed.stderr
    before = {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.md")}
    out = site.policypress("freeze", "--seal").stdout
    assert "sealed" in out and "2024-03-01.md" in out
    for path in folder.glob("*.md"):
        text = path.read_text(encoding="utf-8")
        assert "\nseal: " in text and text.replace(text.split("\nseal: ")[1].split("\n")[0], "").replace("\nseal: ", "") \
            == before[path.name]
    site.commit("seal", "2024-02-12T10:00:00+00:00")
    site.build()
    assert "every archived version is sealed" in site.policypress("freeze", "--seal").stdout


def test_freeze_seal_refuses_a_file_that_disagrees_with_git(site: Site):
    folder = freeze_two(site)
    path = folder / "2024-03-01.md"
    text = "".join(line for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
                   if not line.startswith("seal: "))
    path.write_text(text.replace("effective: 2024-03-01", "effective: 2024-02-20"), encoding="utf-8", newline="")
    result = site.policypress("freeze", "--seal", check=False)
    assert result.returncode == 2 and "2024-03-01.md" in result.stderr and "seal: " not in path.read_text(encoding="utf-8")


def test_after_freeze_previous_the_strict_build_passes_for_good(tmp_path):
    site = Site(tmp_path / "s", options=DEPLOYED)
    site.write(".gitignore", "site/\ndeployed/\n.cache/\n")
    site.commit("v1", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-02-01", body=BODY_V1)})
    site.commit("v2", "2024-02-05T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-03-01", body=BODY_V2)})
    deploy(site)
    site.git("reset", "-q", "--hard", "HEAD~1")
    site.commit("v3", "2024-02-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-04-01", body=BODY_V3)})
    site.policypress("freeze", "--previous", "deployed")
    site.commit("keep the deployed version", "2024-02-11T10:00:00+00:00")
    result = site.build()  # strict: the author did what the error said, once
    assert "no longer in the history" not in result.stderr
    assert [v["id"] for v in site.versions()["versions"]] == ["2024-02-01", "2024-03-01", "2024-04-01"]
    deploy(site)
    site.commit("v4", "2024-03-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-05-01", body=BODY_V3 + "\nMore.\n")})
    site.build()


# -- every earlier URL of a moved document answers, data files and feeds included ----------------------

def built_files(site: Site, prefix: str) -> set[str]:
    base = site.root / "site"
    return {p.relative_to(base).as_posix() for p in (base / prefix).rglob("*") if p.is_file()}


def test_after_a_rename_every_earlier_url_answers_pages_data_and_feeds(site: Site):
    site.commit("v1", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-02-01", body=BODY_V1)})
    site.commit("v2", "2024-02-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-03-01", body=BODY_V2)})
    site.build()
    before = built_files(site, "privacy")
    assert {"privacy/versions.json", "privacy/feed.xml", "privacy/changes/2024-03-01/changes.json",
            "privacy/versions/2024-03-01/blocks.json"} <= before
    assert any(name.endswith(".diff") for name in before)
    site.git("mv", "policy/privacy.md", "policy/privacy-policy.md")
    site.commit("rename", "2024-03-10T10:00:00+00:00")
    site.build()
    after = built_files(site, "privacy")
    assert before <= after, sorted(before - after)
    for name in before:
        moved = name.replace("privacy/", "privacy-policy/", 1).replace("/privacy-2024", "/privacy-policy-2024")
        old, new = site.root / "site" / name, site.root / "site" / moved
        assert new.is_file(), name
        if name.endswith(".html"):
            assert 'http-equiv="refresh"' in old.read_text(encoding="utf-8"), name
        elif name.endswith(".xml"):
            feed = old.read_text(encoding="utf-8")
            assert "privacy-policy/versions/2024-03-01/" in feed and "<feed" in feed
        else:
            assert old.read_bytes() == new.read_bytes() or name.endswith("versions.json"), name
    old_json = json.loads((site.root / "site" / "privacy" / "versions.json").read_text(encoding="utf-8"))
    assert [v["sha256"] for v in old_json["versions"]] == [v["sha256"] for v in site.versions("privacy-policy")["versions"]]


BAD_COMMITS = {
    "latin-1": (policy(effective="2024-03-01", body=BODY_V2 + "\nCafé société.\n").encode("latin-1"),
                "encoding: latin-1", "is not valid UTF-8"),
    "empty body": (b"---\ntitle: P\neffective: 2024-03-01\n---\n\n", "skip: true", "has no text"),
    "alias bomb": (b"---\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
                   b"---\n\nText.\n", "skip: true", "aliases"),
}


@pytest.mark.parametrize("kind", sorted(BAD_COMMITS))
def test_each_kind_of_bad_commit_is_corrected_in_a_later_commit(tmp_path, kind):
    raw, correction, says = BAD_COMMITS[kind]
    site = Site(tmp_path / "s")
    site.commit("v1", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-02-01", body=BODY_V1)})
    (site.root / "policy" / "privacy.md").write_bytes(raw)
    bad = site.commit("bad", "2024-02-10T10:00:00+00:00")
    site.commit("fixed", "2024-02-11T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-04-01", body=BODY_V3)})
    failed = site.build(check=False)
    assert failed.returncode != 0 and "Traceback" not in failed.stderr and "MemoryError" not in failed.stderr
    error = next(line for line in failed.stderr.splitlines() if "ERROR" in line)
    assert says in error and f"privacy.md@{bad[:12]}" in error and "corrections.yml" in failed.stderr
    site.commit("correct", "2024-02-12T10:00:00+00:00", {"versions/corrections.yml":
                f"- {{document: privacy, commit: {bad[:12]}, reason: the build failed, {correction}}}\n"})
    site.build()
    ids = [v["id"] for v in site.versions()["versions"]]
    if kind == "latin-1":
        assert ids == ["2024-02-01", "2024-03-01", "2024-04-01"]
        assert "Café société" in site.page("privacy/versions/2024-03-01/")
    else:
        assert ids == ["2024-02-01", "2024-04-01"]
