"""The archive built from real Git histories: versions, ids, renames, revisions, pages, versions.json."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

from conftest import Site, policy, run

BODY_V1 = """
## 1. What we collect

We collect your name and e-mail address.

## 2. Who we share it with

We share nothing with anyone.
"""
BODY_V2 = BODY_V1.replace("your name and e-mail address", "your name, e-mail address and phone number")
BODY_V3 = BODY_V2.replace("We share nothing with anyone.", "We share your e-mail address with Acme Mail Ltd.")


def words(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_every_version_is_archived_with_its_own_text_and_redline(site: Site):
    site.commit("First policy", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-02-01", body=BODY_V1)})
    site.commit("Collect phone", "2024-05-01T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-06-01", body=BODY_V2, summary="We now collect phone numbers.")})
    site.commit("Share with Acme", "2024-09-01T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-10-01", body=BODY_V3)})
    site.build()
    data = site.versions()
    assert [v["id"] for v in data["versions"]] == ["2024-02-01", "2024-06-01", "2024-10-01"]
    assert data["current"] == "2024-10-01" and data["upcoming"] is None
    assert data["document"] == "privacy" and data["title"] == "Privacy Policy"
    first, second, third = data["versions"]
    assert first["diff_url"] is None and second["diff_url"] == "privacy/changes/2024-06-01/"
    assert second["url"] == "privacy/versions/2024-06-01/"
    assert second["summary"] == "We now collect phone numbers."
    assert second["published"].startswith("2024-05-01T10:00:00")
    assert set(first) >= {"id", "effective", "published", "revision", "commit", "sha256", "url", "diff_url",
                          "summary", "material", "consent_required"}
    assert len(first["commit"]) == 40 and len(first["sha256"]) == 64
    # each archived page shows its own text
    assert "phone number" not in words(site.page("privacy/versions/2024-02-01/"))
    assert "phone number" in words(site.page("privacy/versions/2024-06-01/"))
    assert "Acme Mail Ltd" in words(site.page("privacy/versions/2024-10-01/"))
    assert "Acme Mail Ltd" not in words(site.page("privacy/versions/2024-06-01/"))
    # redlines mark the words that changed, and only those
    redline = site.page("privacy/changes/2024-06-01/")
    assert re.search(r"<del[^>]*> and </del>", redline)
    assert re.search(r"<ins[^>]*>[^<]*phone", redline)
    assert "<del" not in redline.split("Who we share it with")[1].split("</article>")[0]
    redline3 = site.page("privacy/changes/2024-10-01/")
    assert re.search(r"<del[^>]*>nothing </del><ins[^>]*>your e-mail address</ins> with", redline3)
    assert re.search(r"<del[^>]*>anyone</del><ins[^>]*>Acme Mail Ltd</ins>", redline3)
    assert '<time datetime="2024-10-01">' in redline3
    # the index lists every version, newest first, with links to pages and redlines
    index = site.page("privacy/versions/")
    positions = [index.index(f'id="v-{vid}"') for vid in ("2024-10-01", "2024-06-01", "2024-02-01")]
    assert positions == sorted(positions)
    assert 'href="../changes/2024-06-01/"' in index
    # the live page shows the text in force with its effective date and links
    live = site.page("privacy/")
    assert '<time datetime="2024-10-01">' in live and 'href="versions/"' in live
    assert 'href="changes/2024-10-01/"' in live


def test_commits_that_do_not_change_the_text_make_no_version(site: Site):
    text = policy(effective="2024-02-01", body=BODY_V1)
    site.commit("First", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": text})
    site.commit("Other file", "2024-01-11T10:00:00+00:00", {"README.md": "hello\n"})
    site.commit("Index page", "2024-01-12T10:00:00+00:00", {"policy/index.md": "# Home\n"})
    site.commit("Move to legal/", "2024-01-13T10:00:00+00:00")
    site.git("mv", "policy/privacy.md", "policy/privacy-policy.md")
    site.commit("Rename", "2024-01-14T10:00:00+00:00")
    site.commit("Edit after rename", "2024-03-01T10:00:00+00:00",
                {"policy/privacy-policy.md": policy(effective="2024-04-01", body=BODY_V2)})
    site.build()
    data = site.versions("privacy-policy")
    assert [v["id"] for v in data["versions"]] == ["2024-02-01", "2024-04-01"]
    assert not (site.root / "site" / "index" / "versions.json").exists()
    assert "phone" in site.page("privacy-policy/changes/2024-04-01/")


def test_moves_between_folders_follow_the_document(site: Site):
    site.commit("First", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-02-01", body=BODY_V1)})
    (site.root / "policy" / "legal").mkdir()
    site.git("mv", "policy/privacy.md", "policy/legal/privacy.md")
    site.commit("Move", "2024-02-10T10:00:00+00:00")
    site.commit("Edit", "2024-03-01T10:00:00+00:00", {"policy/legal/privacy.md": policy(effective="2024-04-01", body=BODY_V2)})
    site.build()
    data = site.versions("legal/privacy")
    assert [v["id"] for v in data["versions"]] == ["2024-02-01", "2024-04-01"]
    assert data["versions"][1]["url"] == "legal/privacy/versions/2024-04-01/"


def test_revisions_and_same_day_versions_get_suffixed_ids(site: Site):
    site.commit("v1", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-02-01", body=BODY_V1)})
    site.commit("typo", "2024-01-20T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-02-01", body=BODY_V1.replace("We collect", "We  collect").replace("anyone.", "anyone at all."))})
    site.commit("another", "2024-01-21T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-02-01", body=BODY_V2)})
    site.build()
    versions = site.versions()["versions"]
    assert [v["id"] for v in versions] == ["2024-02-01", "2024-02-01-2", "2024-02-01-3"]
    assert [v["revision"] for v in versions] == [False, True, True]
    assert site.versions()["current"] == "2024-02-01-3"
    assert "at all" in words(site.page("privacy/changes/2024-02-01-2/"))


def test_effective_date_from_text_line_then_commit_date(site: Site):
    site.commit("v1", "2023-03-05T10:00:00+00:00", {"policy/privacy.md": "# Privacy\n\nNo date here.\n"})
    site.commit("v2", "2023-06-05T10:00:00+00:00", {"policy/privacy.md": "# Privacy\n\nEffective date: **July 1, 2023**\n\nNow dated.\n"})
    site.commit("v3", "2023-08-05T10:00:00+00:00", {"policy/privacy.md": "# Privacy\n\n*Last updated: [12 September 2023](https://example.com/post)*\n\nDated again.\n"})
    site.build()
    versions = site.versions()["versions"]
    assert [v["effective"] for v in versions] == ["2023-03-05", "2023-07-01", "2023-09-12"]


def test_several_documents_and_index_pages(site: Site):
    site.commit("policies", "2024-01-10T10:00:00+00:00", {
        "policy/privacy.md": policy(effective="2024-02-01", body=BODY_V1),
        "policy/terms.md": policy(title="Terms of Service", effective="2024-02-01", body="## Terms\n\nBe nice.\n"),
        "policy/index.md": "# Our policies\n\n[Privacy](privacy.md) and [terms](terms.md).\n",
    })
    site.commit("terms v2", "2024-03-10T10:00:00+00:00", {"policy/terms.md": policy(title="Terms of Service", effective="2024-04-01", body="## Terms\n\nBe very nice.\n")})
    site.build()
    assert len(site.versions("privacy")["versions"]) == 1
    terms = site.versions("terms")
    assert terms["title"] == "Terms of Service" and len(terms["versions"]) == 2
    assert re.search(r"<ins[^>]*>very", site.page("terms/changes/2024-04-01/"))
    assert not (site.root / "site" / "index" / "versions").exists()


def test_include_and_exclude_are_configurable(tmp_path):
    site = Site(tmp_path / "s", options="exclude: ['index.md', 'drafts/*']")
    site.commit("docs", "2024-01-10T10:00:00+00:00", {
        "policy/privacy.md": policy(effective="2024-02-01", body=BODY_V1),
        "policy/drafts/cookies.md": policy(title="Cookies", body="Not yet.\n"),
    })
    site.build()
    assert (site.root / "site" / "privacy" / "versions.json").exists()
    assert not (site.root / "site" / "drafts" / "cookies" / "versions.json").exists()


def test_merge_commits_publish_first_parent_states_only(site: Site):
    site.commit("v1", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-02-01", body=BODY_V1)})
    site.git("checkout", "-q", "-b", "edit")
    site.commit("wip 1", "2024-02-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-03-01", body=BODY_V1 + "\nWork in progress.\n")})
    site.commit("wip 2", "2024-02-11T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-03-01", body=BODY_V2)})
    site.git("checkout", "-q", "main")
    run(["git", "merge", "-q", "--no-ff", "edit", "-m", "Merge edit"], cwd=site.root,
        env={"GIT_AUTHOR_DATE": "2024-02-12T10:00:00+00:00", "GIT_COMMITTER_DATE": "2024-02-12T10:00:00+00:00"})
    site.build()
    versions = site.versions()["versions"]
    assert [v["id"] for v in versions] == ["2024-02-01", "2024-03-01"]
    assert versions[1]["published"].startswith("2024-02-12")
    assert "Work in progress" not in site.page("privacy/changes/2024-03-01/")


def test_revert_to_an_earlier_text_is_a_new_version(site: Site):
    a = policy(effective="2024-02-01", body=BODY_V1)
    site.commit("A", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": a})
    site.commit("B", "2024-01-11T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-02-01", body=BODY_V2)})
    site.commit("Revert B", "2024-01-12T10:00:00+00:00", {"policy/privacy.md": a})
    site.build()
    versions = site.versions()["versions"]
    assert len(versions) == 3 and versions[0]["sha256"] == versions[2]["sha256"]


def test_upcoming_version_keeps_the_text_in_force_until_its_date(site: Site):
    site.commit("v1", "2026-01-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2026-02-01", body=BODY_V1)})
    site.commit("v2", "2026-04-10T10:00:00+00:00", {"policy/privacy.md": policy(
        effective="2026-05-21", body=BODY_V3, summary="Acme now sends our e-mails.", material=["recipients", "service-model"])})
    may_1 = "1777636800"  # 2026-05-01T12:00:00Z
    site.build(env={"SOURCE_DATE_EPOCH": may_1})
    data = site.versions()
    assert data["current"] == "2026-02-01" and data["upcoming"] == "2026-05-21"
    live = site.page("privacy/")
    assert "Acme Mail Ltd" not in words(live.split("pp-header", 1)[1].split("</div>", 1)[1])
    assert "We share nothing with anyone" in words(live)
    assert '<time datetime="2026-05-21">' in live and 'href="changes/2026-05-21/"' in live
    after = "1779710400"  # 2026-05-25
    site.build(env={"SOURCE_DATE_EPOCH": after})
    data = site.versions()
    assert data["current"] == "2026-05-21" and data["upcoming"] is None
    assert "Acme Mail Ltd" in words(site.page("privacy/"))


def test_uncommitted_edit_is_shown_as_a_draft_and_not_archived(tmp_path):
    site = Site(tmp_path / "s", options="drafts: true")  # a build publishes drafts only when asked (#12)
    site.commit("v1", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-02-01", body=BODY_V1)})
    site.write("policy/privacy.md", policy(effective="2024-03-01", body=BODY_V2))
    result = site.build(strict=False)
    assert len(site.versions()["versions"]) == 1
    live = site.page("privacy/")
    assert "Draft: not yet published" in live and "phone number" in live


def test_reproducible_output(site: Site, tmp_path):
    site.commit("v1", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-02-01", body=BODY_V1)})
    site.commit("v2", "2024-05-01T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-06-01", body=BODY_V2)})
    site.commit("v3", "2024-09-01T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-10-01", body=BODY_V3)})
    # another process, another hash seed: nothing may depend on set or dict ordering
    env = {"SOURCE_DATE_EPOCH": "1767225600", "PYTHONHASHSEED": "1"}
    site.build(env=env)
    first = {p.relative_to(site.root / "site"): p.read_bytes() for p in (site.root / "site").rglob("*") if p.is_file()}
    env["PYTHONHASHSEED"] = "2"
    site.build(env=env)
    second = {p.relative_to(site.root / "site"): p.read_bytes() for p in (site.root / "site").rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


def test_a_build_on_several_processes_writes_what_one_process_writes(tmp_path):
    site = Site(tmp_path / "s", options="workers: 1")
    words = BODY_V1.split(" ")
    for number in range(20):  # enough steps for the build to start processes (analysis.PARALLEL_STEPS)
        words[(number * 7) % len(words)] = f"edited{number}"
        site.commit(f"v{number}", f"2024-01-{number + 1:02d}T10:00:00+00:00",
                    {"policy/privacy.md": policy(effective=f"2024-02-{number + 1:02d}", body=" ".join(words))})
    env = {"SOURCE_DATE_EPOCH": "1767225600"}

    def build(workers: int) -> tuple[dict, str]:
        shutil.rmtree(site.root / ".cache", ignore_errors=True)
        config = site.root / "mkdocs.yml"
        config.write_text(re.sub(r"workers: \d+", f"workers: {workers}", config.read_text()))
        done = run([sys.executable, "-m", "mkdocs", "build", "--clean", "--strict", "-v"], cwd=site.root, env=env)
        files = {p.relative_to(site.root / "site"): p.read_bytes() for p in (site.root / "site").rglob("*") if p.is_file()}
        return files, done.stdout + done.stderr

    alone, log_alone = build(1)
    shared, log_shared = build(2)
    assert "computed in parallel processes" not in log_alone
    assert "privacy: 19 step(s) computed in parallel processes" in log_shared
    assert alone.keys() == shared.keys() and len(alone) > 40
    assert [name for name in alone if alone[name] != shared[name]] == []


# `mkdocs serve` in one process: build, let the test change the repository, build again (the plugin object,
# with everything it keeps for rebuilds, lives on); each build's site written to the folder named for it.
SERVE = """
import subprocess, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
for number, site_dir in enumerate(sys.argv[1:]):
    if number:
        subprocess.run([sys.executable, "step.py"], check=True)
    config = load_config(config_file="mkdocs.yml", site_dir=site_dir)
    config.plugins.on_startup(command="serve", dirty=False)
    build(config, serve_url="http://127.0.0.1:8000/")
"""


def test_a_serve_rebuild_writes_what_a_fresh_serve_build_writes(tmp_path):
    """What `mkdocs serve` keeps across rebuilds (pages, notices, blocks.json, changes.json, rebased links)
    is used only while its inputs are equal: after one more version, and a linked page gone, every page
    is the one a fresh process writes."""
    site = Site(tmp_path / "s", options='exclude: ["index.md", "contact.md", "terms.md"]')  # two plain pages
    contact = "Write to us: [contact page](contact.md), or see [the terms](terms.md)."
    site.write("policy/contact.md", "# Contact\n")
    site.write("policy/terms.md", "# Terms\n")
    site.commit("v1", "2024-01-10T10:00:00+00:00",
                {"policy/privacy.md": policy(effective="2024-02-01", body=BODY_V1 + "\n" + contact)})
    site.commit("v2", "2024-05-01T10:00:00+00:00",
                {"policy/privacy.md": policy(effective="2024-06-01", body=BODY_V2 + "\n" + contact)})
    site.write("serve.py", SERVE)
    # the step also corrects the first version's effective date (versions/corrections.yml): the same texts, read
    # from the same blobs, but that version's pages, row of the index, review and periods all change
    site.write("step.py", "import os, subprocess\n"
               "open('policy/privacy.md', 'w').write(" + repr(policy(effective="2025-06-01", body=BODY_V3 + "\n" + contact)) + ")\n"
               "subprocess.run(['git', 'rm', '-q', 'policy/contact.md'], check=True)\n"
               "first = subprocess.run(['git', 'log', '--reverse', '--format=%H', '--', 'policy/privacy.md'],"
               " capture_output=True, text=True, check=True).stdout.split()[0]\n"
               "os.makedirs('versions', exist_ok=True)\n"
               "open('versions/corrections.yml', 'w').write('- document: privacy\\n  commit: ' + first[:12] +"
               " '\\n  reason: the date was mistyped\\n  effective: 2024-01-20\\n')\n"
               "subprocess.run(['git', 'add', 'versions/corrections.yml'], check=True)\n"
               "subprocess.run(['git', 'commit', '-qam', 'v3'], check=True)\n")
    site.git("add", "serve.py", "step.py")
    site.commit("scripts", "2024-05-02T10:00:00+00:00")
    env = {"SOURCE_DATE_EPOCH": "1767225600", "GIT_AUTHOR_DATE": "2024-09-01T10:00:00+00:00",
           "GIT_COMMITTER_DATE": "2024-09-01T10:00:00+00:00"}
    run([sys.executable, "serve.py", "before", "rebuilt"], cwd=site.root, env=env)
    run([sys.executable, "serve.py", "fresh"], cwd=site.root, env=env)

    def files(name: str) -> dict:
        return {p.relative_to(site.root / name): p.read_bytes() for p in (site.root / name).rglob("*") if p.is_file()}

    before, rebuilt, fresh = files("before"), files("rebuilt"), files("fresh")
    assert rebuilt.keys() == fresh.keys() and len(fresh) > 20
    assert [name for name in fresh if rebuilt[name] != fresh[name]] == []
    # the rebuild did change pages it kept: the last version's notice and the link to the page now gone
    page = Path("privacy/versions/2024-06-01/index.html")
    assert before[page] != rebuilt[page] and b'href="../../../contact/"' in before[page]
    assert b'href="contact.md"' in rebuilt[page] and b"2025-06-01" in rebuilt[page]
    index = Path("privacy/versions/index.html")  # the corrected date is in the kept row's place
    assert b'datetime="2024-02-01"' in before[index] and b'datetime="2024-02-01"' not in rebuilt[index]
    assert b'datetime="2024-01-20"' in rebuilt[index]


# Two `mkdocs serve` builds in one process, each followed by the idle time a served site has: a page of the first
# build (a page and its file refer to each other: only a full collection frees them) is watched with a weak reference.
IDLE = """
import gc, subprocess, sys, time, weakref
from mkdocs.commands.build import build
from mkdocs.config import load_config
first = None
for number in range(2):
    if number:
        subprocess.run(["git", "commit", "-q", "--allow-empty", "-m", "again"], check=True)
    config = load_config(config_file="mkdocs.yml", site_dir="site")
    config.plugins.on_startup(command="serve", dirty=False)
    build(config, serve_url="http://127.0.0.1:8000/")
    if first is None:
        page = next(f.page for f in config.plugins["policypress"]._generated if f.page is not None)
        assert page.file.page is page
        first = weakref.ref(page)
        del page
    time.sleep(1.5)
    print(number, gc.get_freeze_count() > 0, first() is None)
"""


def test_serve_collects_between_rebuilds_and_keeps_no_garbage_frozen(tmp_path):
    """Under `mkdocs serve` the archive's heap is frozen once the site is up, so that a rebuild's collections do not
    walk it; what was frozen alive and has become garbage since (the last build's pages) is freed at the next
    build's idle pass, never kept for the process's life."""
    site = Site(tmp_path / "s")
    site.commit("v1", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-02-01", body=BODY_V1)})
    site.commit("v2", "2024-05-01T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-06-01", body=BODY_V2)})
    site.write("idle.py", IDLE)
    done = run([sys.executable, "idle.py"], cwd=site.root, env={"SOURCE_DATE_EPOCH": "1767225600"})
    assert done.stdout.split("\n")[:2] == ["0 True False", "1 True True"]


def test_front_matter_only_change_is_shown_in_the_redline(site: Site):
    site.commit("v1", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-02-01", body=BODY_V1)})
    site.commit("topics", "2024-01-20T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-02-01", body=BODY_V1, topics=["legal"])})
    site.build()
    page = site.page("privacy/changes/2024-02-01-2/")
    assert "only the metadata above did" in page
    assert "<li>topics: none → legal</li>" in page  # in words, not as raw lists


def test_the_cache_never_changes_the_output(site: Site):
    site.commit("v1", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-02-01", body=BODY_V1)})
    site.commit("v2", "2024-05-01T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-06-01", body=BODY_V2)})
    site.commit("v3", "2024-09-01T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-10-01", body=BODY_V3)})
    env = {"SOURCE_DATE_EPOCH": "1767225600"}

    def snapshot() -> dict:
        return {p.relative_to(site.root / "site"): p.read_bytes() for p in (site.root / "site").rglob("*") if p.is_file()}

    cache = site.root / ".cache" / "policypress"
    site.build(env=env)  # cold: fills the cache
    cold = snapshot()
    entries = sorted(cache.rglob("*.json"))
    assert len(entries) >= 5  # three renders and two redlines
    site.build(env=env)  # warm: everything comes from the cache
    assert snapshot() == cold
    for entry in entries[::2]:  # damaged entries are recomputed, never trusted
        entry.write_bytes(b"not an entry")
    site.build(env=env)
    assert snapshot() == cold
    import shutil
    shutil.rmtree(cache)
    site.build(env=env)
    assert snapshot() == cold


def test_archived_pages_say_when_they_were_in_force_and_metadata_changes_read_as_words(site: Site):
    site.commit("v1", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": policy(
        effective="2024-03-01", body=BODY_V1, summary="We use Forter against fraud.", material=["recipients"])})
    site.commit("v2", "2025-01-02T10:00:00+00:00", {"policy/privacy.md": policy(
        effective="2025-01-15", body=BODY_V2, summary="We now use Riskified instead of Forter.",
        material=["user-rights", "responsible-contact"])})
    site.build()
    old = site.page("privacy/versions/2024-03-01/")
    assert "in force from <time datetime=\"2024-03-01\">" in old and "until <time datetime=\"2025-01-14\">" in old
    assert "pp-archived--past" in old and "it no longer applies" in old
    current = site.page("privacy/versions/2025-01-15/")
    assert "pp-archived--past" not in current and "In force since" in current
    redline = site.page("privacy/changes/2025-01-15/")
    meta = re.search(r'<ul class="pp-meta-changes">(.*?)</ul>', redline, re.S).group(1)
    assert "summary: rewritten" in meta and "<del>" not in meta  # the old summary is not struck through
    assert "declared criteria: recipients → user rights, responsible contact" in meta
    assert "effective date: March 1, 2024 → January 15, 2025" in meta
    legend = re.search(r'<p class="pp-legend">(.*?)</p>', redline, re.S).group(1)
    assert "moved" not in legend  # no move in this redline: the legend shows only the marks it has
    assert "Redline of the previous version" not in redline  # version 2024-03-01 is the first: no redline
    assert re.search(r'data-pp-stat="changes">2</span> changes:', redline)
