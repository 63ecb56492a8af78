"""Under `mkdocs serve`, the garbage collector's full passes run while the site is up, not while an author waits.

A serve process holds the whole archive for its rebuilds (every render, redline and review): a full collection
walks all of it (75–200 ms at 400 versions) and landed in about one rebuild in two. Once a build is done and the
browsers have reloaded, one full collection frees that build's garbage and `gc.freeze()` sets every survivor
aside, so that a rebuild's own collections walk only what the rebuild makes. Each idle pass unfreezes first:
what was frozen alive and has become garbage since (the last build's pages) is freed by it, so freezing keeps
nothing longer than until the next build's idle pass.
"""

from __future__ import annotations

import gc
import logging
import threading
import time

log = logging.getLogger("mkdocs.plugins.policypress")

IDLE_DELAY = 0.25  # seconds after a build: MkDocs has logged it and told the browsers to reload


class IdleCollector:
    """Starts the full collection `IDLE_DELAY` seconds after each build, unless another build has begun."""

    def __init__(self, delay: float = IDLE_DELAY) -> None:
        self.delay = delay
        self.building = False
        self._timer: threading.Timer | None = None

    def build_started(self) -> None:
        self.building = True
        if self._timer is not None:
            self._timer.cancel()

    def build_done(self) -> None:
        self.building = False
        self._timer = threading.Timer(self.delay, self.collect)
        self._timer.daemon = True  # never keeps `mkdocs serve` from stopping
        self._timer.start()

    def collect(self) -> None:
        if self.building:  # the build collects as usual; its own idle pass comes after it
            return
        started = time.perf_counter()
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        log.debug(f"policypress: the garbage collector's full pass took {time.perf_counter() - started:.3f} s while "
                  f"the site was up ({gc.get_freeze_count()} objects set aside until the next one)")
