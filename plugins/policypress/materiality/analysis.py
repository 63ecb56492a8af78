"""Redlines, materiality and reviews for a document's timeline, computed once and cached.

Both adapters need the same analysis of every step (the site shows it, `policypress check` gates on
it), so it lives here: each version is rendered once, its parsed blocks are reused by the two redlines
it takes part in, and results are cached by the texts' sha256 for `mkdocs serve` rebuilds.
"""

from __future__ import annotations

import json
import os
import threading
from concurrent.futures import ProcessPoolExecutor
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


def _analyse_steps(setup: tuple, steps: list[tuple[Version, Version]]) -> None:
    """In a worker process: compute consecutive steps and leave them in the disk cache."""
    extensions, extension_configs, folder, criteria, notice_days, kind = setup
    analyzer = Analyzer(Renderer(extensions, extension_configs, cache=DiskCache(folder)), criteria, notice_days)
    for old, new in steps:
        analyzer.assess(old, new, kind)
        analyzer._redlines.clear()  # written to the cache; this process keeps nothing
        analyzer._assessments.clear()


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
        """Compute the steps the disk cache lacks (renders, redlines, assessments) in `workers` processes
        at once (0: one per core), and return how many. Each process takes a run of consecutive steps
        (so a version is rendered and parsed once for its two redlines) and writes its results to the
        cache; the build then reads every step back from the cache in order, as a warm build does, so
        its output is the same whatever the number of processes. Without a disk cache, with one
        worker or few steps, nothing happens here and the steps are computed as they are asked for."""
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
        workers = min(workers, len(missing) // (PARALLEL_STEPS // 2))
        chunks = [missing[part * len(missing) // workers:(part + 1) * len(missing) // workers]
                  for part in range(workers)]
        jobs = [[(versions[i - 1], versions[i]) for i in chunk] for chunk in chunks]
        setup = (self.renderer.extensions, self.renderer.extension_configs, disk.folder, self.criteria,
                 self.notice_days, document.type)
        # fork is fastest (the modules are loaded already) but unsafe beside threads (mkdocs serve)
        method = "fork" if threading.active_count() == 1 and os.name == "posix" else "spawn"
        with self.stopwatch.stage("parallel steps"):
            try:
                with ProcessPoolExecutor(len(jobs) - 1, mp_context=get_context(method)) as pool:
                    futures = [pool.submit(_analyse_steps, setup, job) for job in jobs[1:]]
                    for old, new in jobs[0]:  # this process takes the first run meanwhile
                        self.assess(old, new, document.type)
                    for future in futures:
                        future.result()
            except Exception:  # noqa: BLE001 - settings that cannot be sent to a process: steps computed here
                return 0
        return len(missing)

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
