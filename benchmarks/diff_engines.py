#!/usr/bin/env python3
"""Benchmark word-level diff engines on real policy prose.

Why this exists
---------------
policypress publishes every policy version with a word-level redline against
the previous one. Legal prose is a worst case for line diffs (one paragraph is
one line, up to ~2,000 characters), so the redline is built from a diff over
word tokens. Several engines can produce that diff; they differ a lot in speed
and in how *tight* the result is (how many tokens they mark as changed for the
same edit: fewer is a more readable redline). This script measures them on
real version pairs from ``tests/corpus`` plus one synthetic pair, so the
choice of engine rests on numbers rather than folklore.

What it measures
----------------
Both texts are tokenised with one regex, ``\\s+|\\w+|[^\\w\\s]`` (runs of
whitespace, words, single punctuation marks), and each engine diffs the two
token lists:

* ``difflib`` -- ``difflib.SequenceMatcher``, autojunk on and off.
* ``cydifflib`` -- the Cython build of the same algorithm, autojunk on and off.
* ``diff-match-patch`` -- the pure-Python port of Google's library. Each
  distinct token is mapped to one private character, the two strings are
  diffed with ``diff_main`` (no timeout, no line mode, no cleanup) and the
  character runs are mapped back to token ranges.
* ``fast_diff_match_patch`` -- the C++ port, with the same character mapping,
  via ``fast_diff_match_patch.diff(a, b, cleanup=..., checklines=False)``;
  once with ``cleanup="No"`` (minimal diff) and once with the library's default
  ``cleanup="Semantic"`` (coarser but more human-shaped hunks).
* ``paragraph-aligned`` -- splits both texts into paragraphs at blank lines,
  aligns the paragraphs with ``difflib.SequenceMatcher`` on the paragraph
  strings, pairs the leftover changed paragraphs of each changed block by
  ``rapidfuzz.fuzz.ratio`` >= 50 (falling back to ``difflib`` ratio), keeping
  the pairing in document order, then word-diffs each pair with ``cydifflib``
  (autojunk off). Unpaired paragraphs become whole deletes or inserts. A moved
  paragraph is therefore a delete plus an insert, as in every other engine
  here: opcodes in the ``difflib`` style cannot express moves.
* ``git diff --no-index --word-diff=porcelain`` on the same two texts written
  to a temporary directory, as an outside reference. Its time includes
  starting the process; its token count re-tokenises git's ``+``/``-`` runs
  with the regex above (git itself splits words at whitespace only), so it is
  comparable but not identical.

For every engine and pair the table gives the best-of-3 wall time in ms
(tokenising excluded; character mapping, paragraph splitting and opcode
conversion included), the number of tokens marked changed (deleted + inserted;
lower is tighter), and ``ok``: whether applying the engine's opcodes to the old
token list (``equal`` runs copied from the old list, inserts from the new one)
rebuilds the new token list exactly, with the opcodes covering both lists
contiguously. For git, ``ok`` is "yes" if the porcelain output rebuilds both
files byte for byte, and "yes (ignoring whitespace)" if it rebuilds every
non-whitespace character of both but not their whitespace, which git's word
diff does not report faithfully.

A full run takes about five minutes on two cores, almost all of it in the
slow rows (``difflib`` with autojunk off, pure-Python diff-match-patch on large
changes); ``--quick`` cuts that to about a minute and a half.

Pairs
-----
* github-privacy-statement 0033 -> 0034: the spring-2022 update (big change).
* github-privacy-statement 0050 -> 0051: a small change.
* automattic-privacy-policy 0034 -> 0035: the 2023-11 rewrite.
* github-terms-of-service 0001 -> 0044: distant versions, nine years apart.
* synthetic: github-terms-of-service 0001 (~40 KB) with 5% of its words
  replaced, deleted or followed by an inserted word, and one paragraph moved
  from a quarter to 80% of the way through (fixed seed, so reproducible).

How to run
----------
From the repository root, with the project's virtualenv::

    python benchmarks/diff_engines.py            # best of 3
    python benchmarks/diff_engines.py --quick    # one repeat
    python benchmarks/diff_engines.py --corpus /path/to/another/corpus

Only the standard library is required. The optional engines need
``cydifflib``, ``diff-match-patch``, ``fast-diff-match-patch`` and
``rapidfuzz`` (``pip install`` them); a missing one is reported as
"not installed" in the table instead of stopping the run.
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import importlib.metadata
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional, Sequence

# --------------------------------------------------------------------------
# Optional libraries: import what is there, remember why the rest is not.
# --------------------------------------------------------------------------

IMPORT_ERRORS: dict[str, str] = {}


def _optional_import(module: str):
    """Import ``module`` or record the error and return None."""
    try:
        return importlib.import_module(module)
    except Exception as exc:  # ImportError, or a broken install raising anything
        IMPORT_ERRORS[module] = f"{type(exc).__name__}: {exc}"
        return None


cydifflib = _optional_import("cydifflib")
diff_match_patch = _optional_import("diff_match_patch")
fast_diff_match_patch = _optional_import("fast_diff_match_patch")
rapidfuzz_fuzz = _optional_import("rapidfuzz.fuzz")

# Distribution names, for the version banner.
DISTRIBUTIONS = {
    "cydifflib": "cydifflib",
    "diff_match_patch": "diff-match-patch",
    "fast_diff_match_patch": "fast-diff-match-patch",
    "rapidfuzz.fuzz": "rapidfuzz",
}

# --------------------------------------------------------------------------
# Tokens and opcodes
# --------------------------------------------------------------------------

TOKEN_RE = re.compile(r"\s+|\w+|[^\w\s]")
WORD_RE = re.compile(r"\w+")

Tokens = list[str]
# (tag, i1, i2, j1, j2) over token indices, as difflib.SequenceMatcher.get_opcodes().
Opcode = tuple[str, int, int, int, int]


def tokenize(text: str) -> Tokens:
    """Split text into whitespace runs, words and single punctuation marks.

    The regex matches every character, so ``"".join(tokenize(t)) == t``.
    """
    return TOKEN_RE.findall(text)


def tokens_changed(opcodes: Sequence[Opcode]) -> int:
    """Tokens deleted from the old list plus tokens inserted from the new one."""
    total = 0
    for tag, i1, i2, j1, j2 in opcodes:
        if tag != "equal":
            total += (i2 - i1) + (j2 - j1)
    return total


def opcodes_rebuild(a: Tokens, b: Tokens, opcodes: Sequence[Opcode]) -> bool:
    """Check that applying ``opcodes`` to ``a`` yields ``b``.

    ``equal`` runs are copied from the *old* list, inserted/replacing runs from
    the new one, so a wrong ``equal`` range shows up as a mismatch. The opcodes
    must also tile both lists without gaps or overlaps.
    """
    out: Tokens = []
    i = j = 0
    for tag, i1, i2, j1, j2 in opcodes:
        if (i1, j1) != (i, j) or i2 < i1 or j2 < j1:
            return False
        if tag == "equal":
            if i2 - i1 != j2 - j1:
                return False
            out.extend(a[i1:i2])
        elif tag in ("replace", "insert", "delete"):
            out.extend(b[j1:j2])
        else:
            return False
        i, j = i2, j2
    return (i, j) == (len(a), len(b)) and out == b


# --------------------------------------------------------------------------
# Engines. Each takes two token lists and returns difflib-style opcodes.
# --------------------------------------------------------------------------


def _sequence_matcher_engine(module, autojunk: bool) -> Callable[[Tokens, Tokens], list[Opcode]]:
    def run(a: Tokens, b: Tokens) -> list[Opcode]:
        return module.SequenceMatcher(None, a, b, autojunk=autojunk).get_opcodes()

    return run


def _encode_tokens(a: Tokens, b: Tokens) -> tuple[str, str]:
    """Map each distinct token to one character so char diffs become token diffs.

    Code points start at U+0100 and skip the surrogate block, which neither
    library can carry in a Python str.
    """
    table: dict[str, str] = {}

    def char_for(token: str) -> str:
        ch = table.get(token)
        if ch is None:
            cp = 0x100 + len(table)
            if cp >= 0xD800:
                cp += 0x800
            ch = table[token] = chr(cp)
        return ch

    return "".join(map(char_for, a)), "".join(map(char_for, b))


def _runs_to_opcodes(runs) -> list[Opcode]:
    """Turn (op, length) runs with op in '=', '-', '+' into opcodes."""
    opcodes: list[Opcode] = []
    i = j = 0
    for op, n in runs:
        if op == "=":
            opcodes.append(("equal", i, i + n, j, j + n))
            i += n
            j += n
        elif op == "-":
            opcodes.append(("delete", i, i + n, j, j))
            i += n
        elif op == "+":
            opcodes.append(("insert", i, i, j, j + n))
            j += n
        else:
            raise ValueError(f"unknown diff op {op!r}")
    return opcodes


_DMP_OPS = {0: "=", -1: "-", 1: "+"}


def dmp_python(a: Tokens, b: Tokens) -> list[Opcode]:
    """Pure-Python diff-match-patch: no timeout, no line mode, no cleanup."""
    ea, eb = _encode_tokens(a, b)
    dmp = diff_match_patch.diff_match_patch()
    dmp.Diff_Timeout = 0  # run to the optimal diff instead of giving up after 1 s
    diffs = dmp.diff_main(ea, eb, False)
    return _runs_to_opcodes((_DMP_OPS[op], len(text)) for op, text in diffs)


def _fast_dmp_engine(cleanup: str) -> Callable[[Tokens, Tokens], list[Opcode]]:
    def run(a: Tokens, b: Tokens) -> list[Opcode]:
        ea, eb = _encode_tokens(a, b)
        runs = fast_diff_match_patch.diff(
            ea, eb, timelimit=0, checklines=False, cleanup=cleanup, counts_only=True
        )
        return _runs_to_opcodes(runs)

    return run


def split_paragraphs(tokens: Tokens) -> list[tuple[int, int]]:
    """Token ranges of paragraphs; a paragraph ends after a blank line.

    A paragraph keeps its trailing whitespace token, so the ranges tile the
    token list exactly and paragraph boundaries are token boundaries.
    """
    ranges: list[tuple[int, int]] = []
    start = 0
    for k, tok in enumerate(tokens):
        if tok[0].isspace() and tok.count("\n") >= 2:
            ranges.append((start, k + 1))
            start = k + 1
    if start < len(tokens):
        ranges.append((start, len(tokens)))
    return ranges


PAIR_THRESHOLD = 50.0  # minimum similarity (0-100) to word-diff two paragraphs


def _similarity(x: str, y: str) -> float:
    """Paragraph similarity on a 0-100 scale (rapidfuzz, else difflib)."""
    if rapidfuzz_fuzz is not None:
        return rapidfuzz_fuzz.ratio(x, y, score_cutoff=PAIR_THRESHOLD)
    sm = difflib.SequenceMatcher(None, x, y, autojunk=False)
    if sm.real_quick_ratio() * 100 < PAIR_THRESHOLD or sm.quick_ratio() * 100 < PAIR_THRESHOLD:
        return 0.0
    return sm.ratio() * 100


def _pair_in_order(old: list[str], new: list[str]) -> list[tuple[int, int]]:
    """Pair paragraphs of one changed block, keeping document order.

    Dynamic programming over the similarity matrix: maximise the summed
    similarity of pairs scoring >= PAIR_THRESHOLD, with pairs monotone in both
    lists (so the result is still expressible as ordered opcodes).
    """
    m, n = len(old), len(new)
    score = [[_similarity(x, y) for y in new] for x in old]
    best = [[0.0] * (n + 1) for _ in range(m + 1)]
    for x in range(1, m + 1):
        row, prev = best[x], best[x - 1]
        for y in range(1, n + 1):
            val = max(prev[y], row[y - 1])
            s = score[x - 1][y - 1]
            if s >= PAIR_THRESHOLD and prev[y - 1] + s > val:
                val = prev[y - 1] + s
            row[y] = val
    pairs: list[tuple[int, int]] = []
    x, y = m, n
    while x > 0 and y > 0:
        s = score[x - 1][y - 1]
        if s >= PAIR_THRESHOLD and best[x][y] == best[x - 1][y - 1] + s:
            pairs.append((x - 1, y - 1))
            x, y = x - 1, y - 1
        elif best[x][y] == best[x - 1][y]:
            x -= 1
        else:
            y -= 1
    pairs.reverse()
    return pairs


def paragraph_aligned(a: Tokens, b: Tokens) -> list[Opcode]:
    """Align paragraphs first, then word-diff the paired changed paragraphs."""
    word_sm = (cydifflib or difflib).SequenceMatcher
    pa, pb = split_paragraphs(a), split_paragraphs(b)
    sa = ["".join(a[s:e]) for s, e in pa]
    sb = ["".join(b[s:e]) for s, e in pb]

    def span(ranges, lo, hi, length):
        """Token range covered by paragraphs lo..hi-1 (empty: at the next start)."""
        if lo == hi:
            pos = ranges[lo][0] if lo < len(ranges) else length
            return pos, pos
        return ranges[lo][0], ranges[hi - 1][1]

    opcodes: list[Opcode] = []

    def emit(tag, i1, i2, j1, j2):
        if i1 != i2 or j1 != j2:
            opcodes.append((tag, i1, i2, j1, j2))

    def emit_gap(x1, x2, y1, y2):
        """Unpaired paragraphs: whole deletes, then whole inserts."""
        i1, i2 = span(pa, x1, x2, len(a))
        j1, j2 = span(pb, y1, y2, len(b))
        emit("delete", i1, i2, j1, j1)
        emit("insert", i2, i2, j1, j2)

    aligner = difflib.SequenceMatcher(None, sa, sb, autojunk=False)
    for tag, x1, x2, y1, y2 in aligner.get_opcodes():
        if tag == "equal":
            i1, i2 = span(pa, x1, x2, len(a))
            j1, j2 = span(pb, y1, y2, len(b))
            emit("equal", i1, i2, j1, j2)
            continue
        x, y = x1, y1
        for px, py in _pair_in_order(sa[x1:x2], sb[y1:y2]):
            px, py = px + x1, py + y1
            emit_gap(x, px, y, py)
            (i1, i2), (j1, j2) = pa[px], pb[py]
            sm = word_sm(None, a[i1:i2], b[j1:j2], autojunk=False)
            for t, ii1, ii2, jj1, jj2 in sm.get_opcodes():
                emit(t, i1 + ii1, i1 + ii2, j1 + jj1, j1 + jj2)
            x, y = px + 1, py + 1
        emit_gap(x, x2, y, y2)
    return opcodes


@dataclass
class Engine:
    name: str
    run: Optional[Callable[[Tokens, Tokens], list[Opcode]]]
    missing: Optional[str] = None  # why it cannot run, if it cannot


def _needs(module_name: str, name: str, make_run: Callable[[], Callable]) -> Engine:
    """An engine that runs only if ``module_name`` imported."""
    if module_name in IMPORT_ERRORS:
        return Engine(name, None, f"not installed ({IMPORT_ERRORS[module_name]})")
    return Engine(name, make_run())


def build_engines() -> list[Engine]:
    engines = [
        Engine("difflib autojunk=True", _sequence_matcher_engine(difflib, True)),
        Engine("difflib autojunk=False", _sequence_matcher_engine(difflib, False)),
        _needs("cydifflib", "cydifflib autojunk=True",
               lambda: _sequence_matcher_engine(cydifflib, True)),
        _needs("cydifflib", "cydifflib autojunk=False",
               lambda: _sequence_matcher_engine(cydifflib, False)),
        _needs("diff_match_patch", "diff-match-patch (pure Python)", lambda: dmp_python),
        _needs("fast_diff_match_patch", "fast_diff_match_patch cleanup=No",
               lambda: _fast_dmp_engine("No")),
        _needs("fast_diff_match_patch", "fast_diff_match_patch cleanup=Semantic",
               lambda: _fast_dmp_engine("Semantic")),
    ]
    label = "paragraph-aligned"
    helpers = []
    if rapidfuzz_fuzz is None:
        helpers.append("difflib ratio")
    if cydifflib is None:
        helpers.append("difflib words")
    if helpers:
        label += f" ({', '.join(helpers)})"
    engines.append(Engine(label, paragraph_aligned))
    return engines


# --------------------------------------------------------------------------
# git reference
# --------------------------------------------------------------------------


def git_word_diff(workdir: Path, old: str, new: str) -> subprocess.CompletedProcess:
    """Run git's porcelain word diff on the two files with one hunk for the whole file."""
    context = max(old.count("\n"), new.count("\n")) + 10
    env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull)
    return subprocess.run(
        ["git", "diff", "--no-index", "--no-color", "--no-ext-diff",
         "--word-diff=porcelain", f"--unified={context}", "old.md", "new.md"],
        cwd=workdir, env=env, capture_output=True, check=False,
    )


def parse_porcelain(output: str) -> tuple[str, str, int]:
    """Rebuild (old, new) text from porcelain word-diff output; count changed tokens."""
    lines = output.split("\n")
    try:
        start = next(k for k, line in enumerate(lines) if line.startswith("@@")) + 1
    except StopIteration:
        return "", "", 0
    old: list[str] = []
    new: list[str] = []
    changed = 0
    for line in lines[start:]:
        if not line:
            continue
        mark, body = line[0], line[1:]
        if mark == " ":
            old.append(body)
            new.append(body)
        elif mark == "-":
            old.append(body)
            changed += len(tokenize(body))
        elif mark == "+":
            new.append(body)
            changed += len(tokenize(body))
        elif mark == "~":
            old.append("\n")
            new.append("\n")
        elif mark == "\\":  # "\ No newline at end of file": drop the last newline
            for side in (old, new):
                if side and side[-1] == "\n":
                    side.pop()
    return "".join(old), "".join(new), changed


# --------------------------------------------------------------------------
# Pairs
# --------------------------------------------------------------------------


@dataclass
class Pair:
    name: str
    old: str
    new: str
    note: str


def default_corpus() -> Path:
    return Path(__file__).resolve().parents[1] / "tests" / "corpus"


def read_version(corpus: Path, folder: str, number: int) -> str:
    matches = sorted((corpus / folder).glob(f"{number:04d}-*.md"))
    if not matches:
        raise FileNotFoundError(f"no version {number:04d} in {corpus / folder}")
    return matches[0].read_text(encoding="utf-8")


CORPUS_PAIRS = [
    # (label, folder, old version, new version, note)
    ("gh-privacy 0033→0034", "github-privacy-statement", 33, 34, "big change (spring 2022 update)"),
    ("gh-privacy 0050→0051", "github-privacy-statement", 50, 51, "small change"),
    ("automattic 0034→0035", "automattic-privacy-policy", 34, 35, "rewrite (2023-11)"),
    ("gh-tos 0001→0044", "github-terms-of-service", 1, 44, "distant: 2017 vs 2026"),
]

SYNTHETIC_SEED = 20240417
SYNTHETIC_EDIT_RATE = 0.05


def synthetic_pair(base: str, seed: int = SYNTHETIC_SEED) -> Pair:
    """Edit 5% of the words of ``base`` and move one paragraph.

    Each chosen word is replaced by another word of the document (half the
    time), deleted with its following space, or followed by an inserted word.
    Then the first paragraph of at least 60 tokens from a quarter of the way
    in moves to 80% of the way through.
    """
    rng = random.Random(seed)
    tokens = tokenize(base)
    word_positions = [k for k, t in enumerate(tokens) if WORD_RE.fullmatch(t)]
    vocabulary = sorted({tokens[k] for k in word_positions})
    chosen = rng.sample(word_positions, round(len(word_positions) * SYNTHETIC_EDIT_RATE))
    counts = {"replace": 0, "delete": 0, "insert": 0}
    for k in sorted(chosen, reverse=True):  # back to front keeps indices valid
        op = rng.choice(("replace", "replace", "delete", "insert"))
        counts[op] += 1
        if op == "replace":
            replacement = rng.choice(vocabulary)
            while replacement == tokens[k]:
                replacement = rng.choice(vocabulary)
            tokens[k] = replacement
        elif op == "delete":
            end = k + 2 if k + 1 < len(tokens) and tokens[k + 1] == " " else k + 1
            del tokens[k:end]
        else:
            tokens[k + 1:k + 1] = [" ", rng.choice(vocabulary)]

    paragraphs = [tokens[s:e] for s, e in split_paragraphs(tokens)]
    # First paragraph of real prose (>= 60 tokens) from a quarter of the way in.
    src = next(p for p in range(len(paragraphs) // 4, len(paragraphs) - 1)
               if len(paragraphs[p]) >= 60)
    moved = paragraphs.pop(src)
    dst = int(len(paragraphs) * 0.8)
    paragraphs.insert(dst, moved)
    new = "".join(t for p in paragraphs for t in p)
    note = (f"{len(chosen)} of {len(word_positions)} words edited "
            f"({counts['replace']} replaced, {counts['delete']} deleted, "
            f"{counts['insert']} with a word inserted); paragraph of "
            f"{len(moved)} tokens moved from #{src} to #{dst}")
    return Pair("synthetic 5% + move", base, new, note)


def load_pairs(corpus: Path) -> list[Pair]:
    pairs = [
        Pair(label, read_version(corpus, folder, v_old), read_version(corpus, folder, v_new),
             f"{folder} {v_old:04d}→{v_new:04d}: {note}")
        for label, folder, v_old, v_new, note in CORPUS_PAIRS
    ]
    pairs.append(synthetic_pair(read_version(corpus, "github-terms-of-service", 1)))
    return pairs


# --------------------------------------------------------------------------
# Measuring and printing
# --------------------------------------------------------------------------


@dataclass
class Row:
    engine: str
    pair: str
    ms: Optional[float]
    changed: Optional[int]
    ok: str


def best_time(fn: Callable[[], object], repeats: int) -> tuple[float, object]:
    """Best wall time in ms over ``repeats`` calls, and the last result."""
    best = float("inf")
    result = None
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, (time.perf_counter() - t0) * 1000)
    return best, result


def measure_engine(engine: Engine, pair: Pair, a: Tokens, b: Tokens, repeats: int) -> Row:
    try:
        ms, opcodes = best_time(lambda: engine.run(a, b), repeats)
    except Exception as exc:
        return Row(engine.name, pair.name, None, None, f"error: {type(exc).__name__}: {exc}")
    ok = "yes" if opcodes_rebuild(a, b, opcodes) else "NO"
    return Row(engine.name, pair.name, ms, tokens_changed(opcodes), ok)


def measure_git(pair: Pair, workdir: Path, repeats: int) -> Row:
    name = "git diff --word-diff=porcelain"
    if shutil.which("git") is None:
        return Row(name, pair.name, None, None, "not installed (git not on PATH)")
    (workdir / "old.md").write_text(pair.old, encoding="utf-8")
    (workdir / "new.md").write_text(pair.new, encoding="utf-8")
    ms, proc = best_time(lambda: git_word_diff(workdir, pair.old, pair.new), repeats)
    if proc.returncode not in (0, 1):
        return Row(name, pair.name, ms, None, f"error: git exit {proc.returncode}: "
                   f"{proc.stderr.decode(errors='replace').strip()[:120]}")
    if proc.returncode == 0:  # no differences, no output
        return Row(name, pair.name, ms, 0, "yes" if pair.old == pair.new else "NO")
    old, new, changed = parse_porcelain(proc.stdout.decode("utf-8", errors="surrogateescape"))
    if old == pair.old and new == pair.new:
        ok = "yes"
    elif _squeeze(old) == _squeeze(pair.old) and _squeeze(new) == _squeeze(pair.new):
        ok = GIT_WORDS_ONLY
    else:
        ok = "NO"
    return Row(name, pair.name, ms, changed, ok)


# git's word diff splits at whitespace and does not report whitespace as such:
# context lines show one side's spacing, a deleted blank line prints as a bare
# "~", and a removed word may lose the space before it. So its output rebuilds
# the non-whitespace characters of both files, but not their bytes.
GIT_WORDS_ONLY = "yes (ignoring whitespace)"


def _squeeze(text: str) -> str:
    """``text`` with all whitespace removed."""
    return "".join(text.split())


def version_banner() -> str:
    parts = [f"Python {platform.python_version()}"]
    for module, dist in DISTRIBUTIONS.items():
        if module in IMPORT_ERRORS:
            parts.append(f"{dist} not installed")
            continue
        try:
            parts.append(f"{dist} {importlib.metadata.version(dist)}")
        except importlib.metadata.PackageNotFoundError:
            parts.append(f"{dist} (version unknown)")
    git = shutil.which("git")
    if git:
        out = subprocess.run([git, "--version"], capture_output=True, text=True).stdout.strip()
        parts.append(out)
    return ", ".join(parts)


def format_table(rows: list[Row]) -> str:
    lines = ["| engine | pair | ms | tokens changed | ok |", "| --- | --- | ---: | ---: | --- |"]
    for r in rows:
        ms = "–" if r.ms is None else f"{r.ms:.1f}"
        changed = "–" if r.changed is None else str(r.changed)
        lines.append(f"| {r.engine} | {r.pair} | {ms} | {changed} | {r.ok} |")
    return "\n".join(lines)


def print_policypress(pairs: list[Pair], repeats: int) -> None:
    """The engine policypress ships: block alignment then words, on the *rendered* documents."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugins"))
    try:
        from policypress.archive import frontmatter
        from policypress.diff.redline import redline
        from policypress.diff.render import Renderer
    except ImportError as exc:  # pragma: no cover - run from a checkout with the dependencies installed
        print(f"\npolicypress not importable: {exc}")
        return
    render = Renderer()
    print("\n| policypress redline (rendered HTML) | pair | render ms (both) | redline ms | words marked (+/−) | changes |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for pair in pairs:
        old_body, new_body = frontmatter.split(pair.old).body, frontmatter.split(pair.new).body
        render_ms, (old_html, new_html) = best_time(
            lambda: (Renderer()(old_body).html, Renderer()(new_body).html), repeats)
        ms, result = best_time(lambda: redline(old_html, new_html), repeats)
        print(f"| block-aligned words | {pair.name} | {render_ms:.1f} | {ms:.1f} | "
              f"{result.words_added + result.words_removed} ({result.words_added}/{result.words_removed}) "
              f"| {len(result.changes)} |")


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=default_corpus(),
                        help="path to a policy corpus (default: %(default)s)")
    parser.add_argument("--quick", action="store_true", help="one repeat instead of best of 3")
    args = parser.parse_args(argv)
    repeats = 1 if args.quick else 3

    if not (args.corpus / "README.md").is_file():
        parser.error(f"corpus not found at {args.corpus} (use --corpus)")
    pairs = load_pairs(args.corpus)
    engines = build_engines()

    print(f"# Word-level diff engines ({'1 run' if repeats == 1 else f'best of {repeats}'})\n")
    print(version_banner() + "\n")
    print("| pair | old → new bytes | old → new tokens | what |")
    print("| --- | ---: | ---: | --- |")
    tokenized = []
    for pair in pairs:
        a, b = tokenize(pair.old), tokenize(pair.new)
        assert "".join(a) == pair.old and "".join(b) == pair.new
        tokenized.append((a, b))
        print(f"| {pair.name} | {len(pair.old.encode()):,} → {len(pair.new.encode()):,} "
              f"| {len(a):,} → {len(b):,} | {pair.note} |")
    print()

    rows: list[Row] = []
    for engine in engines:
        if engine.run is None:
            rows.append(Row(engine.name, "all", None, None, engine.missing or "not installed"))
    with tempfile.TemporaryDirectory(prefix="diff-engines-") as tmp:
        for pair, (a, b) in zip(pairs, tokenized):
            for engine in engines:
                if engine.run is not None:
                    rows.append(measure_engine(engine, pair, a, b, repeats))
                    print(f"  measured {engine.name} on {pair.name}", file=sys.stderr)
            rows.append(measure_git(pair, Path(tmp), repeats))

    print(format_table(rows))
    print_policypress(pairs, repeats)
    if IMPORT_ERRORS:
        print("\nNot importable:")
        for module, err in IMPORT_ERRORS.items():
            print(f"- {module}: {err}")
    if any(r.ok == GIT_WORDS_ONLY for r in rows):
        print(f"\n\"{GIT_WORDS_ONLY}\": git's porcelain output rebuilds every non-whitespace "
              "character of both texts, but not their whitespace, which its word diff does "
              "not report faithfully.")
    ok_values = ("yes", GIT_WORDS_ONLY)
    failed = [r for r in rows if r.ok not in ok_values and not r.ok.startswith("not installed")]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
