"""Robustness: hostile histories, bad input, fuzzing, escaping, tamper evidence and privacy.

Real Git repositories in temp folders, real `python -m mkdocs build` runs, assertions on the files the
build writes. What the other test files already cover (renames with `git mv`, merges, shallow clones,
tampered files on file, bad dates, markup in summaries) is not repeated here.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
import random
import re
import shutil
import sys
import time
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings, strategies as st

# No shrinking: a failure is reported as found, so that the file stays well under a minute even when
# the fuzzers find bugs (the bugs found are pinned below as small explicit examples).
FUZZ = dict(deadline=None, phases=(Phase.explicit, Phase.reuse, Phase.generate),
            suppress_health_check=[HealthCheck.too_slow])

from conftest import Site, balance_errors, policy, run
from materiality_cases import load_body
from test_archive import BODY_V1, BODY_V2, BODY_V3, words

from policypress.archive import dates

from policypress.archive import frontmatter
from policypress.cli.compare import compare_texts
from policypress.errors import PolicyError
from policypress.materiality.rules import assess
from policypress.diff.redline import redline
from policypress.diff.render import Renderer

BODY_V4 = BODY_V3.replace("We collect your name", "We collect your postal address, your name")


def output_of(result) -> str:
    return result.stdout + result.stderr


def site_files(site: Site) -> dict[str, str]:
    root = site.root / "site"
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8", errors="replace")
            for p in root.rglob("*") if p.is_file()}


def three_versions(site: Site) -> list[str]:
    return [
        site.commit("v1", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-02-01", body=BODY_V1)}),
        site.commit("v2", "2024-05-01T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-06-01", body=BODY_V2)}),
        site.commit("v3", "2024-09-01T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-10-01", body=BODY_V3)}),
    ]


# ================================================================================================
# 1. History hazards
# ================================================================================================

def test_deleted_document_stays_published_as_withdrawn(site: Site):
    three_versions(site)
    # the docs folder keeps a home page (MkDocs refuses a missing docs_dir, whatever the plugin does)
    site.commit("Home", "2024-10-15T10:00:00+00:00", {"policy/index.md": "# Policies\n"})
    site.commit("Remove the privacy policy", "2024-11-01T10:00:00+00:00", {"policy/privacy.md": None})
    site.commit("Unrelated", "2024-11-02T10:00:00+00:00", {"README.md": "hello\n"})
    site.build()
    data = site.versions()
    assert data["withdrawn"] is True
    assert [v["id"] for v in data["versions"]] == ["2024-02-01", "2024-06-01", "2024-10-01"]
    for version in data["versions"]:
        assert (site.root / "site" / version["url"] / "index.html").is_file(), version["url"]
        if version["diff_url"]:
            assert (site.root / "site" / version["diff_url"] / "index.html").is_file(), version["diff_url"]
    assert "phone number" in words(site.page("privacy/versions/2024-06-01/"))
    assert re.search(r"<ins[^>]*>[^<]*Acme Mail Ltd", site.page("privacy/changes/2024-10-01/"))
    # <doc>/ still exists and shows the last version
    live = site.page("privacy/")
    assert "Acme Mail Ltd" in words(live)
    assert 'data-pp-version="2024-10-01"' in live
    assert "withdrawn" in words(site.page("privacy/versions/")).lower()


def test_delete_then_readd_continues_the_same_document(site: Site):
    site.commit("v1", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-02-01", body=BODY_V1)})
    site.commit("v2", "2024-05-01T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-06-01", body=BODY_V2)})
    site.commit("Remove", "2024-06-10T10:00:00+00:00", {"policy/privacy.md": None})
    site.commit("Bring it back, rewritten", "2024-09-01T10:00:00+00:00",
                {"policy/privacy.md": policy(effective="2024-10-01", body=BODY_V3)})
    site.build()
    data = site.versions()
    ids = [v["id"] for v in data["versions"]]
    assert ids == ["2024-02-01", "2024-06-01", "2024-10-01"]
    assert len(set(ids)) == len(ids)
    assert data["withdrawn"] is False and data["current"] == "2024-10-01"
    assert data["versions"][2]["diff_url"] == "privacy/changes/2024-10-01/"
    assert "Acme Mail Ltd" in words(site.page("privacy/versions/2024-10-01/"))
    assert "Acme Mail Ltd" in words(site.page("privacy/"))
    assert re.search(r"<ins[^>]*>[^<]*Acme Mail Ltd", site.page("privacy/changes/2024-10-01/"))
    # the same path coming back a second time with a text changed on the same effective date: a revision
    site.commit("Remove again", "2024-10-10T10:00:00+00:00", {"policy/privacy.md": None})
    site.commit("Back again", "2024-10-20T10:00:00+00:00",
                {"policy/privacy.md": policy(effective="2024-10-01", body=BODY_V4)})
    site.build()
    ids = [v["id"] for v in site.versions()["versions"]]
    assert ids == ["2024-02-01", "2024-06-01", "2024-10-01", "2024-10-01-2"]
    assert "postal address" in words(site.page("privacy/versions/2024-10-01-2/"))


def test_rename_as_delete_then_add_in_separate_commits(site: Site):
    site.commit("v1", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-02-01", body=BODY_V1)})
    site.commit("v2", "2024-05-01T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-06-01", body=BODY_V2)})
    site.commit("Remove the old name", "2024-07-01T10:00:00+00:00", {"policy/privacy.md": None})
    site.commit("Add under a new name", "2024-07-02T10:00:00+00:00",
                {"policy/data-protection.md": policy(title="Data Protection Notice", effective="2024-08-01", body=BODY_V3)})
    site.build()
    old, new = site.versions("privacy"), site.versions("data-protection")
    assert old["withdrawn"] is True and new["withdrawn"] is False
    assert [v["id"] for v in old["versions"]] == ["2024-02-01", "2024-06-01"]
    assert [v["id"] for v in new["versions"]] == ["2024-08-01"]
    assert new["versions"][0]["diff_url"] is None and new["title"] == "Data Protection Notice"
    for url in ("privacy/", "privacy/versions/", "privacy/versions/2024-02-01/", "privacy/versions/2024-06-01/",
                "privacy/changes/2024-06-01/", "data-protection/", "data-protection/versions/",
                "data-protection/versions/2024-08-01/"):
        assert (site.root / "site" / url / "index.html").is_file(), url
    assert not (site.root / "site" / "data-protection" / "changes").exists()
    assert "phone number" in words(site.page("privacy/versions/2024-06-01/"))
    assert "Acme Mail Ltd" in words(site.page("data-protection/versions/2024-08-01/"))


def test_force_pushed_history_keeps_the_version_on_file_with_a_warning(site: Site, tmp_path):
    first = site.commit("v1", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-02-01", body=BODY_V1)})
    lost = site.commit("v2", "2024-05-01T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-06-01", body=BODY_V2)})
    site.policypress("freeze")
    kept = tmp_path / "kept-versions"
    shutil.copytree(site.root / "versions", kept)
    shutil.rmtree(site.root / "versions")
    site.git("reset", "-q", "--hard", first)
    site.commit("v2, rewritten", "2024-07-01T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-08-01", body=BODY_V3)})
    shutil.copytree(kept, site.root / "versions")
    site.commit("Keep the frozen versions", "2024-07-02T10:00:00+00:00")
    assert run(["git", "merge-base", "--is-ancestor", lost, "HEAD"], cwd=site.root, check=False).returncode != 0

    result = site.build(strict=False)
    out = output_of(result)
    assert "versions/privacy/2024-06-01.md" in out
    assert "no longer in the history" in out
    assert "Traceback" not in out
    data = site.versions()
    assert [v["id"] for v in data["versions"]] == ["2024-02-01", "2024-06-01", "2024-08-01"]
    assert data["versions"][1]["commit"] == lost
    assert "phone number" in words(site.page("privacy/versions/2024-06-01/"))
    assert "Acme Mail Ltd" in words(site.page("privacy/versions/2024-08-01/"))
    assert (site.root / "site" / "privacy" / "changes" / "2024-08-01" / "index.html").is_file()
    # the warning is a warning: --strict refuses it
    assert site.build(check=False).returncode != 0


def test_detached_head_publishes_history_up_to_that_commit(site: Site):
    three_versions(site)
    site.git("checkout", "-q", "--detach", "HEAD~1")
    site.build()
    data = site.versions()
    assert [v["id"] for v in data["versions"]] == ["2024-02-01", "2024-06-01"]
    assert data["current"] == "2024-06-01"
    assert not (site.root / "site" / "privacy" / "versions" / "2024-10-01").exists()
    assert "Acme Mail Ltd" not in words(site.page("privacy/"))
    assert "Draft" not in site.page("privacy/")


def test_rev_option_publishes_another_branchs_first_parent_history(tmp_path):
    site = Site(tmp_path / "s", options="rev: published")
    site.commit("v1", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-02-01", body=BODY_V1)})
    site.git("checkout", "-q", "-b", "published")
    site.git("checkout", "-q", "-b", "side")
    site.commit("wip", "2024-04-01T10:00:00+00:00",
                {"policy/privacy.md": policy(effective="2024-06-01", body=BODY_V1 + "\nWork in progress.\n")})
    site.commit("v2 on side", "2024-04-02T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-06-01", body=BODY_V2)})
    site.git("checkout", "-q", "published")
    run(["git", "merge", "-q", "--no-ff", "side", "-m", "Merge v2"], cwd=site.root,
        env={"GIT_AUTHOR_DATE": "2024-05-01T10:00:00+00:00", "GIT_COMMITTER_DATE": "2024-05-01T10:00:00+00:00"})
    site.commit("v3", "2024-09-01T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-10-01", body=BODY_V3)})
    # the checked-out branch has only v1, and the working tree is clean
    site.git("checkout", "-q", "main")
    site.commit("main only: unrelated", "2024-09-02T10:00:00+00:00", {"README.md": "main\n"})
    # the working tree (v1) differs from the published branch's latest text: a draft, hence no --strict
    site.build(strict=False)
    data = site.versions()
    assert [v["id"] for v in data["versions"]] == ["2024-02-01", "2024-06-01", "2024-10-01"]
    assert data["versions"][1]["published"].startswith("2024-05-01")  # the merge, not the side commits
    assert "Work in progress" not in site.page("privacy/changes/2024-06-01/")
    assert "Acme Mail Ltd" in words(site.page("privacy/versions/2024-10-01/"))
    # and without the option, the checked-out branch
    (site.root / "mkdocs.yml").write_text((site.root / "mkdocs.yml").read_text().replace("rev: published", "rev: HEAD"))
    site.build()
    assert [v["id"] for v in site.versions()["versions"]] == ["2024-02-01"]


# ================================================================================================
# 2. Bad input
# ================================================================================================

@pytest.mark.parametrize("text", [
    "---\ntitle: Privacy Policy\neffective: 2024-02-01\n---\n",
    "---\ntitle: Privacy Policy\neffective: 2024-02-01\n---\n\n   \n\n",
])
def test_empty_policy_fails_naming_the_file(site: Site, text):
    site.commit("empty", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": text})
    result = site.build(check=False)
    out = output_of(result)
    assert result.returncode != 0
    assert "policy/privacy.md" in out and "has no text" in out
    assert "Traceback" not in out


def test_backdated_effective_date_is_an_error_unless_explained(site: Site):
    site.commit("v1", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-06-01", body=BODY_V1)})
    sha = site.commit("v2", "2024-05-01T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-03-01", body=BODY_V2)})
    result = site.build(check=False)
    out = output_of(result)
    assert result.returncode != 0
    assert "Traceback" not in out
    assert f"policy/privacy.md@{sha[:12]}:3:" in out  # line 3: `effective:` in the front matter
    fix = out.split("fix:", 1)[1]
    assert "backdated" in fix
    # the same date, explained (the unexplained commit rewritten away): it builds
    site.git("reset", "-q", "--hard", "HEAD~1")
    site.commit("v2, explained", "2024-05-02T10:00:00+00:00", {"policy/privacy.md": policy(
        effective="2024-03-01", body=BODY_V2, backdated="correcting a typo in the date")})
    site.build()
    data = site.versions()
    assert [v["effective"] for v in data["versions"]] == ["2024-06-01", "2024-03-01"]


def _big(body: str, size: int = 5_000_000) -> str:
    copies = size // len(body.encode("utf-8")) + 1
    return "\n\n".join(body.replace("## ", f"## Part {n}: ") for n in range(copies))


def test_five_megabyte_policy_builds_with_a_tight_redline(site: Site):
    body = load_body()
    big = _big(body)
    assert len(big.encode("utf-8")) >= 5_000_000
    anchor = "We will only process your personal information for the purposes"
    position = big.index(anchor, len(big) // 2)  # a sentence in the middle of the text
    edited = big[:position] + "We will only ever process your personal data for the purposes" + big[position + len(anchor):]
    assert edited.count("only ever process") == 1
    site.commit("v1", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-02-01", body=big)})
    site.commit("v2", "2024-05-01T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-06-01", body=edited)})
    started = time.perf_counter()
    result = site.build(strict=False)
    elapsed = time.perf_counter() - started
    print(f"\n5 MB policy, two versions: mkdocs build took {elapsed:.1f}s")
    assert "Traceback" not in output_of(result)
    redline_html = site.page("privacy/changes/2024-06-01/")
    assert 'data-pp-changes="2"' in redline_html  # "ever" inserted; "information" replaced by "data"
    article = redline_html.split('<div class="pp-redline" ', 1)[1]
    inserted = [re.sub(r"<[^>]+>", "", m) for m in re.findall(r"<ins\b[^>]*>(.*?)</ins>", article, re.S)]
    deleted = [re.sub(r"<[^>]+>", "", m) for m in re.findall(r"<del\b[^>]*>(.*?)</del>", article, re.S)]
    assert " ".join(" ".join(inserted).split()) == "ever data"
    assert " ".join(" ".join(deleted).split()) == "information"
    assert elapsed < 60, f"a 5 MB policy took {elapsed:.1f}s to build"


# ================================================================================================
# 3. Fuzzing
# ================================================================================================

_FM_PIECES = [
    "---", "--- ", "---\t", "---  \t", "...", "... ", "\ufeff---", "----", "-- -", " ---",
    "title: X", "effective: 2024-02-01", "effective: 2024-02-30", "effective: 2024-02-01 10:00",
    "summary: >-", "  folded text", "material: [recipients]", "not_material:", "  service-model: why",
    "- a", "- b", "[", "]", "{", "}", "{a: 1", "a: [1, 2", ":", ": x", "? a", "? [a, b]", ": b",
    "&anchor x", "*anchor", "<<: *a", "a: &a {b: 1}", "c: *a", "!!str", "%YAML 1.2", "%TAG ! tag:x,2000:",
    "\tkey: tabbed", "key:\tvalue", "'unclosed", '"unclosed', "key: 'a''b'", "# comment", "null", "~",
    "42", "3.14", "true", "yes", "no", "on", "x: !custom tag", "x: |", "  literal", "x: >", "  -",
    "- - - nested", "a: b: c", "é: ü", "\x00", "\x07", "\u2028", "\r", "key: \\", "=", "a: =",
    "a: " + "[" * 1500, "a: " + "{a: " * 1500,
]
_TAGS = ["!!str", "!!int", "!!float", "!!bool", "!!null", "!!timestamp", "!!binary", "!!set", "!!omap", "!!seq",
         "!!map", "!!python/tuple", "!local"]
_VALUES = ["abc", "1", "0x1F", "1e3", "maybe", "yes", "2024-13-45", "2024-02-01", "soon", "[1, 2]", "{a: 1}", "", "~"]


@st.composite
def tagged_line(draw) -> str:
    return f"{draw(st.sampled_from(['summary', 'effective', 'x']))}: {draw(st.sampled_from(_TAGS))} {draw(st.sampled_from(_VALUES))}"


@st.composite
def front_matter_texts(draw) -> str:
    lines = draw(st.lists(st.one_of(st.sampled_from(_FM_PIECES), tagged_line(), st.text(max_size=20)), max_size=12))
    if draw(st.booleans()):  # most interesting inputs open and close the front matter
        fences = ["---", "--- ", "---\t", "\ufeff---", "...", "---  \t"]
        lines = [draw(st.sampled_from(fences[:4]))] + lines + [draw(st.sampled_from(fences))]
    ending = draw(st.sampled_from(["\n", "\r\n"]))
    return ending.join(lines) + draw(st.sampled_from(["", ending, ending + "Body text." + ending]))


@settings(max_examples=400, **FUZZ)
@given(front_matter_texts())
def test_fuzz_front_matter_split_only_raises_policy_error(text):
    try:
        parsed = frontmatter.split(text, "policy/x.md")
    except PolicyError as exc:
        assert "policy/x.md" in str(exc)
        return
    assert isinstance(parsed.meta, dict) and all(isinstance(k, str) for k in parsed.meta)
    assert isinstance(parsed.body, str) and parsed.body_line >= 1


# Explicit YAML tags are valid YAML syntax that PyYAML's SafeLoader turns into Python exceptions other
# than YAMLError (ValueError, KeyError, AttributeError, RecursionError for deep nesting); a policy must
# never crash the build with a traceback. The fuzzer above finds these too; here they are pinned.
@pytest.mark.parametrize("yaml_text", [
    "summary: !!float abc",
    "summary: !!int abc",
    "summary: !!bool maybe",
    "summary: !!timestamp soon",
    "summary: !!timestamp 2024-13-45",
    "summary: !!int",
    "summary: !!bool",
    "summary: " + "[" * 3000,
])
def test_front_matter_with_explicit_tags_is_a_policy_error(yaml_text):
    text = f"---\ntitle: X\n{yaml_text}\n---\n\nBody.\n"
    with pytest.raises(PolicyError):
        frontmatter.split(text, "policy/x.md")


def test_explicit_yaml_tag_in_front_matter_fails_the_build_without_traceback(site: Site):
    site.commit("bad", "2024-01-10T10:00:00+00:00",
                {"policy/privacy.md": "---\ntitle: X\nsummary: !!float abc\n---\n\nBody.\n"})
    result = site.build(check=False)
    out = output_of(result)
    assert result.returncode != 0
    assert "policy/privacy.md" in out and "Traceback" not in out


_DATE_PIECES = ["2024", "02", "30", "-", "/", ".", " ", ",", "of", "st", "nd", "th", "February", "Feb.",
                "Sept", "sep", "Mayo", "**", "*", "_", "`", "[", "](http://x)", "<b>", "</b>", "0000",
                "9999", "00", "13", "99", "\u0661\u0662", "١٩٩٩", "Effective date:", "Last updated",
                "\n", "is", "on", "\t"]


@settings(max_examples=400, **FUZZ)
@given(st.lists(st.one_of(st.sampled_from(_DATE_PIECES), st.text(max_size=6)), max_size=10))
def test_fuzz_parse_date_text(pieces):
    text = "".join(pieces)
    try:
        result = dates.parse_date_text(text)
    except ValueError:
        return
    assert result is None or isinstance(result, dt.date)


_PATTERN = dates.compile_patterns(dates.DEFAULT_DATE_PATTERNS)


@settings(max_examples=300, **FUZZ)
@given(st.lists(st.one_of(st.sampled_from(_DATE_PIECES), st.text(max_size=6)), max_size=16))
def test_fuzz_date_from_text(pieces):
    body = "".join(pieces)
    try:
        found = dates.date_from_text(body, _PATTERN, path="policy/x.md", first_line=5)
    except PolicyError as exc:
        assert "policy/x.md" in str(exc)
        return
    if found is not None:
        date, line = found
        assert isinstance(date, dt.date) and 5 <= line <= 5 + body.count("\n")


def test_balance_checker_itself():
    assert balance_errors("<p>a<br>b<strong>c</strong></p><hr>") == []
    assert balance_errors("<p><strong>a</p></strong>")
    assert balance_errors("<ul><li>a</ul>")


_WORDS = ["data", "we", "share", "your", "e-mail", "Acme", "30", "days", "café", "数据", "&amp;", "&lt;", "&#x27;",
          "&bogus;", "<", ">", "&", "alert(1)", "</script>", "<script>", "x=1;", "\u00a0", "  ", "\n"]
_INLINE = ["strong", "em", "code", "a"]


@st.composite
def html_fragments(draw, depth: int = 0):
    """HTML-ish input as renderers and authors' raw HTML produce it: nested, sometimes unclosed."""
    parts = []
    for _ in range(draw(st.integers(0, 5 if depth else 8))):
        kind = draw(st.sampled_from(["word", "word", "inline", "block", "list", "table", "br", "raw", "unclosed"]))
        if kind == "word":
            parts.append(draw(st.sampled_from(_WORDS)) + draw(st.sampled_from([" ", "", ". "])))
        elif kind == "inline" and depth < 3:
            tag = draw(st.sampled_from(_INLINE))
            attrs = ' href="https://example.com/?a=1&amp;b=2"' if tag == "a" else ""
            parts.append(f"<{tag}{attrs}>{draw(html_fragments(depth + 1))}</{tag}>")
        elif kind == "block" and depth < 3:
            tag = draw(st.sampled_from(["p", "h2", "blockquote", "div"]))
            parts.append(f"<{tag}>{draw(html_fragments(depth + 1))}</{tag}>")
        elif kind == "list" and depth < 3:
            tag = draw(st.sampled_from(["ul", "ol"]))
            items = "".join(f"<li>{draw(html_fragments(depth + 1))}</li>" for _ in range(draw(st.integers(0, 3))))
            parts.append(f"<{tag}>{items}</{tag}>")
        elif kind == "table" and depth < 2:
            rows = "".join("<tr>" + "".join(f"<td>{draw(html_fragments(depth + 1))}</td>"
                                             for _ in range(draw(st.integers(1, 3)))) + "</tr>"
                           for _ in range(draw(st.integers(1, 3))))
            parts.append(f"<table>{rows}</table>")
        elif kind == "br":
            parts.append(draw(st.sampled_from(["<br>", "<br/>", "<br />", "<hr>"])))
        elif kind == "raw":
            parts.append(draw(st.sampled_from(["<script>alert(1)</script>", "<!-- comment -->", "<p>", "</p>",
                                               "</li>", "</strong>", "<em>", "<", "a < b > c", "&"])))
        elif kind == "unclosed":
            parts.append("<" + draw(st.sampled_from(["p", "li", "strong", "em", "td", "tr", "ul"])) + ">"
                         + draw(st.sampled_from(_WORDS)))
    return "".join(parts)


@settings(max_examples=300, **FUZZ)
@given(html_fragments(), html_fragments())
def test_fuzz_redline_never_crashes_and_is_balanced(old, new):
    result = redline(old, new)
    assert balance_errors(result.html) == [], (old, new, result.html)
    assert result.words_added >= 0 and result.words_removed >= 0


@settings(max_examples=150, **FUZZ)
@given(html_fragments())
def test_fuzz_redline_of_a_text_with_itself_marks_nothing(html):
    result = redline(html, html)
    assert result.changes == [] and "<ins" not in result.html and "<del" not in result.html
    assert balance_errors(result.html) == []


def test_redline_closes_namespaced_inline_tags_it_reopens():
    # Word-pasted policies carry <o:p> elements; Python-Markdown passes them through as inline HTML.
    render = Renderer()
    old = render("Hello <o:p>x</o:p> world, we keep your data.").html
    new = render("Hello <o:p>y</o:p> world, we keep your e-mail.").html
    result = redline(old, new)
    assert balance_errors(result.html) == [], result.html
    assert "</o>" not in result.html


_BODY = load_body()
_BODY_WORDS = _BODY.split(" ")
_RENDER = Renderer()
_VOCAB = ["biometric", "data brokers", "Riskified", "Singapore", "only", "except", "15 business days", "a fee of $10",
          "Data Protection Officer", "privacy@example.com", "merger", "high risk", "not", "never", "always",
          "advertisers", "the", "and", "**bold**", "`code`", "[link](https://example.com)", "\n\n", "- item\n"]


@settings(max_examples=25, **FUZZ)
@given(st.lists(st.tuples(st.sampled_from(["delete", "insert", "replace", "swap"]),
                          st.integers(0, len(_BODY_WORDS) - 1), st.sampled_from(_VOCAB)),
                min_size=1, max_size=8))
def test_fuzz_materiality_on_word_edits_of_the_demo_policy(edits):
    edited = list(_BODY_WORDS)
    for op, index, word in edits:
        index %= len(edited)
        if op == "delete" and len(edited) > 1:
            del edited[index]
        elif op == "insert":
            edited.insert(index, word)
        elif op == "replace":
            edited[index] = word
        elif op == "swap" and index + 1 < len(edited):
            edited[index], edited[index + 1] = edited[index + 1], edited[index]
    comparison = compare_texts(_BODY, " ".join(edited), renderer=_RENDER)
    found = assess(comparison.redline)
    assert isinstance(found.consent_required, bool)
    for flag in found.flags:
        assert flag.evidence, flag.criterion.id
    json.dumps(comparison.as_json())


# ================================================================================================
# 4. Escaping
# ================================================================================================

def test_commit_subject_with_markup_is_escaped_in_the_index(site: Site):
    subject = "<img src=x onerror=alert(1)>"
    site.commit(subject, "2024-01-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-02-01", body=BODY_V1)})
    site.commit("v2 " + subject, "2024-05-01T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-06-01", body=BODY_V2)})
    site.build()
    index = site.page("privacy/versions/")
    assert "&lt;img src=x onerror=alert(1)&gt;" in index
    for path, text in site_files(site).items():
        assert "<img src=x" not in text, path


def test_waiver_reason_with_markup_is_escaped_on_the_page_and_in_the_github_report(site: Site, tmp_path):
    reason = "<script>alert(1)</script> **md**"
    site.commit("v1", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-02-01", body=BODY_V1)})
    site.commit("v2", "2024-01-20T10:00:00+00:00", {"policy/privacy.md": policy(
        effective="2024-06-01", body=BODY_V3, material=["recipients"], not_material={"service-model": reason})})
    site.build(strict=False)
    page = site.page("privacy/changes/2024-06-01/")
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; **md**" in page
    assert "<strong>md</strong>" not in page
    summary_file = tmp_path / "summary.md"
    result = run([sys.executable, "-m", "policypress.cli", "check", "--format", "github"], cwd=site.root,
                 env={"GITHUB_STEP_SUMMARY": str(summary_file), "SOURCE_DATE_EPOCH": "1705312800"}, check=False)
    assert result.returncode in (0, 1), output_of(result)
    summary = summary_file.read_text(encoding="utf-8")
    assert "service-model" in summary or "Purposes" in summary or "8(i)" in summary
    assert "waived" in summary
    assert not re.search(r"(?<!\\)<\s*/?\s*script", summary)  # only backslash-escaped, shown as text
    assert "\\<script\\>" in summary and "\\*\\*md\\*\\*" in summary
    # without GITHUB_STEP_SUMMARY the same report is printed after the annotations
    printed = run([sys.executable, "-m", "policypress.cli", "check", "--format", "github"], cwd=site.root,
                  env={"GITHUB_STEP_SUMMARY": "", "SOURCE_DATE_EPOCH": "1705312800"}, check=False).stdout
    markdown_part = printed[printed.index("## policypress check"):]
    assert not re.search(r"(?<!\\)<\s*/?\s*script", markdown_part)


def test_title_with_ampersand_and_angle_bracket_in_feed_and_json(site: Site):
    title = "Terms & <Conditions>"
    site.commit("v1", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": policy(title=title, effective="2024-02-01", body=BODY_V1)})
    site.commit("v2", "2024-05-01T10:00:00+00:00", {"policy/privacy.md": policy(title=title, effective="2024-06-01", body=BODY_V2)})
    site.build()
    raw = (site.root / "site" / "privacy" / "feed.xml").read_bytes()
    assert b"<Conditions>" not in raw
    feed = ET.fromstring(raw)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert feed.find("a:title", ns).text.startswith(title)
    titles = [e.find("a:title", ns).text for e in feed.findall("a:entry", ns)]
    assert titles and all(t.startswith(title + ":") for t in titles)
    site_feed = ET.fromstring((site.root / "site" / "feed.xml").read_bytes())
    assert all(e.find("a:title", ns).text.startswith(title) for e in site_feed.findall("a:entry", ns))
    assert site.versions()["title"] == title


def test_title_with_markup_is_text_on_generated_pages(site: Site):
    # The archive pages are generated by policypress from the author's `title:`; MkDocs' templates insert
    # page titles unescaped (<title>, <h1>, header), so the title reaches the page as markup.
    title = "Privacy </title><script>alert(1)</script>"
    site.commit("v1", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": policy(title=title, effective="2024-02-01", body=BODY_V1)})
    site.commit("v2", "2024-05-01T10:00:00+00:00", {"policy/privacy.md": policy(title=title, effective="2024-06-01", body=BODY_V2)})
    site.build()
    for url in ("privacy/versions/", "privacy/versions/2024-02-01/", "privacy/changes/2024-06-01/"):
        html = site.page(url)
        head_title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
        h1 = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)
        assert "<script" not in head_title and "<script" not in h1, (url, head_title, h1)


# ================================================================================================
# 5. Tamper evidence
# ================================================================================================

@pytest.fixture
def verified(site: Site) -> Site:
    three_versions(site)
    site.build()
    result = site.policypress("verify", "site", check=False)
    assert result.returncode == 0, output_of(result)
    assert "3 version(s) checked" in result.stdout
    return site


def test_verify_catches_a_changed_word_in_an_archived_page(verified: Site):
    path = verified.root / "site" / "privacy" / "versions" / "2024-06-01" / "index.html"
    html = path.read_text(encoding="utf-8")
    start = html.index('class="pp-version-text"')
    head, text = html[:start], html[start:]
    assert "phone number" in text
    path.write_text(head + text.replace("phone number", "fax number", 1), encoding="utf-8")
    result = verified.policypress("verify", "site", check=False)
    assert result.returncode == 1
    assert "2024-06-01" in result.stdout and "MISMATCH" in result.stdout
    assert "2024-02-01" not in "".join(l for l in result.stdout.splitlines() if "MISMATCH" in l)


def test_verify_catches_a_changed_sha256_in_versions_json(verified: Site):
    path = verified.root / "site" / "privacy" / "versions.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["versions"][0]["sha256"] = hashlib.sha256(b"something else").hexdigest()
    path.write_text(json.dumps(data), encoding="utf-8")
    result = verified.policypress("verify", "site", check=False)
    assert result.returncode == 1 and "2024-02-01" in result.stdout


def test_verify_catches_a_deleted_archived_page(verified: Site):
    shutil.rmtree(verified.root / "site" / "privacy" / "versions" / "2024-10-01")
    result = verified.policypress("verify", "site", check=False)
    assert result.returncode == 1 and "2024-10-01" in result.stdout and "missing" in result.stdout


# ================================================================================================
# 6. Privacy
# ================================================================================================

class _Page(HTMLParser):
    """The first element of <head>, every CSP meta tag, inline scripts and external references."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.in_head = False
        self.first_in_head: tuple[str, dict] | None = None
        self.csp: list[str] = []
        self.scripts: list[str] = []  # bodies of inline executable scripts
        self.refs: list[tuple[str, str, str]] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "head":
            self.in_head = True
        elif self.in_head and self.first_in_head is None:
            self.first_in_head = (tag, attrs)
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "content-security-policy":
            self.csp.append(attrs.get("content") or "")
        if tag in ("link", "script", "img", "iframe", "source", "audio", "video"):
            for name in ("src", "href", "srcset"):
                if attrs.get(name):
                    self.refs.append((tag, name, attrs[name]))
        if tag == "script":
            kind = (attrs.get("type") or "text/javascript").lower()
            executable = "src" not in attrs and kind in ("text/javascript", "application/javascript", "module", "")
            self._script = [] if executable else None

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False
        if tag == "script" and self._script is not None:
            self.scripts.append("".join(self._script))
            self._script = None


def _privacy_site(tmp_path, *, font: str = "  font: false\n") -> Site:
    site = Site(tmp_path / "s")
    (site.root / "mkdocs.yml").write_text(
        "site_name: privacy test\ndocs_dir: policy\nsite_dir: site\ntheme:\n  name: material\n" + font
        + "  features: [navigation.instant, search.highlight]\nplugins:\n  - search\n  - policypress:\n"
        + '      include: ["*.md", "**/*.md"]\n'
        + "markdown_extensions:\n  - toc\n  - tables\n", encoding="utf-8")
    site.commit("v1", "2026-01-10T10:00:00+00:00", {
        "policy/privacy.md": policy(effective="2026-02-01", body=BODY_V1),
        "policy/index.md": "# Policies\n\n[Privacy](privacy.md)\n",
    })
    site.commit("v2", "2026-04-01T10:00:00+00:00", {"policy/privacy.md": policy(
        effective="2026-06-01", body=BODY_V3, summary="Acme now sends our e-mails.",
        material=["recipients", "service-model"])})
    return site


@pytest.mark.parametrize("scope", ["policies", "site"])
def test_every_page_has_a_csp_with_hashes_and_no_third_party_requests(tmp_path, scope):
    site = _privacy_site(tmp_path)
    if scope == "site":
        (site.root / "mkdocs.yml").write_text((site.root / "mkdocs.yml").read_text().replace(
            "  - policypress:\n", "  - policypress:\n      content_security_policy: site\n"), encoding="utf-8")
    site.build(env={"SOURCE_DATE_EPOCH": "1777636800"})  # 2026-05-01: v2 upcoming, so the banner is shown
    pages = sorted(p for p in (site.root / "site").rglob("*.html") if p.name != "404.html")  # see below
    if scope == "policies":  # policypress's pages; the docs home page is not covered by default
        pages = [p for p in pages if p.relative_to(site.root / "site").parts[0] == "privacy"]
    assert len(pages) >= 7
    assert any("data-pp-banner" in p.read_text(encoding="utf-8") for p in pages)
    problems = []
    for path in pages:
        name = path.relative_to(site.root / "site").as_posix()
        html = path.read_text(encoding="utf-8")
        parsed = _Page()
        parsed.feed(html)
        if len(parsed.csp) != 1:
            problems.append(f"{name}: {len(parsed.csp)} CSP meta tags")
            continue
        first = parsed.first_in_head
        if not (first and first[0] == "meta" and (first[1].get("http-equiv") or "").lower() == "content-security-policy"):
            problems.append(f"{name}: the first element of <head> is {first and first[0]}, not the CSP")
        directives = {d.split()[0]: d.split()[1:] for d in parsed.csp[0].split(";") if d.strip()}
        script_src = directives.get("script-src", directives.get("default-src"))
        if "'unsafe-inline'" in script_src:
            problems.append(f"{name}: script-src allows 'unsafe-inline'")
        for body in parsed.scripts:
            token = "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"
            if token not in script_src:
                problems.append(f"{name}: inline script {body[:40]!r} is not allowed by its hash")
        for tag, attr, value in parsed.refs:
            if re.match(r"(?:https?:)?//", value) or "fonts.googleapis.com" in value or "fonts.gstatic.com" in value:
                problems.append(f"{name}: <{tag} {attr}={value!r}> is a third-party request")
        if "fonts.googleapis.com" in html or "fonts.gstatic.com" in html:
            problems.append(f"{name}: mentions Google Fonts")
    assert problems == []


def test_default_material_font_warns_about_google_fonts(tmp_path):
    # Material's default font is switched off (test_trust.py); a font the owner chose is warned about.
    site = _privacy_site(tmp_path, font="  font: {text: Inter}\n")
    result = site.build(strict=False)
    assert "Google Fonts" in output_of(result)
    assert "WARNING" in output_of(result)
    strict = site.build(check=False)
    assert strict.returncode != 0 and "Google Fonts" in output_of(strict)


def test_the_404_page_has_a_csp_too(tmp_path):
    # MkDocs writes 404.html from a theme template (on_post_template), not as a page (on_post_page).
    site = _privacy_site(tmp_path)
    site.build(env={"SOURCE_DATE_EPOCH": "1777636800"})
    parsed = _Page()
    parsed.feed((site.root / "site" / "404.html").read_text(encoding="utf-8"))
    assert len(parsed.csp) == 1
    assert parsed.first_in_head and parsed.first_in_head[0] == "meta"
