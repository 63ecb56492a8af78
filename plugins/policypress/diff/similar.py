"""Which blocks could be near-copies of a given block, without comparing it with every block.

Move detection (a block deleted here and inserted there) and the materiality engine's pairing of
deleted with inserted blocks look for the inserted block most similar to each deleted one, with a
word-bag Dice similarity of at least a threshold (0.85). Comparing every deleted block with every
inserted one is quadratic: a rewritten or shuffled 2,000-paragraph policy is 4 million comparisons.

Count filtering (as in set-similarity joins) gives the candidates instead: words are counted as
(word, occurrence) elements, so a multiset intersection is a set intersection; two bags with Dice
>= t share at least t*|A|/(2-t) elements. An inverted index of the inserted blocks counts, for each
block, the elements it shares with A; only blocks whose count can reach that bound are candidates,
and the caller scores them exactly, in their original order, so the answer is the one comparing with
every block would give. Elements held by more than `COMMON` blocks are not looked up but counted as
shared with every block (a bound, never a miss), which keeps each lookup's cost bounded. A block made
mostly of such common words gets no bound from them: it is compared with every block when there are
at most `FEW`, else with the blocks holding the very same words (a hash lookup, the first `COMMON` of
them) and the `COMMON` blocks sharing most of its rarer words (best effort: only there can a
near-copy with edits be missed, in a text rewritten or shuffled wholesale from one small vocabulary).
"""

from __future__ import annotations

import math
from collections import Counter
from itertools import chain
from typing import Hashable, Sequence

COMMON = 64  # an element in more blocks than this is not used to find candidates
FEW = 256  # up to this many blocks, a block of common words is compared with every one


def _elements(bag: Counter) -> list[Hashable]:
    """The bag's (word, occurrence) elements: a word's first occurrence is the word itself (no tuple made for
    most words: fewer objects for the garbage collector), its later ones (word, k)."""
    elements: list[Hashable] = list(bag)
    elements += [(word, k) for word, count in bag.items() if count > 1 for k in range(1, count)]
    return elements


class SimilarIndex:
    """An inverted index of bags of words (the inserted blocks), for candidates of a similarity join."""

    def __init__(self, bags: Sequence[Counter]):
        self.size = len(bags)
        self.postings: dict[tuple[Hashable, int], list[int]] = {}
        self.empty: list[int] = []  # empty bags: similar (1.0) only to another empty bag
        self.copies: dict[frozenset, list[int]] = {}  # the blocks of each bag: exact copies, found by hashing
        self._sets: dict[int, frozenset[int]] = {}  # a posting list as a set, made when first asked (`_holding`)
        for index, bag in enumerate(bags):
            self.copies.setdefault(frozenset(bag.items()), []).append(index)
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
        # at least this many shared elements (rounded down, so rounding never drops a candidate)
        needed = max(1, math.floor(threshold * len(elements) / (2 - threshold) - 1e-9))
        postings = self.postings
        lists, skipped = [], 0
        for element in elements:
            hits = postings.get(element)
            if hits is None:
                continue
            if len(hits) > COMMON:
                skipped += 1  # may be shared with anyone: counted as shared with everyone
            else:
                lists.append(hits)
        if skipped < needed:
            return self._holding(lists, needed - skipped)
        shared = Counter(chain.from_iterable(lists))
        # mostly common words: no bound. A few hundred blocks are all compared, as without the index;
        # beyond that, the blocks sharing the most of its rarer words (a bounded, best-effort set).
        if self.size <= FEW:
            return list(range(self.size))
        best = {index for index, _ in sorted(shared.items(), key=lambda item: (-item[1], item[0]))[:COMMON]}
        return sorted(best.union(self.copies.get(frozenset(bag.items()), ())[:COMMON]))


    def _holding(self, lists: list[list[int]], least: int) -> list[int]:
        """The blocks in at least `least` of `lists`, ascending: what counting every list gives, found without
        counting the long ones (prefix filtering). A block in `least` lists misses at most `len(lists) - least`,
        so it is in one of the `len(lists) - least + 1` shortest; each block found there is then looked up in
        the others, longest last, until it misses more than it may. Counting every list cost the sum of their
        lengths per block looked up, which grows with the text until the lists pass `COMMON`."""
        if least > len(lists):
            return []
        lists = sorted(lists, key=len)
        cut = len(lists) - least + 1
        found = Counter(chain.from_iterable(lists[:cut]))
        if least == 1:
            return sorted(found)
        sets = self._sets
        rest = []
        for hits in lists[cut:]:
            held = sets.get(id(hits))
            if held is None:
                held = sets[id(hits)] = frozenset(hits)
            rest.append(held)
        once = {index for index, count in found.items() if count == 1}  # most of them: in every other list, or out
        for held in rest:
            if not once:
                break
            once &= held
        kept = list(once)
        for index, count in found.items():
            if count == 1:
                continue
            spare = count - 1  # the misses it may still have among the rest
            for held in rest:
                if index not in held:
                    if not spare:
                        break
                    spare -= 1
            else:
                kept.append(index)
        return sorted(kept)


def dice(a: Counter, b: Counter) -> float:
    """Word-bag (Dice) similarity: twice the shared words over all words; 1.0 for two empty bags."""
    total = a.total() + b.total()
    if not total:
        return 1.0
    if len(a) > len(b):
        a, b = b, a
    get = b.get  # the intersection's size without building it: no allocation per comparison
    return 2 * sum([count if count <= other else other for word, count in a.items() if (other := get(word, 0))]) / total


def within_reach(size: int, other: int, threshold: float) -> bool:
    """Whether bags of these sizes (word counts) can reach `threshold` at all: a cheap test before `dice`."""
    return 2 * min(size, other) >= threshold * (size + other) - 1e-9
