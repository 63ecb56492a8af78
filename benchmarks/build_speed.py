#!/usr/bin/env python3
"""Benchmark `mkdocs build` with policypress against a plain mkdocs-material site of the same size.

Why this exists
---------------
policypress turns every Git version of a policy into two pages: the archived text at
``<doc>/versions/<id>/`` and a redline against the previous version at ``<doc>/changes/<id>/``.
A policy with a long history therefore makes a large site (2N+2 pages for N versions), and every
one of those pages is a ~40 KB legal text. Part of that cost is unavoidable -- MkDocs and the
Material theme render and write every page whatever produced it -- and part is policypress's own
(reading the history, rendering each version, diffing adjacent versions). This script separates the
two: it builds a policypress site from a synthetic history of N commits, and a plain
mkdocs-material site (no policypress) with exactly as many pages of the same Markdown, and reports
both build times, their ratio, peak memory, and how the policypress build grows from one N to the
next (doubling N should roughly double the time; much more means something is quadratic).

What it builds
--------------
For each N, in a temporary directory:

* ``policypress-N/``: a Git repository whose history has N commits of ``policy/privacy.md``.
  The first is the body of this repository's ``policy/privacy.md`` (~37 KB) under a minimal front
  matter (``title``, ``effective``); each later commit edits a few words in 1-3 random prose
  paragraphs, sometimes adds or removes a list item, and every 2-5 commits moves ``effective:`` to
  a new, later date. Commit dates increase by 1-5 days per commit, starting in 2005, so every
  version is in the past. A seeded RNG (``--seed``) makes the history identical from run to run.
  The commits are written with one ``git fast-import`` process (N ``git commit`` processes would
  take longer than the smaller builds themselves). ``mkdocs.yml``: theme ``material``
  (``font: false``), ``plugins: [policypress]``, ``markdown_extensions: [toc, tables]``.
* ``plain-N/``: the same ``mkdocs.yml`` without policypress (``plugins: []``, so no search either)
  and one Markdown file per page the plugin produces: ``index.md``, the live ``privacy.md``, the
  versions index, N archived versions and N-1 "redlines", each file one of the N version texts
  (the redline and index pages reuse version texts). Like policypress's generated pages, the
  archive pages are kept out of the navigation (``not_in_nav``), so the two sites have the same nav.

Each site is built with ``python -m mkdocs build --clean`` (``NO_MKDOCS_2_WARNING=1``) in a fresh
wrapper process that times the build (wall clock) and reports its own ``RUSAGE_CHILDREN`` peak
RSS, which is the build's peak (including any git processes it ran). With ``--repeat R`` each
build is run R times and the best time is shown. The policypress build is checked to have produced
N archived version pages and N-1 redline pages, and both sites to have the same number of pages.

How to run
----------
From the repository root, with the project's virtualenv (policypress installed editable)::

    python benchmarks/build_speed.py                      # N = 100 and 200, one build each
    python benchmarks/build_speed.py [--versions 100 200] [--repeat 1]
    python benchmarks/build_speed.py --versions 50 --keep # keep the temp dirs to inspect them
    python benchmarks/build_speed.py --versions 200 1000 --policy tests/labels/bases/demo-privacy-2027-01-01.md

After the builds it measures a `mkdocs serve` rebuild after one commit (``--serve N`` versions,
default 400; benchmarks/serve_rebuild.py) and runs benchmarks/scaling.py (``--scaling D`` doublings,
default 3), so that one run prints every number of the README's Performance section. ``--serve 0
--scaling 0`` measures the builds only.

Only the standard library, git, MkDocs, mkdocs-material and policypress are needed. The builds of the
defaults take about half a minute on an idle two-core machine (``--repeat 3`` about three times that);
the serve measurement and the scaling table add several minutes (``--serve 0 --scaling 0`` skip them).
Wall-clock times are only as good as the machine is idle: the second table gives each build's CPU
time too, and the script says so when wall clock ran well above CPU time. ``--keep`` prints where
the sites are; each has its build log in ``build.log``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence

ROOT = Path(__file__).resolve().parents[1]
SEED_POLICY = ROOT / "policy" / "privacy.md"

MKDOCS_YML = """\
site_name: build speed benchmark
docs_dir: policy
site_dir: site
theme:
  name: material
  font: false
plugins:{plugins}
markdown_extensions:
  - toc
  - tables
{extra}"""

INDEX_MD = """\
---
title: Our policies
---

# Our policies

- [Privacy Policy](privacy.md)
"""

# A fresh process per build: time it and report the peak RSS of its children (only the build, and
# whatever git processes the build itself runs). ru_maxrss is KiB on Linux, bytes on macOS.
WRAPPER = r"""
import json, resource, subprocess, sys, time
cmd, cwd, log = json.loads(sys.argv[1])
with open(log, "w") as out:
    start = time.perf_counter()
    rc = subprocess.run(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT).returncode
    wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
rss = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
print(json.dumps({"rc": rc, "wall": wall, "rss_mib": rss, "cpu": usage.ru_utime + usage.ru_stime}))
"""

_LIST_LINE = re.compile(r"^(?:[-*+]|\d+\.)\s")
_WORD = re.compile(r"^[A-Za-z]{3,}$")


# -- the synthetic history ---------------------------------------------------------------------
@dataclass
class Revision:
    text: str  # the whole file, front matter included
    committed: dt.datetime
    subject: str


def split_seed(text: str) -> tuple[str, list[str]]:
    """The seed's title and its body as blocks (paragraphs, headings, lists) split at blank lines."""
    title = "Privacy Policy"
    if text.startswith("---\n"):
        front, _, text = text[4:].partition("\n---\n")
        match = re.search(r"^title:\s*(.+)$", front, re.M)
        if match:
            title = match.group(1).strip().strip("'\"")
    blocks = [b.strip("\n") for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    return title, blocks


def is_prose(block: str) -> bool:
    first = block.lstrip()
    return not (first.startswith(("#", "|", ">", "```")) or _LIST_LINE.match(first))


def is_list(block: str) -> bool:
    lines = block.split("\n")
    return bool(_LIST_LINE.match(lines[0])) and all(_LIST_LINE.match(l) or l.startswith(" ") for l in lines)


class History:
    """A seeded random walk of edits over the seed policy, one Revision per commit."""

    def __init__(self, seed_text: str, seed: int):
        self.rng = random.Random(seed)
        self.title, self.blocks = split_seed(seed_text)
        words = {w for b in self.blocks for w in re.findall(r"[A-Za-z]{4,}", b)}
        self.vocabulary = sorted(w.lower() for w in words)

    def _sentence(self) -> str:
        rng = self.rng
        words = [rng.choice(self.vocabulary) for _ in range(rng.randint(6, 16))]
        return words[0].capitalize() + " " + " ".join(words[1:]) + "."

    def _edit_words(self, index: int) -> str:
        """Replace, insert or delete a few words of one paragraph; return a short description."""
        rng = self.rng
        tokens = self.blocks[index].split(" ")
        candidates = [i for i, t in enumerate(tokens) if _WORD.match(t)]
        if not candidates:
            return ""
        for position in sorted(rng.sample(candidates, min(len(candidates), rng.randint(1, 4))), reverse=True):
            roll = rng.random()
            if roll < 0.6:
                replacement = rng.choice(self.vocabulary)
                tokens[position] = replacement if replacement != tokens[position] else replacement + "s"
            elif roll < 0.8:
                tokens.insert(position + 1, rng.choice(self.vocabulary))
            elif len(tokens) > 8:
                del tokens[position]
            else:
                tokens[position] = rng.choice(self.vocabulary)
        self.blocks[index] = " ".join(tokens)
        return f"reword paragraph {index}"

    def _edit_list(self) -> str:
        rng = self.rng
        lists = [i for i, b in enumerate(self.blocks) if is_list(b)]
        if not lists:
            return ""
        index = rng.choice(lists)
        items: list[str] = []  # one entry per item, continuation lines included
        for line in self.blocks[index].split("\n"):
            if _LIST_LINE.match(line) or not items:
                items.append(line)
            else:
                items[-1] += "\n" + line
        if len(items) > 2 and rng.random() < 0.5:
            del items[rng.randrange(len(items))]
            action = "remove"
        else:
            at = rng.randrange(len(items))
            marker = _LIST_LINE.match(items[at]).group(0)
            items.insert(at + 1, marker + "(new) " + self._sentence())
            action = "add"
        self.blocks[index] = "\n".join(items)
        return f"{action} a list item in block {index}"

    def revisions(self, count: int) -> list[Revision]:
        rng = self.rng
        committed = dt.datetime(2005, 1, 3, 10, 0, tzinfo=dt.timezone.utc)
        effective = committed.date() + dt.timedelta(days=14)
        next_effective_change = rng.randint(2, 5)
        result: list[Revision] = []
        previous_text = None
        for number in range(count):
            changes = []
            if number:
                committed += dt.timedelta(days=rng.randint(1, 5), minutes=rng.randint(0, 600))
                prose = [i for i, b in enumerate(self.blocks) if is_prose(b)]
                for index in rng.sample(prose, rng.randint(1, 3)):
                    changes.append(self._edit_words(index))
                if rng.random() < 0.25:
                    changes.append(self._edit_list())
                next_effective_change -= 1
                if next_effective_change == 0:
                    effective = max(effective + dt.timedelta(days=1),
                                    committed.date() + dt.timedelta(days=rng.randint(7, 30)))
                    next_effective_change = rng.randint(2, 5)
                    changes.append(f"effective {effective.isoformat()}")
            text = (f"---\ntitle: {self.title}\neffective: {effective.isoformat()}\n---\n\n"
                    + "\n\n".join(self.blocks) + "\n")
            if text == previous_text:  # cannot happen with the edits above, but never emit a no-op
                self.blocks.append(self._sentence())
                text = text + "\n" + self.blocks[-1] + "\n"
            previous_text = text
            subject = "Publish the privacy policy" if not number else "; ".join(c for c in changes if c)
            result.append(Revision(text, committed, subject or "edit"))
        return result


# -- the two sites -----------------------------------------------------------------------------
def _data(payload: bytes) -> bytes:
    return b"data %d\n" % len(payload) + payload + b"\n"


def write_git_history(root: Path, revisions: list[Revision], config: str) -> None:
    """One `git fast-import` stream: mkdocs.yml and index.md in the first commit, then the policy."""
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True, env=env)
    stream = bytearray()
    for number, revision in enumerate(revisions, start=1):
        stamp = f"{int(revision.committed.timestamp())} +0000"
        stream += b"commit refs/heads/main\nmark :%d\n" % number
        stream += f"author Legal Author <author@example.com> {stamp}\n".encode()
        stream += f"committer Legal Author <author@example.com> {stamp}\n".encode()
        stream += _data(revision.subject.encode())
        if number > 1:
            stream += b"from :%d\n" % (number - 1)
        else:
            stream += b"M 100644 inline mkdocs.yml\n" + _data(config.encode())
            stream += b"M 100644 inline policy/index.md\n" + _data(INDEX_MD.encode())
        stream += b"M 100644 inline policy/privacy.md\n" + _data(revision.text.encode())
    stream += b"done\n"
    subprocess.run(["git", "fast-import", "--quiet", "--done"], cwd=root, input=bytes(stream),
                   check=True, env=env)
    subprocess.run(["git", "reset", "-q", "--hard", "main"], cwd=root, check=True, env=env)


def make_policypress_site(root: Path, revisions: list[Revision]) -> None:
    config = MKDOCS_YML.format(plugins='\n  - policypress:\n      include: ["*.md"]', extra="")  # the policy is docs_dir/privacy.md
    write_git_history(root, revisions, config)
    live = (root / "policy" / "privacy.md").read_text(encoding="utf-8")
    assert live == revisions[-1].text, "the checked-out policy is not the last revision"


def make_plain_site(root: Path, revisions: list[Revision]) -> int:
    """The same number of pages, each one of the version texts; returns the number of pages."""
    extra = "not_in_nav: |\n  /privacy/versions/\n  /privacy/changes/\n  /privacy/in-force/\n"
    (root / "policy").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(plugins=" []", extra=extra), encoding="utf-8")
    docs = root / "policy"
    pages = {"index.md": INDEX_MD, "privacy.md": revisions[-1].text,
             "privacy/versions/index.md": revisions[-1].text, "privacy/in-force/index.md": INDEX_MD}
    for number, revision in enumerate(revisions):
        pages[f"privacy/versions/v{number:05d}/index.md"] = revision.text
        if number:
            pages[f"privacy/changes/v{number:05d}/index.md"] = revision.text
    for path, text in pages.items():
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return len(pages)


# -- building and measuring --------------------------------------------------------------------
@dataclass
class Measurement:
    wall: float  # best of the repeats, seconds
    rss_mib: float  # peak RSS of the best run
    cpu: float  # user + system seconds of the best run


def build(root: Path, repeat: int, cold: bool = True) -> Measurement:
    """Best of `repeat` builds; `cold` removes policypress's cache (.cache/policypress) before each."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--clean"]
    best: Optional[Measurement] = None
    for _ in range(repeat):
        if cold:
            shutil.rmtree(root / ".cache", ignore_errors=True)
        args = json.dumps([command, str(root), str(root / "build.log")])
        done = subprocess.run([sys.executable, "-c", WRAPPER, args], env=env, capture_output=True,
                              text=True, check=True)
        report = json.loads(done.stdout.strip().splitlines()[-1])
        if report["rc"] != 0:
            log = (root / "build.log").read_text(encoding="utf-8", errors="replace")
            raise SystemExit(f"mkdocs build failed in {root} (exit {report['rc']}):\n{log[-4000:]}")
        measurement = Measurement(report["wall"], report["rss_mib"], report["cpu"])
        if best is None or measurement.wall < best.wall:
            best = measurement
    assert best is not None
    return best


HISTORY_PROBE = r"""
import json, sys, time
from pathlib import Path
from policypress.archive.history import GitRepository
from policypress.archive.timeline import Settings, Timeline
root = Path(sys.argv[1])
best = None
for _ in range(3):
    started = time.perf_counter()
    with GitRepository(root) as repo:
        documents = Timeline(Settings(root / "policy", root / "versions"), repo).documents()
    elapsed = time.perf_counter() - started
    best = elapsed if best is None else min(best, elapsed)
print(json.dumps({"seconds": best, "versions": sum(len(d.versions) for d in documents)}))
"""

DIFF_PROBE = r"""
import json, resource, subprocess, sys, tempfile, time
from pathlib import Path
from policypress.archive import frontmatter
from policypress.diff.redline import blocks, redline
from policypress.diff.render import Renderer
root, count = Path(sys.argv[1]), int(sys.argv[2])
texts = subprocess.run(["git", "log", "--first-parent", "--format=%H", "--", "policy/privacy.md"], cwd=root,
                       capture_output=True, text=True, check=True).stdout.split()[:count + 1]
bodies = [subprocess.run(["git", "show", f"{sha}:policy/privacy.md"], cwd=root, capture_output=True, text=True,
                         check=True).stdout for sha in texts]
render = Renderer()
html = [render(frontmatter.split(b).body).html for b in bodies]
pairs = len(bodies) - 1
children = lambda: sum(resource.getrusage(resource.RUSAGE_CHILDREN)[:2])  # user + system of finished children
best = {}
for _ in range(3):
    # as a build does it: each version parsed once, its blocks used by the two redlines it is part of
    started, cpu = time.perf_counter(), time.process_time()
    parsed = [blocks(h) for h in html]
    for a, b in zip(parsed[1:], parsed):
        redline(a, b)
    ours, ours_cpu = time.perf_counter() - started, time.process_time() - cpu
    started = time.perf_counter()
    for a, b in zip(html[1:], html):
        redline(a, b)  # each pair on its own: both versions parsed for it
    alone = time.perf_counter() - started
    git = git_cpu = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for old, new in zip(bodies[1:], bodies):
            Path(tmp, "a.md").write_text(old); Path(tmp, "b.md").write_text(new)
            started, cpu = time.perf_counter(), children()
            subprocess.run(["git", "diff", "--no-index", "--word-diff", "a.md", "b.md"], cwd=tmp, capture_output=True)
            git += time.perf_counter() - started
            git_cpu += children() - cpu
    for name, value in (("ours", ours), ("alone", alone), ("git", git), ("ours_cpu", ours_cpu), ("git_cpu", git_cpu)):
        best[name] = min(best.get(name, value), value)
print(json.dumps({"pairs": pairs, **{f"{name}_ms": 1000 * value / pairs for name, value in best.items()}}))
"""


def probe(code: str, *args: str) -> dict:
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def git_log_p(root: Path) -> float:
    best = None
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run(["git", "log", "-p", "--first-parent", "--", "policy/privacy.md"], cwd=root,
                       stdout=subprocess.DEVNULL, check=True)
        elapsed = time.perf_counter() - started
        best = elapsed if best is None else min(best, elapsed)
    return best


def count_pages(site: Path) -> int:
    """Built pages: every index.html (directory URLs), i.e. every page except 404.html."""
    return sum(1 for _ in site.rglob("index.html"))


def check_policypress_site(root: Path, versions: int) -> int:
    site = root / "site"
    archived = len(list((site / "privacy" / "versions").glob("*/index.html")))
    redlines = len(list((site / "privacy" / "changes").glob("*/index.html")))
    if archived != versions or redlines != versions - 1:
        raise SystemExit(f"policypress built {archived} archived version pages and {redlines} redline "
                         f"pages in {site}; expected {versions} and {versions - 1}")
    return count_pages(site)


# -- the report --------------------------------------------------------------------------------
def table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    line = lambda cells: "| " + " | ".join(c.rjust(w) for c, w in zip(cells, widths)) + " |"
    rule = "|" + "|".join("-" * (w + 1) + ":" for w in widths) + "|"
    return "\n".join([line(headers), rule, *(line(r) for r in rows)])


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--versions", type=int, nargs="+", default=[100, 200], metavar="N",
                        help="numbers of versions (commits) to benchmark (default: 100 200)")
    parser.add_argument("--repeat", type=int, default=1, help="builds per site; the best time is kept")
    parser.add_argument("--seed", type=int, default=20240601, help="seed of the random edits")
    parser.add_argument("--policy", type=Path, default=SEED_POLICY, help="seed policy (default: %(default)s)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary sites for inspection")
    parser.add_argument("--serve", type=int, default=400, metavar="N",
                        help="versions of the `mkdocs serve` rebuild measurement (0: skip it; default: %(default)s)")
    parser.add_argument("--scaling", type=int, default=3, metavar="D",
                        help="doublings of benchmarks/scaling.py to run (0: skip it; default: %(default)s)")
    args = parser.parse_args(argv)
    if any(n < 2 for n in args.versions) or args.repeat < 1:
        parser.error("--versions needs N >= 2 and --repeat at least 1")
    for module in ("mkdocs", "material", "policypress"):
        if importlib.util.find_spec(module) is None:
            parser.error(f"{module} is not importable by {sys.executable}: run this with the project's virtualenv")
    if shutil.which("git") is None:
        parser.error("git is not on PATH")

    started = time.perf_counter()
    seed_text = args.policy.read_text(encoding="utf-8")
    workdir = Path(tempfile.mkdtemp(prefix="policypress-build-speed-"))
    results: dict[int, tuple[int, Measurement, Measurement]] = {}
    extras: dict[int, tuple] = {}
    try:
        for n in sorted(set(args.versions)):
            t0 = time.perf_counter()
            revisions = History(seed_text, args.seed).revisions(n)
            pp_root, plain_root = workdir / f"policypress-{n}", workdir / f"plain-{n}"
            make_policypress_site(pp_root, revisions)
            planned = make_plain_site(plain_root, revisions)
            sizes = [len(r.text.encode()) for r in revisions]
            print(f"N={n}: history and sites written in {time.perf_counter() - t0:.1f}s "
                  f"(policy {min(sizes) / 1024:.1f}-{max(sizes) / 1024:.1f} KiB, {planned} plain pages)",
                  flush=True)
            plain = build(plain_root, args.repeat)
            print(f"N={n}: plain mkdocs-material build {plain.wall:.2f}s", flush=True)
            press = build(pp_root, args.repeat)
            print(f"N={n}: policypress build {press.wall:.2f}s", flush=True)
            warm = build(pp_root, args.repeat, cold=False)
            plain_again = build(plain_root, args.repeat)
            print(f"N={n}: warm rebuilds: policypress {warm.wall:.2f}s, plain {plain_again.wall:.2f}s", flush=True)
            history = probe(HISTORY_PROBE, str(pp_root))
            log_p = git_log_p(pp_root)
            print(f"N={n}: reading history {history['seconds'] * 1000:.0f} ms, git log -p {log_p * 1000:.0f} ms",
                  flush=True)
            diffs = probe(DIFF_PROBE, str(pp_root), str(min(n - 1, 30)))
            pages = check_policypress_site(pp_root, n)
            plain_pages = count_pages(plain_root / "site")
            if plain_pages != pages:
                print(f"warning: N={n}: the plain site has {plain_pages} pages, policypress {pages}",
                      file=sys.stderr)
            results[n] = (pages, plain, press)
            extras[n] = (warm, plain_again, history, log_p, diffs)
    finally:
        if args.keep:
            print(f"sites kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)

    rows = [[str(n), str(pages), f"{plain.wall:.2f}", f"{press.wall:.2f}", f"{press.wall / plain.wall:.2f}x"]
            for n, (pages, plain, press) in results.items()]
    print()
    print(f"mkdocs build wall clock, best of {args.repeat}:")
    print(table(["N", "pages", "plain mkdocs-material s", "policypress s", "ratio"], rows))
    if len(results) >= 2:
        a, b = (100, 200) if 100 in results and 200 in results else (min(results), max(results))
        growth = results[b][2].wall / results[a][2].wall
        cpu_growth = results[b][2].cpu / results[a][2].cpu
        print(f"\ngrowth policypress({b})/policypress({a}): {growth:.2f}x "
              f"(CPU time {cpu_growth:.2f}x; {b / a:.2f}x would be linear)")
    rss_rows = [[str(n), f"{plain.rss_mib:.0f}", f"{press.rss_mib:.0f}", f"{plain.cpu:.2f}", f"{press.cpu:.2f}"]
                for n, (pages, plain, press) in results.items()]
    print("\npeak RSS (MiB) and CPU time (user+sys s) of the same builds:")
    print(table(["N", "plain RSS", "policypress RSS", "plain CPU", "policypress CPU"], rss_rows))
    warm_rows = []
    for n, (warm, plain_again, history, log_p, diffs) in extras.items():
        warm_rows.append([str(n), f"{plain_again.wall:.2f}", f"{warm.wall:.2f}", f"{warm.wall / plain_again.wall:.2f}x",
                          f"{plain_again.cpu:.2f}", f"{warm.cpu:.2f}", f"{warm.cpu / plain_again.cpu:.2f}x",
                          f"{history['seconds'] * 1000:.0f}", f"{log_p * 1000:.0f}", f"{history['seconds'] / log_p:.2f}x",
                          f"{diffs['ours_ms']:.1f}", f"{diffs['alone_ms']:.1f}", f"{diffs['git_ms']:.1f}",
                          f"{diffs['ours_ms'] / diffs['git_ms']:.2f}x", f"{diffs['ours_cpu_ms']:.2f}",
                          f"{diffs['git_cpu_ms']:.2f}", f"{diffs['ours_cpu_ms'] / diffs['git_cpu_ms']:.2f}x"])
    print("\nwarm rebuild (cache present), history reading, and one redline against git's word diff "
          "(redline per pair as a build makes them, each version parsed once; 'alone': both parsed for the pair):")
    print(table(["N", "plain s", "policypress warm s", "ratio", "plain CPU s", "warm CPU s", "CPU ratio", "history ms", "git log -p ms", "ratio",
                 "redline ms/pair", "alone ms/pair", "git word-diff ms/pair", "ratio", "redline CPU ms/pair",
                 "git word-diff CPU ms/pair", "CPU ratio"], warm_rows))
    if args.serve:
        sys.path.insert(0, str(ROOT / "benchmarks"))
        import serve_rebuild  # noqa: E402 - a sibling script
        serve = serve_rebuild.measure(args.serve)
        print(f"\nmkdocs serve with {serve['versions']} versions, one more commit: the rebuild took "
              f"{serve['rebuild']:.2f}s, of which policypress {serve['share']:.3f}s (configuration "
              f"{serve['configuration']:.3f}s, archive work {serve['archive']:.3f}s, filling its pages "
              f"{serve['pages']:.3f}s, its events on every page {serve['events']:.3f}s, warm-up {serve['warm']:.3f}s); "
              f"first build {serve['first']:.2f}s")
    if args.scaling:
        print(f"\nscaling (benchmarks/scaling.py --doublings {args.scaling}):", flush=True)
        done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "scaling.py"), "--doublings",
                               str(args.scaling)], capture_output=True, text=True)
        print(done.stdout.split("\n\n")[-1].strip() if done.stdout else done.stderr[-2000:])
    busy = [f"N={n} {name}" for n, (_, plain, press) in results.items()
            for name, m in (("plain", plain), ("policypress", press)) if m.wall > 1.25 * m.cpu + 0.3]
    if busy:
        print(f"\nnote: wall clock well above CPU time for {', '.join(busy)}: the machine was busy "
              f"(other processes, or I/O); compare CPU times, or rerun with --repeat 3 on an idle machine")
    print(f"\ntotal runtime {time.perf_counter() - started:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
