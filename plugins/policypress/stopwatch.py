"""Seconds spent per stage of a build, so that a slow build can say where its time goes.

Stages nest (a redline renders the versions it compares): each stage is charged only its own time,
its inner stages' time goes to them, so the stages add up to the time measured. Measuring changes
nothing that is computed.
"""

from __future__ import annotations

import time
from collections import Counter
from contextlib import contextmanager
from typing import Callable, Iterator, TypeVar

T = TypeVar("T")


class Stopwatch:
    def __init__(self) -> None:
        self.seconds: Counter[str] = Counter()
        self.counts: Counter[str] = Counter()
        self._open: list[list[float]] = []  # [start, seconds of inner stages] of each open stage

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        frame = [time.perf_counter(), 0.0]
        self._open.append(frame)
        try:
            yield
        finally:
            self._open.pop()
            elapsed = time.perf_counter() - frame[0]
            self.seconds[name] += elapsed - frame[1]
            self.counts[name] += 1
            if self._open:
                self._open[-1][1] += elapsed

    def timed(self, name: str, function: Callable[..., T]) -> Callable[..., T]:
        """`function`, its calls charged to stage `name`."""
        def call(*args, **kwargs) -> T:
            with self.stage(name):
                return function(*args, **kwargs)
        return call
