"""Which changes are material under section 8, with the evidence for each flag.

The engine reads a redline's changes the way a privacy lawyer would skim them: it first sets aside
what cannot be material (formatting, white space, punctuation, case, typo fixes, reordered words,
moved or duplicated paragraphs), then asks each criterion whether the change touches it: a term that
appears or disappears, a block added to or removed from one of its sections, a contact detail, a named
party or a place, a number in a deadline or a fee. Rights that are removed or narrowed make the change
`consent_required`. Every decision is a rule with a name; nothing is learned or fetched.
"""

from __future__ import annotations

import functools
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from policypress.materiality.criteria import DEFAULT_CRITERIA, CompiledCriterion, Criterion
from policypress.diff.redline import Change, Redline, norm_words

# Words whose change alone never makes a change material (articles, pronouns, light connectives).
_TRIVIAL = frozenset("a an the this that these those its it it's of to in on at by for as is are be been "
                     "our we us your you such etc and or also order so which who whom please kindly hereby "
                     "herein thereof i ii iii iv v vi vii viii ix x xi xii xiii xiv xv xvi xvii xviii xix xx".split())
_KEEP_LY = frozenset("only solely early monthly yearly daily weekly quarterly annually".split())
# Words that carry legal force: a change to one of them is never a typo.
_FORCE = frozenset("not no never nor may might must shall will would can cannot can't won't only except "
                   "unless without all any none some each every always sometimes".split())
_CAPITALISED = re.compile(r"\b(?:[A-Z][\w&'’.-]*[\w&]|[A-Z])(?:\s+(?:[A-Z][\w&'’.-]*[\w&]|of|and|&|de|la|du))*")
_COMMON_CAPITALS = frozenset(
    "We Our Us You Your If The This These That Those It Its In On At By For To Of And Or But As When Where "
    "Please Unless Although However Such Any All Each Every No Not Since After Before While With Without From "
    "Other Personal Information Policy Privacy Platform Services Service Software Agreement User Users "
    "Internet Cookies Cookie Flash App Apps Website Websites Site Sites Terms Conditions Statement Data "
    "Protection Rights Right Account Official Store Product Products Notices Revisions Intellectual Property "
    "License Declaration Logo Children Child Agree Platform Services Operator Office Officer Team Department "
    "Following January February March April May June July August September October November December "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday GPS MAC IP SSL TLS URL ID API SMS AI CNY RMB "
    "USD EUR GBP JPY FAQ PDF VAT CAPTCHA FISA GDPR UK-GDPR CCPA CPRA COPPA HIPAA PIPL LGPD PIPEDA DPA Art Article Section "
    "Regulation Directive Act".split())
_LEADING_LABEL = re.compile(r"^[\s\-*•]*(?:\(?[ivxlcdm]+\)|\(?[a-z0-9]{1,3}[.)]|\d+(?:\.\d+)*)?\s*", re.IGNORECASE)
_CORPORATE = re.compile(r"\b(?:Inc|Ltd|LLC|LLP|GmbH|AG|SA|SAS|BV|B\.V|NV|N\.V|plc|PLC|Corp|Corporation|Co|Group|Holdings?|"
                        r"Limited|Pte|Pty|KK|S\.A|S\.p\.A|SpA|AB|ASA|Oy)\b\.?")
PLACES = (
    "Afghanistan Albania Algeria Argentina Armenia Australia Austria Azerbaijan Bahrain Bangladesh Belarus "
    "Belgium Bolivia Brazil Bulgaria Cambodia Cameroon Canada Chile China Colombia Croatia Cuba Cyprus Czechia "
    "Denmark Ecuador Egypt Estonia Ethiopia Finland France Georgia Germany Ghana Greece Hungary Iceland India "
    "Indonesia Iran Iraq Ireland Israel Italy Japan Jordan Kazakhstan Kenya Korea Kuwait Latvia Lebanon "
    "Lithuania Luxembourg Malaysia Malta Mexico Moldova Morocco Netherlands Nigeria Norway Oman Pakistan "
    "Panama Peru Philippines Poland Portugal Qatar Romania Russia Serbia Singapore Slovakia Slovenia Spain "
    "Sweden Switzerland Taiwan Thailand Tunisia Turkey Türkiye Ukraine Uruguay Venezuela Vietnam Africa Asia "
    "Europe America Americas"
).split() + ["United States", "United Kingdom", "United Arab Emirates", "Saudi Arabia", "South Africa",
             "New Zealand", "Hong Kong", "Macau", "European Union", "European Economic Area", "EEA", "EU", "USA",
             "U.S.", "US", "UK", "People's Republic of China", "People’s Republic of China", "mainland China",
             "Mainland China", "Latin America", "Middle East"]
_PLACE = re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(p) for p in sorted(PLACES, key=len, reverse=True))
                    + r")(?![\w])")
_NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
_NUMBER_WORDS.update({"thirty": 30, "forty": 40, "forty-five": 45, "sixty": 60, "ninety": 90, "hundred": 100})
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*|\b(?:" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")\b",
                     re.IGNORECASE)
_DURATION = re.compile(
    r"(\d+(?:[.,]\d+)?|\b(?:" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")\b)"
    r"(?:\s*\(\d+\))?\s*(business|working|calendar)?\s*(hours?|days?|weeks?|months?|years?)\b", re.IGNORECASE)
_CONTACT_VALUE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?://|www\.)\S+|\+?\d[\d\s().-]{6,}\d")
_UNIT_DAYS = {"hour": 1 / 24, "day": 1, "week": 7, "month": 30, "year": 365}

# Rights reductions (consent_required): phrases that narrow what a reader may do, and phrases whose
# removal takes something away.
NARROWING = (
    r"\bonly\b", r"\b(?:once|twice|\d+ times|(?:two|three|four|five) times) (?:a|per|every|each) (?:calendar )?(?:year|month|week)\b",
    r"without (?:\w+ ){0,3}?(?:consent|agreement|permission|authori[sz]ation)", r"no longer", r"\bnot\b", r"\bcannot\b", r"can't", r"may refuse",
    r"\brefuse\b", r"\bexcept\b", r"\bunless\b", r"limited to", r"at our (?:sole )?discretion", r"\bsubject to\b",
    r"\b(?:a|an|the|processing|administrative|reasonable|cost|handling) (?:fee|charge)s?\b", r"\bfee of\b",
    r"\bcharge (?:you|a|an|for)\b", r"in writing", r"notari[sz]ed", r"in person", r"by post",
)
WIDENING = (
    r"at any time", r"free of charge", r"\bfree\b", r"do not charge", r"no charge", r"without charge",
    r"\bany\b", r"\ball\b", r"\bright to\b", r"your consent", r"express consent", r"\bwill\b", r"\bmust\b",
    r"\bshall\b", r"opt[- ]out", r"unsubscribe", r"\bwithdraw",
    r"(?:obtain|obtaining|ask|asking|seek|seeking|request|requesting) (?:for )?your (?:\w+ )?(?:consent|agreement|permission)",
    r"if you agree", r"with your (?:\w+ )?consent", r"\bdelete (?:your|it|them|the)\b", r"\bstop using\b",
    r"\berase\b", r"\banonymi[sz]e\b",
)
_NARROWING = [re.compile(p, re.IGNORECASE) for p in NARROWING]
_WIDENING = [re.compile(p, re.IGNORECASE) for p in WIDENING]


@dataclass(frozen=True)
class Evidence:
    section: str
    before: str
    after: str
    rule: str
    change: int | None = None  # the change's number in the redline, for links to its anchor

    def as_json(self) -> dict:
        return {"section": self.section, "before": self.before, "after": self.after, "rule": self.rule}


@dataclass
class Flag:
    criterion: Criterion
    evidence: list[Evidence] = field(default_factory=list)

    def as_json(self) -> dict:
        c = self.criterion
        return {"id": c.id, "ref": c.ref, "title": c.title, "text": c.text,
                "evidence": [e.as_json() for e in self.evidence]}


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


# -- text helpers ------------------------------------------------------------------------------------
def words(text: str) -> list[str]:
    return list(norm_words(text))


_norm = norm_words


def _clip(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _typo(a: str, b: str) -> bool:
    if a == b:
        return True
    if a in _FORCE or b in _FORCE or any(c.isdigit() for c in a + b):
        return False
    if a in _TRIVIAL and b in _TRIVIAL:
        return True
    if len(a) <= 2 or len(b) <= 2:
        return False
    if abs(len(a) - len(b)) <= 2 and len(os.path.commonprefix([a, b])) >= 4:
        return True  # another form of the same word: fraud/frauds, medium/media
    return SequenceMatcher(None, a, b).ratio() >= 0.75


def content_words(text: str) -> set[str]:
    """The words that carry meaning: no articles, list labels, manner adverbs, names or contact details;
    numbers written in words count as their digits."""
    text = _CONTACT_VALUE.sub(" ", text)
    spans = _name_spans(text)
    if spans:
        text = "".join(" " if any(a <= i < b for a, b in spans) else ch for i, ch in enumerate(text))
    found = set()
    for word in words(text):
        if word in _TRIVIAL or (len(word) == 1 and not word.isdigit()):
            continue
        if word.endswith("ly") and word not in _KEEP_LY and word not in _FORCE:
            continue
        found.add(str(_NUMBER_WORDS[word]) if word in _NUMBER_WORDS else word)
    return found


def substance(before: str, after: str) -> tuple[list[str], list[str]]:
    """Content words added and removed between two sentences, spelling corrections set aside."""
    old, new = content_words(before), content_words(after)
    added, removed = sorted(new - old), sorted(old - new)
    for word in list(added):
        twin = next((w for w in removed if _typo(w, word)), None)
        if twin is not None:
            added.remove(word)
            removed.remove(twin)
    return added, removed


def why_not_material(removed: str, added: str) -> str | None:
    """Why a change cannot be material, or None when it might be."""
    before, after = words(removed), words(added)
    if before == after:
        return "punctuation, case or white space only"
    if sorted(before) == sorted(after):
        return "same words in another order"
    a, b = [w for w in before if w not in _TRIVIAL], [w for w in after if w not in _TRIVIAL]
    if a == b:
        return "articles or connectives only"
    if len(a) == len(b) and all(_typo(x, y) for x, y in zip(a, b)):
        return "spelling corrections"
    plus, minus = substance(removed, added)
    if set(_CONTACT_VALUE.findall(removed)) != set(_CONTACT_VALUE.findall(added)):
        return None
    if {removed[a:b] for a, b in _name_spans(removed)} != {added[a:b] for a, b in _name_spans(added)}:
        return None
    if not plus and not minus and not _FORCE & (set(before) ^ set(after)) and \
            sorted(numbers(removed)) == sorted(numbers(added)) and quantities(removed) == quantities(added):
        return "no change of substance (articles, list labels, manner adverbs)"
    return None


_ADDRESS = re.compile(r"\b(?:Ave|Avenue|St|Street|Rd|Road|Blvd|Boulevard|Ste|Suite|PMB|PO|Box|Floor|Lane|Way|Drive)\b")
_LOWER_WORD = re.compile(r"(?<![\w-])[a-z][a-z'’]+(?![\w-])")


def lowercase_words(text: str) -> set[str]:
    """Words the text also writes in lower case: a capitalised phrase of them is not a name."""
    return set(_LOWER_WORD.findall(text))


def entities(text: str, common: set[str] | None = None) -> set[str]:
    """Named parties: capitalised names that are not sentence starters, the policy's own terms,
    addresses, or phrases of ordinary words (`common`: words the policy also writes in lower case)."""
    found = set()
    start = len(text) - len(_LEADING_LABEL.sub("", text, count=1))
    for match in _CAPITALISED.finditer(text):
        name = match.group(0).strip(" .'’")
        if match.start() <= start and " " not in name and not _CORPORATE.search(name):
            continue  # one capitalised word opening the sentence is just the first word
        if match.start() > 0 and text[match.start() - 1] in "\"“'‘":
            continue  # a quoted title ("About your profile"), not a party
        parts = [p for p in name.split() if p not in ("of", "and", "&", "de", "la", "du")]
        while parts and parts[0] in _COMMON_CAPITALS:
            parts.pop(0)
        while parts and parts[-1] in _COMMON_CAPITALS:
            parts.pop()
        if not parts:
            continue
        name = " ".join(parts)
        if _PLACE.fullmatch(name) or _ADDRESS.search(name) or re.search(r"-[a-z]", name) or _CORPORATE.fullmatch(name):
            continue
        if common is not None and not _CORPORATE.search(name) and all(p.lower() in common for p in parts):
            continue
        found.add(name)
    return found


def places(text: str) -> set[str]:
    return {m.group(0) for m in _PLACE.finditer(text)}


def numbers(text: str) -> list[str]:
    return [m.group(0).lower() for m in _NUMBER.finditer(text)]


def durations(text: str) -> list[float]:
    """Durations in days ('15 business days' is 21 calendar days)."""
    found = []
    for match in _DURATION.finditer(text):
        value = match.group(1).lower()
        amount = float(value.replace(",", "")) if value[0].isdigit() else float(_NUMBER_WORDS[value])
        unit = match.group(3).lower().rstrip("s")
        factor = 1.4 if (match.group(2) or "").lower() in ("business", "working") else 1.0
        found.append(amount * _UNIT_DAYS[unit] * factor)
    return found


_MONEY = re.compile(r"(?:CNY|RMB|USD|EUR|GBP|JPY|[$€£¥])\s?\d[\d,.]*|\d[\d,.]*\s?(?:CNY|RMB|USD|EUR|GBP|JPY|yuan|"
                    r"dollars?|euros?|pounds?)\b", re.IGNORECASE)
_AGE = re.compile(r"(?:age of|aged|under|over|older than|younger than|at least)\s+(\d+|"
                  + "|".join(_NUMBER_WORDS) + r")\b|(\d+)\s*(?:years? old|years? of age)", re.IGNORECASE)
_COUNT = re.compile(r"\b(?:once|twice|\d+ times|(?:two|three|four|five) times)\b", re.IGNORECASE)
_PERCENT = re.compile(r"\d+(?:\.\d+)?\s?(?:%|percent)", re.IGNORECASE)
_LIMITING = re.compile(r"\b(?:except|unless|only|no longer|not|cannot|may refuse|without)\b", re.IGNORECASE)
_EXCEPTION_LEAD = re.compile(r"cannot|can't|not (?:be able to )?respond|refuse|without your consent|exception|"
                             r"except|will not|may not|do not have to|not required", re.IGNORECASE)


def _age(match: re.Match) -> int:
    value = (match.group(1) or match.group(2)).lower()
    return int(value) if value.isdigit() else _NUMBER_WORDS[value]


def quantity_phrases(text: str) -> list[str]:
    """The deadlines, amounts, ages and counts of a text as written, for evidence."""
    found = []
    for pattern in (_DURATION, _MONEY, _AGE, _COUNT, _PERCENT):
        found += [" ".join(m.group(0).split()) for m in pattern.finditer(text)]
    return found


def quantities(text: str) -> Counter:
    """Deadlines, amounts, ages, counts and percentages: the numbers that carry rights."""
    found: Counter = Counter()
    found.update(f"{round(d, 2)} days" for d in durations(text))
    found.update(" ".join(m.group(0).upper().split()) for m in _MONEY.finditer(text))
    found.update(f"age {_age(m)}" for m in _AGE.finditer(text))
    found.update(m.group(0).lower() for m in _COUNT.finditer(text))
    found.update(m.group(0).replace(" ", "") for m in _PERCENT.finditer(text))
    return found


_ABBREVIATION = re.compile(r"(?:\b(?:e\.g|i\.e|etc|inc|ltd|co|corp|no|nos|vs|mr|mrs|ms|dr|st|art|sec|para|cf|"
                           r"approx|b\.v|n\.v|s\.a|u\.s|u\.k|p\.o)\.|\b[A-Z]\.)$", re.IGNORECASE)
_BREAK = re.compile(r"(?<=[.!?])\s+|(?<=;)\s+|(?<=:)\s+(?=[A-Z0-9\"“(\[])|\s*\n+\s*")


def split_sentences(block: str) -> list[str]:
    """Sentences of a block; a period after an abbreviation ("Inc.", "e.g.") does not end one."""
    pieces: list[str] = []
    for piece in _BREAK.split(block):
        piece = " ".join(piece.split())
        if not piece:
            continue
        if pieces and _ABBREVIATION.search(pieces[-1]) and not pieces[-1].endswith(("..", "?", "!")):
            pieces[-1] += " " + piece
        else:
            pieces.append(piece)
    return pieces


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

    def __post_init__(self) -> None:
        self.before = " ".join(self.old_sentences)
        self.after = " ".join(self.new_sentences)
        self.removed, self.added = self.before, self.after
        self.context = " ".join(self.old_sentences + self.new_sentences)


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


def _find(haystack: list[str], needle: list[str]) -> int:
    if not needle:
        return -1
    for start in range(len(haystack) - len(needle) + 1):
        if haystack[start:start + len(needle)] == needle:
            return start
    return -1


def _pieces_moved(changes: list[Change], used: set[int], ignored: list[tuple[int, str]]) -> None:
    """Text split into a list, or a list merged into a paragraph: the same words, elsewhere."""
    for whole_kind, side, other_side in (("inserted", "added", "removed"), ("deleted", "removed", "added")):
        pieces = {c.number: list(words(getattr(c, other_side))) for c in changes
                  if c.number not in used and getattr(c, other_side)}
        consumed: set[int] = set()
        for c in changes:
            if c.number in used or not c.whole or c.kind != whole_kind:
                continue
            needle = list(words(getattr(c, side)))
            if len(needle) < 3:
                continue
            for number, piece in pieces.items():
                if number == c.number:
                    continue
                at = _find(piece, needle)
                if at >= 0:
                    piece[at:at + len(needle)] = ["\0"] * len(needle)
                    used.add(c.number)
                    ignored.append((c.number, "moved (text split or merged)"))
                    consumed.add(number)
                    break
        for number in consumed:
            if all(w == "\0" or w in _TRIVIAL for w in pieces[number]):
                change = next(x for x in changes if x.number == number)
                if not getattr(change, side) or change.whole:
                    used.add(number)
                    ignored.append((number, "moved (text split or merged)"))


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

    def make(c: Change, old: list[str], new: list[str], whole: bool, old_block: str, new_block: str) -> _Unit:
        return _Unit(c.number, old, new, whole, c.path[-1] if c.path else "",
                     " › ".join(c.path) or "(introduction)", c.lead, old_block, new_block)

    # Moves: a block deleted here and inserted there with the same (or nearly the same) words.
    for d in deleted:
        best, score = None, 0.0
        dn = Counter(words(d.removed))
        for i in inserted:
            if i.number in used:
                continue
            inn = Counter(words(i.added))
            total = sum(dn.values()) + sum(inn.values())
            value = 2 * sum((dn & inn).values()) / total if total else 1.0
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
    seen_blocks: set[tuple[str, str]] = set()
    for c in changes:
        if c.number in used:
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
    for u in units:
        reason = None if u.whole else why_not_material(u.before, u.after)
        if reason:
            ignored.append((u.number or 0, reason))
        else:
            kept.append(u)
    return kept


def _count(pattern: re.Pattern[str], text: str, names: list[tuple[int, int]] | None = None) -> int:
    if names is None:
        return len(pattern.findall(text))
    return sum(1 for m in pattern.finditer(text) if not any(a <= m.start() and m.end() <= b for a, b in names))


def _name_spans(text: str) -> list[tuple[int, int]]:
    """Spans of multi-word proper names ("Google Analytics"): their words are names, not vocabulary."""
    return [m.span() for m in _CAPITALISED.finditer(text) if " " in m.group(0).strip()]


def _appears(pattern: re.Pattern[str], removed: str, added: str, *, skip_names: bool = False) -> str | None:
    """'added'/'removed' when the term is in one side of the change more often than in the other."""
    before = _count(pattern, removed, _name_spans(removed) if skip_names else None)
    after = _count(pattern, added, _name_spans(added) if skip_names else None)
    if after > before:
        return "added"
    if before > after:
        return "removed"
    return None


def _evidence(u: _Unit, rule: str) -> Evidence:
    return Evidence(u.path, _clip(u.before), _clip(u.after), rule, u.number)


def _about(c: CompiledCriterion, u: _Unit) -> bool:
    if c.context is not None and c.context.search(u.context):
        return True
    return c.sections is not None and c.sections.search(u.section) is not None


def _elsewhere(c: CompiledCriterion, sentence: str) -> bool:
    if c.not_context is None or c.not_context.search(sentence) is None:
        return False
    return c.strong_context is None or c.strong_context.search(sentence) is None


def _sentence_rule(c: CompiledCriterion, u: _Unit, extract, label: str, old_text: str, new_text: str) -> str | None:
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
            if values:
                return f"{label} {side}: {', '.join(values)}"
    return None


_ENUMERATION = re.compile(r"\b(?:such as|including(?: but not limited to)?|e\.g\.|for example|namely)\b[:,]?\s*(.+?)"
                          r"(?:,\s*(?:which|who|whose|where|so that|in order)\b|;|$)", re.IGNORECASE)
_ITEM_SPLIT = re.compile(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or|and/or)\s+", re.IGNORECASE)


def enumerated(text: str) -> set[frozenset[str]]:
    """Items of the lists a text gives ("such as your name, cell phone number…"), as content words."""
    items: set[frozenset[str]] = set()
    text = re.sub(r"\([^()]*\)", " ", text)
    for match in _ENUMERATION.finditer(text):
        for item in _ITEM_SPLIT.split(match.group(1)):
            words_ = frozenset(content_words(item))
            if words_:
                items.add(words_)
    return items


_VERBISH = frozenset("be is are was were been being able will would can could should have has had do does did "
                     "get gets got make makes made".split())
_DATA_FLOW = re.compile(r"\b(?:collect|send|share|pass|process|store|receive|obtain|record|transfer|disclose|use)\w*\s+"
                        r"(?:your|the|their)\s+(.+?)(?:\s+(?:to|with|for|from|in order|so that|which|when|if|by)\b|[.;]|$)",
                        re.IGNORECASE)


def new_data_items(u: "_Unit", old_text: str) -> list[str]:
    """Items of information listed in a new or changed sentence ("your name, membership number and…")
    that the policy never named before: a new type of personal information."""
    if not u.after:
        return []
    squash = lambda text: re.sub(r"[\W_]+", "", text.lower())  # noqa: E731 - "e-mail address" is "email address"
    known = squash(old_text) + "|" + squash(u.before)
    fresh = []
    for sentence in u.new_sentences:
        for match in _DATA_FLOW.finditer(re.sub(r"\([^()]*\)", " ", sentence)):
            items = [i.strip() for i in _ITEM_SPLIT.split(match.group(1)) if i.strip()]
            if len(items) < 2:
                continue
            for item in items:
                terms = [w for w in words(item) if w not in _TRIVIAL]
                if not terms or len(terms) > 4 or any(w in _FORCE or w in _VERBISH for w in terms):
                    continue  # not a noun phrase naming information
                if squash(" ".join(terms)) not in known:
                    fresh.append(" ".join(terms))
    return fresh


def _kept(c: CompiledCriterion, sentences: list[str]) -> str:
    """The sentences that are not about another criterion (an assessment, a change of ownership)."""
    return " ".join(x for x in sentences if not _elsewhere(c, x))


def _known_owner(name: str, other: str) -> bool:
    """'GitHub Marketplace' when 'GitHub' is already in the policy: a product of a known party."""
    first = name.split()[0]
    return " " in name and re.search(rf"(?<![\w-]){re.escape(first)}(?![\w-])", other) is not None


class _Texts:
    """Both sides' whole text, and the words the policy writes in lower case, computed once if needed."""

    def __init__(self, redline: Redline):
        self.redline = redline

    @functools.cached_property
    def old(self) -> str:
        return self.redline.old_text

    @functools.cached_property
    def new(self) -> str:
        return self.redline.new_text

    @functools.cached_property
    def common(self) -> set[str]:
        return lowercase_words(self.old + "\n" + self.new)


def _check(c: CompiledCriterion, u: _Unit, texts: _Texts) -> list[str]:
    """The rules of criterion `c` that fire on unit `u`."""
    criterion, fired = c.criterion, []
    about = _about(c, u)
    in_section = c.sections is not None and c.sections.search(u.section) is not None
    before, after = _kept(c, u.old_sentences), _kept(c, u.new_sentences)
    if criterion.whole_blocks and u.whole and in_section and not _elsewhere(c, u.added or u.removed):
        fired.append(f"{'a provision added to' if u.added else 'a provision removed from'} “{u.section}”")
    present = lambda any_term: any_term is not None and (any_term.search(before) or any_term.search(after))  # noqa: E731
    for pattern in c.signals if present(c.any_signal) else ():
        side = _appears(pattern, before, after)
        if side:
            term = pattern.search(after if side == "added" else before).group(0)
            fired.append(f"“{term}” {side}")
            break
    if about and present(c.any_vocabulary):
        for pattern in c.vocabulary:
            side = _appears(pattern, before, after, skip_names=not criterion.names_count)
            if side:
                term = pattern.search(after if side == "added" else before).group(0)
                fired.append(f"“{term}” {side} in a sentence about {criterion.title.lower()}")
                break
    if criterion.enumerations and (in_section or (c.statements is not None and c.statements.search(u.context))):
        old_items, new_items = enumerated(before), enumerated(after)
        known_before = set().union(*old_items) if old_items else set()
        known_after = set().union(*new_items) if new_items else set()
        def new_words(item: frozenset[str], known: set[str], sentence: str) -> set[str]:
            fresh = item - known - content_words(sentence)
            return {w for w in fresh if not any(_typo(w, k) for k in known)}

        added = sorted((i for i in new_items - old_items if new_words(i, known_before, before)), key=sorted)
        removed = sorted((i for i in old_items - new_items if new_words(i, known_after, after)), key=sorted)
        if added or removed:
            item = " ".join(sorted(added[0] if added else removed[0]))
            fired.append(f"listed item {'added' if added else 'removed'}: {item}")
    if criterion.enumerations and not fired:
        fresh = new_data_items(u, texts.old)
        if fresh:
            fired.append(f"information not named in the policy before: {', '.join(fresh[:3])}")
    for patterns, needs_about in ((c.patterns, False), (c.context_patterns, True)):
        if needs_about and not about:
            continue
        for pattern in patterns:
            old_values, new_values = set(pattern.findall(u.before)), set(pattern.findall(u.after))
            if old_values != new_values:
                changed = sorted(new_values - old_values) or sorted(old_values - new_values)
                fired.append(f"contact detail {'added' if new_values - old_values else 'removed'}: "
                             f"{', '.join(x.strip() for x in changed)}")
                break
    if criterion.entities:
        rule = _sentence_rule(c, u, lambda text: entities(text, texts.common), "named party", texts.old, texts.new)
        if rule:
            fired.append(rule)
    if criterion.places:
        rule = _sentence_rule(c, u, places, "place", u.old_block, u.new_block)
        if rule:
            fired.append(rule)
    if criterion.quantities and about:
        old_q, new_q = quantities(before), quantities(after)
        if old_q != new_q:
            fired.append(f"changed: {', '.join(quantity_phrases(before)) or '—'} → "
                         f"{', '.join(quantity_phrases(after)) or '—'}")
    if criterion.channels and about:
        gone = [p.search(u.before).group(0) for p in c.channels if p.search(u.before) and not p.search(u.after)]
        new = [p.search(u.after).group(0) for p in c.channels if p.search(u.after) and not p.search(u.before)]
        stated = in_section or (c.statements is not None and c.statements.search(u.context))
        if new and stated:
            fired.append(f"a new way to exercise your rights: {', '.join(new)}")
        elif gone and not new and not re.search(EMAIL_PATTERN, u.after):
            fired.append(f"a way to exercise your rights removed: {', '.join(gone)}")
    return fired


def _statement(c: CompiledCriterion, u: _Unit) -> str | None:
    """The catch-all rule: a change of substance in a sentence that states the criterion."""
    if c.statements is None or not (u.old_sentences and u.new_sentences):
        return None
    before, after = _kept(c, u.old_sentences), _kept(c, u.new_sentences)
    in_section = c.sections is not None and c.sections.search(u.section) is not None
    if not (before and after) or not (in_section or c.statements.search(before) or c.statements.search(after)):
        return None
    plus, minus = substance(before, after)
    # One word swapped for one word may be a synonym ("read" -> "review"): not enough on its own.
    if len(plus) + len(minus) < 2 or (len(plus) == 1 and len(minus) == 1):
        return None
    detail = "; ".join(filter(None, (f"added {', '.join(plus[:6])}" if plus else "",
                                     f"removed {', '.join(minus[:6])}" if minus else "")))
    return f"a statement of {c.criterion.title.lower()} changed ({detail})"


EMAIL_PATTERN = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"


def _reduces_rights(u: _Unit, rights: CompiledCriterion, rules: list[str]) -> str | None:
    """Why this change takes a right away from the reader, if it does."""
    if any(rule.startswith("a way to exercise your rights removed") for rule in rules):
        return "fewer ways to exercise your rights"
    before, after = durations(u.before), durations(u.after)
    if before and after and max(after) > max(before):
        return "a longer time to answer requests"
    if [m.group(0) for m in _MONEY.finditer(u.after)] and not [m.group(0) for m in _MONEY.finditer(u.before)]:
        return "a fee introduced"
    ages_before, ages_after = [_age(m) for m in _AGE.finditer(u.before)], [_age(m) for m in _AGE.finditer(u.after)]
    if ages_before and ages_after and min(ages_after) < min(ages_before) and re.search(r"child|minor", u.context, re.I):
        return "fewer people protected as children"
    if u.whole and u.removed and not u.added:
        return f"a provision of “{u.section}” removed"
    if u.added and not u.removed:
        if u.whole and _EXCEPTION_LEAD.search(u.lead):
            return "an exception to your rights added"
        if not _LIMITING.search(u.added):
            return None  # a provision added to a rights section gives, it does not take
    for pattern in _NARROWING:
        if _appears(pattern, u.removed, u.added) == "added":
            return f"narrowing wording added: “{pattern.search(u.added).group(0)}”"
    for pattern in _WIDENING:
        if _appears(pattern, u.removed, u.added) == "removed":
            return f"wording that gave a right removed: “{pattern.search(u.removed).group(0)}”"
    return None


def assess(redline: Redline, criteria: tuple[Criterion, ...] = DEFAULT_CRITERIA) -> Assessment:
    """Flag the criteria a change touches, with evidence; decide whether it needs express consent."""
    result = Assessment()
    compiled = [c.compiled() for c in criteria]
    texts = _Texts(redline)
    for u in _units(redline, result.ignored):
        found = {c.criterion.id: _check(c, u, texts) for c in compiled}
        if not any(found.values()):  # no specific rule: does a sentence stating a criterion change in substance?
            for c in compiled:
                rule = _statement(c, u)
                if rule:
                    found[c.criterion.id] = [rule]
        for c in compiled:
            rules = found[c.criterion.id]
            if not rules:
                continue
            flag = result.flag(c.criterion.id)
            if flag is None:
                flag = Flag(c.criterion)
                result.flags.append(flag)
            flag.evidence.extend(_evidence(u, rule) for rule in rules)
            if c.criterion.id == "user-rights":
                reason = _reduces_rights(u, c, rules)
                if reason:
                    result.consent_required = True
                    result.consent_evidence.append(_evidence(u, reason))
    order = {c.id: i for i, c in enumerate(criteria)}
    result.flags.sort(key=lambda f: order[f.criterion.id])
    return result
