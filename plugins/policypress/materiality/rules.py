"""Which changes are material under a document's criteria, with the evidence for each flag.

The engine reads a redline's changes the way a privacy lawyer would skim them: it first sets aside
what cannot be material (formatting, white space, punctuation, case, typo fixes, reordered words,
moved, split or reformatted paragraphs), then asks each criterion whether the change touches it: a
term that appears or disappears, a block added to or removed from one of its sections, a contact
detail or a channel, a named party (typed: organisations, not statutes or regulators) or a place,
a number in a deadline or a fee, a new type of information. Whether the change reduces the
reader's rights is judged on the provisions themselves (`provisions.py`), on every criterion. Every
decision is a rule with a name; nothing is learned or fetched.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher

from policypress.cache import register
from policypress.diff.blocks import CELLS
from policypress.diff.redline import Change, Redline, norm_words
from policypress.diff.similar import SimilarIndex, dice, within_reach
from policypress.materiality import evidence as triage
from policypress.materiality.criteria import DEFAULT_CRITERIA, SECURITY, CompiledCriterion, Criterion
from policypress.materiality.entities import AUTHORITY_WORDS, CORPORATE as _CORPORATE_FORM, FORM_AFTER, MAYBE_COMPANY, ORGANISATION, PLACE, UNKNOWN, Namer, authority, defined_terms, own_names, places, renamed
from policypress.materiality.language import (
    AGE, CONTACT_VALUE, FORCE, TRIVIAL, clip, content_words, durations, name_spans, numbers, quantities, quantity_phrases,
    similarity, split_sentences, substance, typo, words,
)
from policypress.materiality.provisions import (
    CARVE_OUT, ENTITLEMENT, KEEPING, KEPT, OBLIGATION, PROHIBITION, WITHDRAWAL_PROVISO, closest as _closest, conditions, plain,
    protections, reduction, rephrased, said_again, same_provisions,
)

_norm = norm_words


@dataclass(frozen=True)
class Evidence:
    section: str
    before: str
    after: str
    rule: str
    change: int | None = None  # the change's number in the redline, for links to its anchor

    def as_json(self) -> dict:
        return {"section": self.section, "before": self.before, "after": self.after, "rule": self.rule}

    def with_rule(self, rule: str) -> "Evidence":
        return replace(self, rule=rule)


@dataclass
class Flag:
    criterion: Criterion
    evidence: list[Evidence] = field(default_factory=list)
    triage: triage.Triage | None = None  # what the shown evidence leaves out
    provisions: int = 0  # how many provisions the criterion was found in

    def as_json(self) -> dict:
        c = self.criterion
        out = {"id": c.id, "ref": c.ref, "title": c.title, "text": c.text,
               "evidence": [e.as_json() for e in self.evidence], "provisions": self.provisions}
        if self.triage is not None:
            out["more"] = {"count": self.triage.hidden, "summary": self.triage.text(),
                           "sections": [{"section": s, "count": n} for s, n in self.triage.sections]}
        return out


@dataclass
class Assessment:
    flags: list[Flag] = field(default_factory=list)
    consent_required: bool = False
    consent_evidence: list[Evidence] = field(default_factory=list)
    ignored: list[tuple[int, str]] = field(default_factory=list)  # (change number, why it is not material)

    @property
    def material(self) -> bool:
        return bool(self.flags)

    @property
    def ids(self) -> list[str]:
        return [flag.criterion.id for flag in self.flags]

    def flag(self, criterion_id: str) -> Flag | None:
        return next((f for f in self.flags if f.criterion.id == criterion_id), None)


def why_not_material(removed: str, added: str) -> str | None:
    """Why a change cannot be material, or None when it might be."""
    before, after = words(removed), words(added)
    if before == after:
        return "punctuation, case or white space only"
    if sorted(before) == sorted(after):
        return "same words in another order"
    a, b = [w for w in before if w not in TRIVIAL], [w for w in after if w not in TRIVIAL]
    if a == b:
        return "articles or connectives only"
    if len(a) == len(b) and all(typo(x, y) for x, y in zip(a, b)):
        return "spelling corrections"
    plus, minus = substance(removed, added)
    if set(CONTACT_VALUE.findall(removed)) != set(CONTACT_VALUE.findall(added)):
        return None
    if {removed[a:b] for a, b in name_spans(removed)} != {added[a:b] for a, b in name_spans(added)}:
        return None
    if not plus and not minus and not FORCE & (set(before) ^ set(after)) and \
            sorted(numbers(removed)) == sorted(numbers(added)) and quantities(removed) == quantities(added):
        return "no change of substance (articles, list labels, manner adverbs)"
    if set(plus) | set(minus) <= _PLACEHOLDERS:
        return "link text placeholders only"
    if words(_CROSS_REFERENCE.sub("see §", removed)) == words(_CROSS_REFERENCE.sub("see §", added)):
        return "the title a cross-reference quotes"
    return None


# 'see "About your profile"', 'the section entitled “Contacting GitHub”': a title quoted to point elsewhere.
_CROSS_REFERENCE = re.compile(r"\b(?:see|section|entitled|titled|called)\s*[“\"«][^”\"»]{1,80}[”\"»]", re.IGNORECASE)


_PLACEHOLDERS = frozenset({"autotitle"})  # GitHub Docs writes [AUTOTITLE](…) for a link titled by its target
_LOWER_WORD = re.compile(r"(?<![\w-])[a-z][a-z'’]+(?![\w-])")


@functools.lru_cache(maxsize=16)
def lowercase_words(text: str) -> frozenset[str]:
    """Words the text also writes in lower case: a capitalised phrase of them is not a name."""
    return frozenset(_LOWER_WORD.findall(text))


@dataclass
class _Unit:
    """One change to assess: the sentences of a block before and after, or a whole block added or removed."""

    number: int | None
    old_sentences: list[str]
    new_sentences: list[str]
    whole: bool
    section: str  # innermost heading
    path: str
    lead: str = ""
    old_block: str = ""
    new_block: str = ""
    tag: str = ""  # the block's element (li, p, td…)

    @functools.cached_property
    def reworded(self) -> bool:
        """Whether this is a sentence or passage said again in other words, every provision still made:
        a word that came or went with the rewording is not a change of what the text says."""
        return bool(self.old_sentences and self.new_sentences and not self.whole and said_again(self.before, self.after))

    @property
    def list_lead(self) -> str:
        """The sentence that introduces this list item ("You have the right to:"), if it is one."""
        return self.lead if self.tag == "li" else ""

    def __post_init__(self) -> None:
        self.before = " ".join(self.old_sentences)
        self.after = " ".join(self.new_sentences)
        self.removed, self.added = self.before, self.after
        self.context = " ".join(self.old_sentences + self.new_sentences + ([self.lead] if self.tag == "li" else []))
        self.abouts: dict[str, bool] = {}  # criterion id → _about's answer
        self.channel_changes: dict[str, tuple[list[str], list[str]]] = {}  # criterion id → channels_changed's answer
        self.ruled_out: list = []  # restriction_added's answer, once asked (several rules ask it)


def _sentence_units(c: Change, old_block: str, new_block: str, make) -> list[_Unit]:
    """The sentences that differ between two versions of a block, as units."""
    old, new = split_sentences(old_block), split_sentences(new_block)
    matcher = SequenceMatcher(None, [norm_words(x) for x in old], [norm_words(x) for x in new], autojunk=False)
    units = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal":
            units.append(make(c, old[i1:i2], new[j1:j2], False, old_block, new_block))
    if not units and old != new:  # only punctuation or case differs: one unit, set aside later
        units.append(make(c, old, new, False, old_block, new_block))
    return units


class _WordStream:
    """The words of many blocks in one sequence, with an index of word triples: where a run of words
    (three or more) first occurs, found from the positions of its rarest triple instead of by a scan.
    Words hold no spaces, so a triple's key is its words joined by spaces; the index is one dict and
    one list of ints (the next position of each triple), which the garbage collector does not walk."""

    def __init__(self, sequence: list[str]):
        self.words = sequence
        self.head: dict[str, int] = {}
        self.count: dict[str, int] = {}
        self.next = [-1] * len(sequence)
        head, count, after = self.head, self.count, self.next
        for at in range(len(sequence) - 3, -1, -1):
            key = f"{sequence[at]} {sequence[at + 1]} {sequence[at + 2]}"
            after[at] = head.get(key, -1)
            head[key] = at
            count[key] = count.get(key, 0) + 1

    def find(self, needle: list[str], skip: tuple[int, int] = (0, 0)) -> int:
        """The first position of `needle` (at least three words) not starting in `skip`, or -1."""
        keys = [f"{needle[k]} {needle[k + 1]} {needle[k + 2]}" for k in range(len(needle) - 2)]
        offset = min(range(len(keys)), key=lambda k: self.count.get(keys[k], 0))
        at, size, sequence = self.head.get(keys[offset], -1), len(needle), self.words
        while at >= 0:
            start = at - offset
            if start >= 0 and not skip[0] <= start < skip[1] and sequence[start:start + size] == needle:
                return start
            at = self.next[at]
        return -1

    def mask(self, start: int, size: int) -> None:
        """Words found are used up: no later search finds them again."""
        self.words[start:start + size] = ["\0"] * size


def _pieces_moved(changes: list[Change], used: set[int], ignored: list[tuple[int, str]]) -> None:
    """Text split into a list, or a list merged into a paragraph: the same words, elsewhere."""
    by_number: dict[int, Change] = {}
    for c in changes:
        by_number.setdefault(c.number, c)
    for whole_kind, side, other_side in (("inserted", "added", "removed"), ("deleted", "removed", "added")):
        # every other change's words, one block after another with a separator no run of words crosses
        sequence: list[str] = []
        spans: dict[int, tuple[int, int]] = {}
        for c in changes:
            if c.number not in used and getattr(c, other_side) and c.number not in spans:
                piece = words(getattr(c, other_side))
                spans[c.number] = (len(sequence), len(sequence) + len(piece))
                sequence += piece
                sequence.append("\1")
        stream = _WordStream(sequence)
        starts, numbers = [a for a, _ in spans.values()], list(spans)
        consumed: set[int] = set()
        for c in changes:
            if c.number in used or not c.whole or c.kind != whole_kind:
                continue
            needle = words(getattr(c, side))
            if len(needle) < 3:
                continue
            at = stream.find(needle, spans.get(c.number, (0, 0)))
            if at >= 0:
                stream.mask(at, len(needle))
                used.add(c.number)
                ignored.append((c.number, "moved (text split or merged)"))
                consumed.add(numbers[bisect_right(starts, at) - 1])
        for number in consumed:
            a, b = spans[number]
            if all(w == "\0" or w in TRIVIAL for w in sequence[a:b]):
                change = by_number[number]
                if not getattr(change, side) or change.whole:
                    used.add(number)
                    ignored.append((number, "moved (text split or merged)"))


def _row_key(row: str) -> str:
    return row.split(" · ", 1)[0]


def _cells_replaced(changes: list[Change], used: set[int]) -> tuple[dict[int, str], set[int]]:
    """A cell whose every word changed ("Yes" → "No") shows as a cell deleted and a cell inserted:
    the same row (its first cell), changed. Returns the new row of each deleted cell so paired, and
    the inserted cells it absorbed."""
    inserted: dict[tuple[tuple[str, ...], str], list[Change]] = {}
    for c in changes:
        if c.number not in used and c.whole and c.new_row and not c.old_row:
            inserted.setdefault((c.path, _row_key(c.new_row)), []).append(c)
    rows: dict[int, str] = {}
    absorbed: set[int] = set()
    for c in changes:
        if c.number in used or not (c.whole and c.old_row and not c.new_row):
            continue
        partners = inserted.get((c.path, _row_key(c.old_row)))
        if partners:
            partner = partners.pop(0)
            rows[c.number] = partner.new_row
            absorbed.add(partner.number)
    return rows, absorbed


_NOTHING_ELSE = re.compile(r"\b(?:anything|nothing) else\b|\b(?:any|no) other (?:purposes?|reasons?|uses?|way)\b", re.I)
_SOLELY = re.compile(r"\b(?:solely|exclusively)\b", re.I)
_NEGATION = re.compile(r"\b(?:not|never|no|nor|only|unless|except|without)\b|n[’']t\b", re.I)
_NEW_INFORMATION = "information not named in the policy before"  # how these rules' reasons begin
_NEW_RECIPIENT = "a recipient the policy did not name before"
_ASKED = re.compile(r"\b(?:ask|asks|asking|asked|request\w*)\b|"  # a deadline on what the reader asks or does
                    r"\b(?:if|when|once|after) you (?:\w+ ){0,2}?(?:delete|close|cancel|deactivat\w*|remove|erase)\b", re.I)
_QUANTITY = "a time limit, amount or age"


def _units(redline: Redline, ignored: list[tuple[int, str]]) -> list[_Unit]:
    """Changes to assess, with moves, duplicates and non-material edits set aside."""
    changes = [c for c in redline.changes if c.kind not in ("formatting", "moved")]
    for c in redline.changes:
        if c.kind == "formatting":
            ignored.append((c.number, "formatting only"))
    deleted = [c for c in changes if c.whole and c.kind == "deleted"]
    inserted = [c for c in changes if c.whole and c.kind == "inserted"]
    used: set[int] = set()
    units: list[_Unit] = []
    _table_rewritten(changes, used, ignored)
    deleted = [c for c in deleted if c.number not in used]
    inserted = [c for c in inserted if c.number not in used]

    def make(c: Change, old: list[str], new: list[str], whole: bool, old_block: str, new_block: str) -> _Unit:
        return _Unit(c.number, old, new, whole, c.path[-1] if c.path else "",
                     " › ".join(c.path) or "(introduction)", c.lead, old_block, new_block, c.tag)

    # Moves: a block deleted here and inserted there with the same (or nearly the same) words.
    inserted_bags = [Counter(words(i.added)) for i in inserted]
    inserted_sizes = [bag.total() for bag in inserted_bags]
    candidates = SimilarIndex(inserted_bags)  # only blocks that share rare words can be near-copies
    for d in deleted:
        best, score = None, 0.0
        dn = Counter(words(d.removed))
        size = dn.total()
        for k in candidates.candidates(dn, 0.85):
            i, inn = inserted[k], inserted_bags[k]
            if i.number in used or not within_reach(size, inserted_sizes[k], 0.85):
                continue
            value = dice(dn, inn)
            if value > score:
                best, score = i, value
        if best is not None and score >= 0.85:
            used.update((d.number, best.number))
            if _norm(d.removed) == _norm(best.added):
                ignored.append((d.number, "moved"))
                ignored.append((best.number, "moved"))
            else:  # moved with edits: assess what differs between the two places
                units.extend(_sentence_units(best, d.removed, best.added, make))
    for c in redline.changes:  # blocks the redline shows as moved: only their edits can matter
        if c.kind == "moved":
            if _norm(c.removed) == _norm(c.added):
                ignored.append((c.number, "moved"))
            else:
                units.extend(_sentence_units(c, c.removed, c.added, make))
    _pieces_moved(changes, used, ignored)
    _reformatted(changes, used, ignored)
    seen_blocks: set[tuple[str, str]] = set()
    paired_rows, paired = _cells_replaced(changes, used)
    for c in changes:
        if c.number in used:
            continue
        if c.old_row or c.new_row:  # a table cell: judged as its whole row ("90 days" → "12 months" is
            # no duplicate because another row says "12 months"), each cell under its heading
            if c.number in paired:
                continue
            old_row, new_row = c.old_row, c.new_row or paired_rows.get(c.number, "")
            if (old_row, new_row) not in seen_blocks:
                seen_blocks.add((old_row, new_row))
                if old_row and new_row:
                    units.extend(_sentence_units(c, old_row, new_row, make))
                else:
                    units.append(make(c, split_sentences(c.old_row), split_sentences(c.new_row), True,
                                      c.old_row, c.new_row))
            continue
        if c.whole and c.kind == "deleted" and _norm(c.removed) in redline.new_texts:
            ignored.append((c.number, "duplicate removed (the same text remains)"))
            continue
        if c.whole and c.kind == "inserted" and _norm(c.added) in redline.old_texts:
            ignored.append((c.number, "the same text was already there"))
            continue
        if c.whole:
            units.append(make(c, split_sentences(c.removed), split_sentences(c.added), True, c.old_block, c.new_block))
            continue
        if (c.old_block, c.new_block) in seen_blocks:
            continue  # the block's other hunks are covered by its sentence units
        seen_blocks.add((c.old_block, c.new_block))
        units.extend(_sentence_units(c, c.old_block, c.new_block, make))
    kept = []
    sentences = _SentenceSets(redline)
    for u in units:
        u = sentences.moved_out(u)
        if u is None:
            ignored.append((0, "sentences moved within the text"))
            continue
        reason = None if u.whole else why_not_material(u.before, u.after)
        if reason:
            ignored.append((u.number or 0, reason))
        else:
            kept.append(u)
    return kept


_TYPOGRAPHY = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})


@functools.lru_cache(maxsize=1 << 16)
def _plain_words(sentence: str) -> tuple[str, ...]:
    """A sentence's words with typographic quotes and dashes made plain (“don’t” is "don't")."""
    return _norm(sentence.translate(_TYPOGRAPHY))


class _SentenceSets:
    """Every sentence of each side, normalised: a sentence that leaves one block and stands, word for
    word, in another (a paragraph split, a duplicate removed) was not removed from the policy."""

    def __init__(self, redline: Redline):
        self.redline = redline

    @functools.cached_property
    def old(self) -> set[tuple[str, ...]]:
        return {_plain_words(s) for block in self.redline.old_blocks for s in split_sentences(block)}

    @functools.cached_property
    def new(self) -> set[tuple[str, ...]]:
        return {_plain_words(s) for block in self.redline.new_blocks for s in split_sentences(block)}

    def moved_out(self, u: "_Unit") -> "_Unit | None":
        """The unit without the sentences that are still (or already) in the text elsewhere."""
        old = [s for s in u.old_sentences if len(_plain_words(s)) < 4 or _plain_words(s) not in self.new]
        new = [s for s in u.new_sentences if len(_plain_words(s)) < 4 or _plain_words(s) not in self.old]
        if len(old) == len(u.old_sentences) and len(new) == len(u.new_sentences):
            return u
        if not old and not new:
            return None
        return replace(u, old_sentences=old, new_sentences=new)




_ANSWERS = frozenset("yes no".split())


def _table_rewritten(changes: list[Change], used: set[int], ignored: list[tuple[int, str]]) -> None:
    """A table written out as a list (or a list set out as a table) under the same heading: the same
    words and every number kept, in another shape, is not a change of substance."""
    groups: dict[tuple[str, ...], tuple[list[Change], list[Change]]] = {}
    for c in changes:
        if c.number in used or not c.whole or c.kind not in ("deleted", "inserted"):
            continue
        cells, others = groups.setdefault(c.path, ([], []))
        (cells if c.tag in CELLS else others).append(c)
    for cells, others in groups.values():
        if not cells or not others:
            continue
        table = cells
        kinds = {c.kind for c in table}
        if len(kinds) != 1 or {c.kind for c in others} == kinds:
            continue
        rest = [c for c in others if c.kind != next(iter(kinds))]
        side = "removed" if "deleted" in kinds else "added"
        other = "added" if side == "removed" else "removed"
        table_words = Counter(w for c in table for w in words(getattr(c, side)) if w not in TRIVIAL)
        list_words = Counter(w for c in rest for w in words(getattr(c, other)) if w not in TRIVIAL)
        body = Counter(w for c in table if c.tag != "th" for w in words(getattr(c, side))
                       if w not in TRIVIAL and w not in _ANSWERS)
        if not body or not list_words:
            continue
        covered = sum((body & list_words).values()) / sum(body.values())
        explained = sum((list_words & table_words).values()) / sum(list_words.values())
        same_numbers = sorted(numbers(" ".join(getattr(c, side) for c in table))) == \
            sorted(numbers(" ".join(getattr(c, other) for c in rest)))
        if covered >= 0.9 and explained >= 0.75 and same_numbers:
            for c in table + rest:
                used.add(c.number)
                ignored.append((c.number, "a table set out as a list, or a list as a table (same content)"))


def _reformatted(changes: list[Change], used: set[int], ignored: list[tuple[int, str]]) -> None:
    """A paragraph turned into a table, headings merged into a list: a whole block whose words reappear,
    in order, among what the other side added (or removed) is restructured, not deleted (or new)."""
    for kind, side, other in (("deleted", "removed", "added"), ("inserted", "added", "removed")):
        joined = " ".join(" ".join(words(getattr(c, other))) for c in changes
                          if c.number not in used and getattr(c, other))
        if not joined:
            continue
        # the other side's words in one sequence (an empty block is an empty word, as in the joined text)
        stream = _WordStream(joined.split(" "))
        for c in changes:
            if c.number in used or not c.whole or c.kind != kind:
                continue
            needle = words(getattr(c, side))
            if len(needle) < 3:
                continue
            at = stream.find(needle)
            if at >= 0:
                used.add(c.number)
                ignored.append((c.number, "restructured (the same words, in another block)"))
                stream.mask(at, len(needle))


def _count(pattern: re.Pattern[str], text: str, names: list[tuple[int, int]] | None = None) -> int:
    if names is None:
        return len(pattern.findall(text))
    return sum(1 for m in pattern.finditer(text) if not any(a <= m.start() and m.end() <= b for a, b in names))


def _appears(pattern: re.Pattern[str], removed: str, added: str, *, skip_names: bool = False) -> str | None:
    """'added'/'removed' when the term is in one side of the change more often than in the other."""
    before = _count(pattern, removed, name_spans(removed) if skip_names else None)
    after = _count(pattern, added, name_spans(added) if skip_names else None)
    if after > before:
        return "added"
    if before > after:
        return "removed"
    return None


_NEGATED = re.compile(r"\b(?:not|no|nor|never|without|low|unlikely|neither|none)\b(?:\W+\w+){0,6}?\W*$", re.I)


# Where a clause begins, read backwards from a term: a sentence's turn ("…; but"), a phrase's (a comma
# too), a clause's (a coordinated "and"/"or" as well).
_SENTENCE_TURN = re.compile(r"[;:—–]|\bbut\b|\bhowever\b")
_PHRASE_TURN = re.compile(r"[;:,—–(]|\bbut\b")
_CLAUSE_TURN = re.compile(r"[;:,—–(]|\bbut\b|\bhowever\b|\band\b|\bor\b")


def _clause_before(text: str, start: int, reach: int, turn: re.Pattern[str]) -> str:
    """The words of `text` before `start` (at most `reach` characters) back to where the clause begins."""
    return turn.split(text[max(0, start - reach):start])[-1]


_DENIAL = re.compile(r"\b(?:not|never|no|nor|neither|prohibit\w*|forbid\w*|without)\b", re.I)


def _denied(pattern: re.Pattern[str], sentence: str) -> bool:
    """Whether every use of a term in a sentence stands in a restriction that denies it ("we do not
    knowingly sell…", "they are prohibited from using it… to train models")."""
    sentence = plain(sentence)
    for match in pattern.finditer(sentence):
        before = _clause_before(sentence, match.start(), 160, _SENTENCE_TURN)
        if not _DENIAL.search(before) or PROHIBITION not in protections(sentence):
            return False
    return True


def _negated(pattern: re.Pattern[str], sentence: str) -> bool:
    """Whether every use of a term is negated in its own clause ("does not affect your credit score")."""
    for match in pattern.finditer(sentence):
        clause = _clause_before(sentence, match.start(), 60, _CLAUSE_TURN)
        if not re.search(r"\b(?:not|never|no|without)\b", clause, re.I):
            return False
    return True


def _affirmed(pattern: re.Pattern[str], removed: str, added: str) -> str | None:
    """'added'/'removed' when a finding ("a high risk") is stated, not denied, on one side only:
    "does not result in a high risk" becoming "is likely to result in a high risk" is a finding added."""
    def count(text: str) -> int:
        return sum(1 for m in pattern.finditer(text) if not _NEGATED.search(text[max(0, m.start() - 60):m.start()]))
    before, after = count(removed), count(added)
    return "added" if after > before else "removed" if before > after else None


def _stem_kept(pattern: re.Pattern[str], side: str, other: str) -> bool:
    """Whether the main word of a term found on one side of a change is on the other side too, in
    another form ("consented" for "your consent", "vendor" for "vendors")."""
    if not other.strip():
        return False
    head = max(pattern.search(side).group(0).split(), key=len).lower()
    stem = head[:max(4, len(head) - 2)]
    return re.search(rf"(?<![\w-]){re.escape(stem)}", other, re.IGNORECASE) is not None


def _evidence(u: _Unit, rule: str) -> Evidence:
    return Evidence(u.path, clip(u.before), clip(u.after), rule, u.number)


def _about(c: CompiledCriterion, u: _Unit) -> bool:
    """Whether a unit speaks of a criterion (its context words, or its section): asked often, read once."""
    key = c.criterion.id
    if key not in u.abouts:
        u.abouts[key] = (c.context is not None and c.context.search(u.context) is not None) or \
            (c.sections is not None and c.sections.search(u.path) is not None)
    return u.abouts[key]


@functools.lru_cache(maxsize=1 << 16)
def _elsewhere(c: CompiledCriterion, sentence: str) -> bool:
    if c.not_context is None or c.not_context.search(sentence) is None:
        return False
    return c.strong_context is None or c.strong_context.search(sentence) is None


def _sentence_rule(c: CompiledCriterion, u: _Unit, extract, label: str, old_text: str, new_text: str,
                   every=None) -> str | None:
    """Values (parties, places) new to the document in a sentence about the criterion, or gone from it."""
    for side, sentences, other in (("added", u.new_sentences, old_text), ("removed", u.old_sentences, new_text)):
        fragment = u.added if side == "added" else u.removed
        if not fragment.strip():
            continue
        for sentence in sentences:
            if c.context is not None and not c.context.search(sentence) and not (
                    c.sections is not None and c.sections.search(u.section)):
                continue
            if _elsewhere(c, sentence):
                continue
            values = sorted(v for v in extract(sentence) if v not in other and v in fragment
                            and not (label == "named party" and _known_owner(v, other)))
            if values and label == "named party" and c.criterion.organisations:
                counterpart = {n for s in (u.old_sentences if side == "added" else u.new_sentences)
                               for n in (every or extract)(s)}
                same = renamed(set(values), counterpart)
                values = [v for v in values if v not in same]
            if values:
                return f"{label} {side}: {', '.join(values)}"
    return None


_ENUMERATION = re.compile(r"\b(?:such as|including(?: but not limited to)?|e\.g\.|for example|namely)\b[:,]?\s*(.+?)"
                          r"(?:,\s*(?:which|who|whose|where|so that|in order)\b|;|$)", re.IGNORECASE)
_ITEM_SPLIT = re.compile(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or|and/or)\s+", re.IGNORECASE)


# What a list enumerates when it is not information about the reader.
_NOT_INFORMATION = re.compile(r"\b(?:safeguards?|measures?|security|protections?|encryption|laws?|states?|countries|"
                              r"regulations?|jurisdictions?|frameworks?|certifications?)\W+(?:\w+\W+){0,6}$", re.IGNORECASE)
_FILLER = frozenset("well also other others such more most like many various certain similar related etc back example "
                    "instance".split())


def enumerated(text: str) -> set[frozenset[str]]:
    """Items of the lists a text gives ("such as your name, cell phone number…"), as content words."""
    items: set[frozenset[str]] = set()
    text = re.sub(r"\([^()]*\)", " ", text)
    for match in _ENUMERATION.finditer(text):
        if _NOT_INFORMATION.search(text[max(0, match.start() - 60):match.start()]):
            continue  # safeguards, laws, states listed: not kinds of information
        for item in _ITEM_SPLIT.split(match.group(1)):
            words_ = frozenset(content_words(item)) - _FILLER
            if words_:
                items.add(words_)
    return items


_VERBISH = frozenset("be is are was were been being able will would can could should have has had do does did "
                     "get gets got make makes made".split())
_DATA_FLOW = re.compile(r"\b(?:collect|send|share|pass|process|store|receive|obtain|record|transfer|disclose|use)\w*\s+"
                        r"(?:your|the|their)\s+(.+?)(?:\s+(?:to|with|for|from|in order|so that|which|when|if|by)\b|[.;]|$)",
                        re.IGNORECASE)


# Examples of a category left open ("any other documents you choose to send us, such as work samples or a
# design portfolio"): they name nothing the category did not already cover.
_OPEN_EXAMPLE = re.compile(r"(\b(?:any|all) other\b[^,;.|]*?),?\s*(?:such as|for example|for instance|e\.g\.|like|including)\b[^.;|]*", re.I)


def _open_examples(text: str) -> str:
    return _OPEN_EXAMPLE.sub(r"\1", text)


# Examples in brackets ("your currency (for example euros or pounds sterling)"): they illustrate what the
# sentence already says; a kind of information they name is judged by the data-type rules.
_BRACKETED_EXAMPLES = re.compile(r"\s*\((?:for example|for instance|e\.g\.|such as)\b[^()]*\)", re.I)


def new_data_items(u: "_Unit", old_text: str) -> list[str]:
    """Items of information listed in a new or changed sentence ("your name, membership number and…")
    that the policy never named before: a new type of personal information."""
    if not u.after:
        return []
    whole, here = _squashed(old_text), _squash(u.before)
    known = _old_words(old_text)
    fresh = []
    for sentence in u.new_sentences:
        for match in _DATA_FLOW.finditer(re.sub(r"\([^()]*\)", " ", _open_examples(sentence))):
            items = [i.strip() for i in _ITEM_SPLIT.split(match.group(1)) if i.strip()]
            if len(items) < 2:
                continue
            for item in items:
                terms = [w for w in words(item) if w not in TRIVIAL]
                if not terms or len(terms) > 4 or any(w in FORCE or w in _VERBISH for w in terms):
                    continue  # not a noun phrase naming information
                term = _squash(" ".join(terms))
                if any(w in _DOCUMENT_WORDS for w in terms):
                    continue  # "the privacy section of your account": where to look, not information
                if not any(w not in known and w.rstrip("s") not in known and w + "s" not in known for w in terms):
                    continue  # known words in a new order ("meeting legal obligations"): nothing new is named
                if term not in whole and term not in here:
                    fresh.append(" ".join(terms))
    return fresh


_DOCUMENT_WORDS = frozenset("section sections statement policy notice page pages paragraph article behalf "
                            "settings menu link links below above".split())


@functools.lru_cache(maxsize=8)
def _old_words(text: str) -> frozenset[str]:
    """Every word of a text, lower-cased, once per text (data items and recipients both ask)."""
    return frozenset(words(text))


def _squash(text: str) -> str:
    """Text without case, spaces and punctuation: "e-mail address" is "email address"."""
    return re.sub(r"[\W_]+", "", text.lower())


@functools.lru_cache(maxsize=8)
def _squashed(text: str) -> str:
    """The whole previous text squashed, once per assessment rather than once per change."""
    return _squash(text)


def _kept(c: CompiledCriterion, sentences: list[str]) -> str:
    """The sentences that are not about another criterion (an assessment, a change of ownership)."""
    return " ".join(x for x in sentences if not _elsewhere(c, x))


def _known_owner(name: str, other: str) -> bool:
    """'GitHub Marketplace' when 'GitHub' is already in the policy: a product of a known party (but
    'GitHub Ireland Limited', a company of its own, is a new entity)."""
    if _CORPORATE_FORM.search(name):
        return False
    first = name.split()[0]
    return " " in name and re.search(rf"(?<![\w-]){re.escape(first)}(?![\w-])", other) is not None


class _Texts:
    """Both sides' whole text, and the words the policy writes in lower case, computed once if needed."""

    def __init__(self, redline: Redline, compiled: list[CompiledCriterion] = ()):
        self.redline = redline
        self.compiled = compiled
        self._net: dict[str, int] = {}
        self._values: dict[str, tuple[set[str], set[str]]] = {}
        self._pervasive: dict[str, bool] = {}

    @functools.cached_property
    def old(self) -> str:
        return self.redline.old_text

    @functools.cached_property
    def new(self) -> str:
        return self.redline.new_text

    @property
    def lower_words_old(self) -> frozenset[str]:
        """Every word of the previous text, lower-cased: what the policy has named before."""
        return _old_words(self.old)

    @functools.cached_property
    def common(self) -> frozenset[str]:
        return lowercase_words(self.old) | lowercase_words(self.new)  # each side cached: a step's new text is the next one's old

    def value_keys(self, pattern: re.Pattern[str]) -> tuple[set[str], set[str]]:
        """The contact values a pattern finds in the whole old and new text, once per step."""
        if pattern.pattern not in self._values:
            self._values[pattern.pattern] = ({_value_key(v) for v in pattern.findall(self.old)},
                                             {_value_key(v) for v in pattern.findall(self.new)})
        return self._values[pattern.pattern]

    @functools.cached_property
    def _differing(self) -> tuple[str, str]:
        """The old blocks the new text does not have, and the new blocks the old text did not have."""
        old, new = Counter(self.redline.old_blocks), Counter(self.redline.new_blocks)
        return "\n".join((old - new).elements()), "\n".join((new - old).elements())

    @property
    def added_blocks(self) -> str:
        """The new text's blocks the old text did not have, as one text."""
        return self._differing[1]

    def net(self, pattern: re.Pattern[str]) -> int:
        """How many more times the whole new text says something than the old one did."""
        key = pattern.pattern
        if key not in self._net:  # the blocks both sides share count the same on each: only the others are read
            old, new = self._differing
            self._net[key] = len(pattern.findall(new)) - len(pattern.findall(old))
        return self._net[key]

    @functools.cached_property
    def old_places(self) -> str:
        """The places the previous text named where information goes or is kept ("Location — Japan"):
        named again for another row or heading, they are not a new country."""
        found: set[str] = set()
        anywhere = places(self.old)  # one pass over the text; then only the blocks that name one
        for block, tag in zip(self.redline.old_blocks, self.redline.old_tags):
            if not any(p in block for p in anywhere):
                continue
            named = places(block)
            if tag in CELLS and not re.sub("|".join(re.escape(p) for p in named) + r"|\W|\band\b|\bthe\b", "", block):
                found |= named  # a cell that only names countries: a table's location column
            else:
                found.update(p for sentence in split_sentences(block) for p in _data_places(sentence))
        return "\n".join(sorted(found))

    @functools.cached_property
    def old_blocks(self) -> frozenset[str]:
        return frozenset(self.redline.old_blocks)

    @functools.cached_property
    def old_words(self) -> frozenset[str]:
        return frozenset(words(self.old))

    @functools.cached_property
    def namer(self) -> Namer:
        r = self.redline
        headings = {text for text, tag in zip(r.old_blocks + r.new_blocks, r.old_tags + r.new_tags)
                    if tag in ("h1", "h2", "h3", "h4", "h5", "h6", "th", "dt")}
        return Namer(headings, defined_terms(self.old) | defined_terms(self.new), lambda: self.common,
                     lambda: own_names(self.old))

    @functools.cached_property
    def _new_sentences(self) -> tuple[list[str], dict[str, list[int]]]:
        sentences = [s for block in self.redline.new_blocks for s in split_sentences(block)]
        index: dict[str, list[int]] = {}
        for number, sentence in enumerate(sentences):
            for word in content_words(sentence):
                index.setdefault(word, []).append(number)
        return sentences, index

    def pervasive(self, term: str) -> bool:
        """Whether the old text already uses a term throughout (three times or more)."""
        if term.lower() not in self._pervasive:
            found = re.findall(rf"(?<![\w-]){re.escape(term)}(?![\w-])", self.old, re.I)
            self._pervasive[term.lower()] = len(found) >= 3
        return self._pervasive[term.lower()]

    @functools.cached_property
    def _block_at(self) -> tuple[dict[str, int], dict[str, int]]:
        """Where each block text first stands, in the old text and in the new."""
        def index(blocks: list[str]) -> dict[str, int]:
            found: dict[str, int] = {}
            for number, block in enumerate(blocks):
                found.setdefault(block, number)
            return found
        return index(self.redline.old_blocks), index(self.redline.new_blocks)

    def around(self, block: str, old: bool = False, following: int = 2, preceding: int = 1) -> str:
        """A block and its neighbours (of the new text, or the old): where a rewritten sentence may now
        be said (split, merged, or made a list)."""
        blocks = self.redline.old_blocks if old else self.redline.new_blocks
        at = self._block_at[0 if old else 1].get(block)
        return block if at is None else " ".join(blocks[max(0, at - preceding):at + 1 + following])

    def survives(self, sentence: str) -> bool:
        """Whether a removed sentence is still in the new text, nearly word for word (split off, merged)."""
        sentences, index = self._new_sentences
        mine = content_words(sentence)
        if not mine:
            return True
        rare = min(sorted(mine), key=lambda w: len(index.get(w, ())))  # sorted: the same choice in every process
        guards = _guards(sentence)  # "…exclusively on the basis of a court order" → "…on the basis of…": the limit is gone
        return any(similarity(sentence, sentences[i]) >= 0.7 and guards <= _guards(sentences[i]) for i in index.get(rare, ()))


_GUARD_WORDS = frozenset("only exclusively solely never not no".split())


def _guards(sentence: str) -> frozenset[str]:
    """The words that make a sentence a limit or a denial ("only", "never", "not")."""
    return frozenset(w for w in re.findall(r"[a-z]+", sentence.lower()) if w in _GUARD_WORDS)


_HEADING = re.compile(r"h[1-6]$|th$")  # a heading, or a table's column header
# The nouns that name a party, for a block with no sharing word ("- collection agencies", "- Hoshi Pay Co., Ltd.").
_PARTY_NOUN = re.compile(r"\b(?:agenc(?:y|ies)|compan(?:y|ies)|firms?|organi[sz]ations?|institutions?|banks?|bureaus?|"
                         r"providers?|platforms?|networks?|brokers?|insurers?|auditors?|advis[eo]rs?|lawyers?|couriers?|"
                         r"carriers?|laborator(?:y|ies)|labs?|(?-i:Ltd|Inc|GmbH|LLC|plc|AG|SAS|BV|AB|ApS|Pty))\b", re.I)


_OUR_RESTRICTION = re.compile(r"\bwe (?:\w+ ){0,2}?(?:will never|never|will not|do not|does not|shall not|must not|"
                              r"are not (?:allowed|permitted) to)\b(?! (?:\w+ )?(?:permit|allow|let|authori[sz]e)\b)", re.I)


_FREQUENCY = re.compile(r"(?:once|twice|\d+ times|(?:two|three|four|five) times|annually|yearly|monthly|weekly)\b", re.I)
_REQUEST_WORDS = re.compile(r"\brequest|\baccess|\bcop(?:y|ies)\b|\bfees?\b|\bcharg|\bfree\b|\bexercis|\breport\b|\bstatements?\b", re.I)


def _restriction_only(u: _Unit) -> bool:
    """A new block that only restricts us or a third party ("recipients are prohibited by contract from…"):
    no right of the reader added, whatever section it stands in."""
    return bool(u.new_sentences) and not u.old_sentences and all(protections(s) == (PROHIBITION,) for s in u.new_sentences)


def _check(c: CompiledCriterion, u: _Unit, texts: _Texts) -> list[str]:
    """The rules of criterion `c` that fire on unit `u`."""
    criterion, fired = c.criterion, []
    about = _about(c, u)
    in_section = c.sections is not None and c.sections.search(u.section) is not None
    before, after = _kept(c, u.old_sentences), _kept(c, u.new_sentences)
    heading = _HEADING.match(u.tag) is not None  # a heading renamed says nothing by its words alone
    listed = u.tag == "li" and bool(criterion.data_types) and c.sections is not None and \
        c.sections.search(u.path) is not None  # an item of "2. Data we collect › 2.1 …"
    if criterion.whole_blocks and u.whole and (in_section or listed) and not heading and \
            not (criterion.reductions and _restriction_only(u)) and not _elsewhere(c, u.added or u.removed) and \
            not (criterion.organisations and u.tag not in CELLS and c.context is not None and
                 not c.context.search(u.added or u.removed) and not _PARTY_NOUN.search(u.added or u.removed) and
                 not (c.any_vocabulary is not None and c.any_vocabulary.search(u.added or u.removed))):
        # a block with no party in it ("8. ask you, by SMS, to rate your visit" under "Why we collect, use and disclose")
        fired.append(f"{'a provision added to' if u.added else 'a provision removed from'} “{u.section}”")
    present = lambda any_term: any_term is not None and (any_term.search(before) or any_term.search(after))  # noqa: E731
    for pattern in c.signals if present(c.any_signal) and not heading else ():
        side = _appears(pattern, before, after, skip_names=not criterion.names_count)  # not "Searchlight Advertising Inc"
        if side and texts.net(pattern) == 0:
            continue  # as often in the whole policy as before: moved or reworded elsewhere, not added or removed
        if side == "added" and all(_denied(pattern, s) or _negated(pattern, s) for s in u.new_sentences if pattern.search(s)):
            restricted = [s for s in u.new_sentences if pattern.search(s) and _OUR_RESTRICTION.search(plain(s))
                          and (c.context is None or c.context.search(s))]
            if restricted and not u.old_sentences and not criterion.reductions:
                fired.append(f"a new restriction: “{pattern.search(restricted[0]).group(0)}” ruled out")
                break  # "we will never use recordings to grade pupils": the ways data is used change, in the reader's favour
            continue  # "does not affect your credit score": no use added
        if side and not u.whole and _stem_kept(pattern, before if side == "removed" else after,
                                               after if side == "removed" else before):
            continue  # "the school is the controller" → "which makes it the controller": reworded
        if side == "added" and criterion.patterns and not u.old_sentences and \
                _mentioned(pattern.search(after).group(0), texts.old):
            continue  # "contact our Privacy Office as described in section 12": a contact already named
        if side == "added" and not criterion.reductions and texts.pervasive(pattern.search(after).group(0)):
            continue  # "health" in a health service's policy: a word it uses throughout, not new information
        if side and _only_security(c, pattern, u.new_sentences if side == "added" else u.old_sentences):
            continue  # "penetration testing at least once a year": how information is protected
        if side and _FREQUENCY.match(pattern.search(after if side == "added" else before).group(0)) and not any(
                pattern.search(s) and _REQUEST_WORDS.search(s) for s in (u.new_sentences if side == "added" else u.old_sentences)):
            continue  # "we test our controls every year": how often we do something, not how often you may ask
        if side and u.reworded:
            continue  # a passage said again in other words, every provision still made
        if side:
            term = pattern.search(after if side == "added" else before).group(0)
            fired.append(f"“{term}” {side}")
            break
    if about and present(c.any_vocabulary) and not heading:
        for pattern in c.vocabulary:
            if criterion.findings:
                side = _affirmed(pattern, before, after)
                if side:
                    fired.append(f"{'a finding of' if side == 'added' else 'no longer a finding of'} "
                                 f"{criterion.title.lower()}: “{clip(after if side == 'added' else before, 140)}”")
                    break
                continue
            side = _appears(pattern, before, after, skip_names=not criterion.names_count)
            if side and _stem_kept(pattern, before if side == "removed" else after, after if side == "removed" else before):
                continue  # "you have consented" → "you have given your consent": the same word, reworded
            if side == "removed" and not u.whole and c.any_vocabulary.search(after):
                continue  # reworded: the provision still speaks of the same kind of thing
            if side and texts.net(pattern) == 0:
                continue
            if side and not criterion.reductions and _only_security(c, pattern, u.new_sentences if side == "added" else u.old_sentences):
                continue  # "tested by independent security researchers": how information is protected, not who receives it
            if side == "added" and criterion.patterns and not u.old_sentences and \
                    re.search(rf"(?<![\w-]){re.escape(pattern.search(after).group(0))}", texts.old, re.I) and \
                    all(_mentioned(n.text, texts.old) for s in u.new_sentences for n in texts.namer.names(s)):
                continue  # a department or channel the policy already names, pointed to again
            if side and u.reworded:
                continue
            if side:
                term = pattern.search(after if side == "added" else before).group(0)
                fired.append(f"“{term}” {side} in a sentence about {criterion.title.lower()}")
                break
    if not criterion.reductions and c.statements is not None and not fired and \
            not any(o.criterion.reductions and _about(o, u) and (o.statements is None or o.statements.search(u.context))
                    for o in texts.compiled):  # a promise on your request: a right
        rule = _modality_rule(c, u)
        if rule:
            fired.append(rule)
    if criterion.enumerations and (in_section or (c.statements is not None and c.statements.search(u.context))):
        old_items, new_items = enumerated(_open_examples(before)), enumerated(_open_examples(after))
        known_before = set().union(*old_items) if old_items else set()
        known_after = set().union(*new_items) if new_items else set()
        def new_words(item: frozenset[str], known: set[str], sentence: str) -> set[str]:
            fresh = item - known - content_words(sentence)
            return {w for w in fresh if not any(typo(w, k) for k in known)}

        added = sorted((i for i in new_items - old_items if new_words(i, known_before, before)), key=sorted)
        removed = sorted((i for i in old_items - new_items if new_words(i, known_after, after)), key=sorted)
        if added or removed:
            item = " ".join(sorted(added[0] if added else removed[0]))
            fired.append(f"listed item {'added' if added else 'removed'}: {item}")
    if criterion.enumerations and not fired:
        fresh = new_data_items(u, texts.old)
        if fresh:
            fired.append(f"{_NEW_INFORMATION}: {', '.join(fresh[:3])}")
    for patterns, needs_about in ((c.patterns, False), (c.context_patterns, True)):
        if needs_about and not about:
            continue
        for pattern in patterns:
            added, removed = _values_changed(pattern, u, texts)
            if added or removed:
                fired.append(f"contact detail {'added' if added else 'removed'}: "
                             f"{', '.join(x.strip() for x in (added or removed))}")
                break
    if criterion.entities:
        rule = _sentence_rule(c, u, lambda text: _parties(c, text, texts.namer), "named party", texts.old, texts.new,
                              every=lambda text: _names(text, texts.namer))
        if rule:
            fired.append(rule)
    if criterion.authorities:
        rule = _authority_rule(u, texts)
        if rule:
            fired.append(rule)
    if criterion.organisations:
        rule = _organisation_rule(c, u, texts) or _recipient_phrase_rule(c, u, texts) or \
            _listed_recipient_rule(c, u, texts) or _labelled_recipient_rule(u, texts) or _recipient_restriction_rule(u) or \
            _sharing_restriction_rule(u)
        if rule and rule.startswith(_NEW_RECIPIENT) and any(w.capitalize() in AUTHORITY_WORDS for w in rule.split(":", 1)[1].split()):
            rule = None  # "complain to the Financial Services and Pensions Ombudsman": a complaint body, not a recipient
        if rule:
            fired.append(rule)
    if criterion.data_types:
        rule = _data_type_rule(c, u, texts) or _listed_data_rule(c, u, texts) or (None if fired else _restriction_rule(c, u))
        if rule:
            fired.append(rule)
    if criterion.places:
        named = u.added.strip() and any(_data_places(s) for s in u.new_sentences)  # the previous text read only then
        rule = _sentence_rule(c, u, _data_places, "place", u.old_block + "\n" + texts.old_places if named else u.old_block,
                              u.new_block)
        if rule:
            fired.append(rule)
    if criterion.keeping and not criterion.quantities and not u.whole and not fired:
        rule = _retention_rule(u)
        if rule:
            fired.append(rule)
    if criterion.quantities and about and not (u.whole and u.tag in CELLS):  # a row added or removed: its numbers are new, not changed
        old_q, new_q = quantities(before), quantities(after)
        if old_q != new_q and (not criterion.channels or _quantity_about(c, u, before, after)) and \
                not _numbers_elsewhere(c, u) and (
                c.quantity_context is None or c.quantity_context.search(f"{u.list_lead} {before} {after}")):
            fired.append(_quantity_changed(quantity_phrases(before), quantity_phrases(after)))
    if criterion.channels and about:
        gone, new = channels_changed(c, u)
        stated = in_section or (c.statements is not None and c.statements.search(u.context))
        if new and stated:
            fired.append(f"a new channel: {', '.join(new)}" + (f" (instead of {', '.join(gone)})" if gone else ""))
        elif gone and not new:
            fired.append(f"a channel removed: {', '.join(gone)}")
    return fired


_KEPT_FOR = re.compile(r"\b(?:keep|keeps|kept|retain\w*|retention|stor(?:e|ed|es|age)|delet\w+|eras\w+)\b", re.I)


_SECURITY = re.compile("|".join(SECURITY), re.I)
_CHILDREN = re.compile(r"\b(?:child(?:ren)?|minors?|young people|teen\w*|adults?|students?|parents?|guardians?)\b", re.I)


def _only_security(c: CompiledCriterion, pattern: re.Pattern, sentences: list[str]) -> bool:
    """Whether every sentence a term stands in describes how information is protected, and none of
    them states the criterion itself: a security description is outside every criterion of section 8."""
    said = [s for s in sentences if pattern.search(s)]
    return bool(said) and all(_SECURITY.search(s) for s in said) and not any(
        c.statements is not None and c.statements.search(s) for s in said)


def _numbers_elsewhere(c: CompiledCriterion, u: _Unit) -> bool:
    """Whether every sentence of the unit with a number in it belongs to another criterion ("liability
    will not exceed the fees you paid in the 12 months before": a cap, not a fee)."""
    said = [s for s in u.old_sentences + u.new_sentences if quantities(s)]
    return bool(said) and all(_elsewhere(c, s) for s in said)


def _quantity_about(c: CompiledCriterion, u: _Unit, before: str, after: str) -> bool:
    """Whether a changed number stands in a sentence about the criterion itself, not only near it
    ("we test our controls every year" in a section that mentions your rights), is not how long
    information is kept (its own rule) and is not the same numbers said again: asked of the reader's
    rights, whose context words stand in most paragraphs of a privacy policy."""
    if numbers(before) and sorted(numbers(before)) == sorted(numbers(after)) and durations(before) == durations(after):
        return False  # "You must be 16 or over" → "aged 16": the same number in other words
    changed = [s for s in u.old_sentences + u.new_sentences if quantities(s)]  # the numbers differ: each such sentence changed
    if changed and all(_SECURITY.search(s) for s in changed) and not any(
            c.statements is not None and c.statements.search(s) for s in changed):
        return False  # "twice-yearly penetration tests": how information is protected, outside the criterion
    differ = set((quantities(before) - quantities(after)) + (quantities(after) - quantities(before)))
    ages = lambda text: {q for q in quantities(text) if q.startswith("age ")}  # noqa: E731
    if differ and all(q.startswith("age ") for q in differ) and (
            ages(before) == ages(after) or not ages(before) or not ages(after)) and all(
            _CHILDREN.search(s) and not _REQUEST_WORDS.search(s) and not (c.statements is not None and c.statements.search(s))
            for s in changed if AGE.search(s)):
        return False  # "we do not knowingly collect information from anyone under 18": who the service is for, not a right
    if durations(before) and durations(after) and all(_KEPT_FOR.search(s) and durations(s) and not _ASKED.search(s) for s in changed):
        return False  # a retention period: how long information is kept, judged by its own rule
    if c.context is None or u.tag in CELLS or u.old_sentences:
        return True  # a table cell speaks through its row and header; a changed sentence through its old self
    return any(c.context.search(s) or (c.statements is not None and c.statements.search(s)) for s in changed + [u.list_lead])


def _retention_rule(u: _Unit) -> str | None:
    """How long information is kept changed, either way ("12 months" → "6 months" in a retention table):
    a longer period is also a reduction, judged with the provisions."""
    before, after = u.before, u.after
    if not (KEEPING.search(before) and KEEPING.search(after)) or _ASKED.search(before + " " + after):
        return None
    d_old, d_new = durations(before), durations(after)
    if d_old and d_new and sorted(d_old) != sorted(d_new):
        return _quantity_changed(quantity_phrases(before), quantity_phrases(after), what="how long information is kept")
    return None


_US = r"\b(?:we|the company|our company)"
_OUR_MODAL = re.compile(rf"{_US} (?:\w+ )?(may|might|can|could|will|shall|must)\b", re.I)
_WEAK_MODALS = frozenset(("may", "might", "can", "could"))
_OUR_POSSIBLE = re.compile(rf"{_US} (?:\w+ )?(?:may|might|can|could) (?:also )?(\w+)", re.I)


def _made_certain(old: str, new: str) -> bool:
    """"we may use …" → "we use …", "the Company may create" → "the Company creates": a possibility stated as a practice."""
    m = _OUR_POSSIBLE.search(old)
    return m is not None and re.search(rf"{_US} (?:also )?{re.escape(m.group(1))}(?:s|es|d|ed)?\b", new, re.I) is not None


def _modality_rule(c: CompiledCriterion, u: _Unit) -> str | None:
    """A statement of what we do turned from a possibility into a certainty or back ("we may obtain
    your credit score" → "we will obtain"): the same words, a different practice."""
    for old, new in zip(u.old_sentences, u.new_sentences):
        a, b = _OUR_MODAL.search(plain(old)), _OUR_MODAL.search(plain(new))
        if a is not None and b is None and (c.statements.search(new) or bool(c.criterion.data_types) and _about(c, u)) and similarity(old, new) >= 0.7 and \
                _made_certain(plain(old), plain(new)):
            return f"“{a.group(1)}” dropped: “{clip(new, 140)}”"
        if a is None or b is None or not c.statements.search(new) or similarity(old, new) < 0.8:
            continue
        weak_a, weak_b = a.group(1).lower() in _WEAK_MODALS, b.group(1).lower() in _WEAK_MODALS
        if weak_a != weak_b:
            return f"“{a.group(1)}” became “{b.group(1)}”: “{clip(new, 140)}”"
    return None


def _value_key(value: str) -> str:
    """What identifies a contact value: an address's characters, a web address's site (a page moved
    within the same site is a link change, not a new channel)."""
    value = value.strip().rstrip(".,;)").lower()
    site = re.match(r"(?:https?://)?(?:www\.)?([^/\s]+)", value) if re.match(r"https?://|www\.", value) else None
    return site.group(1) if site else re.sub(r"\s+", " ", value)


# A number that identifies a company, a licence or a document, not a line to call ("company number 14567890").
_IDENTIFIER = re.compile(r"\b(?:company|registration|registered|reg\.?|vat|tax|ein|crn|licen[cs]e|nmls|ico|charity|"
                         r"routing|case|reference|ref\.?|decision|regulation|directive)\s*(?:number|no\.?|#|id)?\s*[:.]?\s*$", re.I)


def _contact_values(pattern: re.Pattern[str], text: str) -> dict[str, str]:
    return {_value_key(m.group(0)): m.group(0) for m in pattern.finditer(text)
            if not _IDENTIFIER.search(text[max(0, m.start() - 40):m.start()])}


def _values_changed(pattern: re.Pattern[str], u: _Unit, texts: "_Texts") -> tuple[list[str], list[str]]:
    """Contact values (e-mail, phone, address, web site) new to the whole policy or gone from it; a
    value moved elsewhere, or a one-character typo fixed in it, is neither."""
    old_values, new_values = _contact_values(pattern, u.before), _contact_values(pattern, u.after)
    if old_values.keys() == new_values.keys():
        return [], []
    everywhere_old, everywhere_new = texts.value_keys(pattern)
    # A value one character away from one on the other side is the same value with a typo fixed.
    added = sorted(v for k, v in new_values.items() if k not in everywhere_old
                   and not any(_slip(k, o) for o in everywhere_old))
    removed = sorted(v for k, v in old_values.items() if k not in everywhere_new
                     and not any(_slip(k, n) for n in everywhere_new))
    return added, removed


def _slip(a: str, b: str) -> bool:
    """Whether two values differ by one character added, dropped or changed."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    return SequenceMatcher(None, a, b).ratio() * (len(a) + len(b)) >= len(a) + len(b) - 2


def _quantity_changed(before: list[str], after: list[str], what: str = _QUANTITY) -> str:
    """A deadline, fee, age or count that changed, in words a reviewer reads at once."""
    if not before:
        return f"{what} added: {', '.join(after)}"
    if not after:
        return f"{what} removed: {', '.join(before)}"
    return f"{what} changed from {', '.join(before)} to {', '.join(after)}"


_WHERE_DATA_GOES = re.compile(r"\b(?:transfer|stor|host|server|data cent|locat|process|sen[dt]|receiv|shar|"
                              r"access|kept|keep|held|maintain|back(?:ed)? up)\w*", re.IGNORECASE)


# A table's place column, as diff.blocks.row_text writes it ("Where data is held — Ireland").
_PLACE_COLUMN = r"(?:locat|countr|region|where|hosted|server|data cent|transfer)[^—·]*— "


@functools.lru_cache(maxsize=1 << 14)
def _data_places(sentence: str) -> frozenset[str]:
    """Countries named where the sentence moves or keeps information ("stored in Singapore", a table's
    "Location — Singapore"), not as the place of a law ("residents of the EU", "VAT in the EU")."""
    if not _WHERE_DATA_GOES.search(sentence):
        return frozenset()
    return frozenset(p for p in places(sentence)
            if re.search(rf"{_PLACE_COLUMN}[^·]*\b{re.escape(p)}\b", sentence, re.IGNORECASE)
            or re.search(rf"{_WHERE_DATA_GOES.pattern}(?:\s+[\w,()’'-]+){{0,8}}?\s+(?:in|to|from|outside(?: of)?|within|across|"
                         rf"into|throughout) (?:the )?(?:[A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*)*(?:,| and| or) (?:the )?){{0,3}}"
                         rf"{re.escape(p)}\b", sentence, re.IGNORECASE)
            and not re.search(rf"\b(?:law|laws|regulations?|residents?|citizens?|users?|people|individuals) (?:of|in) "
                              rf"(?:the )?{re.escape(p)}\b", sentence))


def channels_changed(c: CompiledCriterion, u: _Unit) -> tuple[list[str], list[str]]:
    """The ways to reach us or to act (e-mail, post, app…) a change removes from its block and adds
    (asked by several rules of a unit: worked out once per criterion)."""
    if c.criterion.id in u.channel_changes:
        return u.channel_changes[c.criterion.id]
    old_scope, new_scope = (u.before, u.after) if u.whole else (u.old_block or u.before, u.new_block or u.after)
    new_scope = _REFUSED_CHANNEL.sub(" ", new_scope)  # "we cannot accept requests by post": post is gone
    in_contact = _REACH.search(u.section)  # "Phone: …" under "Contact us"
    gone = [p.search(u.before).group(0) for p in c.channels if p.search(u.before) and not p.search(new_scope)] \
        if in_contact or _REACH.search(u.before) else []
    offered = _REFUSED_CHANNEL.sub(" ", u.after)
    added = [p.search(offered).group(0) for p in c.channels if p.search(offered) and not p.search(old_scope)
             and ((in_contact and len(offered.split()) <= 12) or _offers(p, offered))]  # "Phone: …" under "Contact us"
    added = [a for a in added if _channel_kind(a) != "contact" and "@" not in a]  # "contact our Privacy Office": a person to reach, no new way
    if gone and _CONTACT_SOMEONE.search(new_scope):  # "contact the Advancement Office" → "contact Coastal Ridge Alumni"
        gone = [g for g in gone if _channel_kind(g) != "contact"]
    same = {_channel_kind(g) for g in gone} & {_channel_kind(a) for a in added} - {""}
    if same:  # "using the form" → "the request form": the same channel in other words
        gone = [g for g in gone if _channel_kind(g) not in same]
        added = [a for a in added if _channel_kind(a) not in same]
    u.channel_changes[c.criterion.id] = (gone, added)
    return gone, added


_CHANNEL_KINDS = (("form", r"\bform\b"), ("e-mail", r"e-?mail|@"), ("phone", r"phone|toll|hotline|\bcall"),
                  ("post", r"\bpost\b|\bmail\b|letter|writ|address|p\.?o\.? box|\bst(?:reet)?\b|\broad\b"),
                  ("app", r"\bapp"), ("chat", r"chat"), ("portal", r"portal"), ("settings", r"settings|account|choices|preferences"),
                  ("help", r"help|support"), ("contact", r"contact|details"),
                  ("in person", r"in person|reception|desk|counter|branch|\bstores?\b|\bshops?\b|clinic|practice|cent(?:re|er)"))


_CONTACT_SOMEONE = re.compile(r"\bcontact(?:ing)?\s+(?:the |our )?(?-i:[A-Z])|\bcontact(?:ing)? (?:us|them)\b", re.I)


def _channel_kind(found: str) -> str:
    """What kind of channel a match names: "request form" and "using the form" are both a form."""
    return next((kind for kind, pattern in _CHANNEL_KINDS if re.search(pattern, found, re.I)), "")


_REFUSED_CHANNEL = re.compile(r"\b(?:we )?(?:cannot|can ?not|can't|no longer|do not|don't|will not|won't) "
                              r"(?:\w+ ){0,4}?(?:accept|take|receive|respond to|answer|process)\w* [^.;]*", re.I)


# A sentence that gives a way to reach us or to act ("e-mail us", "submit a request via the app"), not
# one that only names a page ("learn more in our Help Center").
_ACTS = (r"contact|reach|request|submit|send|sent|write|call|complain|exercis|ask|question|inquir|"
         r"enquir|lodge|appeal|opt[- ]?out|unsubscrib|withdraw|report|notify|tell us|let us know")
_REACH = re.compile(rf"\b(?:{_ACTS}|by|via|through|using|at)\w*|^\W*(?:phone|tel(?:ephone)?|e-?mail|fax|post|address)\s*:", re.I)  # "Phone: +49 …"
_ACT = re.compile(rf"\b(?:{_ACTS})\w*", re.I)  # asking or contacting, not only "by", "via", "at"
_BY = re.compile(r"\b(?:by|via|through|using|at|in)\s+(?:\S+\s+){0,3}$", re.I)


def _offers(channel: re.Pattern, text: str) -> bool:
    """Whether a sentence offers the channel as a way to act: it asks or contacts ("ask us by e-mail"),
    or names the channel as the means ("via the app"), not in passing ("data from children through our
    website", "safe phone use")."""
    for sentence in split_sentences(text):
        found = channel.search(sentence)
        if found and (_ACT.search(sentence) or _BY.search(sentence[:found.start()])):
            return True
    return False


def _parties(c: CompiledCriterion, sentence: str, namer: Namer) -> set[str]:
    """The names of a sentence that can be parties here: organisations, and untyped names only where
    the sentence gives them a role (shares with, acquired by…). The company's own entities receive
    nothing, but they can become the owner or the controller ("GitHub B.V." → "GitHub Ireland Limited")."""
    strong = c.strong_context is not None and c.strong_context.search(sentence) is not None
    found = set()
    for n in namer.names(sentence):
        if namer.is_own(n.text) and c.criterion.organisations and not _shared_with(n.text, sentence):
            continue
        if n.kind == ORGANISATION or (n.kind == UNKNOWN and strong and " " in n.text):
            parts = n.text.split(" and ")
            found.update(parts if len(parts) > 1 and all(p[:1].isupper() for p in parts) else [n.text])  # "Magnite and OpenX"
        elif n.kind == UNKNOWN and c.criterion.organisations and c.context is not None and c.context.search(sentence) and \
                re.search(rf"(?<![\w-]){re.escape(n.text)}(?: \((?-i:[a-z])|, (?:which|who) )", sentence):
            found.update(part for part in n.text.split(" and ") if part)  # "Chainalysis and Elliptic (blockchain analytics)"
    return found


def _shared_with(name: str, sentence: str) -> bool:
    """Whether the sentence says information goes to this party ("we share with Brightpath Tutors Ltd
    the account details"): then even one of the company's own entities is a recipient."""
    name = re.escape(name)
    return re.search(rf"\b(?:shar|disclos|transfer|pass|sen[dt]|provid|giv)\w* (?:[\w',]+ ){{0,8}}?(?:with|to) {name}|"
                     rf"{name}\W+(?:\w+ ){{0,3}}?(?:receives?|will receive|may receive|gets?) (?:your|personal|the)",
                     sentence, re.I) is not None


def _names(sentence: str, namer: Namer) -> set[str]:
    return {n.text for n in namer.names(sentence) if n.kind in (ORGANISATION, UNKNOWN)}


_RECEIVES = re.compile(r"\b(?:shar(?:e|es|ed|ing) (?:[\w,]+ ){0,10}?with|disclos\w*|receiv\w* (?:(?:your|personal|the) )?"
                       r"(?:[\w,]+ ){0,4}?(?:information|data|records|reports|details)|transfer\w* (?:your|personal|the) (?:\w+ )?(?:information|data)|"
                       r"tak(?:e|es|ing) over (?:\w+ ){0,3}?(?:accounts?|data|information|records|contracts)|"
                       r"(?:been|be|are|is|were|was) transferred to|(?:may|can|will) (?:also )?access (?:your|personal|the))\b", re.I)


# A party that runs something for us: "a consent platform provided by OneTrust LLC", "set by Kantar Media".
_PROVIDED_BY = re.compile(r"\b(?:provided|operated|run|hosted|supplied|powered|managed|set|placed|served) by\b", re.I)


def _organisation_rule(c: CompiledCriterion, u: _Unit, texts: "_Texts") -> str | None:
    """A company (corporate form or known processor) new to the policy, or gone from it, wherever it
    is named: a policy names a company because information goes to it."""
    if not MAYBE_COMPANY.search(u.before) and not MAYBE_COMPANY.search(u.after):
        return None
    old_scope = texts.old if u.whole else u.old_block
    new_scope = texts.new if u.whole else u.new_block
    others = [o for o in texts.compiled if o is not c and o.any_signal is not None]
    found: dict[str, set[str]] = {"added": set(), "removed": set()}
    own_receivers: set[str] = set()
    for side, sentences, other in (("added", u.new_sentences, old_scope), ("removed", u.old_sentences, new_scope)):
        receives = any(_RECEIVES.search(s) for s in sentences)  # "…became a subsidiary of X. X may receive your data"
        for sentence in sentences:
            claimed = [o for o in others if o.any_signal.search(sentence)]
            elsewhere = c.not_context is not None and c.not_context.search(sentence) is not None
            if elsewhere or claimed:
                runs_it = _PROVIDED_BY.search(sentence) and not elsewhere and \
                    all(o.criterion.reductions for o in claimed)  # "a consent platform provided by OneTrust LLC"
                if not receives and not runs_it:
                    continue  # an owner, a representative, an assessor: another criterion's party
            for n in texts.namer.names(sentence):
                if n.kind != ORGANISATION or n.why == "named in a role":
                    continue
                at = sentence.find(n.text) + len(n.text)
                new_entity = receives and (_CORPORATE_FORM.search(n.text) is not None or FORM_AFTER.match(sentence[at:at + 12])) and \
                    re.search(rf"(?<![\w-]){re.escape(n.text)}(?![\w-])", other) is None
                if texts.namer.is_own(n.text) or _mentioned(n.text, other):
                    if new_entity:  # a group company of ours, new to the text, that takes the data over
                        found[side].add(n.text)
                        own_receivers.add(n.text)
                else:
                    found[side].add(n.text)
    before_names = {n.text for s in u.old_sentences for n in texts.namer.names(s) if n.kind == ORGANISATION}
    same = renamed(found["removed"] | before_names, found["added"])
    for side in ("added",):  # a company no longer named is usually a rewording; the sharing rules judge removals
        names = sorted(n for n in found[side] - same if not texts.namer.is_own(n) or n in own_receivers)
        if names:
            return f"named party {side}: {', '.join(names)}"
    return None


_SHARED_TO = re.compile(r"\b(?:shar(?:e|es|ed|ing)|disclos(?:e|es|ed|ing)|pass(?:es|ed)?(?: on)?|sen[dt]s?|transfer(?:s|red)?|"
                        r"sell(?:s)?|sold|rent(?:s)?|provid(?:e|es|ed)|mak(?:e|es) (?:\w+ )?available)\s+(?:[\w’',-]+ ){0,10}?"
                        r"(?:with|to) (?:the |our |a |an |its |their |your |certain |selected |trusted |other )*"
                        r"(?P<who>[a-z][\w’'-]*(?: (?!that|who|which|where|when|if|so|for|to|in|as|and|or|on|under|at|by|"
                        r"from|with|unless|only|pursuant|according|because|except|including|such|via|through)"
                        r"[a-z][\w’'-]*){0,4})")
_NOT_RECIPIENTS = frozenset("you your us we them it this that these those what whatever which whom help ensure make provide improve comply "
                            "anybody anyone anything nobody everybody somebody someone others "
                            "everyone person people extent degree consent permission request requests law".split())


# A body that settles complaints out of court by its name ("Fairway ADR", "Financial Ombuds Network").
_DISPUTE_BODY = re.compile(r"\bOmbud\w*|\bADR\b|\bDispute Resolution\b|\bMediation\b|\bConciliation\b|\bArbitration (?:Centre|Center|Service)", re.I)
_COMPLAINT = re.compile(r"\bcomplain\w*|\blodge\b|\breport (?:\w+ ){0,3}?concerns?\b|\bescalat\w+", re.I)


def _authority_rule(u: _Unit, texts: "_Texts") -> str | None:
    """A complaint body named that the policy did not name before, or no longer named anywhere."""
    def bodies(sentences: list[str]) -> set[str]:
        return {n.text for s in sentences if _COMPLAINT.search(s) for n in texts.namer.names(s)
                if authority(n) or (n.kind != PLACE and _DISPUTE_BODY.search(n.text))}

    added = sorted(b for b in bodies(u.new_sentences) - bodies(u.old_sentences) if not _mentioned(b, texts.old))
    removed = sorted(b for b in bodies(u.old_sentences) - bodies(u.new_sentences) if not _mentioned(b, texts.new))
    if added:
        return f"a new complaint body: {', '.join(added[:3])}"
    if removed:
        return f"a complaint body no longer named: {', '.join(removed[:3])}"
    return None


def _recipient_phrase_rule(c: CompiledCriterion, u: _Unit, texts: "_Texts") -> str | None:
    """A kind of recipient the policy never named, written in ordinary words ("we share progress reports
    with the multi-academy trust"): the words after "share … with" are new to the whole policy."""
    old_words, twin = texts.lower_words_old, " ".join(u.old_sentences)
    for sentence in u.new_sentences:
        if _elsewhere(c, sentence):
            continue  # an acquirer, an assessment: another criterion's
        text = plain(sentence)
        for match in _SHARED_TO.finditer(text):
            clause = _clause_before(text, match.start(), 60, _PHRASE_TURN)
            if re.search(r"\b(?:not|never|no)\b", clause + match.group(0)[:40], re.I):
                continue  # "we never share it with …": a restriction on us, not a recipient
            if re.search(r", (?:and|or|but|then) ", text[match.start():match.start("who")]):
                continue  # "the offers we send you, and to build models": a new clause, not the one sent to
            who = [w for w in match.group("who").lower().split() if w not in TRIVIAL and w not in _FILLER]
            if not who or who[0] in _NOT_RECIPIENTS or any(w in _NOT_RECIPIENTS for w in who[-1:]):
                continue
            fresh = [w for w in who if w not in old_words and w.strip("’'s") not in old_words
                     and w.rstrip("s") not in old_words and w + "s" not in old_words]
            if fresh and not re.search(rf"(?<![\w-]){re.escape(who[-1])}", twin, re.I):
                return f"{_NEW_RECIPIENT}: {match.group('who')}"
    return None


_TOKEN = re.compile(r"[\w’'/-]+|[^\w\s]")


def _tokens(text: str) -> list[str]:
    """A text's words and punctuation marks, lower-cased, its contractions spelled out."""
    return [t.lower() for t in _TOKEN.findall(plain(text))]
_GIVES = frozenset("share shares shared sharing disclose discloses disclosed disclosing pass passes passed passing "
                   "send sends sent sending transfer transfers transferred transferring forward forwards forwarded "
                   "provide provides provided providing available give gives given giving".split())
_RECIPIENT_TURN = frozenset("for because if when whenever unless where while so about on under by from via through "
                            "including such except ; : . ( )".split())
_DETERMINERS = frozenset("a an the our your its their any other third selected trusted certain relevant local "
                         "approved authorised authorized outside external independent accredited some".split())


_NOT_GIVEN_WITH = frozenset("comply complies complying deal deals dealing along together associated connection accordance "
                            "line compliance consistent help assist work works interact engage agree agrees".split())


_NOT_GIVEN_TO = frozenset("response respect due access according relation regard addition prior subject related similar "
                          "close next applies apply relating pursuant".split())
_MESSAGES = frozenset("email emails e-mails messages message notice notices notifications newsletters marketing "
                      "communications reminders alerts updates offers".split())


_GIVING = re.compile(r"\b(?:" + "|".join(sorted(_GIVES)) + r")\b", re.I)


def _known(word: str, known: frozenset[str]) -> bool:
    return word in known or word.rstrip("s") in known or word + "s" in known or \
        (word.endswith("ies") and word[:-3] + "y" in known) or word + "es" in known


def _slot_opening(tokens: list[str], at: int, lowest: int) -> int:
    """Where the recipient slot holding token `at` opens: the "with" or "to" (before "a", "the", "our"…)
    after a verb of giving ("we pass the details to a towing company, …, or a car rental company"),
    or -1 when a turn ("for", "if", ";") or the sentence's start comes first."""
    for k in range(at - 1, lowest - 1, -1):
        token = tokens[k]
        if token in _RECIPIENT_TURN:
            return -1
        if (token == "with" and (k == 0 or tokens[k - 1] not in _NOT_GIVEN_WITH)) or (token == "to" and k + 1 < len(tokens) and (
                tokens[k + 1] in _DETERMINERS or (tokens[k + 1].endswith("s") and not tokens[k + 1].endswith("ss") and k + 1 < at)
                or (k + 2 < len(tokens) and tokens[k + 2].endswith(("ies", "ers", "ors", "ants", "ents", "ns", "firms"))))):
            return k  # "to a towing company", "to collection agencies", "to advertisers"
        if token == "to" and (k + 1 >= len(tokens) or tokens[k + 1] not in ("whom", "which")):
            return -1  # "to help us": a purpose, not a recipient
    return -1


def _inserted(u: _Unit) -> tuple[list[str], list[tuple[int, int]]]:
    """The tokens of a unit's new text and the spans of them that were put in, not changed: a list
    grown by an item ("…, or home health agencies"); the lead of a new list item is read with it; a
    sentence rewritten (less than 80 % of its old tokens kept) has no such spans."""
    old_tokens = _tokens(u.before)
    if u.tag == "li" and not old_tokens and u.lead:
        lead = _tokens(u.lead)
        tokens = lead + _tokens(u.after)
        return tokens, [(len(lead), len(tokens))]
    tokens = _tokens(u.after)
    if not old_tokens:
        return tokens, [(0, len(tokens))] if tokens else []  # a new sentence: all of it is inserted
    opcodes = SequenceMatcher(None, old_tokens, tokens, autojunk=False).get_opcodes()
    if sum(i2 - i1 for op, i1, i2, _, _ in opcodes if op == "equal") < 0.8 * len(old_tokens):
        return tokens, []
    return tokens, [(j1, j2) for op, i1, i2, j1, j2 in opcodes if op == "insert" or
                    (op == "replace" and all(t in TRIVIAL or not t[0].isalnum() for t in old_tokens[i1:i2]))]


def _fresh(word: str, known: frozenset[str]) -> bool:
    """A word that could name something new: not a function word, and never used by the policy."""
    return len(word) >= 3 and word.isalpha() and word not in TRIVIAL and word not in _FILLER and \
        word not in FORCE and not _known(word, known)


def _listed_recipient_rule(c: CompiledCriterion, u: _Unit, texts: "_Texts") -> str | None:
    """A kind of recipient added to a list of them in ordinary words, where the first item is one the
    policy names already ("with your primary care provider, a specialist …, or home health agencies"):
    the words inserted sit after the "with"/"to" of a verb of giving, and the policy never used them."""
    if not _GIVING.search(u.after) and not (u.tag == "li" and _GIVING.search(u.lead)):
        return None  # no verb of giving: no recipient slot
    if _elsewhere(c, u.after):
        return None  # an acquirer, an assessment: another criterion's
    known = texts.lower_words_old
    if u.tag == "li" and not u.before.strip() and u.lead and (not (set(_tokens(u.lead)) & _GIVES)
                                                               or _NEGATION.search(u.lead)):
        return None
    tokens, spans = _inserted(u)
    for j1, j2 in spans:
        for at in range(j1, j2):
            word = tokens[at]
            if not _fresh(word, known) or word in _NOT_RECIPIENTS:
                continue
            start = max((k + 1 for k in range(at) if tokens[k] in (".", ";")), default=0)
            opening = _slot_opening(tokens, at, start)
            if opening < 0 or opening < j1 and any(t in _RECIPIENT_TURN for t in tokens[opening:j1]):
                continue
            if opening > 0 and tokens[opening] == "to" and tokens[opening - 1] in _NOT_GIVEN_TO:
                continue  # "in response to a security threat", "access to private content"
            verbs = [k for k in range(start, opening) if tokens[k] in _GIVES]
            if verbs and set(tokens[verbs[-1] + 1:verbs[-1] + 4]) & _MESSAGES:
                continue  # "sending unsolicited emails to users", "provide notice to": messages, not information
            if not verbs or any(t in ("not", "never", "no") for t in tokens[max(start, verbs[-1] - 4):verbs[-1]]) \
                    or tokens[verbs[-1] + 1] in ("you", "us"):
                continue
            phrase = []
            for token in tokens[at:j2]:
                if token in _RECIPIENT_TURN or token in (",", "and", "or", "that", "who", "which") or len(phrase) == 5:
                    break
                phrase.append(token)
            head = [t for t in tokens[opening + 1:at] if t not in TRIVIAL and t.isalpha()][-2:] if opening >= j1 else []
            return f"{_NEW_RECIPIENT}: {' '.join(head + phrase)}"
    return None


_LIST_JOINS = (",", "and", "or", ";")


def _list_items(tokens: list[str], spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The inserted spans that add an item to a list: they open with, or follow, a comma, "and", "or", ";"."""
    return [(j1, j2) for j1, j2 in spans if (j1 > 0 and tokens[j1 - 1] in _LIST_JOINS) or tokens[j1] in _LIST_JOINS]


# An item or a cell that names who receives information by a label ("Recipients: manufacturers …",
# a table's "Recipients — …" column).
_RECIPIENT_LABEL = re.compile(r"(?:^|·\s*)(?:(?:categories of |main )?recipients?|shared with|disclosed to|provided to|"
                              r"third parties(?: we share with)?|who receives? (?:it|them|the data|this))\s*(?::|—)", re.I)


def _labelled_recipient_rule(u: _Unit, texts: "_Texts") -> str | None:
    """A kind of recipient added to a labelled list of them in ordinary words ("Recipients: manufacturers
    of products…, and advertising agencies acting on their behalf"): words the policy never used."""
    if u.tag not in ("li", *CELLS) or not u.before.strip() or not _RECIPIENT_LABEL.search(u.after):
        return None
    tokens, spans = _inserted(u)
    for j1, j2 in _list_items(tokens, spans):
        phrase = [t for t in tokens[j1:j2] if t.isalpha() and t not in ("and", "or")][:4]
        if phrase and phrase[0] not in _CLAUSE_OPENERS and any(
                _fresh(t, texts.lower_words_old) and t not in _NOT_RECIPIENTS for t in phrase):
            return f"{_NEW_RECIPIENT}: {' '.join(phrase)}"
    return None


_CLAUSE_OPENERS = frozenset("rather than which who that because so if when where while but although unless except save provided to for "
                             "as by in on at from with without".split())


def _listed_data_rule(c: CompiledCriterion, u: _Unit, texts: "_Texts") -> str | None:
    """A kind of information added to a list of them ("profile photo, preferred language and any
    mobility needs you tell us about") in an item or a cell of a section on what is collected."""
    if u.tag not in ("li", *CELLS) or c.sections is None or not c.sections.search(u.path) or not u.before.strip():
        return None
    tokens, spans = _inserted(u)
    for j1, j2 in _list_items(tokens, spans):
        lead = next((t for t in tokens[j1:j2] if t.isalpha() and t not in ("and", "or")), "")
        if lead in _CLAUSE_OPENERS:
            continue  # "…, rather than how likely you are to repay": a clause, not an item
        if lead in ("such", "including", "like") and _OPEN_EXAMPLE.search(u.after):
            continue  # "any other documents you choose to send us, such as work samples": examples of an open category
        fresh = [t for t in tokens[j1:j2] if _fresh(t, texts.lower_words_old)
                 and not re.search(rf"\b{re.escape(t.capitalize())}\b", u.after)]  # "the Philippines": a place
        if fresh:
            return f"{_NEW_INFORMATION}: {' '.join(fresh[:4])}"
    return None


_THEM = r"(?:them|it|they|(?:\w+ )?(?:providers?|partners?|processors?|sub-?processors?|vendors?|developers?|recipients?|" \
        r"suppliers?|contractors?|carriers?|forwarders?|couriers?|advertisers?|agencies|compan(?:y|ies)|subsidiar(?:y|ies)|operators?|insurers?|banks?|" \
        r"merchants?|agents?|handlers?|administrators?|franchisees?|licensees?|brokers?|affiliates?|airlines?|" \
        r"collectors?|installers?|lenders?|landlords?|schools?|employers?)|(?-i:(?!(?:We|You|Your|Our|Us|The|This|These|It|They|If|When|Where|Staff|Employees|Users?|Customers?|" \
        r"Members?|Parents?|Children)\b)[A-Z][\w&]+(?: [A-Z][\w&]+){0,3}))"
_LIMITED_RECIPIENT = re.compile(
    rf"\b(?:forbid\w*|prohibit\w*|bar(?:s|red)?|restrict\w*|do(?:es)? not (?:allow|permit|let)) (?:\w+ ){{0,3}}?{_THEM}\b(?:\W+\w+){{0,3}}?"
    rf"\W+(?:from |to )?(?:us(?:e|es|ing)|sell\w*|shar\w*|disclos\w*|rent\w*|combin\w*|retain\w*|keep\w*)\b|"
    rf"\b{_THEM} (?:may|must|can|will|are allowed to|are permitted to) (?:only|not|never) (?:\w+ )?(?:use|sell|share|disclose|keep|retain|combine)\b|"
    rf"\b{_THEM} (?:may|can) (?:use|keep|process) (?:[\w’'-]+ ){{0,8}}?only (?:to|for)\b|"
    rf"\b(?:allow|permit|let)s? {_THEM} (?:to )?(?:use|keep|process|share) (?:[\w’'-]+ ){{0,8}}?only (?:to|for)\b", re.I)


_LIMIT_WORD = re.compile(r"\b(?:forbid|prohibit|bar|restrict|allow|permit|let|only|not|never|cannot)|n[’']t\b", re.I)


def _recipient_restriction_rule(u: _Unit) -> str | None:
    """A new limit on what recipients may do with the information ("our developer agreement prohibits
    them from selling it"; "carriers may use your number only to arrange the delivery"): the terms
    of the sharing change, in the reader's favour."""
    if not _LIMIT_WORD.search(u.after) and not _LIMIT_WORD.search(u.before):
        return None
    new = [s for s in u.new_sentences if _LIMITED_RECIPIENT.search(plain(s))]
    old = [s for s in u.old_sentences if _LIMITED_RECIPIENT.search(plain(s))]
    kept = {norm_words(s) for s in old}
    fresh = [s for s in new if norm_words(s) not in kept and not any(similarity(s, o) >= 0.8 for o in u.old_sentences)]
    if fresh:
        return f"a new limit on what recipients may do: “{_LIMITED_RECIPIENT.search(plain(fresh[0])).group(0)}”"
    still = {norm_words(s) for s in new}
    gone = [s for s in old if norm_words(s) not in still and not any(similarity(s, n) >= 0.8 for n in new)]
    if gone and u.new_sentences:  # "we do not allow Quanta Analytics to use the data for its own purposes" dropped
        return f"a limit on what recipients may do removed: “{_LIMITED_RECIPIENT.search(plain(gone[0])).group(0)}”"
    return None


def _sharing_restriction_rule(u: _Unit) -> str | None:
    """A new limit on our own sharing said in a changed sentence ("…, and we never make Viewing Data available to
    insurers or data brokers"): the terms of the sharing change, in the reader's favour."""
    found = restriction_added(u)
    return f"a new restriction on sharing: “{clip(found[0], 140)}”" if found and found[1] == "share" else None


def _mentioned(name: str, text: str) -> bool:
    """Whether a name, or its first word ("Google" for "Google Ads"), is already in a text."""
    first = name.split()[0]
    return name in text or (len(first) > 2 and re.search(rf"(?<![\w-]){re.escape(first)}(?![\w-])", text) is not None)


_COLLECTS = re.compile(r"\b(?:collect|gather|obtain|record|captur|track|monitor|log|measur|analy[sz]|assess|"
                       r"infer|derive|scan|read|access|detect|observe|keep|retain|store|process)\w*", re.IGNORECASE)


_SHARES = re.compile(r"\b(?:shar|disclos|sell|sold|transfer|pass|provid\w* (?:\w+ ){0,6}?to|send|make available)\w*", re.I)
_GATHERS = re.compile(r"\b(?:collect|gather|obtain|record|captur|track|monitor|log|measur|infer|derive|scan|observe)\w*", re.I)


_USES = re.compile(r"\b(?:use|process|combine|analy[sz]e|profile|monitor|track|collect|sell|rent|train)\b", re.I)


def _restriction_rule(c: CompiledCriterion, u: _Unit) -> str | None:
    """A new sentence in which we rule out a use of information ("we will never use recordings to
    grade pupils"): the ways information is used change, in the reader's favour (never a reduction)."""
    if u.old_sentences:
        found = restriction_added(u)
        return f"a new restriction on how information is used: “{clip(found[0], 140)}”" \
            if found and found[1] == "use" and not _elsewhere(c, found[0]) else None
    for sentence in u.new_sentences:
        found = _OUR_RESTRICTION.search(plain(sentence))
        if found and _USES.search(plain(sentence), found.end()) and not _elsewhere(c, sentence):
            return f"a new restriction on how information is used: “{clip(sentence, 140)}”"
    return None


_RULED_OUT = re.compile(_OUR_RESTRICTION.pattern + r"(?P<rest>(?:\W+\w+){1,8})", re.I)  # and the words it rules out
_SHARING_VERB = re.compile(r"\b(?:share|disclose|sell|give|rent|trade|transfer|pass|make (?:\w+ ){1,3}?available)\b", re.I)
_USING_VERB = re.compile(r"\b(?:use|process|combine|link|match|analy[sz]e|profile|monitor|track|train|scan|read|access|target)\b", re.I)


_FIRST_VERB = re.compile(r"^\W+(?:(?:\w+ly|ever|otherwise|also|then)\W+)?(?P<verb>\w+(?:\W+\w+){0,3})", re.I)


def _ruled_out_act(rest: str) -> str | None:
    """What a restriction rules out, read from its first verb: a disclosure ("share", "make … available") or a use."""
    found = _FIRST_VERB.match(rest)
    if found is None:
        return None
    verb = found.group("verb")
    return "share" if _SHARING_VERB.match(verb) else "use" if _USING_VERB.match(verb) else None


def restriction_added(u: _Unit) -> tuple[str, str] | None:
    """A restriction on us said in a changed sentence that its old self did not say ("We do not sell Your
    Content, and we will never use the names of your files for advertising"): the sentence and whether
    it rules out a disclosure ("share") or a use ("use"). Never a reduction; a sentence that only
    reworded its restriction ("we do not" → "we never") says no more of them."""
    if not u.ruled_out:
        u.ruled_out.append(_restriction_added(u))
    return u.ruled_out[0]


def _restriction_added(u: _Unit) -> tuple[str, str] | None:
    for sentence in u.new_sentences:
        mine = plain(sentence)
        found = [m for m in _RULED_OUT.finditer(mine) if _ruled_out_act(m.group("rest"))]
        if not found and _ASKS_FIRST.search(mine) and u.old_sentences:
            twin, score = _closest(sentence, u.old_sentences)  # "…, and we will ask your permission before using it in ads"
            if score >= 0.35 and len(_ASKS_FIRST.findall(mine)) > len(_ASKS_FIRST.findall(plain(twin))) and \
                    not content_words(twin) - content_words(sentence):
                return sentence, "use"
        if not found:
            continue
        if u.old_sentences:
            twin, score = _closest(sentence, u.old_sentences)
            theirs = {norm_words(m.group("rest")) for m in _RULED_OUT.finditer(plain(twin or ""))}
            if len(found) <= len(theirs) or score < 0.35 or content_words(twin) - content_words(sentence):
                continue  # as many restrictions as before, another sentence, or words lost: not only a restriction added
            found = [m for m in found if norm_words(m.group("rest")) not in theirs] or found
        return sentence, _ruled_out_act(found[0].group("rest"))
    return None


def _data_type_rule(c: CompiledCriterion, u: _Unit, texts: "_Texts") -> str | None:
    """A kind of personal information the policy never named before, in a sentence that processes it."""
    if not u.after:
        return None
    fresh = []
    for sentence in u.new_sentences:
        if not _COLLECTS.search(sentence) or _elsewhere(c, sentence):
            continue
        if _SHARES.search(sentence) and not _GATHERS.search(sentence):
            continue  # information shared with someone: a recipient, judged by the recipients criterion
        for pattern in c.data_types:
            for match in pattern.finditer(sentence):
                term = match.group(0)
                if not pattern.search(texts.old) and not pattern.search(u.before) and term.lower() not in fresh:
                    fresh.append(term.lower())
    return f"{_NEW_INFORMATION}: {', '.join(fresh[:3])}" if fresh else None


def _one_sided(plus: list[str], minus: list[str]) -> bool:
    """Words added (or removed) with almost none going the other way: content added or taken out, not
    a rewording ("and to push seminars to you" deleted, "for fraud scoring" appended)."""
    return (len(plus) >= 3 and len(minus) <= 1) or (len(minus) >= 3 and len(plus) <= 1)


def _only_capitalised(word: str, text: str) -> bool:
    """Whether a word appears in a text only with a capital letter, not first in a sentence: a name."""
    found = re.findall(rf"(?<![\w-])({re.escape(word)})(?![\w-])", text, re.IGNORECASE)
    return bool(found) and all(f[0].isupper() for f in found) and not re.search(
        rf"(?:^|[.!?]\s+){re.escape(word)}\b", text, re.IGNORECASE)


def _statement(c: CompiledCriterion, u: _Unit, texts: "_Texts") -> str | None:
    """The catch-all rule: a change of substance in a sentence that states the criterion. Not for the
    reader's rights: what a rights sentence gives or takes is judged on its provisions."""
    if c.statements is None or c.criterion.reductions or not c.criterion.catch_all:
        return None
    if not u.old_sentences and u.new_sentences and not u.whole and c.criterion.data_types:
        return _use_added(c, u, texts)
    if not (u.old_sentences and u.new_sentences):
        return None
    before, after = _kept(c, u.old_sentences), _kept(c, u.new_sentences)
    in_section = c.sections is not None and c.sections.search(u.section) is not None
    if not (before and after) or not (in_section or c.statements.search(before) or c.statements.search(after)):
        return None
    stated = c.statements.search(before) is not None and c.statements.search(after) is not None
    plus, minus = substance(_BRACKETED_EXAMPLES.sub("", before), _BRACKETED_EXAMPLES.sub("", after))
    # Filler and names (the states a law sentence lists) say nothing about the criterion.
    plus = [w for w in plus if w not in _FILLER and not _only_capitalised(w, after)]
    minus = [w for w in minus if w not in _FILLER and not _only_capitalised(w, before)]
    # One word swapped for one word may be a synonym ("read" -> "review"): not enough on its own.
    if len(plus) + len(minus) < 2 or (len(plus) == 1 and len(minus) == 1):
        return None
    changed = " ".join(plus + minus)
    if not any(p is not None and p.search(changed) for p in (c.any_signal, c.any_vocabulary)) and \
            not any(p.search(changed) for p in c.data_types) and \
            not ((stated and in_section or len(plus) + len(minus) >= 8 and (stated or in_section)) and _one_sided(plus, minus)):
        # a few words only added (or only removed) count only where the sentence states the criterion in its own
        # section; elsewhere, reworded sentences gain and lose a few ("better", "young", "support") and mean the same
        return None  # rewording: no word that changed belongs to the criterion or is new to the policy
    detail = "; ".join(filter(None, (f"added {', '.join(plus[:6])}" if plus else "",
                                     f"removed {', '.join(minus[:6])}" if minus else "")))
    return f"a statement of {c.criterion.title.lower()} changed ({detail})"




def _use_added(c: CompiledCriterion, u: _Unit, texts: "_Texts") -> str | None:
    """A sentence stating a use of information added to a paragraph that stays ("We also use
    pseudonymised dispensing data to train the software that flags interactions"): a new way of using
    data, said in words the policy did not use before. Not a restriction, and not the same use said again."""
    known = texts.lower_words_old
    for sentence in u.new_sentences:
        if not c.statements.search(sentence) or _elsewhere(c, sentence) or protections(sentence):
            continue
        fresh = [w for w in content_words(sentence) if w not in known and w not in _FILLER]
        if len(fresh) >= 2:
            return f"a statement of {c.criterion.title.lower()} added: “{clip(sentence, 140)}”"
    return None


def _reduction(u: _Unit, compiled: list[CompiledCriterion], texts: _Texts) -> tuple[str | None, str | None]:
    """Why this change takes something away from the reader, judged on its provisions, and the
    criterion it belongs to when a criterion's own terms say so (arbitration is about disputes)."""
    if _HEADING.match(u.tag):
        return None, None  # a heading renamed ("What we do not do" → "Limits on our use") gives and takes nothing
    refusal = _EASY_REFUSAL.search(u.before)
    if refusal and len(_EASY_REFUSAL.findall(texts.new)) < len(_EASY_REFUSAL.findall(texts.old)):
        say = next((c for c in compiled if c.criterion.reductions and c.criterion.channels), None)  # the reader's choices
        return f"refusing made harder: “{refusal.group(0)}” no longer offered", say.criterion.id if say else None
    gone: list[str] = []
    for c in compiled:
        if c.criterion.channels and _about(c, u):
            removed, added = channels_changed(c, u)
            if removed and not added and u.whole and not u.after:  # a row or item removed: maybe said again in a new one
                moved_to = texts.added_blocks
                removed = [r for r in removed if not re.search(rf"(?<![\w-]){re.escape(r)}", moved_to, re.I)]
            if removed and not added and not u.whole and not u.after.strip():
                nearby = texts.around(u.new_block, preceding=6)  # a sentence made "in any of these ways:" and a list
                values = CONTACT_VALUE.findall(u.before)
                if values and all(v in nearby for v in values):
                    removed = []
            if removed and not added:
                gone = removed
                break
            fewer = {_channel_kind(r) for r in removed} - {_channel_kind(a) for a in added}
            if removed and added and len(fewer) > len({_channel_kind(a) for a in added}):
                gone = [r for r in removed if _channel_kind(r) in fewer]  # telephone and in person → by post: fewer ways
                break
    rights = any(c.criterion.reductions and _about(c, u) for c in compiled)
    for c in compiled:
        for pattern in c.adverse:
            if _appears(pattern, u.before, u.after) == "added" and _adverse_new(pattern, u) and not any(
                    pattern.search(s) and (PROHIBITION in protections(s) or _ASKS_FIRST.search(s)) and not _EXCLUSION.search(s)
                    for s in u.new_sentences) and not any(CARVE_OUT.search(plain(s)) for s in u.new_sentences) and \
                    any(pattern.search(s) and (c.context is None or c.context.search(s)) for s in u.new_sentences):
                return f"“{pattern.search(u.after).group(0)}” added ({c.criterion.title.lower()})", c.criterion.id
    def elsewhere(sentence: str) -> bool:
        if texts.survives(sentence):
            return True
        if _YOUR_CHOICE.search(sentence) and _OUR_CHOICE.search(u.after) and not _OUR_CHOICE.search(u.before):
            return False  # "You can choose which of the two you prefer" → "We decide whether to offer…": the choice is ours now
        nearby = texts.around(u.new_block, preceding=1 if u.after.strip() else 6)  # a sentence removed: maybe made a list
        if _NOTHING_ELSE.search(sentence) and (_NOTHING_ELSE.search(nearby) or _SOLELY.search(nearby)):
            return True  # "We do not use them for anything else." → "…, and for no other purpose"
        kinds = protections(sentence)
        if kinds == (OBLIGATION,):  # a promise to the reader, said again in other words, as binding and no looser
            best = max(split_sentences(nearby) or [""], key=lambda s: similarity(sentence, s))
            return bool(_BINDS.search(best)) and not _LOOSE.search(best) and sorted(numbers(best)) == sorted(numbers(sentence)) \
                and not conditions(best) - conditions(sentence) and rephrased(sentence, best)
        if ENTITLEMENT not in kinds or PROHIBITION in kinds or \
                (kinds != (ENTITLEMENT,) and conditions(nearby) - conditions(texts.around(u.old_block, old=True))):
            return False  # only the reader's entitlements, and only where the text around sets no new limit
        if OBLIGATION in kinds and not any(OBLIGATION in protections(s) for s in split_sentences(nearby)):
            return False  # "we will tell you why" said again only as "we may tell you why": the promise is gone
        if _NEGATION.search(WITHDRAWAL_PROVISO.sub(" ", sentence)):  # "does not affect …" must still be denied: "has no effect on …"
            best = max(split_sentences(nearby) or [""], key=lambda s: similarity(sentence, s))
            if not _NEGATION.search(WITHDRAWAL_PROVISO.sub(" ", best)):
                return False
        return rephrased(sentence, nearby)  # the reader's entitlement, said again in other words

    why = reduction(u.old_sentences, u.new_sentences, whole=u.whole, elsewhere=elsewhere, channels_gone=gone,
                    rights_context=rights, lead=u.list_lead if u.list_lead in texts.old_blocks else "",
                    new_item=u.whole or not u.old_block.strip())
    if why is not None and not gone and u.old_sentences and u.new_sentences and not why.startswith(KEPT) and \
            same_provisions(u.before, u.after):
        return None, None  # rewritten at length, every provision still made
    if why is not None and why.startswith(KEPT):  # how long information is kept has its own criterion
        keeper = _keeper(compiled)  # none in a set that does not judge retention (terms: your backups kept longer)
        return (why, keeper.criterion.id) if keeper is not None else (None, None)
    if why is not None and (why.startswith(_MONEY_REASONS) or any(_REFUND_WORD.search(s) for s in u.new_sentences or u.old_sentences)):
        # a smaller refund, a condition put on one, belongs with prices and refunds, where a set has them
        payer = next((c for c in compiled if c.sections is not None and c.sections.search("fees") and c.sections.search("refund")), None)
        if payer is not None:
            return why, payer.criterion.id
    return why, None


_REFUND_WORD = re.compile(r"\brefund", re.I)
# A promise said again binds as the old one did ("we will reply within 14 days" -> "you will receive our answer no
# later than 14 days after…"), with no word that makes it an effort ("we will try to reply").
_BINDS = re.compile(r"\b(?:will|shall|must)\b", re.I)
_LOOSE = re.compile(r"\b(?:may|might|could|should|try|tries|attempt\w*|aim\w*|endeavou?r\w*|where possible|if possible|reasonabl\w*|"
                    r"usually|normally|generally|typically)\b", re.I)
_MONEY_REASONS = ("a smaller refund", "a higher price or fee", "a new charge", "a fee introduced")
# Refusing as easily as accepting: a "Reject all" button, equal prominence, "as easy as" (a banner's promise).
_EASY_REFUSAL = re.compile(r"\b(?:reject|refuse|decline|deny) all\b(?! (?:optional|non-essential|non-necessary|cookies|tracking|"
                           r"advertising|analytics|other))|\bequal (?:size and )?prominen\w*|\bequally prominent\b|"
                           r"\bas easy (?:to \w+ )?as\b|\bas easily as\b|\bjust as easily\b|\bequal (?:size|colou?r|weight)\b", re.I)


def _adverse_new(pattern: re.Pattern, u: _Unit) -> bool:
    """Whether an adverse clause is new to its paragraph, or said again in a sentence of its own ("…WILL
    NOT BE LIABLE FOR ANY PERSONAL INJURY" after the paragraph's first exclusion), not a word added to a
    clause already there ("we will pay all AAA filing, administrative and arbitrator fees")."""
    old_block = u.old_block or u.before
    if not pattern.search(old_block):
        return True
    return len(pattern.findall(u.new_block or u.after)) > len(pattern.findall(old_block)) and any(
        pattern.search(s) and _closest(s, u.old_sentences)[1] < 0.5 and not _grown_from(s, u) for s in u.new_sentences)


def _grown_from(sentence: str, u: _Unit) -> bool:
    """Whether a sentence is an old one with words added ("…and each party will bear its own costs"
    made "…and we will bear the arbitrator's fees below ₹5,00,000; otherwise each party…")."""
    words, everything = content_words(sentence), content_words(" ".join(u.new_sentences))
    return any(len(old) >= 4 and len(old & everything) >= 0.8 * len(old) and len(old & words) >= 0.5 * len(old)
               for old in map(content_words, u.old_sentences))


def _keeper(compiled: list[CompiledCriterion]) -> CompiledCriterion | None:
    """The criterion a change of how long information is kept belongs to: a site's own, listed last, first."""
    return next((c for c in reversed(compiled) if c.criterion.keeping), None)


_YOUR_CHOICE = re.compile(r"\byou (?:\w+ )?(?:can|may|will be able to|are free to|get to) (?:choose|decide|pick|select|elect)\b|"
                          r"\b(?:at|of) your (?:own )?(?:choice|option|election)\b", re.I)
_OUR_CHOICE = re.compile(r"\bwe (?:\w+ )?(?:decide|choose|determine|select|elect)\b|\b(?:at|in) our (?:sole |absolute |reasonable )?"
                         r"(?:discretion|choice|option|election)\b", re.I)
# Our promise to ask first: "we will ask your permission before using it in paid advertising".
_ASKS_FIRST = re.compile(r"\b(?:ask|seek|obtain|get)(?:s|ing)? (?:for )?your (?:\w+ )?(?:permission|consent|agreement|approval)\b|"
                         r"\bwith your (?:prior |express |explicit )?(?:permission|consent)\b", re.I)
_EXCLUSION = re.compile(r"\bnot (?:be )?(?:liable|responsible)\b", re.I)  # "we will not be liable": no restriction protecting you


# Rules that only say a criterion's words changed: where several criteria fire on one change this
# way, the change belongs to the one its sentences are about.
_WORDS_ONLY = re.compile(r"^(?:“[^”]*” (?:added|removed) in a sentence about .*|a statement of .*|"
                         r"a provision (?:added to|removed from) .*)$")
_SIGNAL = re.compile(r"^“([^”]*)” (?:added|removed)$")


def _words_only(rule: str) -> bool:
    """Whether a rule only says a criterion's words changed (a term, a statement, a provision in its
    section), not what changed (a party, a contact detail, a channel, a number)."""
    return _WORDS_ONLY.match(rule) is not None or _SIGNAL.match(rule) is not None


def topic(c: CompiledCriterion, text: str, section: str) -> int:
    """How strongly a sentence is about a criterion: its statements (we share…with, you may request…)
    weigh most, then its signals, its context words and the section it stands in."""
    score = 0
    if c.statements is not None and c.statements.search(text):
        score += 3
    if c.any_signal is not None and c.any_signal.search(text):
        score += 2
    if c.context is not None:
        context = len({m.group(0).lower() for m in c.context.finditer(text)})
        score += min(3, context)
        if c.statements is None and context and c.any_vocabulary is not None and c.any_vocabulary.search(text):
            score += 3  # "the impact assessment found a high risk": context and term together state it
    if c.sections is not None and c.sections.search(section):
        score += 2
    if _elsewhere(c, text):
        score -= 3
    return score


_TERM = re.compile(r"^“([^”]*)”")
# Rules read from ordinary words (not names or values): inside a right, they describe the right.
_PHRASED = (_NEW_INFORMATION, _NEW_RECIPIENT)


def _attribute(found: dict[str, list[str]], u: _Unit, compiled: list[CompiledCriterion]) -> None:
    """Drop a criterion that only fired on its words when the sentences those words stand in are more
    about another criterion that fired too ("the right not to be subject to profiling" is a right)."""
    fired = [c for c in compiled if found[c.criterion.id]]
    if len(fired) < 2:
        return
    sentences = u.old_sentences + u.new_sentences
    rights = [c for c in fired if c.criterion.reductions]
    if rights and all(ENTITLEMENT in protections(s) or ENTITLEMENT in protections(u.list_lead) for s in sentences):
        # "the right not to be subject to profiling": a right about a use of data, not the use itself
        for c in fired:
            if c not in rights and not c.criterion.channels and all(
                    _words_only(r) or r.startswith(_PHRASED) for r in found[c.criterion.id]):
                found[c.criterion.id] = []  # "the right to receive your data … to transfer to another provider"
        fired = [c for c in compiled if found[c.criterion.id]]
        if len(fired) < 2:
            return
    scores = {(o.criterion.id, s): topic(o, s, u.section) for o in fired for s in sentences}
    best = {s: max(scores[(o.criterion.id, s)] for o in fired) for s in sentences}
    for c in fired:
        rules = found[c.criterion.id]
        if not all(_words_only(r) for r in rules):
            continue
        terms = [m.group(1).lower() for m in map(_TERM.match, rules) if m]
        mine = [s for s in sentences if any(t in s.lower() for t in terms)] or sentences
        if any(_SIGNAL.match(r) for r in rules) and not all(PROHIBITION in protections(s) for s in mine):
            continue  # a signal is specific ("sale of our business"), unless it stands in a restriction
        if not any(scores[(c.criterion.id, s)] >= best[s] for s in mine):
            clauses = [part for s in mine for part in _CLAUSES.split(s) if any(t in part.lower() for t in terms)]
            if len(clauses) == len(mine) and all(part in mine for part in clauses) or not any(
                    topic(c, part, u.section) >= max(topic(o, part, u.section) for o in fired) for part in clauses):
                found[c.criterion.id] = []  # not even the clause its words stand in is more about it


_YOUR_REQUEST = re.compile(r"\bright|\byour (?:\w+ )?requests?\b|\b(?:make|submit|send) (?:a |your )?requests?\b|\byou (?:\w+ )?(?:may|can) (?:ask|request)\b|\bexercis", re.I)
_THEIR_LIMIT = re.compile(r"\b(?:service providers?|vendors?|partners?|(?:sub-?)?processors?|third parties|recipients?)\b[^.;]{0,40}?"
                         r"\b(?:prohibited|not (?:allowed|permitted)|may not|must not|cannot|will not|do not)\b|"
                         r"\b(?:government|law enforcement|authorities')s? (?:requests?|demands?)\b", re.I)
_WE_SHARE = re.compile(r"\b(?:share|disclose|transfer|pass|leaves?|make (?:\w+ ){1,3}?available|give (?:\w+ ){0,3}?to)\b", re.I)
_MARKETING_US = re.compile(r"\bmarketing\b|\bnewsletters?\b|\bpromotion|\b(?:news|offers|updates)\b (?:\w+ ){0,3}?about (?:our|new)\b|\b(?:send|contact|add|show|call|text|target)\w* you\b", re.I)


def _practice_criterion(u: _Unit, compiled: list[CompiledCriterion]) -> CompiledCriterion | None:
    """In a privacy policy, the criterion of the use or the disclosure a reduction takes a protection
    from, when its sentences rule something out or ask consent and say nothing of the reader's requests
    ("we send the newsletter only with your consent" made "…and, without separate consent, to
    customers": a use; "we never pass your details to other companies" dropped: a disclosure). A
    cookie policy's consent is its own criterion (choices)."""
    uses = next((c for c in compiled if c.criterion.data_types and c.criterion.keeping), None)
    sharing = next((c for c in compiled if c.criterion.organisations), None)
    if uses is None:
        return None
    sentences = u.old_sentences + u.new_sentences
    text = plain(" ".join(sentences))
    if _YOUR_REQUEST.search(text) or not (_OPTED_IN.search(text) or any(PROHIBITION in protections(s) for s in sentences)):
        return None
    if _THEIR_LIMIT.search(text):
        return sharing  # "service providers are prohibited from using it", "government requests": the terms of a disclosure
    ruled = next((m for s in u.old_sentences if (m := _RULED_OUT.search(plain(s)))), None)
    act = _ruled_out_act(ruled.group("rest")) if ruled else None  # "we will not link …, unless you share them": a use
    if ruled and re.match(r"\W+(?:\w+ly\W+)?(?:sell|rent|trade)\b", ruled.group("rest"), re.I):
        act = "use"  # "we never sell your precise location": selling is a use of the data (section 8(i))
    if act == "share" or (act is None and _WE_SHARE.search(text)):
        return sharing
    if act == "use" or _USING_VERB.search(text) or _MARKETING_US.search(text):
        return uses
    return None


_OPTED_IN = re.compile(r"\bopt(?:s|ed)?[- ]?in\b|\bconsent\b|\bpermission\b|\bticked (?:the|a) box\b|"
                       r"\b(?:until|unless) you (?:switch|turn) (?:it |them )?on\b", re.I)
_OPT_OUT = re.compile(r"\bunless you (?:opt out|tell us|object|say)|\bopt(?:s|ed)?[- ]?out\b|\bunsubscribe\b", re.I)


# Where a sentence joins two statements of ours ("we use your purchase history to …, and we share … with …").
_CLAUSES = re.compile(r";\s*|,\s*(?:and|but|while|whereas)\s+(?=(?:we|our|they)\b)|\s+and\s+(?=we\b)", re.I)


_CHANGE_LOG = re.compile(r"change ?log|revision history|version history|history of changes|previous versions", re.I)


def assess(redline: Redline, criteria: tuple[Criterion, ...] = DEFAULT_CRITERIA) -> Assessment:
    """Flag the criteria a change touches, with evidence; decide whether it needs express consent."""
    result = Assessment()
    compiled = [c.compiled() for c in criteria]
    home = next((c for c in compiled if c.criterion.reductions), compiled[0] if compiled else None)
    keeper = _keeper(compiled)
    texts = _Texts(redline, compiled)
    found_by: dict[str, list[Evidence]] = {}
    consent: list[Evidence] = []
    for u in _units(redline, result.ignored):
        if _CHANGE_LOG.search(u.path):
            result.ignored.append((u.number or 0, "the policy's own change log"))
            continue
        found = {c.criterion.id: _check(c, u, texts) for c in compiled}
        why, owner = _reduction(u, compiled, texts) if compiled else (None, None)
        if not any(found.values()):  # no specific rule: does a statement of a criterion change in substance?
            for c in compiled:
                rule = _statement(c, u, texts)
                if rule:
                    found[c.criterion.id] = [rule]
        if not any(found.values()) and not why and compiled and u.old_sentences:
            ruled_out = restriction_added(u)  # "we will not use Work Product to train AI": terms, cookies
            if ruled_out:
                text = ruled_out[0]
                best = max(compiled, key=lambda c: topic(c, text, u.section))
                if topic(best, text, u.section) >= 2:
                    found[best.criterion.id] = [f"a new restriction on us: “{clip(text, 140)}”"]
        if why:
            consent.append(_evidence(u, why))
            text = " ".join(u.old_sentences + u.new_sentences)
            if "consent" in why or (_OPTED_IN.search(u.before) and (
                    not _OPTED_IN.search(u.after) or (_OPT_OUT.search(u.after) and not _OPT_OUT.search(u.before)))):
                # consent no longer asked for a use or a disclosure (opt-in made opt-out): a change to that use too
                uses = [c for c in compiled if not c.criterion.reductions and c.statements is not None and c.statements.search(text)]
                practice = _practice_criterion(u, compiled)
                if practice is not None and not found[practice.criterion.id]:
                    found[practice.criterion.id] = [why]
                    if home is not None and found[home.criterion.id] and \
                            _OPTED_IN.search(u.before) and not _OPTED_IN.search(u.after):
                        found[home.criterion.id] = [why]  # consent no longer asked at all, in words of the reader's say: that too
                elif home is not None and home.criterion.channels and all(_words_only(r) for r in found[home.criterion.id]) and \
                        not any(c.criterion.data_types and c.criterion.keeping for c in compiled):
                    found[home.criterion.id] = [why]  # a cookie policy: consent is the reader's choices
                elif uses and not any(found[c.criterion.id] for c in uses):
                    best = max(uses, key=lambda c: topic(c, text, u.section))
                    found[best.criterion.id] = [why]
            if owner is not None and why.startswith(KEPT):
                if not _ASKED.search(" ".join(u.new_sentences)):  # a retention period, not a deadline on a request
                    for c in compiled:
                        if c.criterion.reductions and all(r.startswith(_QUANTITY) for r in found[c.criterion.id]):
                            found[c.criterion.id] = []
                    found[owner] = found[owner] or [why]
                elif not any(found.values()):
                    found[owner] = [why]
            elif owner is not None and not found[owner]:
                found[owner] = [why]
            elif compiled and all(_words_only(r) for rules in found.values() for r in rules):
                # The reader's rights when the change speaks of them; otherwise the criterion its
                # sentences are most about ("you may contact your Attorney General": a complaint channel).
                # Criteria that fired only on their words keep them, for _attribute to weigh.
                practice = None if why.startswith(("an entitlement", "fewer rights")) else _practice_criterion(u, compiled)
                if keeper is not None and KEEPING.search(text) and durations(text) and not _ASKED.search(text):
                    target = keeper  # "we will delete the recording 30 days after…" weakened: how long it is kept
                elif practice is not None:
                    target = practice  # "we send the newsletter only with your consent" gone: a use of data changes
                else:
                    block = u.old_block if u.whole or not u.new_block else u.new_block  # "In the event of a merger…"
                    best = max(compiled, key=lambda c: (topic(c, text, u.section) + (
                        3 if c.any_signal is not None and not (c.criterion.reductions or c.criterion.channels)
                        and c.any_signal.search(block) else 0), c is home))  # the event its paragraph is about
                    mine = topic(home, text, u.section) if home is not None else 0
                    target = home if home is not None and _about(home, u) and \
                        not (0 < mine <= topic(best, text, u.section) - 3) else best  # a refund's exception: fees
                found[target.criterion.id] = [why]
            if home is not None and not found[home.criterion.id] and why.startswith("consent no longer asked") and \
                    _about(home, u):
                found[home.criterion.id] = [why]  # and the reader's say over it: a right to consent taken away
        _attribute(found, u, compiled)
        for c in compiled:
            for rule in found[c.criterion.id]:
                found_by.setdefault(c.criterion.id, []).append(_evidence(u, rule))
    for c in criteria:
        items = found_by.get(c.id)
        if items:
            shown, rest = triage.condense(items)
            result.flags.append(Flag(c, shown, rest, len({(e.section, e.before, e.after) for e in items})))
    result.consent_required = bool(consent)
    result.consent_evidence, _ = triage.condense(consent)
    return result


# -- assessments as plain data, for the disk cache ----------------------------------------------------
def _evidence_data(e: Evidence) -> list:
    return [e.section, e.before, e.after, e.rule, e.change]


def _evidence_from(item: list) -> Evidence:
    section, before, after, rule, change = item
    if not all(isinstance(x, str) for x in (section, before, after, rule)) or not (change is None or isinstance(change, int)):
        raise ValueError("malformed evidence")
    return Evidence(section, before, after, rule, change)


def assessment_data(a: Assessment) -> dict:
    """An assessment as JSON-able data (criteria by id): what the cache stores."""
    return {"flags": [{"id": f.criterion.id, "evidence": [_evidence_data(e) for e in f.evidence],
                       "triage": [f.triage.hidden, [list(s) for s in f.triage.sections]] if f.triage else None,
                       "provisions": f.provisions} for f in a.flags],
            "consent": a.consent_required, "consent_evidence": [_evidence_data(e) for e in a.consent_evidence],
            "ignored": [list(item) for item in a.ignored]}


def assessment_from_data(data: dict, criteria: tuple[Criterion, ...]) -> Assessment:
    """The assessment `assessment_data` stored; raises ValueError on anything malformed or unknown."""
    by_id = {c.id: c for c in criteria}
    result = Assessment(consent_required=bool(data["consent"]),
                        consent_evidence=[_evidence_from(e) for e in data["consent_evidence"]],
                        ignored=[(int(n), str(why)) for n, why in data["ignored"]])
    for flag in data["flags"]:
        if flag["id"] not in by_id:
            raise ValueError(f"unknown criterion {flag['id']!r}")
        rest = flag["triage"]
        kept = triage.Triage(int(rest[0]), tuple((str(s), int(n)) for s, n in rest[1])) if rest else None
        result.flags.append(Flag(by_id[flag["id"]], [_evidence_from(e) for e in flag["evidence"]], kept,
                                 int(flag["provisions"])))
    return result


def _checked(data: object) -> dict:
    if not isinstance(data, dict) or not {"flags", "consent", "consent_evidence", "ignored"} <= set(data):
        raise ValueError("malformed assessment")
    return data


register("assessment", _checked, _checked)
