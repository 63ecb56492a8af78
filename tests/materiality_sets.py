"""The labelled sets of tests/labels/: load them, run the engine on each case, score them.

`python tests/materiality_sets.py` prints every set's precision, recall and consent agreement (`-v`:
each miss and false alarm; `--markdown`: the README's table)."""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "tests" / "labels"
sys.path.insert(0, str(ROOT / "plugins"))

from policypress.cli.compare import compare_texts  # noqa: E402
from policypress.materiality.criteria import CRITERIA_BY_TYPE  # noqa: E402


@dataclass(frozen=True)
class Case:
    set: str
    type: str
    id: str
    criteria: frozenset[str]
    consent_required: bool
    note: str
    old: str
    new: str


def _apply(base: str, edits: list[list[str]], where: str) -> str:
    text = base
    for number, (old, new) in enumerate(edits, 1):
        count = text.count(old)
        if count != 1:
            raise AssertionError(f"{where} edit {number}: the old text occurs {count} times: {old[:80]!r}")
        text = text.replace(old, new, 1)
    return text


@lru_cache(maxsize=None)
def load_sets() -> dict[str, list[Case]]:
    sets: dict[str, list[Case]] = {}
    for path in sorted(LABELS.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["set"] == path.stem, f"{path.name}: set name {data['set']!r}"
        kind, doc_type = data["kind"], data["type"]
        allowed = {c.id for c in CRITERIA_BY_TYPE[doc_type]}
        cases = []
        for raw in data["cases"]:
            where = f"{path.name} {raw['id']}"
            assert set(raw["criteria"]) <= allowed, f"{where}: unknown criteria {set(raw['criteria']) - allowed}"
            assert isinstance(raw["consent_required"], bool) and raw["note"].strip(), where
            if kind == "steps":
                folder = ROOT / "tests" / "corpus" / data["corpus"]
                old = (folder / raw["old"]).read_text(encoding="utf-8")
                new = (folder / raw["new"]).read_text(encoding="utf-8")
            else:
                old = (ROOT / data["base"]).read_text(encoding="utf-8")
                new = _apply(old, raw["edits"], where)
                assert new != old, f"{where}: no change"
            cases.append(Case(path.stem, doc_type, raw["id"], frozenset(raw["criteria"]), raw["consent_required"],
                              raw["note"], old, new))
        assert len({c.id for c in cases}) == len(cases), f"{path.name}: duplicate ids"
        sets[path.stem] = cases
    return sets


@lru_cache(maxsize=None)
def outcome(set_name: str, case_id: str):
    case = next(c for c in load_sets()[set_name] if c.id == case_id)
    return compare_texts(case.old, case.new, criteria=CRITERIA_BY_TYPE[case.type]).assessment


@dataclass
class Score:
    cases: int
    tp: int = 0
    fp: int = 0
    fn: int = 0
    consent_agree: int = 0
    reductions: int = 0
    reductions_caught: int = 0
    false_consent: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def line(self, name: str) -> str:
        return (f"{name:<22} {self.cases:>3} cases  precision {self.precision:.2f}  recall {self.recall:.2f}  "
                f"consent {self.consent_agree}/{self.cases}  reductions caught {self.reductions_caught}/{self.reductions}"
                f"  false consent {self.false_consent}")


def score(cases: list[Case], problems: list | None = None) -> Score:
    result = Score(len(cases))
    for case in cases:
        found = outcome(case.set, case.id)
        got = set(found.ids)
        for cid in got | case.criteria:
            if cid in got and cid in case.criteria:
                result.tp += 1
            elif cid in got:
                result.fp += 1
                if problems is not None:
                    problems.append(("false alarm", case.id, cid, [e.rule for e in found.flag(cid).evidence]))
            else:
                result.fn += 1
                if problems is not None:
                    problems.append(("miss", case.id, cid, case.note[:120]))
        result.consent_agree += found.consent_required == case.consent_required
        result.reductions += case.consent_required
        result.reductions_caught += case.consent_required and found.consent_required
        if found.consent_required and not case.consent_required:
            result.false_consent += 1
            if problems is not None:
                problems.append(("false consent", case.id, [e.rule for e in found.consent_evidence], case.note[:100]))
        elif case.consent_required and not found.consent_required and problems is not None:
            problems.append(("missed reduction", case.id, case.note[:140]))
    return result


def first_scores() -> dict[str, str]:
    """Each set's first score (tests/labels/FIRST-SCORES.md), as "P / R / consent"."""
    line = re.compile(r"^(\S+(?: \(all \d+\))?)\s+(\d+) cases\s+precision (\S+)\s+recall (\S+)\s+consent (\S+)")
    found = {}
    for text in (LABELS / "FIRST-SCORES.md").read_text(encoding="utf-8").splitlines():
        match = line.match(text)
        if match:  # the first line of a name is its first score; later ones are after tuning
            found.setdefault(match.group(1), f"{match.group(3)} / {match.group(4)} / {match.group(5)}")
    return found


# The batches in the order they were labelled: (set name prefix, label, FIRST-SCORES.md line of the batch).
BATCHES = (("holdout-", "held-out batch", "holdout (all 4)"), ("blind2-", "third batch (blind)", "blind2 (all 6)"),
           ("blind3-", "fourth batch (blind)", "blind3 (all 4)"), ("blind4-", "fifth batch (blind)", "blind4 (all 6)"),
           ("blind5-", "sixth batch (blind)", "blind5 (all 4)"), ("blind6-", "seventh batch (blind)", "blind6 (all 6)"),
           ("blind7-", "eighth batch (blind)", "blind7 (all 5)"), ("blind8-", "ninth batch (blind)", "blind8 (all 4)"),
           ("blind9-", "tenth batch (blind)", "blind9 (all 5)"), ("blind10-", "eleventh batch (blind)", "blind10 (all 5)"),
           ("blind11-", "twelfth batch (blind)", "blind11 (all 6)"), ("blind12-", "thirteenth batch (blind)", "blind12 (all 6)"),
           ("blind13-", "fourteenth batch (blind)", "blind13 (all 8)"),
           ("blind14-", "fifteenth batch (blind)", "blind14 (all 8)"),
           ("blind15-", "sixteenth batch (blind)", "blind15 (all 8)"),
           ("blind16-", "seventeenth batch (blind)", "blind16 (all 8)"))


def batch_of(set_name: str) -> str:
    """The label of the batch a set was labelled in ("first batch": the sets written with the engine)."""
    return next((label for prefix, label, _ in BATCHES if set_name.startswith(prefix)), "first batch")


def markdown() -> str:
    """The README's table: every set's first score next to its score now."""
    first = first_scores()
    rows = ["| set | kind | type | cases | first: precision / recall / consent | now: precision / recall / consent |",
            "| --- | --- | --- | ---: | --- | --- |"]
    groups: dict[str, list[Case]] = {"first batch": [], **{label: [] for _, label, _ in BATCHES}}
    for name, cases in load_sets().items():
        s = score(cases)
        kind = "real steps" if "steps" in name else "edits"
        rows.append(f"| `{name}` | {kind} | {cases[0].type} | {len(cases)} | {first.get(name, '—')} | "
                    f"{s.precision:.2f} / {s.recall:.2f} / {s.consent_agree}/{s.cases} |")
        groups[batch_of(name)] += cases
    for label, key in (("first batch", "all"), *((label, key) for _, label, key in BATCHES)):
        s = score(groups[label])
        rows.append(f"| **{label}** | | | {s.cases} | {first.get(key, '—')} | "
                    f"{s.precision:.2f} / {s.recall:.2f} / {s.consent_agree}/{s.cases} |")
    return "\n".join(rows)


def main() -> None:
    if "--markdown" in sys.argv:
        print(markdown())
        return
    total: list[Case] = []
    problems: list = []
    for name, cases in load_sets().items():
        print(score(cases, problems).line(name))
        total += cases
    print(score(total).line("all"))
    if "-v" in sys.argv:
        for problem in problems:
            print(*problem)


if __name__ == "__main__":
    main()
