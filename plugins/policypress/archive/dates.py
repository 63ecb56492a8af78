"""Effective dates: from front matter, else from a date line in the text, else from the commit.

Authors write dates the way lawyers do ("Effective date: **May 25, 2018**", "*Last updated: 4 March
2021*"), so the text is read with configurable label patterns and a strict date parser: a date that
cannot be read is an error, never a silent fallback to another date.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Iterable

from policypress.errors import PolicyError

#: Labels that introduce an effective date in the text of a policy (case-insensitive, at line start).
DEFAULT_DATE_PATTERNS = [
    r"effective\s+(?:date|as\s+of|from|on)",
    r"last\s+(?:updated|modified|revised|changed)",
    r"date\s+of\s+last\s+(?:update|revision)",
]

_MONTHS = {
    name: number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_FORMATS = [
    re.compile(r"(?P<year>\d{4})[-/.](?P<mnum>\d{1,2})[-/.](?P<day>\d{1,2})\b"),
    re.compile(rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"),
    re.compile(rf"{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b"),
]
_MARKUP = re.compile(r"\]\([^)]*\)|[*_\[\]`]|<[^>]+>")


def parse_date_text(text: str) -> dt.date | None:
    """Read a human date at the start of `text`; None when nothing there looks like a date.

    Raises ValueError when something looks like a date but is impossible (February 30)."""
    text = _MARKUP.sub("", text).strip()
    for pattern in _FORMATS:
        match = pattern.match(text)
        if not match:
            continue
        parts = match.groupdict()
        if parts.get("mnum"):
            month = int(parts["mnum"])
        else:
            month = _MONTHS.get(parts["month"].lower())
            if month is None:
                continue
        return dt.date(int(parts["year"]), month, int(parts["day"]))
    return None


def coerce_front_matter_date(value: Any, *, key: str, path: str | None, line: int | None) -> dt.date:
    """Turn a front-matter value into a date, or explain exactly what is wrong with it."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    fix = f"write '{key}: YYYY-MM-DD', for example '{key}: 2026-12-01'"
    if isinstance(value, str):
        stripped = value.strip()
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", stripped):
            try:
                return dt.date.fromisoformat(stripped)
            except ValueError:
                raise PolicyError(f"{key}: {stripped!r} is not a real calendar date",
                                  path=path, line=line, fix=fix) from None
        raise PolicyError(f"{key}: {value!r} is not an ISO date", path=path, line=line, fix=fix)
    raise PolicyError(f"{key}: expected a date, found {type(value).__name__} {value!r}",
                      path=path, line=line, fix=fix)


def compile_patterns(patterns: Iterable[str]) -> re.Pattern[str]:
    """One regex that finds a labelled date line; a bad user pattern is a configuration error."""
    alternatives = []
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise PolicyError(f"date pattern {pattern!r} is not a valid regular expression: {exc}",
                              fix="fix the pattern under 'policypress: date_patterns' in mkdocs.yml") from None
        alternatives.append(f"(?:{pattern})")
    return re.compile(
        r"^[ \t>*_#|-]*(?:" + "|".join(alternatives) + r")[ \t*_]*(?::|\bis\b|\bon\b)?[ \t*_]*(?P<rest>.*)$",
        re.IGNORECASE | re.MULTILINE,
    )


def date_from_text(body: str, pattern: re.Pattern[str], *, path: str | None = None,
                   first_line: int = 1) -> tuple[dt.date, int] | None:
    """The first labelled date in the body and its 1-based file line, or None if there is none."""
    for match in pattern.finditer(body):
        rest = match.group("rest")
        line = first_line + body.count("\n", 0, match.start())
        try:
            date = parse_date_text(rest)
        except ValueError:
            raise PolicyError(f"the date line {match.group(0).strip()!r} names an impossible date",
                              path=path, line=line,
                              fix="correct the date, or set 'effective: YYYY-MM-DD' in the front matter") from None
        if date is not None:
            return date, line
    return None


def human_date(value: dt.date) -> str:
    """A date as readers write it ("March 4, 2026")."""
    return f"{value.strftime('%B')} {value.day}, {value.year}"
