"""What a `mkdocs serve` rebuild can take from the last one: each value with the inputs it was made from.

After one commit almost every generated page is what it was; recomputing 800 pages costs seconds, a
comparison of their inputs microseconds. A value is used only while its inputs compare equal (==, by
value: versions, reviews, redlines), so a kept value can never be stale; a one-off build keeps nothing."""

from __future__ import annotations

from typing import Callable, Hashable, TypeVar

T = TypeVar("T")


class Kept:
    """Values by key, each with its inputs; `get` makes the value again when the inputs differ."""

    def __init__(self) -> None:
        self._values: dict[Hashable, tuple[object, object]] = {}

    def get(self, key: Hashable, inputs: object, make: Callable[[], T]) -> T:
        held = self._values.get(key)
        if held is not None and held[0] == inputs:
            return held[1]  # type: ignore[return-value]
        value = make()
        self._values[key] = (inputs, value)
        return value

    def peek(self, key: Hashable) -> tuple[object, object] | None:
        """(inputs, value) kept under `key`, for a caller that compares the inputs itself."""
        return self._values.get(key)

    def put(self, key: Hashable, inputs: object, value: object) -> None:
        self._values[key] = (inputs, value)
