"""Real histories: every document of the shared corpus builds, archives every text and redlines every step.

Each corpus folder is replayed as a Git repository with `corpus/make-repo` and built once per session
with a real `python -m mkdocs build` (the folders build in parallel, in a thread pool one wider than the
machine's cores). The tests then read the generated site the way a reader would, without importing the plugin:

1. `versions.json` has one version per distinct text, in order, with the corpus file's sha256;
2. every archived page shows its own words (and not its neighbours');
3. every step has a redline with <ins>/<del> marks, or says that the rendered text did not change;
4. every redline is balanced HTML;
5. the redline's words minus deletions are the new version's words, minus insertions the old one's;
6. a ProperDocs build gives the same files and the same versions.json as the MkDocs build.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html as htmllib
import json
import os
import re
import sys
import threading
from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ALL_FILES, BASE_CONFIG, BalanceError, check_balanced, run

FOLDERS = [
    "github-privacy-statement",
    "github-terms-of-service",
    "basecamp-privacy-policy",
    "automattic-privacy-policy",
]
# Basecamp links to sibling documents of its source repository ("../security/index.md"), which MkDocs
# core reports as WARNING for the live page: a legitimate property of the corpus, not of policypress.
# That folder is built without --strict, and every WARNING must be one of those.
STRICT = {"basecamp-privacy-policy": False}
CORE_LINK_WARNING = re.compile(
    r"^WARNING\s+-\s+Doc file 'privacy\.md' contains a link '[^']*', but the target is not found among "
    r"documentation files\.$"
)
PROPERDOCS_FOLDER = "github-privacy-statement"
SLUG = "privacy"

BLOCK = frozenset(
    "address article aside blockquote br caption details dd div dl dt figcaption figure footer h1 h2 h3 "
    "h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th thead tr ul".split()
)
WORD = re.compile(r"[^\W_]+")
# Words and the punctuation a reader sees: tells apart texts whose words are the same ("GitHub's" → "GitHub’s")
FINE = re.compile(r"[^\W_]+|[,.;:!?'’‘“”\"()—–]")


# ------------------------------------------------------------------------------------------------
# Reading text and HTML
# ------------------------------------------------------------------------------------------------
def words(text: str) -> list[str]:
    """Letters/digits runs, lowercased: the unit every comparison below is made in."""
    return WORD.findall(text.lower())


class _Text(HTMLParser):
    """Visible text of an HTML fragment; block boundaries become spaces; `skip` tags are dropped."""

    def __init__(self, skip: frozenset[str]):
        super().__init__(convert_charrefs=True)
        self.skip = skip
        self.depth = 0
        self.out: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.skip:
            self.depth += 1
        if tag in BLOCK:
            self.out.append(" ")

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCK:
            self.out.append(" ")

    def handle_endtag(self, tag):
        if tag in self.skip and self.depth:
            self.depth -= 1
        if tag in BLOCK:
            self.out.append(" ")

    def handle_data(self, data):
        if not self.depth:
            self.out.append(data)


def fine_words(text: str) -> list[str]:
    return FINE.findall(text.lower())


def html_text(fragment: str, skip: frozenset[str] = frozenset()) -> str:
    parser = _Text(skip)
    parser.feed(fragment)
    parser.close()
    return "".join(parser.out)


def html_words(fragment: str, skip: frozenset[str] = frozenset()) -> list[str]:
    return words(html_text(fragment, skip))


def article(page: str) -> str:
    """The page's main content: inside <article class="md-content__inner ...">, up to </article>."""
    match = re.search(r'<article class="md-content__inner[^"]*">', page)
    assert match, "no <article class=\"md-content__inner\"> in the page"
    end = page.index("</article>", match.end())
    assert "<article" not in page[match.end():end], "nested <article> in the main content"
    return page[match.end():end]


@dataclass
class ArchivedPage:
    header: str
    body: str  # the rendered version, after the archive header

    @cached_property
    def text(self) -> str:
        return html_text(self.body)

    @cached_property
    def words(self) -> list[str]:
        return words(self.text)

    @cached_property
    def bag(self) -> Counter:
        return Counter(self.words)

    @cached_property
    def fine(self) -> list[str]:
        return fine_words(self.text)

    def header_attr(self, name: str) -> str | None:
        match = re.search(rf'\s{name}="([^"]*)"', self.header)
        return match.group(1) if match else None

    def header_sha256(self) -> str | None:
        match = re.search(r"sha256 <code>([0-9a-f]{64})</code>", self.header)
        return match.group(1) if match else None


def archived_page(page: str) -> ArchivedPage:
    content = article(page)
    start = content.find('<div class="pp-header')
    assert start >= 0, "no policypress header (div.pp-header) on the archived page"
    end = content.index("</div>", start)
    assert "<div" not in content[start + 4:end], "nested <div> in the archive header: extraction needs updating"
    return ArchivedPage(content[start:end + len("</div>")], content[end + len("</div>"):])


@dataclass
class RedlinePage:
    summary: str  # the header admonition (div.pp-redline-summary)
    marked: str  # the inner HTML of div.pp-redline
    changes_attr: int

    @property
    def marks(self) -> int:
        return len(re.findall(r"<(?:ins|del)[\s>]", self.marked))

    @property
    def says_unchanged(self) -> bool:
        return "did not change" in re.sub(r"\s+", " ", htmllib.unescape(re.sub(r"<[^>]+>", "", self.summary)))


def redline_page(page: str) -> RedlinePage:
    content = article(page)
    summary_at = content.find('<div class="pp-redline-summary')
    match = re.search(r'<div class="pp-redline" data-pp-changes="(\d+)">', content)
    assert summary_at >= 0 and match, "a redline page needs div.pp-redline-summary and div.pp-redline"
    assert summary_at < match.start()
    close = content.rindex("</div>")
    assert close > match.end() and not content[close + len("</div>"):].strip(), \
        "div.pp-redline must be the last element of the page content"
    return RedlinePage(content[summary_at:match.start()], content[match.end():close], int(match.group(1)))


# ------------------------------------------------------------------------------------------------
# Reading Markdown (independently of the plugin): what words should a reader see?
# ------------------------------------------------------------------------------------------------
_FRONT_OPEN = re.compile(r"\A\ufeff?---[ \t]*\r?\n")
_FRONT_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_TARGET = r"\(\s*(?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\s*\)"  # (url "title"), one level of parentheses
_IMAGE = re.compile(r"!\[[^\]]*\]" + _TARGET)
_LINK_TARGET = re.compile(r"\]" + _TARGET)
_REF_USE = re.compile(r"\]\[[^\]]*\]")
_INLINE_MARK = re.compile(r"[*`]")  # emphasis and code marks sit inside words ("**G**lobally")
_REF_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S+.*$", re.MULTILINE)
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^>\s]+|[^@\s<>]+@[^@\s<>]+)>")
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$", re.MULTILINE)
_LIST_NUMBER = re.compile(r"^[ \t]*\d+[.)][ \t]+", re.MULTILINE)


def markdown_body(text: str) -> str:
    match = _FRONT_OPEN.match(text)
    if match:
        close = _FRONT_CLOSE.search(text, match.end())
        if close:
            return text[close.end():]
    return text


def markdown_visible(body: str) -> str:
    """The text of a Markdown body as it reads once rendered: markup, targets, comments and tags gone."""
    text = _COMMENT.sub(" ", body)
    text = _IMAGE.sub(" ", text)
    text = _LINK_TARGET.sub("] ", text)
    text = _REF_USE.sub("] ", text)
    text = _REF_DEFINITION.sub(" ", text)
    text = _AUTOLINK.sub(r" \1 ", text)
    text = _TAG.sub(" ", text)
    text = _LIST_NUMBER.sub("", text)
    text = _TABLE_RULE.sub("", text)
    text = _INLINE_MARK.sub("", text)
    return htmllib.unescape(text)


def overlap(a: Counter, b: Counter) -> int:
    return sum((a & b).values())


def signed_difference(a: Counter, b: Counter) -> dict[str, int]:
    difference = Counter(a)
    difference.subtract(b)
    return {key: value for key, value in difference.items() if value}


def dot(a: dict[str, int], b: dict[str, int]) -> int:
    return sum(value * b.get(key, 0) for key, value in a.items())


def contains_run(haystack: list[str], needle: list[str]) -> bool:
    return f" {' '.join(needle)} " in f" {' '.join(haystack)} "


def first_difference(a: list[str], b: list[str], context: int = 8) -> str:
    for index, (x, y) in enumerate(zip(a, b)):
        if x != y:
            break
    else:
        index = min(len(a), len(b))
    lo = max(0, index - context)
    return (f"first difference at word {index} of {len(a)} / {len(b)}:\n"
            f"  got:      …{' '.join(a[lo:index + context])}…\n"
            f"  expected: …{' '.join(b[lo:index + context])}…")


# ------------------------------------------------------------------------------------------------
# Building the corpus, once per session, in parallel
# ------------------------------------------------------------------------------------------------
@dataclass
class Entry:
    """One distinct text of the corpus, in manifest order."""

    number: int  # 1-based manifest position
    file: Path
    text: str

    @cached_property
    def body(self) -> str:
        return markdown_body(self.text)

    @cached_property
    def visible(self) -> str:
        return markdown_visible(self.body)

    @cached_property
    def words(self) -> list[str]:
        return words(self.visible)

    @cached_property
    def bag(self) -> Counter:
        return Counter(self.words)

    @cached_property
    def fine_bag(self) -> Counter:
        return Counter(fine_words(self.visible))

    def long_lines(self, count: int = 5) -> list[list[str]]:
        """The longest prose lines (no table rows), as word sequences: a sample that must read in order."""
        candidates = []
        for line in self.visible.splitlines():
            if "|" in line:
                continue
            sequence = words(line)
            if len(sequence) >= 8:
                candidates.append(sequence)
        return sorted(candidates, key=len, reverse=True)[:count]


@dataclass
class Built:
    folder: str
    root: Path
    result: object  # subprocess.CompletedProcess of `mkdocs build`
    _pages: dict = field(default_factory=dict)

    @property
    def site(self) -> Path:
        return self.root / "site"

    @cached_property
    def entries(self) -> list[Entry]:
        folder = CORPUS_DIR / self.folder
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        distinct, previous = [], None
        for number, item in enumerate(manifest, start=1):
            if item["blob"] != previous:
                path = folder / item["file"]
                distinct.append(Entry(number, path, path.read_bytes().decode("utf-8")))
            previous = item["blob"]
        return distinct

    @cached_property
    def payload(self) -> dict:
        return json.loads((self.site / SLUG / "versions.json").read_text(encoding="utf-8"))

    @property
    def versions(self) -> list[dict]:
        return self.payload["versions"]

    def archived(self, version_id: str) -> ArchivedPage:
        key = ("v", version_id)
        if key not in self._pages:
            page = (self.site / SLUG / "versions" / version_id / "index.html").read_text(encoding="utf-8")
            self._pages[key] = archived_page(page)
        return self._pages[key]

    def redline(self, version_id: str) -> RedlinePage:
        key = ("c", version_id)
        if key not in self._pages:
            page = (self.site / SLUG / "changes" / version_id / "index.html").read_text(encoding="utf-8")
            self._pages[key] = redline_page(page)
        return self._pages[key]

    def steps(self):
        """(old version, new version, old entry, new entry) for every change."""
        versions, entries = self.versions, self.entries
        for index in range(1, len(versions)):
            yield versions[index - 1], versions[index], entries[index - 1], entries[index]


CORPUS_DIR: Path = Path()

MKDOCS_YML = BASE_CONFIG.format(options=":\n      " + ALL_FILES)
INDEX_MD = "# Policies\n\nThe [privacy policy](privacy.md) and [all its versions](privacy/versions/index.md).\n"


def _prepare(folder: str, corpus: Path, root: Path) -> None:
    run([sys.executable, str(corpus / "make-repo"), "--subject-only", str(corpus / folder), str(root)], cwd=corpus)
    # The site's configuration and a home page are committed on top of the history: neither is a policy
    # (index.md is excluded), so neither may add a version.
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (root / "policy" / "index.md").write_text(INDEX_MD, encoding="utf-8")
    env = {"GIT_AUTHOR_DATE": "2026-04-01T12:00:00+00:00", "GIT_COMMITTER_DATE": "2026-04-01T12:00:00+00:00"}
    run(["git", "add", "mkdocs.yml", "policy/index.md"], cwd=root)
    run(["git", "-c", "user.name=Site", "-c", "user.email=site@example.com", "-c", "commit.gpgsign=false",
         "commit", "-q", "-m", "Add the site"], cwd=root, env=env)


def _build(folder: str, corpus: Path, root: Path, ready: threading.Event) -> Built:
    try:
        _prepare(folder, corpus, root)
    finally:
        ready.set()
    args = [sys.executable, "-m", "mkdocs", "build", "--clean"]
    if STRICT.get(folder, True):
        args.append("--strict")
    return Built(folder, root, run(args, cwd=root, check=False))


def _build_properdocs(root: Path, ready: threading.Event):
    ready.wait()
    # No properdocs.yml: ProperDocs 1.6 falls back to mkdocs.yml (with an INFO asking to rename it).
    return run([sys.executable, "-m", "properdocs", "build", "--clean", "--strict", "--site-dir", "site-properdocs"],
               cwd=root, check=False)


def _selected_folders(session) -> list[str]:
    found = set()
    for item in session.items:
        callspec = getattr(item, "callspec", None)
        if callspec is not None and callspec.params.get("folder") in FOLDERS:
            found.add(callspec.params["folder"])
        if "properdocs" in item.name:
            found.add(PROPERDOCS_FOLDER)
    return [f for f in FOLDERS if f in found]


@pytest.fixture(scope="session")
def corpus_builds(request, corpus, tmp_path_factory):
    """Start every needed build at once (largest first); each test waits only for its own folder."""
    global CORPUS_DIR
    CORPUS_DIR = corpus
    folders = _selected_folders(request.session)
    base = tmp_path_factory.mktemp("corpus")
    pool = ThreadPoolExecutor(max_workers=(os.cpu_count() or 2) + 1)
    futures: dict[str, Future] = {}
    ready: dict[str, threading.Event] = {}
    for folder in folders:
        ready[folder] = threading.Event()
        futures[folder] = pool.submit(_build, folder, corpus, base / folder, ready[folder])
    properdocs = None
    if PROPERDOCS_FOLDER in futures and any("properdocs" in item.name for item in request.session.items):
        properdocs = pool.submit(_build_properdocs, base / PROPERDOCS_FOLDER, ready[PROPERDOCS_FOLDER])
    yield {"builds": futures, "properdocs": properdocs}
    pool.shutdown(wait=True)


@pytest.fixture(params=FOLDERS)
def folder(request) -> str:
    return request.param


@pytest.fixture
def built(corpus_builds, folder) -> Built:
    result = corpus_builds["builds"][folder].result()
    if result.result.returncode != 0:
        pytest.fail(f"mkdocs build of {folder} failed ({result.result.returncode}):\n{result.result.stderr[-4000:]}")
    return result


# ------------------------------------------------------------------------------------------------
# The tests
# ------------------------------------------------------------------------------------------------
def test_build_is_clean(built: Built):
    """The build passes (--strict where the corpus allows), and policypress itself warns about nothing."""
    lines = (built.result.stdout + built.result.stderr).splitlines()
    problems = [line for line in lines if re.match(r"^(WARNING|ERROR)\b", line)]
    if STRICT.get(built.folder, True):
        assert not problems, problems
    else:
        unexpected = [line for line in problems if not CORE_LINK_WARNING.match(line)]
        assert not unexpected, f"warnings other than MkDocs core's missing-link check: {unexpected}"
    assert not [line for line in lines if "policypress" in line.lower() and re.match(r"^(WARNING|ERROR)", line)]
    summary = [line for line in lines if "policypress:" in line and "version(s)" in line]
    assert summary, lines[:20]


def test_versions_json_has_one_version_per_distinct_text(built: Built):
    payload, entries = built.payload, built.entries
    versions = payload["versions"]
    assert payload["document"] == SLUG
    assert len(versions) == len(entries), (
        f"{len(versions)} versions published, {len(entries)} distinct texts in the manifest")
    ids = [v["id"] for v in versions]
    assert len(set(ids)) == len(ids), [i for i, n in Counter(ids).items() if n > 1]
    for index, (version, entry) in enumerate(zip(versions, entries)):
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}(?:-\d+)?", version["id"]), version["id"]
        assert version["url"] == f"{SLUG}/versions/{version['id']}/"
        if index == 0:
            assert version["diff_url"] is None
        else:
            assert version["diff_url"] == f"{SLUG}/changes/{version['id']}/", version
        expected = hashlib.sha256(entry.text.encode("utf-8")).hexdigest()
        assert version["sha256"] == expected, f"version {version['id']} is not {entry.file.name}"
        assert (built.site / version["url"] / "index.html").is_file()
        if version["diff_url"]:
            assert (built.site / version["diff_url"] / "index.html").is_file()
    assert payload["current"] in ids
    assert payload["upcoming"] is None or payload["upcoming"] in ids
    published = [v["published"] for v in versions]
    assert published == sorted(published, key=dt.datetime.fromisoformat)
    # nothing else was published: one archived page per version, one redline per step
    assert sorted(p.name for p in (built.site / SLUG / "versions").iterdir() if p.is_dir()) == sorted(ids)
    assert sorted(p.name for p in (built.site / SLUG / "changes").iterdir() if p.is_dir()) == sorted(ids[1:])


def test_archived_pages_show_their_own_words(built: Built):
    versions, entries = built.versions, built.entries
    assert len(versions) == len(entries)
    failures = []
    for index, (version, entry) in enumerate(zip(versions, entries)):
        page = built.archived(version["id"])
        where = f"{version['id']} ({entry.file.name})"
        if page.header_attr("data-pp-version") != version["id"] or page.header_sha256() != version["sha256"]:
            failures.append(f"{where}: the header names version {page.header_attr('data-pp-version')} "
                            f"sha256 {page.header_sha256()}")
        shown, expected = page.bag, entry.bag
        common = overlap(shown, expected)
        recall = common / max(1, sum(expected.values()))
        precision = common / max(1, sum(shown.values()))
        if recall < 0.95 or precision < 0.95:
            failures.append(f"{where}: {recall:.1%} of the text's words are on the page, {precision:.1%} of the "
                            f"page's words are in the text; missing {list((expected - shown).items())[:12]}, "
                            f"extra {list((shown - expected).items())[:12]}")
        for line in entry.long_lines():
            if not contains_run(page.words, line):
                failures.append(f"{where}: the line {' '.join(line)[:120]!r}… is not on the page")
        if index:
            # What changed from the previous text must be what changed from the previous page, in the same
            # direction: a page showing a neighbour's text (or two pages swapped) turns the sign around.
            # Comparing differences cancels whatever the Markdown reading above gets slightly wrong.
            before = built.archived(versions[index - 1]["id"])
            expected_change = signed_difference(entry.fine_bag, entries[index - 1].fine_bag)
            shown_change = signed_difference(Counter(page.fine), Counter(before.fine))
            if expected_change and dot(expected_change, shown_change) * 2 < dot(expected_change, expected_change):
                wrong = {k: (v, shown_change.get(k, 0)) for k, v in expected_change.items() if shown_change.get(k, 0) != v}
                failures.append(f"{where}: the words that changed from {versions[index - 1]['id']} are not the ones "
                                f"that changed on the page (word: expected, shown): {dict(list(wrong.items())[:12])}")
    assert not failures, f"{len(failures)} problem(s):\n" + "\n".join(failures[:20])


def test_every_step_has_a_redline(built: Built):
    marked = unchanged = 0
    failures = []
    for old, new, _, _ in built.steps():
        page = built.redline(new["id"])
        same_text = built.archived(old["id"]).fine == built.archived(new["id"]).fine
        if page.marks:
            marked += 1
            if page.says_unchanged:
                failures.append(f"{new['id']}: has {page.marks} marks but says the text did not change")
            if page.changes_attr <= 0:
                failures.append(f"{new['id']}: has marks but data-pp-changes={page.changes_attr}")
        elif page.says_unchanged:
            unchanged += 1
            if not same_text:
                failures.append(f"{new['id']}: says the text did not change, but the archived pages' words differ: "
                                + first_difference(built.archived(new["id"]).fine, built.archived(old["id"]).fine))
        else:
            failures.append(f"{new['id']}: no <ins>/<del> in the redline and no 'did not change'")
    assert not failures, "\n".join(failures)
    assert marked + unchanged == len(built.versions) - 1


def test_redlines_are_balanced_html(built: Built):
    failures = []
    for _, new, _, _ in built.steps():
        try:
            check_balanced(built.redline(new["id"]).marked)
        except BalanceError as exc:
            failures.append(f"{new['id']}: {exc}")
    assert not failures, "\n".join(failures)


def _glued(got: list[str], expected: list[str]) -> str:
    """Tell a lost word boundary (the same letters, two words run together) from lost or extra text."""
    if "".join(got) == "".join(expected):
        return " (same letters: only word boundaries differ, two words are run together)"
    return ""


def test_redline_reads_as_old_and_new(built: Built):
    """Without its <del> the redline reads as the new version; without its <ins>, as the old one."""
    failures = []
    for old, new, _, _ in built.steps():
        marked = built.redline(new["id"]).marked
        as_new = html_words(marked, skip=frozenset({"del"}))
        as_old = html_words(marked, skip=frozenset({"ins"}))
        new_words, old_words = built.archived(new["id"]).words, built.archived(old["id"]).words
        if as_new != new_words:
            failures.append(f"{new['id']} without <del> is not version {new['id']}{_glued(as_new, new_words)}: "
                            + first_difference(as_new, new_words))
        if as_old != old_words:
            failures.append(f"{new['id']} without <ins> is not version {old['id']}{_glued(as_old, old_words)}: "
                            + first_difference(as_old, old_words))
    assert not failures, f"{len(failures)} problem(s):\n" + "\n".join(failures[:10])


def _site_files(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


_GENERATOR = re.compile(r'<meta name="generator" content="[^"]*">')


def test_properdocs_matches_mkdocs(corpus_builds):
    if corpus_builds["properdocs"] is None:
        pytest.skip(f"{PROPERDOCS_FOLDER} is not selected")
    built: Built = corpus_builds["builds"][PROPERDOCS_FOLDER].result()
    assert built.result.returncode == 0, built.result.stderr[-4000:]
    result = corpus_builds["properdocs"].result()
    assert result.returncode == 0, f"properdocs build failed:\n{result.stderr[-4000:]}"
    assert "mkdocs.yml" in result.stderr, "expected ProperDocs to say it read mkdocs.yml"
    proper = built.root / "site-properdocs"
    assert _site_files(proper) == _site_files(built.site)
    assert (proper / SLUG / "versions.json").read_bytes() == (built.site / SLUG / "versions.json").read_bytes()
    # Every page is the same but for the generator tag.
    different = []
    for name in _site_files(built.site):
        if not name.endswith(".html"):
            continue
        a = _GENERATOR.sub("", (built.site / name).read_text(encoding="utf-8"))
        b = _GENERATOR.sub("", (proper / name).read_text(encoding="utf-8"))
        if a != b:
            different.append(name)
    assert not different, different[:10]
