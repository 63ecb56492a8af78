"""Seconds spent per stage of a build, so that a slow build can say where its time goes.

Stages nest (a redline renders the versions it compares): each stage is charged only its own time,
its inner stages' time goes to them, so the stages add up to the time measured. Measuring changes
nothing that is computed.
"""

from __future__ import annotations

import functools
import time
from collections import Counter
from typing import Callable, TypeVar

T = TypeVar("T")


class Stopwatch:
    def __init__(self) -> None:
        self.seconds: Counter[str] = Counter()
        self.counts: Counter[str] = Counter()
        self._open: list[list[float]] = []  # [start, seconds of inner stages] of each open stage

    def stage(self, name: str) -> "_Stage":
        """`with watch.stage(name):` charges the block's own time to `name`."""
        return _Stage(self, name)

    def call(self, name: str, function: Callable[..., T], *args, **kwargs) -> T:
        """`function(*args, **kwargs)`, charged to stage `name`: `stage` without a context manager, for the
        calls made thousands of times a build (every page event of every page)."""
        opened = self._open
        frame = [time.perf_counter(), 0.0]
        opened.append(frame)
        try:
            return function(*args, **kwargs)
        finally:
            opened.pop()
            elapsed = time.perf_counter() - frame[0]
            self.seconds[name] += elapsed - frame[1]
            self.counts[name] += 1
            if opened:
                opened[-1][1] += elapsed

    def timed(self, name: str, function: Callable[..., T]) -> Callable[..., T]:
        """`function`, its calls charged to stage `name`."""
        def call(*args, **kwargs) -> T:
            return self.call(name, function, *args, **kwargs)
        return call


def charged(name: str, watch_of: Callable[[object], "Stopwatch | None"]) -> Callable:
    """A decorator: each call of a method charged to stage `name` of the stopwatch `watch_of(self)` (untimed while
    that is None). `Stopwatch.call` written into the method's wrapper, for the events MkDocs calls on every page
    (3,226 calls a rebuild at 400 versions, where each layer of calls costs more than most events do)."""
    def wrap(method: Callable[..., T]) -> Callable[..., T]:
        @functools.wraps(method)  # keeps what MkDocs reads of the method (its event priority)
        def timed(self, *args, **kwargs) -> T:
            watch = watch_of(self)
            if watch is None:
                return method(self, *args, **kwargs)
            opened = watch._open
            frame = [time.perf_counter(), 0.0]
            opened.append(frame)
            try:
                return method(self, *args, **kwargs)
            finally:
                opened.pop()
                elapsed = time.perf_counter() - frame[0]
                watch.seconds[name] += elapsed - frame[1]
                watch.counts[name] += 1
                if opened:
                    opened[-1][1] += elapsed
        return timed
    return wrap


class _Stage:
    """One open stage of a `with` block (a class, not a generator: a third of the cost per stage)."""

    __slots__ = ("watch", "name", "frame")

    def __init__(self, watch: Stopwatch, name: str) -> None:
        self.watch, self.name = watch, name

    def __enter__(self) -> None:
        self.frame = [time.perf_counter(), 0.0]
        self.watch._open.append(self.frame)

    def __exit__(self, *exc) -> None:
        watch, frame = self.watch, self.frame
        watch._open.pop()
        elapsed = time.perf_counter() - frame[0]
        watch.seconds[self.name] += elapsed - frame[1]
        watch.counts[self.name] += 1
        if watch._open:
            watch._open[-1][1] += elapsed
