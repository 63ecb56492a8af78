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


# -- the sixteenth batch's reductions, as general rules: one that is and its mirror that is not ----------

from policypress.materiality.provisions import reduction, split_sentences  # noqa: E402

SIXTEENTH = [
    ("retention made open-ended", "Location data is deleted after 90 days.",
     "Location data is deleted for as long as the vehicle is linked to your account.", "information kept"),
    ("retention shortened", "Location data is deleted after 90 days.", "Location data is deleted after 30 days.", None),
    ("discarded now kept", "The server discards the hashes you uploaded immediately after the comparison.",
     "The server keeps the hashes you uploaded for as long as the feature is on.", "information kept"),
    ("on by default", "The feature is off by default. You activate it yourself in the app.",
     "The feature is switched on automatically. You can turn it off in the app.", "consent no longer asked"),
    ("fee cap removed", "| Final value fee | 8% of the hammer price, maximum EUR 250 per item |",
     "| Final value fee | 8% of the hammer price |", "a cap on a fee removed"),
    ("fee cap raised is a higher fee, a cap lowered is not", "| Final value fee | 8% of the hammer price, maximum EUR 250 per item |",
     "| Final value fee | 8% of the hammer price, maximum EUR 200 per item |", None),
    ("liability capped at what you paid", "For slight negligence our liability is limited to the foreseeable damage typical for this kind "
     "of contract, and in any event to EUR 5,000 per incident.", "For slight negligence our liability is limited to the foreseeable damage "
     "typical for this kind of contract, and in any event to the total fees you paid to us in the twelve months before the incident.", "a lower cap"),
    ("minimum age raised", "The lead guest must be at least 18.", "The lead guest must be at least 21.", "a higher minimum age"),
    ("minimum age lowered", "The lead guest must be at least 21.", "The lead guest must be at least 18.", None),
    ("a protection for everyone made regional", "We honour GPC for every visitor, wherever you are located: when we detect the signal, "
     "advertising cookies are not set.", "We honour GPC for visitors located in California and other US states whose laws require it: "
     "when we detect the signal, advertising cookies are not set.", "a protection given to fewer people"),
    ("a regional protection made universal", "We honour GPC for visitors located in California.",
     "We honour GPC for every visitor, wherever you are located.", None),
    ("partners' own purposes", "Our partners process the data on our behalf and only for the purposes described here.",
     "Our partners may also use the data they receive for their own purposes.", "a restriction on how others use your data lifted"),
    ("dealers barred from own marketing", "Dealers do not receive location data.",
     "Dealers do not receive location data, and they may use the data only to contact you, not for their own marketing.", None),
    ("less time to report", "Tell us within 24 hours of check-in.", "Tell us within 3 hours of check-in.", "less time for you to act"),
    ("more time to report", "Tell us within 3 hours of check-in.", "Tell us within 24 hours of check-in.", None),
    ("deadline from verification", "We respond within one month of receiving your request.",
     "We respond within one month of the date on which we have verified your identity.", "a deadline that starts later"),
    ("exclusively dropped", "We release user data exclusively on the basis of a court order.",
     "We release user data on the basis of a court order.", "a restriction on us lifted"),
    ("indemnity loses its exception", "If a third party claims against us because of your content, you must indemnify us against "
     "reasonable costs of legal defence, unless you are not responsible for the infringement.", "If a third party claims against us because "
     "of your content, you must indemnify us against all resulting claims, damages and costs, including legal fees.", "a duty on you widened"),
    ("in person is one more way", "You can send a request by e-mail or by post.",
     "You can send a request by e-mail, by post, or in person at our shops.", None),
    ("a promise gone with its power", "We answer within 30 days. If a request is complex, we may extend this by a further 60 days; "
     "we will tell you within the first 30 days if we need to do so.", "We answer within 14 days.", None),
]


@pytest.mark.parametrize("old, new, reason", [c[1:] for c in SIXTEENTH], ids=[c[0] for c in SIXTEENTH])
def test_sixteenth_batch_rules(old, new, reason):
    why = reduction(split_sentences(old), split_sentences(new), whole=False)
    if reason is None:
        assert why is None, why
    else:
        assert why is not None and why.startswith(reason), why


# -- a passage said again in other words changes nothing; one that only lost or gained words does ----------

_CHOICES = "# Privacy notice\n\n## Your choices\n\n{}\n\n## Contact\n\nWrite to privacy@example.com.\n"
_OPT_OUT = ("You can opt out of marketing emails at any time by using the unsubscribe link in any email or by updating "
            "your preferences in the account settings.")


def _flags(old: str, new: str, kind: str = "privacy", frame: str = _CHOICES) -> dict[str, list[str]]:
    from policypress.materiality.criteria import CRITERIA_BY_TYPE
    found = compare_texts(frame.format(old), frame.format(new), criteria=CRITERIA_BY_TYPE[kind]).assessment
    return {cid: [e.rule for e in found.flag(cid).evidence] for cid in found.ids}


def test_a_choice_said_again_in_other_words_is_not_material():
    reworded = ("To stop receiving marketing emails, click the unsubscribe link in any of them or change your "
                "preferences in the account settings at any time.")
    assert _flags(_OPT_OUT, reworded) == {}


def test_a_choice_that_only_lost_its_words_is_still_a_change():
    assert "user-rights" in _flags(_OPT_OUT, _OPT_OUT.replace(" at any time", ""))


def test_a_right_that_only_gained_words_is_still_a_change():
    frame = "# Privacy notice\n\n## Your rights\n\n{}\n"
    old = "You have the right to access your personal information as provided by laws and regulations."
    assert "user-rights" in _flags(old, old[:-1] + " and to obtain a copy of it.", frame=frame)


def test_its_own_is_not_to_own():
    frame = "# Terms of service\n\n## Your content\n\nYou grant us a licence to host your content.\n\n## Liability\n\n{}\n"
    old = "You will indemnify us against claims arising from your use of the Service."
    assert "content-licence" not in _flags(old, old[:-1] + ", except claims caused by our own negligence.", "terms", frame)
    assert "content-licence" in _flags(old, old + " You own the content you upload.", "terms", frame)
