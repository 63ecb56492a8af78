#!/usr/bin/env python3
"""Does any part of policypress grow faster than its input? Double the input, time it, print the ratio.

Why this exists
---------------
A path that compares everything with everything is invisible on the demo policy and takes minutes on a
big one. Each row here doubles one dimension of the input and measures the work it drives; a linear
path costs 2x per doubling, a quadratic one 4x. The target is at most 2.1x per doubling (a little
above 2 for what is n log n, e.g. the SequenceMatcher alignment, and for the noise of short runs).

What it measures
----------------
* ``rewritten paragraphs``: a policy of N paragraphs against one whose every paragraph is new text
  (random sentences from the seed policy's vocabulary): render both, redline, assess materiality.
* ``shuffled paragraphs``: the same N paragraphs in a random order (N moves): render, redline, assess.
* ``table rows (every cell changed)``: a 3-column table of N rows, one word changed in every cell.
* ``versions``: a document of N versions of a short policy (each edits a word, every fifth is
  scheduled after the build's day): every step redlined and assessed (no disk cache), the notices,
  and for every version the lookups an archived page makes (previous, next, in force, upcoming) and
  its archived-version notice, plus the versions index.

Each size is timed best of ``--repeat`` (default 2) in CPU time of this process (``time.process_time``:
a busy machine slows the wall clock of a run, much less its CPU time); the rendering of the inputs is
included, their generation is not; policypress's in-process memo caches are emptied before each run
(`forget`), so that a repeat does the same work as the first run. The pairs are timed in two parts, rendering and redline, then the
materiality assessment, so that a row says which engine grows. Sizes start at ``--start`` and double ``--doublings`` times.

How to run
----------
From the repository root, with the project's virtualenv::

    python benchmarks/scaling.py                 # every row, four sizes each (several minutes)
    python benchmarks/scaling.py --only versions --doublings 4
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import sys
import time
from pathlib import Path
from typing import Callable

from policypress.archive.model import Document, Version
from policypress.archive.onfile import sha256_text
from policypress.archive.urls import SiteUrls
from policypress.diff.redline import redline
from policypress.diff.render import Renderer
from policypress.materiality.analysis import Analyzer
from policypress.materiality.rules import assess
from policypress.notices.notices import pending
from policypress.site.fragments import Fragments

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "labels" / "bases" / "demo-privacy-2027-01-01.md"
TODAY = dt.date(2026, 12, 1)


class Words:
    def __init__(self, seed: int):
        text = SEED.read_text(encoding="utf-8")
        self.vocabulary = sorted({w.lower() for w in re.findall(r"[A-Za-z]{4,}", text)})
        self.rng = random.Random(seed)

    def sentence(self) -> str:
        words = [self.rng.choice(self.vocabulary) for _ in range(self.rng.randint(8, 20))]
        return words[0].capitalize() + " " + " ".join(words[1:]) + "."

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(2, 4)))


def _document(paragraphs: list[str]) -> str:
    return "# Privacy Policy\n\n" + "\n\n".join(paragraphs) + "\n"


def _pair_work(old: str, new: str) -> Callable[[], dict[str, float]]:
    def run() -> dict[str, float]:
        started = time.process_time()
        render = Renderer()  # a fresh renderer: nothing cached from the previous repeat
        result = redline(render(old).html, render(new).html)
        middle = time.process_time()
        assess(result)
        return {"render + redline": middle - started, "materiality": time.process_time() - middle}
    return run


def rewritten(n: int) -> Callable[[], None]:
    words = Words(1)  # one seed: a bigger input extends the smaller one
    return _pair_work(_document([words.paragraph() for _ in range(n)]),
                      _document([words.paragraph() for _ in range(n)]))


def shuffled(n: int) -> Callable[[], None]:
    words = Words(1)  # one seed: a bigger input extends the smaller one
    paragraphs = [words.paragraph() for _ in range(n)]
    moved = paragraphs[:]
    random.Random(n).shuffle(moved)
    return _pair_work(_document(paragraphs), _document(moved))


def table_rows(n: int) -> Callable[[], None]:
    words = Words(1)  # one seed: a bigger input extends the smaller one
    rows = [[" ".join(words.rng.choice(words.vocabulary) for _ in range(4)) for _ in range(3)] for _ in range(n)]
    changed = [[cell.split(" ", 1)[1] + " " + words.rng.choice(words.vocabulary) for cell in row] for row in rows]
    table = lambda body: ("# Retention\n\n| Data | Purpose | Kept for |\n| --- | --- | --- |\n"  # noqa: E731
                          + "\n".join("| " + " | ".join(row) + " |" for row in body) + "\n")
    return _pair_work(table(rows), table(changed))


def versions(n: int) -> Callable[[], None]:
    words = Words(1)  # one seed: a bigger input extends the smaller one
    body = [words.paragraph() for _ in range(6)]
    document = Document("privacy", "privacy.md")
    published = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
    # n versions, the last fifth of them still scheduled on the build's day
    step = (dt.datetime(2026, 11, 1, tzinfo=dt.timezone.utc) - published) / n
    for number in range(n):
        tokens = body[number % 6].split(" ")
        position = words.rng.randrange(len(tokens))
        word, was = words.rng.choice(words.vocabulary), tokens[position]
        # the replaced word's capital and full stop kept: every version has the first one's sentences (replacing
        # them too ran the sentences together, so that a later step of a longer history assessed one long
        # sentence per paragraph, which costs more: the row then measured the text, not the number of versions)
        tokens[position] = (word.capitalize() if was[:1].isupper() else word) + was[len(was.rstrip(".,;:")):]
        body[number % 6] = " ".join(tokens)
        text = _document(body)
        when = published + step * number
        effective = when.date() + dt.timedelta(days=5) if number < n * 4 // 5 else TODAY + dt.timedelta(days=number)
        document.versions.append(Version("privacy", f"v{number:05d}", text, sha256_text(text), effective,
                                         "front matter", when, body=text))

    def run() -> dict[str, float]:
        started = time.process_time()
        analyzer = Analyzer()
        reviews = {("privacy", r.version.id): r for r in analyzer.reviews(document)}
        notices = pending([document], TODAY, 30, reviews)
        fragments = Fragments(SiteUrls(), TODAY)
        for version in document.versions:
            document.previous(version), document.next(version)
            fragments.archived_notice(document, version, f"privacy/versions/{version.id}/")
        fragments.versions_index(document, "privacy/versions/", reviews)
        for _ in document.versions[:50]:  # pages carrying the notices
            fragments.current_header(document, document.versions[-1], "privacy/", notices)
        return {"steps, notices, page lookups": time.process_time() - started}
    return run


ROWS: dict[str, tuple[Callable[[int], Callable[[], dict[str, float]]], int]] = {
    "rewritten paragraphs": (rewritten, 250),
    "shuffled paragraphs": (shuffled, 500),
    "table rows (every cell changed)": (table_rows, 300),
    "versions": (versions, 250),
}


_SET_UP = {"_compiled", "_translations", "messages"}


def forget() -> None:
    """Empty policypress's in-process memo caches (functools.lru_cache): a repeat must do the work again.
    Without this, a repeat of a small input finds every sentence already assessed while a big input's
    overflow the caches, and the ratio per doubling measures the caches' size, not the engine. The
    compiled criteria and the message catalogues stay: they are set-up, the same for every input."""
    for name, module in list(sys.modules.items()):
        if name.startswith("policypress"):
            for key, value in list(vars(module).items()):
                if callable(getattr(value, "cache_clear", None)) and key not in _SET_UP:
                    value.cache_clear()


def best_of(work: Callable[[], dict[str, float]], repeat: int) -> dict[str, float]:
    best: dict[str, float] = {}
    for _ in range(repeat):
        forget()
        for part, seconds in work().items():
            best[part] = min(best.get(part, seconds), seconds)
    return best


def measure(name: str, start: int | None, doublings: int, repeat: int) -> dict[str, list[tuple[int, float]]]:
    """{"<input>: <part>": [(size, seconds)]} for every size."""
    make, default = ROWS[name]
    sizes = [(start or default) * 2 ** k for k in range(doublings + 1)]
    results: dict[str, list[tuple[int, float]]] = {}
    for n in sizes:
        parts = best_of(make(n), repeat)
        for part, seconds in parts.items():
            results.setdefault(f"{name}: {part}", []).append((n, seconds))
        print(f"{name}: N={n} " + ", ".join(f"{part} {s:.2f}s" for part, s in parts.items()), flush=True)
    return results


def report(results: dict[str, list[tuple[int, float]]], target: float = 2.1) -> tuple[str, bool]:
    lines = ["| input | sizes | seconds | time ratio per doubling | worst | within 2.1x |",
             "| --- | ---: | ---: | ---: | ---: | :---: |"]
    ok = True
    for name, rows in results.items():
        ratios = [b / a for (_, a), (_, b) in zip(rows, rows[1:])]
        worst = max(ratios) if ratios else 0.0
        ok = ok and worst <= target
        lines.append(f"| {name} | {' / '.join(str(n) for n, _ in rows)} | "
                     f"{' / '.join(f'{s:.2f}' for _, s in rows)} | {' / '.join(f'{r:.2f}x' for r in ratios)} | "
                     f"{worst:.2f}x | {'yes' if worst <= target else 'NO'} |")
    return "\n".join(lines), ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", choices=sorted(ROWS), action="append", help="measure only this input (repeatable)")
    parser.add_argument("--start", type=int, help="the first size (default: per input)")
    parser.add_argument("--doublings", type=int, default=3, help="how many times to double (default: 3)")
    parser.add_argument("--repeat", type=int, default=2, help="runs per size; the best is kept")
    args = parser.parse_args(argv)
    results: dict[str, list[tuple[int, float]]] = {}
    for name in args.only or ROWS:
        results.update(measure(name, args.start, args.doublings, args.repeat))
    text, ok = report(results)
    print()
    print(text)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
