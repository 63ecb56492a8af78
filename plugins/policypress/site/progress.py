"""What a build says while it works, so that a long build is not a silent one.

Every line goes through MkDocs' logger ("mkdocs.plugins.policypress"): `mkdocs build -q` silences the
INFO lines, `-v` adds the DEBUG timings of each stage. Nothing here is a warning, since a warning fails
`mkdocs build --strict`. A default build logs one INFO summary; a build whose reading and redlining
last longer than POLICYPRESS_PROGRESS_SECONDS (2 s) also logs a progress line at most that often.
"""

from __future__ import annotations

import logging
import os
import time

from policypress.materiality.review import Review
from policypress.stopwatch import Stopwatch

INTERVAL_ENV = "POLICYPRESS_PROGRESS_SECONDS"
DEFAULT_INTERVAL = 2.0
PAGE_EVENTS = "page events"  # policypress's page events but filling its own pages: notices, skip and feed links
WARM = "warm-up"  # under serve, after a build: what the next rebuild would otherwise start with
STAGES = ("history read", "timeline", "parallel steps", "renders", "redlines", "materiality", "downloads", "feeds")


def interval_from_env() -> float:
    """Seconds between two progress lines; raises ValueError with a message for a bad setting."""
    raw = os.environ.get(INTERVAL_ENV, "").strip()
    if not raw:
        return DEFAULT_INTERVAL
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not value >= 0:  # also rejects nan
        raise ValueError(f"{INTERVAL_ENV}={raw!r} is not a number of seconds (0 or more)")
    return value


def timed_repository(repo, watch: Stopwatch):
    """The repository, with its Git reads (log pass, blobs, other commands) charged to "history read"."""
    if repo is not None:
        for name in ("file_histories", "read_blob", "read_path", "is_shallow", "has_commits", "git"):
            # the class's method, not an attribute set by an earlier build on a repository opened once (serve)
            setattr(repo, name, watch.timed("history read", getattr(type(repo), name).__get__(repo)))
    return repo


class BuildReport:
    """Progress and timings of one build's archive work (on_files, and the reviews and data files on_env
    finishes), then of filling its pages."""

    def __init__(self, log: logging.Logger, watch: Stopwatch, interval: float, configured: float = 0.0):
        self.log, self.watch, self.interval = log, watch, interval
        self.configured = configured  # seconds of policypress's on_config, before this report began
        self.archive = 0.0  # seconds of the archive work, once `finish` has measured them
        self.started = self.last = time.perf_counter()
        self.documents = self.versions = self.redlines = self.done = self.material = 0
        self.paused_at: float | None = None
        self.paused = 0.0  # seconds between on_files and on_env: the pages, which "pages took" times

    def pause(self) -> None:
        """on_files is done; the archive work goes on in on_env, after MkDocs has read the pages."""
        self.paused_at = time.perf_counter()

    def resume(self) -> None:
        if self.paused_at is not None:
            self.paused += time.perf_counter() - self.paused_at
            self.paused_at = None

    def _progress(self, message: str) -> None:
        now = time.perf_counter()
        if now - self.last >= self.interval:
            self.last = now
            self.log.info(f"policypress: {message} ({now - self.started:.1f} s)")

    def read(self, documents: list) -> None:
        self.documents = len(documents)
        self.versions = sum(len(d.versions) for d in documents)
        self.redlines = sum(max(len(d.versions) - 1, 0) for d in documents)
        self._progress(f"{self.documents} document(s), {self.versions} version(s) read")

    def reviewed(self, review: Review) -> None:
        if review.previous is None:
            return
        self.done += 1
        self.material += bool(review.material)
        self._progress(f"redlines {self.done}/{self.redlines}")

    def finish(self, pages: int) -> None:
        seconds = self.archive = time.perf_counter() - self.started - self.paused
        for stage in STAGES:
            if self.watch.counts[stage]:
                self.log.debug(f"policypress: {stage} took {self.watch.seconds[stage]:.3f} s "
                               f"({self.watch.counts[stage]} call(s))")
        self.log.debug(f"policypress: archive work took {seconds:.3f} s")  # the line below rounds it
        self.log.info(f"policypress: {self.documents} document(s), {self.versions} version(s), "
                      f"{self.done} redline(s), {self.material} material change(s), {pages} pages generated "
                      f"({seconds:.1f} s)")

    def pages_filled(self) -> None:
        """The pages' share, then policypress's whole share of the build: what `mkdocs serve` makes an author wait
        for after a commit (benchmarks/serve_rebuild.py reads these lines)."""
        watch = self.watch
        if watch.counts["pages"]:
            self.log.debug(f"policypress: pages took {watch.seconds['pages']:.3f} s "
                           f"({watch.counts['pages']} generated pages filled)")
        if watch.counts[PAGE_EVENTS]:
            self.log.debug(f"policypress: page events took {watch.seconds[PAGE_EVENTS]:.3f} s "
                           f"({watch.counts[PAGE_EVENTS]} call(s): notices, skip links, feed links of every page)")
        parts = (self.configured, self.archive, watch.seconds["pages"], watch.seconds[PAGE_EVENTS],
                 watch.seconds[WARM])
        self.log.debug(f"policypress: its share of this build took {sum(parts):.3f} s (configuration {parts[0]:.3f}, "
                       f"archive work {parts[1]:.3f}, pages {parts[2]:.3f}, page events {parts[3]:.3f}, "
                       f"warm-up {parts[4]:.3f} s)")
