"""The materiality engine on a labelled evaluation set of realistic edits of the demo policy."""

from __future__ import annotations

from functools import lru_cache

import pytest

from materiality_blind import BLIND
from materiality_cases import CASES as FIRST
from materiality_cases import apply, load_body
from materiality_holdout import HOLDOUT
from policypress.cli.compare import compare_texts
from policypress.materiality.criteria import DEFAULT_CRITERIA
from policypress.materiality.rules import assess

BODY = load_body()
# Three labelled sets, each written blind (without reading the engine): see tests/materiality_*.py.
SETS = {"first": FIRST, "holdout": HOLDOUT, "blind": BLIND}
CASES = [case for cases in SETS.values() for case in cases]


@lru_cache(maxsize=None)
def outcome(case_id: str):
    case = next(c for c in CASES if c.id == case_id)
    comparison = compare_texts(BODY, apply(case, BODY))
    return case, assess(comparison.redline)


def scores(cases=None):
    cases = CASES if cases is None else cases
    tp = fp = fn = 0
    per = {c.id: [0, 0, 0] for c in DEFAULT_CRITERIA}
    misses, false_alarms = [], []
    for case in cases:
        _, result = outcome(case.id)
        found = set(result.ids)
        for cid in per:
            hit, want = cid in found, cid in case.criteria
            if hit and want:
                tp += 1
                per[cid][0] += 1
            elif hit:
                fp += 1
                per[cid][1] += 1
                false_alarms.append((case.id, cid, [e.rule for e in result.flag(cid).evidence]))
            elif want:
                fn += 1
                per[cid][2] += 1
                misses.append((case.id, cid))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, per, misses, false_alarms


def test_recall_and_precision_on_the_evaluation_set(capsys):
    precision, recall, per, misses, false_alarms = scores()
    with capsys.disabled():
        print(f"\nmateriality evaluation: {len(CASES)} cases, precision {precision:.3f}, recall {recall:.3f}")
        for name, cases in SETS.items():
            p, r, *_ = scores(cases)
            print(f"  set {name:<8} {len(cases):>3} cases  precision {p:.3f}  recall {r:.3f}")
        for cid, (tp, fp, fn) in per.items():
            print(f"  {cid:<20} tp {tp:>3}  fp {fp:>3}  fn {fn:>3}")
        for item in false_alarms:
            print("  false alarm:", item)
    assert misses == [], f"missed criteria: {misses}"
    assert recall == 1.0
    assert precision >= 0.9, f"precision {precision:.3f}; false alarms: {false_alarms}"


@pytest.mark.parametrize("case_id", [c.id for c in CASES if not c.criteria])
def test_non_material_edits_are_not_flagged(case_id):
    case, result = outcome(case_id)
    assert result.ids == [], f"{case.note}: flagged {[(f.criterion.id, [e.rule for e in f.evidence]) for f in result.flags]}"
    assert not result.consent_required


@pytest.mark.parametrize("case_id", [c.id for c in CASES if c.criteria])
def test_consent_required_exactly_when_rights_are_reduced(case_id):
    case, result = outcome(case_id)
    assert result.consent_required == case.consent_required, \
        f"{case.note}: consent_required={result.consent_required} {[e.rule for e in result.consent_evidence]}"


@pytest.mark.parametrize("case_id", [c.id for c in CASES if c.criteria])
def test_every_flag_has_evidence(case_id):
    _, result = outcome(case_id)
    for flag in result.flags:
        assert flag.evidence and all(e.rule and e.section for e in flag.evidence)


def test_the_labelled_sets_are_sound():
    """Each set's own checks (ids, labels, edits that apply, nothing repeated from an earlier set) run in CI."""
    import materiality_blind
    import materiality_holdout
    from materiality_cases import check_set

    check_set(FIRST)
    check_set(HOLDOUT, earlier=FIRST, prefix="h-", minimums=materiality_holdout.MINIMUMS)
    check_set(BLIND, earlier=FIRST + HOLDOUT, prefix="b-", minimums=materiality_blind.MINIMUMS, new_edits_only=True)
