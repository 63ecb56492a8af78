"""Evidence a reviewer reads in a minute: one item per provision changed, grouped by section,
deduplicated and ranked, with a triage line for what is left out of a long list."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

# The rules whose evidence is most telling come first (a named party, a fee, a removed right), the
# vaguest last (a changed statement).
_RANK = (("a new limit", 0), ("an entitlement", 0), ("a promise", 0), ("a protection", 0), ("fewer", 0),
         ("a fee", 0), ("a condition", 0), ("named party", 1), ("place", 1), ("contact detail", 1),
         ("“", 2), ("a time limit, amount or age", 2), ("a new way", 2), ("a way", 2), ("information not named", 2),
         ("new processing", 2), ("listed item", 3), ("a provision", 3), ("a statement", 4))

PER_CRITERION = 3  # items shown per criterion; the rest is summarised
PER_STEP = 20  # items shown for a whole step, all criteria together


def rank(rule: str) -> int:
    return next((value for prefix, value in _RANK if rule.startswith(prefix)), 3)


@dataclass(frozen=True)
class Triage:
    """What a long list of evidence left out: how many items, in which sections."""

    hidden: int
    sections: tuple[tuple[str, int], ...]

    def text(self) -> str:
        where = ", ".join(f"{name} ({count})" for name, count in self.sections[:4])
        more = f" and {len(self.sections) - 4} more sections" if len(self.sections) > 4 else ""
        return f"and {self.hidden} more in {where}{more}" if where else f"and {self.hidden} more"


def condense(items: list, limit: int = PER_CRITERION):
    """Items merged per provision (same section, before and after: one item naming every rule),
    ranked, cut to `limit`, with a triage of the rest."""
    merged: dict[tuple[str, str, str], object] = {}
    for item in items:
        key = (item.section, item.before, item.after)
        if key in merged:
            kept = merged[key]
            if item.rule not in kept.rule.split("; "):
                merged[key] = kept.with_rule(f"{kept.rule}; {item.rule}")
        else:
            merged[key] = item
    ordered = sorted(merged.values(), key=lambda e: (rank(e.rule), e.change if e.change is not None else 1 << 30))
    shown, rest = ordered[:limit], ordered[limit:]
    if not rest:
        return shown, None
    sections = Counter(e.section for e in rest)
    return shown, Triage(len(rest), tuple(sorted(sections.items(), key=lambda kv: (-kv[1], kv[0]))))
