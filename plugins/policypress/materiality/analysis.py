"""Redlines, materiality and reviews for a document's timeline, computed once and cached.

Both adapters need the same analysis of every step (the site shows it, `policypress check` gates on
it), so it lives here: each version is rendered once, its parsed blocks are reused by the two redlines
it takes part in, and results are cached by the texts' sha256 for `mkdocs serve` rebuilds.
"""

from __future__ import annotations

import json
from typing import Callable

from policypress.cache import key as cache_key
from policypress.materiality.criteria import DEFAULT_CRITERIA, Criterion, CriteriaSets
from policypress.materiality.rules import Assessment, assess, assessment_data, assessment_from_data
from policypress.archive.model import Document, Version
from policypress.diff.export import leaf_data
from policypress.diff.redline import Redline, blocks, redline
from policypress.diff.render import Renderer
from policypress.materiality.review import Review, review
from policypress.stopwatch import Stopwatch


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

    def redline(self, old: Version, new: Version) -> Redline:
        key = (old.sha256, new.sha256)
        result = self._redlines.get(key)
        if result is None:
            compute = lambda: redline(self._blocks(old), self._blocks(new))  # noqa: E731
            disk = self.renderer.disk
            with self.stopwatch.stage("redlines"):
                if disk is not None:
                    result = disk.fetch("redline", cache_key(self.renderer.signature, old.sha256, new.sha256),
                                        compute)
                else:
                    result = compute()
            self._redlines[key] = result
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
                if kind not in self._criteria_keys:
                    self._criteria_keys[kind] = cache_key(repr(criteria))
                data = disk.fetch("assessment", cache_key(self._criteria_keys[kind], old.sha256, new.sha256,
                                                          self.renderer.signature),
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
