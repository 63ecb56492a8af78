"""Redlines, materiality and reviews for a document's timeline, computed once and cached.

Both adapters need the same analysis of every step (the site shows it, `policypress check` gates on
it), so it lives here: each version is rendered once, its parsed blocks are reused by the two redlines
it takes part in, and results are cached by the texts' sha256 for `mkdocs serve` rebuilds.
"""

from __future__ import annotations

import json
import os
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context
from typing import Callable

from policypress.cache import DiskCache
from policypress.cache import key as cache_key
from policypress.materiality.criteria import DEFAULT_CRITERIA, Criterion, CriteriaSets
from policypress.materiality.rules import Assessment, assess, assessment_data, assessment_from_data
from policypress.archive.model import Document, Version
from policypress.diff.export import leaf_data
from policypress.diff.redline import Redline, blocks, redline
from policypress.diff.render import Renderer
from policypress.materiality.review import Review, review
from policypress.stopwatch import Stopwatch


_HELD = 8  # redlines kept in memory by a build that does not hold them all
PARALLEL_STEPS = 16  # fewer steps to compute than this are not worth starting processes for


def _analyse_steps(setup: tuple, steps: list[tuple[Version, Version]], keep_block_data: bool) -> dict[str, str]:
    """In a worker process: compute consecutive steps and leave them in the disk cache; return the blocks.json
    data of the versions parsed (when the site's compare page needs it), which the cache does not hold."""
    extensions, extension_configs, folder, criteria, notice_days, kind = setup
    analyzer = Analyzer(Renderer(extensions, extension_configs, cache=DiskCache(folder)), criteria, notice_days)
    analyzer.keep_block_data = keep_block_data
    for old, new in steps:
        analyzer.redline(old, new)
        analyzer.assess(old, new, kind)
        analyzer._redlines.clear()  # written to the cache; this process keeps nothing
        analyzer._assessments.clear()
    return analyzer.block_data


class _Run:
    """A run of consecutive steps handed to a worker process, or taken back by the build's own process."""

    __slots__ = ("future", "steps", "kind")

    def __init__(self, future: Future, steps: list[tuple[Version, Version]], kind: str):
        self.future: Future | None = future  # None once its steps are available to this process
        self.steps, self.kind = steps, kind


class Analyzer:
    def __init__(self, renderer: Renderer | None = None,
                 criteria: CriteriaSets | tuple[Criterion, ...] = DEFAULT_CRITERIA, notice_days: int = 30):
        self.renderer = renderer or Renderer()
        self.criteria = CriteriaSets.from_value(criteria)  # per document type
        self.notice_days = notice_days
        self._redlines: dict[tuple[str, str], Redline] = {}
        self._assessments: dict[tuple[str, str, str], Assessment] = {}
        self._criteria_keys: dict[str, str] = {}  # document type -> digest of its criteria
        self._recent: dict[str, list] = {}
        self.keep_block_data = False  # the site's compare page needs every version's blocks
        # every redline in memory (`mkdocs serve` rebuilds reuse them), or, with a disk cache, only the last
        # few: a one-off build reads a page's redline back from the disk when it writes the page
        self.hold_all = True
        self.block_data: dict[str, str] = {}
        self.stopwatch = Stopwatch()  # where the time goes: renders, redlines, materiality
        self._pool: ProcessPoolExecutor | None = None  # the worker processes of `start`
        self._runs: list[_Run] = []  # in timeline order
        self._running: dict[tuple[str, str, str], _Run] = {}  # a step being computed elsewhere -> its run

    def warm(self, kinds) -> None:
        """The criteria of these document types compiled now: a `mkdocs serve` process whose first build read
        every assessment from the cache, or had its workers make them, would compile them in the rebuild after
        the next commit (50 ms), which the author waits for."""
        for kind in kinds:
            for criterion in self.criteria.of(kind):
                criterion.compiled()

    def blocks_json(self, version: Version) -> str:
        """Every block of a version as JSON, for the compare page's in-browser redline."""
        if version.sha256 not in self.block_data:
            self.block_data[version.sha256] = json.dumps(leaf_data(self._blocks(version)), ensure_ascii=False,
                                                         separators=(",", ":"))
        return self.block_data[version.sha256]

    def _blocks(self, version: Version) -> list:
        found = self._recent.get(version.sha256)
        if found is None:
            with self.stopwatch.stage("renders"):
                found = blocks(self.renderer(version.body).html)
            self._recent[version.sha256] = found
            if self.keep_block_data:
                self.block_data[version.sha256] = json.dumps(leaf_data(found), ensure_ascii=False,
                                                             separators=(",", ":"))
            while len(self._recent) > 4:  # pairs come in timeline order: keep the last few
                self._recent.pop(next(iter(self._recent)))
        return found

    def _redline_key(self, old: Version, new: Version) -> str:
        return cache_key(self.renderer.signature, old.sha256, new.sha256)

    def _assessment_key(self, old: Version, new: Version, kind: str) -> str:
        if kind not in self._criteria_keys:
            self._criteria_keys[kind] = cache_key(repr(self.criteria.of(kind)))
        return cache_key(self._criteria_keys[kind], old.sha256, new.sha256, self.renderer.signature)

    def prepare(self, document: Document, workers: int = 0) -> int:
        """`start`, then wait for every step: the steps the disk cache lacks, computed on every core."""
        started = self.start(document, workers)
        for index in range(1, len(document.versions)):
            self.settle(document.versions[index - 1], document.versions[index], document.type)
        return started

    def start(self, document: Document, workers: int = 0) -> int:
        """Start computing the steps the disk cache lacks (renders, redlines, assessments) in `workers` worker
        processes (0: one per core) and return how many, at once: the build goes on writing pages meanwhile
        and asks for a step with `settle` when a page needs it (taking back the runs nobody started).
        Each process takes a run of consecutive steps (so a version is rendered and parsed once for its
        two redlines) and writes its results to the cache; the build reads them back from the cache, as a
        warm build does, so its output is the same whatever the number of processes. Without a disk cache,
        with one worker or few steps, nothing starts here and the steps are computed as they are asked for."""
        disk, versions = self.renderer.disk, document.versions
        workers = workers or os.cpu_count() or 1
        if disk is None or disk.folder is None or workers < 2 or len(versions) < 2:
            return 0
        missing = [index for index in range(1, len(versions))
                   if (versions[index - 1].sha256, versions[index].sha256, document.type) not in self._assessments
                   and not (disk.has("assessment", self._assessment_key(versions[index - 1], versions[index],
                                                                          document.type))
                            and disk.has("redline", self._redline_key(versions[index - 1], versions[index])))]
        if len(missing) < PARALLEL_STEPS:
            return 0
        if self._pool is None:
            # fork is fastest (the modules are loaded already) but unsafe beside threads (mkdocs serve)
            method = "fork" if threading.active_count() == 1 and os.name == "posix" else "spawn"
            try:
                self._pool = ProcessPoolExecutor(workers, mp_context=get_context(method))
            except (OSError, ValueError):  # no processes here: the steps are computed as they are asked for
                return 0
        setup = (self.renderer.extensions, self.renderer.extension_configs, disk.folder, self.criteria,
                 self.notice_days, document.type)
        # runs short enough for the build's process to take back the last ones while it waits for the first
        size = max(PARALLEL_STEPS // 2, min(32, -(-len(missing) // (8 * workers))))
        runs: list[list[int]] = []
        for index in missing:
            if runs and runs[-1][-1] == index - 1 and len(runs[-1]) < size:
                runs[-1].append(index)
            else:
                runs.append([index])
        for run in runs:
            steps = [(versions[i - 1], versions[i]) for i in run]
            try:
                future = self._pool.submit(_analyse_steps, setup, steps, self.keep_block_data)
            except RuntimeError:  # the pool is broken or shut down: computed here when asked for
                return 0
            entry = _Run(future, steps, document.type)
            self._runs.append(entry)
            for old, new in steps:
                self._running[(old.sha256, new.sha256, document.type)] = entry
        return len(missing)

    def settle(self, old: Version, new: Version, kind: str = "privacy") -> None:
        """Make sure the step from `old` to `new` is in the cache, if a worker process took it: waiting for it,
        or taking it back when no process has started it. While waiting, this process takes the last runs
        nobody started, so that both ends of the history are worked on at once."""
        for run in self._runs:  # whatever the workers have done: its blocks are written, not held
            if run.future is not None and run.future.done():
                self._collect(run)
        entry = self._running.get((old.sha256, new.sha256, kind))
        if entry is None or entry.future is None:
            return
        with self.stopwatch.stage("parallel steps"):
            if entry.future.cancel():
                self._run_here(entry)
                return
            while not entry.future.done():
                spare = next((run for run in reversed(self._runs)
                              if run.future is not None and run.future.cancel()), None)
                if spare is None:
                    break
                self._run_here(spare)
            self._collect(entry)

    def _collect(self, entry: _Run) -> None:
        """The result of a run a worker took: its steps are in the cache, its versions' blocks handed over."""
        try:
            data = entry.future.result()
        except Exception:  # noqa: BLE001 - a worker that failed: computed here, where an error is reported
            self._run_here(entry)
            return
        entry.future = None
        if self.keep_block_data:
            for digest, value in data.items():
                self.block_data.setdefault(digest, value)

    def _run_here(self, entry: _Run) -> None:
        entry.future = None
        for old, new in entry.steps:
            self.redline(old, new)
            self.assess(old, new, entry.kind)

    def close(self) -> None:
        """Stop the worker processes: the runs nobody started are dropped (the build stopped, or is done)."""
        pool, self._pool = self._pool, None
        for entry in self._runs:
            entry.future = None
        self._runs.clear()
        self._running.clear()
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)

    def redline(self, old: Version, new: Version) -> Redline:
        key = (old.sha256, new.sha256)
        result = self._redlines.get(key)
        if result is None:
            compute = lambda: redline(self._blocks(old), self._blocks(new))  # noqa: E731
            disk = self.renderer.disk
            with self.stopwatch.stage("redlines"):
                if disk is not None:
                    result = disk.fetch("redline", self._redline_key(old, new), compute)
                else:
                    result = compute()
            self._redlines[key] = result
            if not self.hold_all and disk is not None:
                while len(self._redlines) > _HELD:
                    self._redlines.pop(next(iter(self._redlines)))
        return result

    def assess(self, old: Version, new: Version, kind: str = "privacy") -> Assessment:
        key = (old.sha256, new.sha256, kind)
        result = self._assessments.get(key)
        if result is None:
            criteria = self.criteria.of(kind)
            disk = self.renderer.disk
            if disk is None:
                result = assess(self.redline(old, new), criteria)
            else:  # stored as data and always read back from it, so a cached build is the same build
                data = disk.fetch("assessment", self._assessment_key(old, new, kind),
                                  lambda: assessment_data(assess(self.redline(old, new), criteria)))
                try:
                    result = assessment_from_data(data, criteria)
                except (KeyError, TypeError, ValueError):
                    result = assess(self.redline(old, new), criteria)
            self._assessments[key] = result
        return result

    def review(self, document: Document, version: Version, previous: Version | None, *, path: str | None,
               gate: bool) -> Review:
        with self.stopwatch.stage("materiality"):
            assessment = self.assess(previous, version, document.type) if previous is not None else None
            return review(version, previous, assessment, self.criteria.of(document.type), document=document.slug, path=path,
                          notice_days=self.notice_days, gate=gate)

    def reviews(self, document: Document, *, path: str | None = None, gate_from: int | None = None,
                progress: Callable[[Review], None] | None = None) -> list[Review]:
        """A review of every version; versions at index `gate_from` and later are gated. `progress` is
        told of each review as it is made (a long build reports how far it is)."""
        results = []
        for index, version in enumerate(document.versions):
            previous = document.versions[index - 1] if index else None
            gate = gate_from is not None and index >= gate_from
            results.append(self.review(document, version, previous, path=path, gate=gate))
            if progress is not None:
                progress(results[-1])
        return results
