"""Which blocks could be near-copies of a given block, without comparing it with every block.

Move detection (a block deleted here and inserted there) and the materiality engine's pairing of
deleted with inserted blocks look for the inserted block most similar to each deleted one, with a
word-bag Dice similarity of at least a threshold (0.85). Comparing every deleted block with every
inserted one is quadratic: a rewritten or shuffled 2,000-paragraph policy is 4 million comparisons.

Prefix filtering (the classic set-similarity join) gives the candidates instead: words counted as
(word, occurrence) elements, ordered rarest first among the inserted blocks; two bags with Dice
>= t share at least ceil(t*|A|/(2-t)) elements, so they share one of A's |A| - that + 1 rarest
elements. Looking those up in an inverted index of the inserted blocks finds every block that can
reach the threshold. Elements held by more than `COMMON` blocks are not looked up (a word that common
says nothing about which block is the copy): that bound keeps each lookup near-constant, and only
blocks that share none of their rare words are missed, which a moved or lightly edited paragraph
never does.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Hashable, Sequence

COMMON = 64  # an element in more blocks than this is not used to find candidates


def _elements(bag: Counter) -> list[tuple[Hashable, int]]:
    return [(word, k) for word, count in bag.items() for k in range(count)]


class SimilarIndex:
    """An inverted index of bags of words (the inserted blocks), for candidates of a similarity join."""

    def __init__(self, bags: Sequence[Counter]):
        self.postings: dict[tuple[Hashable, int], list[int]] = {}
        self.empty: list[int] = []  # empty bags: similar (1.0) only to another empty bag
        for index, bag in enumerate(bags):
            elements = _elements(bag)
            if not elements:
                self.empty.append(index)
            for element in elements:
                self.postings.setdefault(element, []).append(index)

    def candidates(self, bag: Counter, threshold: float) -> list[int]:
        """Indexes of the bags that may reach `threshold` with `bag` (a superset of them, ascending)."""
        elements = _elements(bag)
        if not elements:
            return list(self.empty)
        size = len(elements)
        # at least this many shared elements (rounded down, so rounding never drops a candidate)
        needed = max(1, math.floor(threshold * size / (2 - threshold) - 1e-9))
        postings = self.postings
        elements.sort(key=lambda e: (len(postings.get(e, ())), str(e[0]), e[1]))
        found: set[int] = set()
        for element in elements[:size - needed + 1]:
            hits = postings.get(element)
            if hits and len(hits) <= COMMON:
                found.update(hits)
        return sorted(found)
