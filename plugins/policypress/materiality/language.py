"""The words of a legal sentence: content words, typo tolerance, numbers, durations, fees, ages and
sentence boundaries. Plain functions over strings, shared by the rules and the provision model."""

from __future__ import annotations

import functools
import os
import re
from collections import Counter
from difflib import SequenceMatcher

from policypress.diff.redline import norm_words

# Words whose change alone never makes a change material (articles, pronouns, light connectives).
TRIVIAL = frozenset("a an the this that these those its it it's of to in on at by for as is are be been "
                     "our we us your you such etc and or also order so which who whom please kindly hereby "
                     "herein thereof i ii iii iv v vi vii viii ix x xi xii xiii xiv xv xvi xvii xviii xix xx".split())
_KEEP_LY = frozenset("only solely early monthly yearly daily weekly quarterly annually".split())
# Words that carry legal force: a change to one of them is never a typo.
FORCE = frozenset("not no never nor may might must shall will would can cannot can't won't only except "
                   "unless without all any none some each every always sometimes usually normally generally typically ordinarily".split())
CAPITALISED = re.compile(r"\b(?:[A-Z][\w&'’.-]*[\w&]|[A-Z])(?:\s+(?:[A-Z][\w&'’.-]*[\w&]|of|and|&|de|la|du))*")
NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
NUMBER_WORDS.update({"thirty": 30, "forty": 40, "forty-five": 45, "sixty": 60, "ninety": 90, "hundred": 100})
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*|\b(?:" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")\b(?<!\bone)|"
                     r"\bone\b(?! (?:of|another|or (?:more|other|another)|by one)\b)", re.IGNORECASE)  # not "one of the locks", "one another"
DURATION = re.compile(
    r"(\d+(?:[.,]\d+)?|\b(?:" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")\b)"
    r"(?:\s*\(\d+\))?\s*(business|working|calendar)?\s*(seconds?|minutes?|hours?|days?|weeks?|months?|years?)\b", re.IGNORECASE)
CONTACT_VALUE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?://|www\.)\S+|\+?\d[\d\s().-]{6,}\d")
_UNIT_DAYS = {"second": 1 / 86400, "minute": 1 / 1440, "hour": 1 / 24, "day": 1, "week": 7, "month": 30, "year": 365}


def words(text: str) -> list[str]:
    return list(norm_words(text))


def clip(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def typo(a: str, b: str) -> bool:
    if a == b:
        return True
    if a in FORCE or b in FORCE or any(c.isdigit() for c in a + b):
        return False
    if a in TRIVIAL and b in TRIVIAL:
        return True
    if len(a) <= 2 or len(b) <= 2:
        return False
    if abs(len(a) - len(b)) <= 2 and len(os.path.commonprefix([a, b])) >= 4:
        return True  # another form of the same word: fraud/frauds, medium/media
    return SequenceMatcher(None, a, b).ratio() >= 0.75



@functools.lru_cache(maxsize=1 << 16)
def content_words(text: str) -> frozenset[str]:
    """The words that carry meaning: no articles, list labels, manner adverbs, names or contact details;
    numbers written in words count as their digits."""
    text = CONTACT_VALUE.sub(" ", text)
    spans = name_spans(text)
    if spans:
        text = "".join(" " if any(a <= i < b for a, b in spans) else ch for i, ch in enumerate(text))
    found = set()
    for word in words(text):
        if word in TRIVIAL or (len(word) == 1 and not word.isdigit()):
            continue
        if word.endswith("ly") and word not in _KEEP_LY and word not in FORCE:
            continue
        found.add(str(NUMBER_WORDS[word]) if word in NUMBER_WORDS else word)
    return frozenset(found)


def substance(before: str, after: str) -> tuple[list[str], list[str]]:
    """Content words added and removed between two sentences, spelling corrections set aside."""
    old, new = content_words(before), content_words(after)
    added, removed = sorted(new - old), sorted(old - new)
    for word in list(added):
        twin = next((w for w in removed if typo(w, word)), None)
        if twin is not None:
            added.remove(word)
            removed.remove(twin)
    return added, removed


def name_spans(text: str) -> list[tuple[int, int]]:
    """Spans of multi-word proper names ("Google Analytics"): their words are names, not vocabulary."""
    return [m.span() for m in CAPITALISED.finditer(text) if " " in m.group(0).strip()]


def similarity(a: str, b: str) -> float:
    """How much two sentences share, by content words (0 to 1)."""
    x, y = content_words(a), content_words(b)
    if not x and not y:
        return 1.0
    return len(x & y) / max(len(x | y), 1)


def numbers(text: str) -> list[str]:
    return [m.group(0).lower() for m in _NUMBER.finditer(text)]


def durations(text: str) -> list[float]:
    """Durations in days ('15 business days' is 21 calendar days)."""
    found = []
    for match in DURATION.finditer(text):
        value = match.group(1).lower()
        amount = float(value.replace(",", "")) if value[0].isdigit() else float(NUMBER_WORDS[value])
        unit = match.group(3).lower().rstrip("s")
        factor = 1.4 if (match.group(2) or "").lower() in ("business", "working") else 1.0
        found.append(amount * _UNIT_DAYS[unit] * factor)
    return found


_CURRENCY_CODES = r"CNY|RMB|USD|EUR|GBP|JPY|CHF|CAD|AUD|NZD|SEK|NOK|DKK|PLN|CZK|HUF|INR|BRL|MXN|ZAR|SGD|HKD|KRW"
MONEY = re.compile(rf"(?:\b(?:{_CURRENCY_CODES})\b|(?:\b(?:US|CA|C|A|NZ|R|S|HK))?[$€£¥₹₩])\s?\d[\d,.]*|"
                   rf"\d[\d,.]*\s?(?:{_CURRENCY_CODES}|yuan|yen|won|rupees?|francs?|kron(?:or|er|a|e)|z[łl]oty|reais|pesos?|"
                   rf"dollars?|euros?|pounds?)\b", re.IGNORECASE)
AGE = re.compile(r"(?:age of|aged|under|over|older than|younger than|at least)\s+(\d+|"
                  + "|".join(NUMBER_WORDS) + r")\b|(\d+)\s*(?:years? old|years? of age)", re.IGNORECASE)
COUNT = re.compile(r"\b(?:once(?! (?:the|a|an|you|we|it|they|this|that|your|our|all|every|each|its|their)\b)|twice|"
                   r"\d+ times|(?:two|three|four|five) times)\b", re.IGNORECASE)  # not "once the delivery is complete"
PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s?(?:%|percent)", re.IGNORECASE)  # group 1: the figure


_DIGIT = re.compile(r"\d")


def money(text: str) -> list[str]:
    if not _DIGIT.search(text):
        return []  # every amount has a figure: most sentences have none
    return [m.group(0) for m in MONEY.finditer(text)]


def age(match: re.Match) -> int:
    value = (match.group(1) or match.group(2)).lower()
    return int(value) if value.isdigit() else NUMBER_WORDS[value]


def quantity_phrases(text: str) -> list[str]:
    """The deadlines, amounts, ages and counts of a text as written, for evidence."""
    found = []
    for pattern in (DURATION, MONEY, AGE, COUNT, PERCENT):
        found += [" ".join(m.group(0).split()) for m in pattern.finditer(text)]
    return found


def quantities(text: str) -> Counter:
    """Deadlines, amounts, ages, counts and percentages: the numbers that carry rights."""
    found: Counter = Counter()
    found.update(f"{round(d, 2)} days" for d in durations(text))
    found.update(" ".join(m.group(0).upper().split()) for m in MONEY.finditer(text))
    found.update(f"age {age(m)}" for m in AGE.finditer(text))
    found.update(m.group(0).lower() for m in COUNT.finditer(text))
    found.update(m.group(0).replace(" ", "") for m in PERCENT.finditer(text))
    return found


_ABBREVIATION = re.compile(r"(?:\b(?:e\.g|i\.e|etc|inc|ltd|co|corp|no|nos|vs|mr|mrs|ms|dr|st|art|sec|para|cf|"
                           r"approx|b\.v|n\.v|s\.a|u\.s|u\.k|p\.o)\.|\b[A-Z]\.)$", re.IGNORECASE)
_BREAK = re.compile(r"(?<=[.!?])\s+|(?<=;)\s+|(?<=:)\s+(?=[A-Z0-9\"“(\[])|\s*\n+\s*")


def split_sentences(block: str) -> list[str]:
    """Sentences of a block (cached: most blocks are the same in every version)."""
    return list(_sentences(block))


@functools.lru_cache(maxsize=1 << 16)
def _sentences(block: str) -> tuple[str, ...]:
    """A period after an abbreviation ("Inc.", "e.g.") does not end a sentence."""
    pieces: list[str] = []
    for piece in _BREAK.split(block):
        piece = " ".join(piece.split())
        if not piece:
            continue
        if pieces and _ABBREVIATION.search(pieces[-1]) and not pieces[-1].endswith(("..", "?", "!")):
            pieces[-1] += " " + piece
        else:
            pieces.append(piece)
    return tuple(pieces)

