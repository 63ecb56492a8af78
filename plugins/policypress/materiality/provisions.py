"""What a sentence does for the reader: an entitlement ("you may", "you have the right"), an
obligation toward the reader ("we will notify you", "we will not sell"), our discretion ("we may"),
or a plain statement; and whether a change takes something away.

A rights reduction is judged on these provisions, whatever the criterion: an entitlement or a promise
removed or narrowed (conditions, caps, fees, longer deadlines, fewer channels, new exceptions) takes
something away; a new entitlement, a more protective obligation or a restriction on a third party
does not. Keywords alone mislead ("it is your data, not ours", "we will not disclose it to a
government unless…"), so negations count only where they negate an entitlement or loosen a promise.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from difflib import SequenceMatcher

from policypress.materiality.language import (
    AGE, DURATION, PERCENT, age, content_words, durations, money, numbers, quantities, similarity, split_sentences,
)

ENTITLEMENT = "entitlement"
OBLIGATION = "obligation"
PROHIBITION = "prohibition"  # a restriction on us or a third party: protective
# Our discretion ("we may") and limits on the reader ("we may charge a fee") are read by `_DISCRETION`
# and `limits_reader`; anything else is a plain statement.

_I = re.IGNORECASE
_YOU = (r"(?:you|users?|customers?|members?|individuals?|data subjects?|consumers?|residents?|parents?|patients?|guests?|"
        r"passengers?|renters?|students?|subscribers?|viewers?|players?|your (?:administrators?|admins?)|account (?:holders?|owners?)|end users?)")
# What the reader may have, said without "you": "a summary is available on request".
_AVAILABLE = (r"\b(?:is|are) (?:also )?available (?:to you )?(?:on|upon) (?:request|demand)\b|\bcan be (?:obtained|requested) (?:from|by|on)\b|"
              r"\b(?:information|details|a copy|copies|a summary|more|further)\b(?:\s+\w+){0,5}?\s+(?:is|are) (?:also )?available (?:from|by|on|upon)\b")
_ENTITLED = re.compile(
    rf"\b{_YOU}\s+(?:\w+\s+){{0,2}}?(?:(?:may|can|could)(?! (?:also )?be (?:required|asked|obliged|expected|charged))|have(?: the)?(?: legal)? rights?|has(?: the)? rights?|"
    rf"are (?:also )?entitled|is entitled|are free|will be able|are able|have (?:the )?(?:option|choice|ability)|"
    rf"(?:also )?retain)\b|\byour rights?\b|\brights? (?:not )?(?:to|of)\b|\byou (?:do not|don't|never) (?:have|need) to\b|"
    rf"\b(?:free of charge|at no (?:cost|charge)|without charge)\b|\bopt[- ]out\b|\bunsubscribe\b|"
    rf"{_AVAILABLE}|\bgives? you (?:the |a |an )?(?:\w+ )?(?:rights?|option|choice)\b|"
    rf"\bcan (?:\w+ )?be (?:turned|switched|opted) (?:off|out)\b", _I)
_NOT_ENTITLED = re.compile(rf"\b{_YOU}(?!\s+(?:support|service|care|success|data|information|content|records?)\b)\s+(?:\w+\s+){{0,2}}?(?:may not|cannot|can't|can no longer|will not be able|"
                           rf"won't be able|are not (?:entitled|able|permitted|allowed)|must not|no longer (?:have|can))\b", _I)
_WE = r"(?:we|us|our (?:company|team|staff)|the company|[A-Z][\w&]+ (?:Inc|Ltd|LLC))"
# A company named as the subject ("GitHub will not…"): only with a promise's strong modal, since
# "Android apps do not require…" states a fact.
_NAMED = (r"(?-i:(?!(?:You|Users?|Customers?|Members?|Visitors?|Parents?|Children|They|Such|Third|If|When|Where|While|"
          r"In|On|For|To|As|At|By|After|Before|Unless|Although|However|This|These|That|Those|Our|The|Your|Please|"
          r"Once|Only|Also|Each|Every|Any|All|Some|Most|Many|It|We|And|Or|But|So|Then|There)\b)[A-Z][\w&.]+)")
_PROMISE_VERBS = (r"notify|inform|tell|let you know|alert|warn|give you (?:\w+ )?notice|make (?:a )?(?:\w+ )?(?:attempt|effort)|respond|reply|answer|delete|erase|destroy|anonymi[sz]e|"
                  r"ask|seek|obtain|request your|honou?r|provide|give|send you|offer|comply|process your|"
                  r"update|correct|amend|rectify|stop|cease|limit|restrict|protect|encrypt|review|consult|post|publish|"
                  r"allow you|enable you|help you|assist|refund|return|keep you|require (?:our|them|all|each|any)|"
                  r"e-?mail|remind you|write to you|call you|contact you|suppress|stop (?:contacting|sending)")
_OBLIGED = re.compile(rf"\b(?:{_WE}|{_NAMED})\s+(?:\w+\s+){{0,2}}?(?:will|shall|must|commit to|are (?:required|obliged|committed) to|"
                      rf"promise to|undertake to|always|make sure|ensure)\s+(?!not be\b)(?:\w+\s+){{0,2}}?(?:{_PROMISE_VERBS})|"
                      rf"\bwe\b[^.;]*?\band (?:will|shall) (?:also )?(?:tell|notify|inform|let) you\b|"  # "we may extend it, and will tell you why"
                      rf"\b(?:is|are|will be) always (?:\w+ed|seen|done)\b(?! (?:as|to be)\b)|"  # "an alert that is always reviewed by an analyst"
                      rf"\bwe (?:also )?(?:always )?honou?r (?:the|your|any|a)\b|"  # "we honour the Global Privacy Control signal"
                      # the promise said from the reader's side: "you will receive our answer within 14 days", "you will be notified"
                      rf"\byou (?:will|shall) (?:\w+ )?(?:receive|get|be (?:given|sent)) (?:a|an|our|the|your) (?:\w+ )?"
                      rf"(?:answer|reply|response|notice|notification|explanation|refund|confirmation|decision|warning|reminder)s?\b|"
                      rf"\byou (?:will|shall) (?:\w+ )?be (?:notified|informed|told|alerted|warned|refunded|reminded)\b", _I)
_BINDING = re.compile(r"\b(?:this|our) (?:privacy )?(?:policy|notice|statement|terms)\b (?:\w+ ){0,2}?(?:will|would|shall) "
                      r"(?:continue to )?(?:apply|govern|remain)|\bwe require (?:\w+ ){0,3}?to\b|"
                      r"\b(?:vendors?|processors?|sub-?processors?|(?:service )?providers?|partners?|recipients?|acquirers?|"
                      r"buyers?|successors?)\b (?:\w+ ){0,3}?(?:must|are (?:required|bound|obliged|contractually)|agree to|will be bound)", _I)
_FORBIDDEN = re.compile(rf"\b(?:{_WE}|processors?|(?:service )?providers?|vendors?|partners?|they|third parties|"
                        rf"sub-?processors?|employees|staff)\s+(?:\w+\s+){{0,2}}?(?:will not|won't|shall not|must not|"
                        rf"may not|do not|don't|does not|doesn't|never|cannot|are (?:not permitted|prohibited|"
                        rf"not allowed|forbidden))\b|\b(?:prohibit|forbid)\w*\b|\bnot (?:sell|trade)\b|(?-i:\bnot rent\b)|"  # not the "Do Not Rent list"
                        rf"\b(?:is|are|will be) (?:never |not )(?:\w+ed,? )*(?:or |and )?\w+ed by (?:us|{_WE})\b|"
                        rf"\b(?:policy|practice) is (?:to )?not\b|"
                        rf"\b(?:data|information|details|records)\s+(?:\w+\s+){{0,2}}?(?:never|will never|does not|do not|will not) "
                        rf"(?:leave|leaves)\b|"  # "health data never leaves the EEA"
                        rf"\bto not (?:\w+ )?(?:respond|disclose|share|sell|provide)\b|"
                        rf"\b{_NAMED}\s+(?:will not|won't|shall not|must not|will never|never|(?:may not|cannot|is not (?:allowed|permitted) to) "
                        rf"(?:use|share|sell|disclose|combine|access|keep|retain|transfer|process|rent))\b(?! be\b)|"
                        rf"\b(?:is|are|will be) (?:never|not) (?:\w+ )?(?:used|shared|sold|disclosed|combined|rented|"
                        rf"passed|transferred|given) (?:for|to|with)\b|"
                        rf"\b(?:is|are|will be) (?:never|not) (?:\w+ )?(?:recorded|logged|monitored|tracked|acquired|read|"
                        rf"captured|saved|sold|rented|extended|renewed|reused|linked|combined)\b(?! (?:by you|if|unless|when|until))|^\W*no (?:\w+ ){{0,2}}?(?:profiling|tracking|adverts?|"
                        rf"advertising|targeting|sale|selling|sharing)\b|"
                        rf"^\W*no (?:\w+ ){{0,4}}?(?:is|are|will be) (?:ever )?(?:made|placed|set|used|shared|sold|collected|stored|disclosed|"
                        rf"transferred|kept|recorded|accessed|read|combined)\b|"
                        rf"\b{_WE}\s+(?:\w+\s+){{0,2}}?only (?:ever )?(?:share|disclose|sell|transfer|pass|give|provide|release)\b|"
                        rf"\b{_WE}\s+(?:share|disclose|sell|transfer|pass|give|release)\b(?:\s+[\w-]+){{1,4}}?"
                        rf"\s+only (?:as|for|to|on|where|when|if|with|within|in)\b|\b(?:is|are|will be) only (?:ever )?(?:seen|shared|accessed|"
                        rf"disclosed|visible|viewed|available) (?:by|to|with|in)\b|"
                        rf"\b{_NAMED}\s+(?:does not|do not|doesn't|don't) (?:access|use|share|sell|disclose|combine|read|track|record|"
                        rf"monitor|collect|store|keep|retain|transfer|rent|receive)\b|"
                        rf"\byou will (?:not|never) (?:face|suffer|experience|be (?:subject(?:ed)? to|penali[sz]ed|"
                        rf"discriminated|retaliated))\b", _I)  # "you will not face retaliation from us"
_DISCRETION = re.compile(rf"\b{_WE}\s+(?:\w+\s+){{0,2}}?(?:may|might|can|could|reserve the right|are entitled|"
                         rf"have the right|at (?:our|its) (?:sole )?discretion)\b", _I)
# Powers over the reader's requests and rights: a new one of these is a reduction.
_LIMITING_POWER = re.compile(
    r"\b(?:(?:may|might|can|could|reserve the right to)(?:,? (?:however|also|then|still),)?\s+(?:\w+\s+){0,2}?(?:charge (?:you )?(?:a |an )?(?:\w+ ){0,2}?"
    r"(?:fee|for (?:\w+ ){0,2}?(?:request|access|cop|report))|refuse|decline|deny|reject|"
    r"be unable|not be able|not respond|not (?:be )?(?:required|obliged)|limit|restrict|suspend|require you|"
    r"ask you to (?:pay|provide|prove)|delay|extend|ignore|not (?:honou?r|process|act|notify|inform|tell)|"
    r"deduct|withhold|keep (?:a |an |part of )(?:\w+ )?(?:fee|amount|refund)|"
    r"only (?:handle|process|accept|answer|respond to|act on|deal with|fulfil))|"
    r"(?:will|shall|would)\s+(?:\w+\s+){0,2}?(?:charge (?:you )?(?:a |an )?(?:\w+ )?fee|refuse|decline|deny|reject|not (?:respond|be able|notify|inform)|"
    r"be unable|no longer))\b|\b(?:will|may|shall) not be (?:considered|accepted|processed|honou?red|answered|reviewed)\b|\bwithout (?:\w+ ){0,3}?(?:your )?(?:consent|agreement|permission|authori[sz]ation|"
    r"asking|notice|notifying|informing|telling)\b|\b(?:is|are) not (?:required|obliged) to\b|"
    r"\b(?:this|that|the right(?: (?:of|to) (?:\w+ ){0,2}?\w+)?|it|these rights|which) (?:does|do|will) not (?:include|cover|extend to|"
    r"apply (?:to|where|when|if|while))\b", _I)
# Conditions and caps that narrow what a provision gives.
CONDITIONS = (
    r"\bonly\b", r"\bexcept\b", r"\bunless\b", r"\bprovided (?:that|the|you|your)\b", r"\bon condition that\b",
    r"\bmust be (?:made|submitted|sent) by\b", r"\bother than (?:information|data|records|notes)\b",
    r"\bsubject to\b", r"\blimited to\b",
    r"\bup to\b", r"\bno more than\b", r"\bat most\b", r"\bmaximum\b", r"\bat (?:our|its) (?:sole )?discretion\b",
    r"\bwhere (?:required|permitted) by (?:applicable )?law\b", r"\bif (?:we are|you are) (?:unable|not able)\b",
    r"\b(?:once|twice|\d+ times|(?:one|two|three|four|five) (?:free )?requests?) (?:a|per|every|each|in any)\b",
    r"\bevery \d+ months\b", r"\bper (?:year|month|calendar year)\b",
    r"\b(?:request|ask|submit|make|made|send|sent|object|appeal|apply|contact us|tell us|notify us|complain|be)\w*"
    r"(?:\W+\w+){0,6}?\W+(?P<c>in writing)\b", r"\bnotari[sz]ed\b",
    r"(?<!\bor )\bin person\b",  # "…, or in person at our shops": one more way, not a condition
    r"\breasonable (?:fee|charge)\b", r"\b(?:a|an|administrative|processing|handling) fee\b",
    r"\bcharge (?:you|a|an|for)\b", r"\bmanifestly unfounded\b", r"\bexcessive\b", r"\bdisproportionate\b",
    r"\bmay (?:be unable|not be able|refuse|decline)\b",
    r"\bproof of\b", r"\bidentity document\b", r"\bgovernment[- ]issued\b",
    r"\bpassport\b", r"\bphoto(?:graphic)? ?id(?:entification)?\b", r"\bdriv(?:ing|er'?s) licen[cs]e\b",
    r"\bmust (?:also )?(?:verify|confirm|prove)\b", r"\bwill (?:need|require|have) to (?:verify|confirm|see)\b",
    r"\bwe will require\b", r"\bonly (?:accept|consider|process|act on)\b",
    # another route to try first: "If our DPO has not resolved your complaint within two months, you may then…"
    r"\bif (?:we|our (?:\w+ ){0,2}?\w+) (?:has|have|did|does|do) not (?:\w+ )?(?:resolved?|respond(?:ed)?|repl(?:y|ied)|answer(?:ed)?|dealt with)\b",
    r"\byou (?:must|need to|have to|are required to) first\b",
)
_CONDITIONS = [re.compile(p, _I) for p in CONDITIONS]
# What the reader must prove before we act on a request.
_PROOF = re.compile(r"\b(?:identity|identif|verif|authori[sz]|permission|agent|proof)\w*", _I)
_PROOF_ASKED = re.compile(r"passport|photo|licen|notari|government|proof|identity document|verify|confirm|prove|"
                          r"require|only (?:accept|consider|process|act on)|in writing|in person", _I)
_WEAK = re.compile(r"\b(?:may|might|could|should(?! (?:you|that|this|it|we|there|any|a|an|the)\b)|try to|attempt to|endeavou?r to|aim to|where (?:possible|feasible|"
                   r"practical)|if (?:possible|feasible|practical)|reasonable efforts|as appropriate)\b", _I)
_STRONG = re.compile(r"\b(?:will|shall|must|always|promptly|immediately|guarantee)\b", _I)
# A promise or a restriction made a general rule ("we do not usually charge a fee") or an effort
# ("we will try to give you notice where practical"): it no longer binds in every case.
_HEDGE = re.compile(r"\b(?:(?:usually|generally|normally|typically|ordinarily|mainly|mostly)(?!,? (?:because|due|since|as|through|by|via|"
                    r"from|with|in|on|at|for|to)\b)|in (?:most|many) cases|as a (?:general )?rule|"
                    r"in general|in principle|(?:will|shall|may) (?:try|attempt|endeavou?r|aim|seek) to|"
                    r"(?:where|if|when(?:ever)?|as far as) (?:reasonably )?(?:possible|practical|practicable|feasible)|"
                    r"(?:reasonable|best|commercially reasonable) (?:efforts|endeavou?rs))\b", _I)
_CONSENT = re.compile(r"\b(?:(?:your|express|explicit|prior|separate|opt-in) (?:\w+ )?consent|with your (?:permission|agreement)|"
                      r"if you (?:allow|permit|let) us|if you (?:choose to |decide to |have )?(?:enable|turn on|opt in|opted in|switched on|ticked (?:the|a) box)|only if you|"
                      r"(?:unless|until) you (?:switch|turn) (?:it |them )?on|(?:until|before) you (?:make (?:a|your) choice|choose|consent|accept)|"
                      r"(?:where|if|when|once) you have (?:agreed|consented|said yes|given (?:us )?(?:your )?(?:consent|permission))|"
                      r"when you (?:give|grant) (?:us )?(?:permission|access)|"
                      r"ask(?:ing)? (?:for )?your (?:\w+ )?(?:permission|consent|agreement)|if you agree|you agree to)\b", _I)


# The policy's own licence ("You may use it freely under the terms of the Creative Commons license"):
# what the reader may do with the text, not with their information.
_THE_TEXT_ITSELF = re.compile(r"\bcreative commons\b|\b(?:cc[- ]by|cc0)\b|\blicen[cs]e[sd]? (?:this|our) (?:privacy )?"
                              r"(?:policy|statement|notice|terms)\b", _I)


_CONTRACTIONS = ((re.compile(r"\b(we|you|they|it)[’']ll\b", _I), r"\1 will"), (re.compile(r"\bwon[’']t\b", _I), "will not"),
                 (re.compile(r"\bcan[’']t\b", _I), "cannot"), (re.compile(r"\b(\w+)n[’']t\b", _I), r"\1 not"),
                 (re.compile(r"\b(we|you|they)[’']re\b", _I), r"\1 are"), (re.compile(r"\b(we|you|they)[’']ve\b", _I), r"\1 have"))


def plain(sentence: str) -> str:
    """A sentence with its contractions spelled out ("we’ll" is "we will", "don’t" is "do not")."""
    for pattern, replacement in _CONTRACTIONS:
        sentence = pattern.sub(replacement, sentence)
    return sentence


_IF_CLAUSE = re.compile(r"\b(?:if|when|whenever|where|because|since|in case|as long as)\s+$", _I)


def said(pattern: re.Pattern[str], sentence: str) -> bool:
    """Whether the sentence says what `pattern` finds, not only names it as a case ("If we cannot verify
    you, …", "…, if you cannot attend")."""
    return any(not _IF_CLAUSE.search(sentence[max(0, m.start() - 20):m.start()]) for m in pattern.finditer(sentence))


@functools.lru_cache(maxsize=1 << 15)
def protections(sentence: str) -> tuple[str, ...]:
    """The protections a sentence gives: entitlements, obligations toward the reader, restrictions on us."""
    found = []
    sentence = plain(sentence)
    if _THE_TEXT_ITSELF.search(sentence):
        return ()
    if _ENTITLED.search(sentence) and not _NOT_ENTITLED.search(sentence):
        found.append(ENTITLEMENT)
    if said(_FORBIDDEN, sentence):
        found.append(PROHIBITION)
    if _OBLIGED.search(sentence) or _BINDING.search(sentence) or (_CONSENT.search(sentence) and not re.search(r"\bwithout (?:\w+ ){0,3}?(?:your )?"
                                                                               r"(?:consent|agreement|permission|asking)", sentence, _I)):
        found.append(OBLIGATION)
    return tuple(found)


@functools.lru_cache(maxsize=1 << 15)
def limits(sentence: str) -> int:
    """How many limits on the reader a sentence sets: powers over requests, negated entitlements, conditions."""
    sentence = plain(sentence)
    return (len(_LIMITING_POWER.findall(sentence)) + len(_NOT_ENTITLED.findall(sentence))
            + sum(conditions(sentence).values()))


def conditions(text: str) -> Counter:
    found: Counter = Counter()
    for pattern in _CONDITIONS:
        found.update((m.group("c") if "c" in pattern.groupindex else m.group(0)).lower() for m in pattern.finditer(text))
    return found


@functools.lru_cache(maxsize=1 << 12)
def _alike(a: str, b: str) -> bool:
    """Two sentences written mostly with the same letters, names included ("You also have the right to
    complain to the Danish Data Protection Agency" and "You may also lodge a complaint with the Danish…")."""
    if min(len(a), len(b)) < 0.5 * max(len(a), len(b)):
        return False  # the ratio cannot reach 0.7
    matcher = SequenceMatcher(None, a.lower(), b.lower(), autojunk=False)
    return matcher.quick_ratio() >= 0.7 and matcher.ratio() >= 0.7


def closest(sentence: str, others: list[str]) -> tuple[str | None, float]:
    """The most similar of `others` to `sentence`, and how similar (None, 0.0 when none shares a word)."""
    best, score = None, 0.0
    for other in others:
        value = similarity(sentence, other)
        if value > score:
            best, score = other, value
    return best, score


_FORBIDS_BEFORE = re.compile(r"\b(?:(?:may|must|shall|will|can)\s+not|cannot|never|won't|will never)\b(?:\s+\w+){0,8}\s*$", _I)


@functools.lru_cache(maxsize=1 << 15)
def limits_reader(sentence: str) -> bool:
    """Whether a sentence sets a limit on the reader by us (or unnamed: a passive): "we may charge a
    fee", "requests will not be considered", "you may not…"; not a restriction on us or on a third party."""
    sentence = plain(sentence)
    if said(_NOT_ENTITLED, sentence):
        return True
    if said(_FORBIDDEN, sentence) or _BINDING.search(sentence):
        return False
    for match in _LIMITING_POWER.finditer(sentence):
        subject = sentence[max(0, match.start() - 60):match.start()]
        if re.search(r"\b(?:you|users?|customers?|third part\w*|they|such|those|their|processors?|providers?|partners?|vendors?|sites?|"
                     r"services?|merchants?|others?|compan(?:y|ies)|affiliates?|subsidiar(?:y|ies)|recipients?|contractors?|agents?|"
                     r"advertisers?|insurers?|it)\s*(?:\w+\s*)?$", subject, _I):  # "our group company may not use it for marketing"
            continue
        if re.search(r"\b(?:children|minors|young people|anyone|teens?|pupils)\b(?:\s+\w+){0,4}\s+(?:should|must|may) not\b", subject, _I):
            continue  # "children under 16 should not send us data without consent": advice, not a limit on your rights
        if match.group(0).lower().startswith("without") and _FORBIDS_BEFORE.search(subject):
            continue  # "agencies … may not add you to their lists without your consent": a restriction protecting you
        return True
    return False


_EXAMPLE = re.compile(r"\((?:for example|for instance|e\.g\.|such as|including|like)\b[^)]*\)|"
                      r",\s*(?:for example|for instance|e\.g\.|such as)\b[^.;:]*", _I)  # an example widens nothing


def reduction(before: list[str], after: list[str], *, whole: bool, elsewhere=None,
              channels_gone: list[str] = (), rights_context: bool = False, lead: str = "",
              new_item: bool = False) -> str | None:
    """Why a change of these sentences takes something away from the reader, or None.

    `lead` is the sentence that introduces the block (a list's "You have the right to:"), `new_item`
    whether the block is new. `elsewhere(sentence)` tells whether a removed sentence survives somewhere else in the new text
    (split off, moved or merged): then nothing was taken away. `rights_context`: the change is about
    the reader's rights, so a longer deadline or a new fee there is a reduction even in a plain statement."""
    if channels_gone:
        return f"fewer ways to reach us or exercise your rights: {', '.join(channels_gone)} removed"
    if _default_turned_on(" ".join(before), " ".join(after)):
        return f"consent no longer asked: on by default: “{_short(next(s for s in after if _DEFAULT_ON.search(plain(s))))}”"
    if whole and before and not after and lead and not any(
            _DISCRETION.search(plain(s)) or limits_reader(s) for s in before):
        listed = [k for k in protections(lead) if k != OBLIGATION or _OBLIGED.search(plain(lead))]
        if listed:  # an item of a list a protective sentence introduces ("You have the right to:")
            return {ENTITLEMENT: "an entitlement removed from the list", OBLIGATION: "a promise removed from the list",
                    PROHIBITION: "a protection removed from the list"}[listed[0]] + f": “{_short(' '.join(before))}”"
    opening = lead.rstrip(" :;—–-")
    for sentence in before:
        kinds = protections(sentence)
        twin, score = closest(sentence, after)
        if score < 0.35 and kinds:
            alike = next((q for q in after if _alike(sentence, q)), None)
            if alike is not None:  # "We will reply within one month." → "…within 14 days.": few words, the same sentence
                twin, score = alike, 0.35
        if not kinds and opening and twin is not None and score >= 0.35 and protections(f"{opening} {sentence}"):
            # a list item read with the sentence that introduces it ("Ledgerline will: … not use your data")
            why = narrowed(f"{opening} {sentence}", f"{opening} {twin}")
            if why:
                return why
            continue
        flat = plain(sentence)
        only = _ONLY_IN_CASES.search(flat)
        act = content_words(flat[:only.start("only")]) if only else frozenset()
        same_act = next((q for q in after if len(act) >= 3 and act <= content_words(q)), None)
        if same_act is not None and not _ONLY_IN_CASES.search(plain(same_act)) and not _NEGATORS.search(plain(same_act)) and \
                not (elsewhere is not None and elsewhere(sentence)):
            # "We disclose data to the police only on the basis of a court order" → "… when they ask us for it"
            return f"a restriction on us lifted: “{_short(sentence)}” now reads “{_short(same_act)}”"
        if _NEVER_EXPIRES.search(flat) and any(_EXPIRES.search(plain(q)) and not _NEVER_EXPIRES.search(plain(q)) for q in after):
            return f"a protection dropped: what did not expire now does: “{_short(sentence)}”"  # "Unused balance does not expire."
        bound = _BOUND.search(flat)
        if bound and _AGAINST_YOU.search(f"{opening} {sentence}") and twin is not None and score >= 0.35 and \
                not _BOUND.search(plain(twin)) and not quantities(twin) >= quantities(bound.group(0)):
            # "A suspension lasts … and no longer than 30 days" → "lasts until the reason is resolved"; "…, which we limit to PLN 2,500" gone
            return f"a limit on what can be done against you removed: “{_short(sentence)}” now reads “{_short(twin)}”"
        notice = _NOTICE_PROMISE.search(flat) and _IN_ADVANCE.search(flat)
        if notice and not any(_NOTICE_PROMISE.search(plain(q)) for q in after) and \
                not (limits_reader(sentence) and not any(limits_reader(q) for q in after)) and \
                not (elsewhere is not None and elsewhere(sentence)):  # not a fee gone with the promise to name it first
            return f"a promise to tell you first dropped: “{_short(sentence)}”"  # "Planned maintenance, which we will announce 48 hours ahead, …"
        lifted = _shield(sentence) if twin is None or score < 0.35 else None
        if lifted and not any(similarity(sentence, q) >= 0.25 and _shield(q) for q in after) and \
                not (elsewhere is not None and elsewhere(sentence)):
            return f"{lifted}: “{_short(sentence)}”"
        if not kinds:
            continue
        if twin is not None and score < 0.6 and ENTITLEMENT in kinds and OBLIGATION not in kinds and not protections(twin) and \
                elsewhere is not None and elsewhere(sentence):
            continue  # a loose twin, and the right is said again around its place: reworded, split in two
        if twin is None or score < 0.35:
            if elsewhere is not None and elsewhere(sentence):
                continue
            kept = [q for q in after if PROHIBITION in protections(q) and similarity(sentence, q) >= 0.2]
            if kinds == (PROHIBITION,) and kept:
                nearest, _ = closest(sentence, kept)
                why = narrowed(sentence, nearest)
                if why and why.startswith(_GREW_AGAINST_YOU) and len(content_words(sentence) - content_words(nearest)) <= 1:
                    return why  # "We do not charge a fee." → "We do not usually charge a fee, but …": the same words, and more
                continue
            said_again = [q for q in after if ENTITLEMENT in protections(q) and (similarity(sentence, q) >= 0.25 or _alike(sentence, q))]
            if ENTITLEMENT in kinds and any(not narrowed(sentence, q) for q in said_again):
                continue  # "you can ask us for a summary" → "a summary is available on request"
            if ENTITLEMENT in kinds and said_again:
                return narrowed(sentence, said_again[0])  # the right is still there, with less: say what it lost
            if kinds == (OBLIGATION,) and limits_reader(sentence) and not any(limits_reader(q) for q in after):
                continue  # "we may charge a fee, and we will tell you the amount first" gone with its fee: the limit went too
            if kinds == (OBLIGATION,) and _ON_THAT.search(sentence) and _gone_with_its_power(sentence, before, after):
                continue  # "we may extend by 60 days; we will tell you if we need to do so" gone with the extension
            return {ENTITLEMENT: "an entitlement removed", OBLIGATION: "a promise to you removed",
                    PROHIBITION: "a protection removed (a restriction on us lifted)"}[kinds[0]] + f": “{_short(sentence)}”"
        why = narrowed(sentence, twin)
        if why and _split_off(sentence, twin, before, after):
            continue  # "…two further months, and we will tell you within the first month" → "…two further months. If we need to, we will let you know…"
        if why:
            return why
    for sentence in after:
        twin, score = closest(sentence, before)
        yours = _YOUR_REQUESTS.search(sentence) is not None
        if before and (yours or (rights_context and _PROOF.search(sentence))) and not (twin and protections(twin)) and \
                not (twin and reworded(twin, sentence)) and \
                not (PROHIBITION in protections(sentence) and not limits_reader(sentence)):  # "…, but we will not ask for it if you…"
            extra = conditions(sentence) - conditions(twin if score >= 0.35 else " ".join(before))
            if not yours:  # proof asked of the reader (an agent's notarised permission, a passport)
                extra = Counter({k: n for k, n in extra.items() if _PROOF_ASKED.search(k)})
            if extra:
                return f"a condition added to your requests: “{next(iter(extra))}”"
        if _UNLESS_YOU_REFUSE.search(sentence) and not _CONSENT.search(sentence) and \
                (len(_CONSENT_WORD.findall(" ".join(before))) > len(_CONSENT_WORD.findall(" ".join(after))) or
                 (_OPT_IN_CASE.search(plain(" ".join(before))) and not _OPT_IN_CASE.search(plain(" ".join(after))))):
            return f"consent no longer asked: opt-in made opt-out: “{_short(sentence)}”"  # "…, unless you have opted out in your phone's settings"
        own = _OWN_PURPOSES.search(plain(sentence))
        if own and not _NEGATORS.search(plain(sentence)[max(0, own.start() - 60):own.start()]) and \
                not _OWN_PURPOSES.search(plain(" ".join(before))):
            return f"a restriction on how others use your data lifted: “{_short(sentence)}”"  # "…may also use the data for their own purposes"
        if _NO_REFUND.search(plain(sentence)) and not any(_NO_REFUND.search(plain(b)) for b in before) and \
                _REFUNDED.search(plain(" ".join(before))):
            return f"a smaller refund: “{_short(sentence)}”"  # "Wallet balance remaining on a deleted account is not paid out"
        fee = _FEE_NOW.search(plain(sentence))
        if fee and not _NEGATORS.search(fee.group(0)) and _FREE.search(plain(" ".join(before))) and \
                not any(_FEE_NOW.search(plain(b)) for b in before):
            return f"a fee where it was free: “{_short(sentence)}”"  # "…, although we may charge a reasonable fee if you make more than two"
        if _BEFORE_WE_OWE.search(plain(sentence)) and not (twin is not None and score >= 0.35 and _BEFORE_WE_OWE.search(plain(twin))):
            return f"a condition added to what we owe you: “{_short(sentence)}”"  # "Before we pay you, you must verify…"
        if _CLAIM_BARRED.search(plain(sentence)) and durations(sentence) and \
                not any(_CLAIM_BARRED.search(plain(b)) and durations(b) for b in before):
            return f"a time limit added to your claims: “{_short(sentence)}”"  # "…lapses if proceedings are not brought within 12 months"
        if twin is not None and score >= 0.35:
            continue  # judged above as the narrowing of its twin, or not a protection
        if limits_reader(sentence):
            return f"a new limit on your rights: “{_short(sentence)}”"
    plus = content_words(_EXAMPLE.sub(" ", " ".join(after))) - content_words(" ".join(before))
    minus = content_words(" ".join(before)) - content_words(" ".join(after))
    grown = len(plus) >= 2 and len(minus) <= 1  # content added to the item (not an example of it), not reworded
    if lead and after and grown and new_item and PROHIBITION in protections(lead) and _EXCEPTIONS.search(plain(lead)):
        return f"a new exception to a restriction on us: “{_short(' '.join(after))}”"
    if lead and after and grown and (new_item or not minus) and _INTRODUCES_CASES.search(lead) and (
            limits_reader(lead) or _EXCEPTION_LEAD.search(plain(lead))) and not any(
            ENTITLEMENT in protections(s) and not limits_reader(s) for s in after) and not (
            _YOU_MUST_NOT.search(plain(lead)) and len(_EXCEPTIONS.findall(" ".join(after))) > len(_EXCEPTIONS.findall(" ".join(before)))) and \
            not (any(PROHIBITION in protections(s) for s in after) and not any(PROHIBITION in protections(s) for s in before)) and \
            not (any(OBLIGATION in protections(s) for s in after) and not any(OBLIGATION in protections(s) for s in before)) and \
            not (_YOU_MUST_NOT.search(plain(lead)) and _narrowed_ban(" ".join(before), " ".join(after))):
        # a right added to the list; "You must not: … carry out attacks, except authorised penetration tests": a ban loosened;
        # not a promise added to a case ("…, in which case we will tell you why"), nor a ban made narrower ("…that require payment")
        return f"an exception to your rights widened: “{_short(' '.join(after))}”"
    for sentence in after:
        twin, score = closest(sentence, before)
        if twin is not None and score >= 0.35:
            if _dearer(twin, sentence) and not _CAP.search(plain(sentence)):  # a higher cap on what we owe you gives you more
                return f"a higher price or fee: “{_short(sentence)}”"
            then, now = durations(twin), durations(sentence)
            if _YOUR_WINDOW.search(plain(twin)) and _YOUR_WINDOW.search(plain(sentence)) and then and now and \
                    min(now) < min(then) and not KEEPING.search(sentence):
                return f"less time for you to act: “{_short(sentence)}”"  # "tell us within 24 hours of check-in" → "within 3 hours"
            if _AGAINST_YOU.search(f"{opening} {twin}") and not _CURE.search(plain(sentence)) and not KEEPING.search(sentence) and (
                    _one_way(then, now) < 0 or  # "unpaid 14 days after a reminder" → "7 days after its due date"
                    (then and now and len(then) != len(now) and min(now) < min(then))):  # "within 15 days, we will suspend" → "within 5 days, …, and…"
                return f"less time before we act against you: “{_short(sentence)}”"
            if _FROM_RECEIPT.search(plain(twin)) and not _FROM_RECEIPT.search(plain(sentence)) and _LATER_START.search(plain(sentence)) and \
                    then and sorted(then) == sorted(now):
                return f"a deadline that starts later: “{_short(sentence)}”"  # "within one month of receiving your request" → "…of verifying you"
            why = _cap_changed(twin, sentence)
            if why:
                return f"{why}: “{_short(sentence)}”"
            share = _share_moved(twin, sentence)
            if share:
                return f"{share}: “{_short(sentence)}”"
            if _LICENCE.search(f"{lead} {twin}") and _one_way(then, now) > 0 and \
                    not _CURE.search(plain(sentence)):  # not "…unless you remedy the breach within 30 days" (was 14)
                return f"a wider licence over your content: “{_short(sentence)}”"
            if _licence_widened(twin, sentence):
                return f"a wider licence over your content: “{_short(sentence)}”"
            if _burden_widened(twin, sentence):
                return f"a duty on you widened: “{_short(sentence)}”"
            if _FULL_REFUND.search(twin) and not _FULL_REFUND.search(" ".join(after)) and _REFUND.search(sentence):
                return f"a smaller refund: “{_short(sentence)}”"
            why = _power_grown(twin, sentence, " ".join(after))
            if why:
                return why
            if _CONSENT_BASIS.search(twin) and _INTEREST_BASIS.search(sentence) and not _CONSENT_BASIS.search(sentence) and \
                    not _INTEREST_BASIS.search(twin):
                return f"consent no longer asked: the legal basis is now our interest: “{_short(sentence)}”"
            if _CONSENT.search(twin) and OBLIGATION in protections(twin) and _UNLESS_YOU_REFUSE.search(sentence) and \
                    not _CONSENT.search(sentence):
                return f"consent no longer asked: opt-in made opt-out: “{_short(sentence)}”"
        elif money(sentence) and not money(" ".join(before)) and _COSTS.search(sentence) and not _CAP.search(plain(sentence)) and \
                not _FORBIDDEN.search(plain(sentence)) and not re.search(r"\b(?:for example|for instance|e\.g\.)", sentence, _I):
            return f"a new charge: “{_short(sentence)}”"
    if rights_context:
        old, new = " ".join(before), " ".join(after)
        if (_REQUESTS.search(new) or _EXTENDED.search(new)) and not (KEEPING.search(new) and clock(new) is None):
            why = deadline_reduced(old, new)  # a retention period is judged below, as information kept longer
            if why:
                return why
        if money(new) and not money(old) and _REQUESTS.search(new) and not _CAP.search(plain(new)):
            return "a fee introduced"
        a_old, a_new = [age(m) for m in AGE.finditer(old)], [age(m) for m in AGE.finditer(new)]
        if a_old and a_new and min(a_new) < min(a_old) and re.search(r"child|minor|guardian|parent", old + new, _I):
            return "fewer people protected as children"
    return kept_longer(before, after)


# What does not expire, and what now does.
_NEVER_EXPIRES = re.compile(r"\b(?:does|do|will|shall) not (?:\w+ )?(?:expire|lapse)\b|\bnever (?:expires?|lapses?)\b|\bno expiry\b", _I)
_EXPIRES = re.compile(r"\b(?:expire[sd]?|lapse[sd]?|forfeit\w*)\b", _I)
# A bound on something done against the reader ("no longer than 30 days", "which we limit to PLN 2,500").
_BOUND = re.compile(r"\b(?:no (?:longer|more) than|not (?:longer|more) than|at (?:the )?most|a maximum of|up to a maximum of|"
                    r"(?:limit|cap)(?:s|ped|ed)? (?:it |this |that |them )?(?:to|at))\s+(?:\w+\s+)?(?:PLN|EUR|USD|GBP|US)?\s?[$€£¥]?\s?\d[\d,.]*(?:\s+\w+)?", _I)
_AGAINST_YOU = re.compile(r"\bsuspen\w*|\b(?:we|us) (?:\w+ )?(?:may |will )?(?:terminat|clos|block|freez|restrict|disabl|deactivat|withh)\w*|"
                          r"\byou (?:\w+ )?(?:pay|owe|are (?:liable|charged))\b|\b(?:damage|penalty|late|cleaning|recovery) (?:fee|charge)s?\b", _I)
# A default that waits for the reader's yes, said as a case ("destroyed after analysis, unless you choose sample storage").
_CONSENT_WORD = re.compile(r"\b(?:consent|permission|opt(?:ed)?[- ]?in)\b", _I)
_OPT_IN_CASE = re.compile(r"\b(?:unless|only if|if|where|once) you (?:choose|opt in|opted in|agree|consent|ask us to (?:keep|store))\b", _I)
# A refund or payout taken away ("…is not paid out"), and one that was given.
_NO_REFUND = re.compile(r"\b(?:is|are|will) not (?:be )?(?:refunded|paid out|returned|reimbursed|repaid)\b|\bnon-?refundable\b|\bno refunds?\b", _I)
_REFUNDED = re.compile(r"\brefund\w*|\bpaid out\b|\breimburs\w*|\brepaid\b|\breturned to you\b", _I)
_NOT_MODIFIERS = frozenset("or and nor any all ever never not personal such this that these those your our their its".split())


def _modifier_inserted(old: str, new: str) -> bool:
    """Whether a restriction gained only a word or two before what it rules out ("we do not show
    advertising" → "we do not show third-party advertising"): it now rules out less."""
    a, b = old.lower().split(), new.lower().split()
    if not 1 <= len(b) - len(a) <= 2:
        return False
    ops = [op for op in SequenceMatcher(None, a, b, autojunk=False).get_opcodes() if op[0] != "equal"]
    if len(ops) != 1 or ops[0][0] != "insert":
        return False
    inserted = b[ops[0][3]:ops[0][4]]
    return ops[0][4] < len(b) and not any(w.strip(",;") in _NOT_MODIFIERS for w in inserted) and \
        not any(w.endswith((",", ";")) for w in inserted) and not inserted[0].endswith("ly") and \
        all(content_words(w) for w in inserted)  # "where the provision is required": no modifier


_QUALIFYING = re.compile(r"^\W*(?:that|which|who|whose|where|unless|except|other than|without|if|when)\b", _I)


def _narrowed_ban(old: str, new: str) -> bool:
    """Whether an item of a list of bans only gained a qualifying clause ("run raffles for members" →
    "run raffles for members that require payment to enter"): it now forbids less."""
    old, new = old.rstrip(" ;,."), new.rstrip(" ;,.")
    return new.startswith(old) and _QUALIFYING.search(new[len(old):]) is not None


_EXTENDED = re.compile(r"\bwe (?:\w+ )?(?:may|will|can) extend (?:this|that|the|our) (?:\w+ )?(?:period|deadline|time)", _I)
# Words that turn a provision the other way round ("the greater of" → "the lesser of").
_POLARITY = re.compile(r"\b(?:greater|higher|larger|longer|lesser|lower|smaller|fewer|shorter|minimum|maximum|at least|"
                       r"at most)\b", _I)


def _turned(old: str, new: str) -> bool:
    return sorted(w.lower() for w in _POLARITY.findall(old)) != sorted(w.lower() for w in _POLARITY.findall(new))


# How a restriction on us that is still there, word for word, gives less: a hedge or a new exception.
_GREW_AGAINST_YOU = ("a provision that protected you made a general rule", "a new exception to a restriction on us",
                     "a restriction on us now allows more cases")
# Something that waited for the reader's yes ("off until you turn it on", "only if you agree"), and now does not.
_DEFAULT_OFF = re.compile(r"\boff (?:by default|(?:until|unless) you (?:\w+ ){0,2}?(?:turn|switch)(?:es)? (?:it |them )?on)\b|"
                          r"\bwe (?:will )?ask (?:you )?(?:whether|if) you (?:want|wish|would like)\b|"
                          r"\bonly (?:set |used |active |run |loaded )?(?:if|when|once|after) you (?:\w+ ){0,2}?(?:agree|consent|opt in|enable|tick(?:ed)?|check(?:ed)?|sign(?:ed)? up|subscribed?|turn (?:it |them )?on|"
                          r"switch (?:it |them )?on|say yes|accept|choose [\"“]?(?:accept|allow|agree))\b|\bif you (?:choose to |decide to )?(?:opt in|enable|turn (?:it |them )?on)\b|"
                          r"\byou (?:activate|enable|switch on|turn on) (?:it|them) yourself\b", _I)
_DEFAULT_ON = re.compile(r"\b(?:on|enabled|active|switched on|turned on|activated) by default\b|"
                         r"\b(?:automatically (?:enabled|switched on|turned on|activated)|(?:enabled|switched on|turned on|activated) automatically)\b|"
                         r"\b(?:is|are) always (?:active|on|enabled|running)\b", _I)


def _default_turned_on(old: str, new: str) -> bool:
    """Whether something that waited for the reader's yes is now on by default (opt-in made opt-out)."""
    old, new = plain(old), plain(new)
    return bool(_DEFAULT_OFF.search(old)) and len(_DEFAULT_ON.findall(new)) > len(_DEFAULT_ON.findall(old)) and \
        len(_DEFAULT_OFF.findall(new)) <= len(_DEFAULT_OFF.findall(old))
# An opt-out where there was an opt-in: "we will send you … unless you tell us you do not want them".
_UNLESS_YOU_REFUSE = re.compile(r"\bunless you (?:\w+ ){0,2}?(?:opt out|opted out|tell us|object|say|ask us not|ask us to (?:delete|destroy|erase|remove|stop)|switch(?:ed)? (?:it |them )?off|"
                                r"turn(?:ed)? (?:it |them )?off|disable|untick|un-tick|have ticked|tick (?:the|a) box to say|choose not)|"
                                r"\b(?:on|enabled|switched on|turned on) by default\b", _I)
_CURE = re.compile(r"\b(?:remed(?:y|ies|ied)|cured?|put (?:it|this|that) right)\b", _I)
_COSTS = re.compile(r"\b(?:costs?|fees?|charges?|charged|deduct\w*|payable|price[sd]?)\b", _I)
_OUR_WILL = re.compile(r"\bwe (?:\w+ )?(?:will|shall|must) (\w+)", _I)
_CASES = re.compile(r"\b(?:where|if|when|whenever|in case)\b", _I)
_ONLY_EXCEPTION = re.compile(r"^\W*(?:the )?(?:only )?exceptions? (?:is|are|to this)\b", _I)
# A sentence that keeps a limit of ours from reaching some cases ("This limit does not apply to amounts we
# owe you as payouts"), a restriction on someone else that protects the reader ("Coaches may not export
# your data"), a precondition on what we owe the reader ("Before we pay you, you must verify your identity").
CARVE_OUT = re.compile(r"\b(?:(?:this|these|the|that|such|our|any) (?:\w+ ){0,2}?(?:limits?|limitations?|exclusions?|caps?|disclaimers?) "
                        r"(?:\w+ ){0,4}?(?:does|do|will|shall) not apply\b|\bnothing in (?:this|these) (?:\w+ ){0,4}?(?:limits?|excludes?|restricts?)\b)", _I)
_THEY_MAY_NOT = re.compile(r"\b(?:they|partners?|processors?|providers?|coaches|agenc(?:y|ies)|recipients?|vendors?|advertisers?|"
                           r"sellers?|buyers?|employers?|contractors?|suppliers?|third part(?:y|ies)|service providers?)\s+"
                           r"(?:may|must|will|shall|can)(?:not|\s+not|\s+never)\b(?:\s+\w+){0,6}?\s+(?:you|your)\b", _I)
_BEFORE_WE_OWE = re.compile(r"\b(?:before|until) we (?:\w+ ){0,2}?(?:pay|refund|release|transfer|reimburse)\b[^.;]*\byou (?:will )?"
                            r"(?:must|need to|have to|are required to)\b|\byou (?:must|need to|have to|will need to) [^.;]*\b(?:before|until) "
                            r"we (?:\w+ ){0,2}?(?:pay|refund|release|transfer|reimburse)\b", _I)


def _shield(sentence: str) -> str | None:
    """What a sentence that shields the reader without naming a right does, said as its removal: a
    carve-out from a limit of ours, or a restriction on someone else."""
    sentence = plain(sentence)
    if CARVE_OUT.search(sentence):
        return "an exception to a limit on what we owe you removed"
    if _THEY_MAY_NOT.search(sentence):
        return "a restriction protecting you removed"
    return None


_MULTIPLE = re.compile(r"\b(?:twice|double|treble|triple|\d+ times|(?:two|three|four|five|ten) times)\b", _I)
_CAP = re.compile(r"\b(?:liab\w*|compensat\w*|damages|reimburs\w*|refund\w*|payouts?)\b(?:\W+\w+){0,20}?\W+(?:limited to|(?:will|shall) not exceed|capped at|"
                  r"no more than|up to|maximum)\b", _I)


def _power_grown(old: str, new: str, after: str = "") -> str | None:
    """A provision that binds us or limits the reader, changed against the reader though it promised
    nothing by name: "we will attach a statement" made "we may attach…", a new power over requests
    ("except that we may charge a reasonable fee for repeated requests"), or a power we had (to end
    the contract without notice) given in more cases."""
    po, pn = plain(old), plain(new)
    for verb in {m.group(1).lower() for m in _OUR_WILL.finditer(po)}:
        will = rf"\bwe (?:\w+ )?(?:will|shall|must) {re.escape(verb)}\b"
        may = rf"\bwe (?:\w+ )?(?:may|might|can|could) {re.escape(verb)}\b"
        if len(re.findall(may, pn, _I)) > len(re.findall(may, po, _I)) and \
                len(re.findall(will, pn, _I)) < len(re.findall(will, po, _I)) and re.search(r"\byou", po, _I):
            return f"a promise weakened: “{_short(new)}”"
    if limits_reader(new) and limits(new) > limits(old) and _REQUESTS.search(new) and not reworded(old, new):
        return f"a new limit on your requests: “{_short(new)}”"
    if clock(old) == "yours":
        why = deadline_reduced(old, new)  # "we may change prices on 30 days' notice" → "14 days'"
        if why:
            return why
    lost, gained = content_words(old) - content_words(new), content_words(new) - content_words(old)
    old_cases, new_cases = _exception_cases(po), _exception_cases(pn)
    if old_cases and not lost and len(content_words(new_cases) - content_words(old_cases)) >= 3 and \
            len(re.findall(r"\band\b|\bor\b|,", new_cases)) > len(re.findall(r"\band\b|\bor\b|,", old_cases)) and \
            (OBLIGATION in protections(old) or ENTITLEMENT in protections(old)):
        return f"a new exception to a promise or right: “{_short(new)}”"  # "…, except billing records and reading results…"
    if _ONLY_EXCEPTION.match(po) and len(gained) >= 3 and \
            len({w for w in content_words(old) - content_words(after or new) if w + "s" not in gained}) <= 1:
        return f"a new exception: “{_short(new)}”"  # "The only exception is an emergency" → "…, and a police request"
    if _CAP.search(po) and _CAP.search(pn) and re.search(r"\b(?:greater|higher|larger) of\b", po, _I) and \
            re.search(r"\b(?:lesser|lower|smaller) of\b", pn, _I):
        return f"a lower cap on what we owe you: “{_short(new)}”"
    if _CAP.search(po) and _CAP.search(pn):
        if _one_way([_amount(m) for m in money(old)], [_amount(m) for m in money(new)]) < 0 or \
                len(_MULTIPLE.findall(pn)) < len(_MULTIPLE.findall(po)) or \
                _one_way(durations(old), durations(new)) < 0:
            return f"a lower cap on what we owe you: “{_short(new)}”"
    if _LIMITING_POWER.search(po) and len(_CASES.findall(pn)) > len(_CASES.findall(po)) and \
            len(_NEGATORS.findall(pn)) <= len(_NEGATORS.findall(po)):
        if len(gained) >= 3 and len(lost) <= 1:
            return f"a power over you given in more cases: “{_short(new)}”"
    return None


# What the reader takes on ("you agree to indemnify", "you will pay"): the start of _DUTY's and _BURDEN's patterns.
_YOU_TAKE_ON = r"\byou (?:\w+ ){0,2}?(?:agree to|must|shall|will|are (?:responsible|liable) for) (?:\w+ )?"
# A licence the reader grants us over their content (not one we grant them to use the service).
_GRANT = re.compile(r"\byou (?:\w+ ){0,2}?(?:grant|give|licen[cs]e)\b|\b(?:licen[cs]e|rights?) (?:that )?you (?:grant|give)\b|"
                    r"\bgranted by you\b", _I)
_WIDE = re.compile(r"\b(?:worldwide|perpetual|(?<!non-)irrevocable|(?<!non-)transferable|(?<!non-)sub-?licens\w+|unlimited|"
                   r"unrestricted|any (?:purpose|media|medium|manner)|improv\w+|develop\w*|commerciali[sz]\w*|market(?:ing)?|"
                   r"advertis\w+|train\w*|modif\w+|adapt\w*|derivative works?|publish\w*|distribut\w+|analy[sz]\w*|sell\w*|"
                   r"exploit\w*|monetis\w*|monetiz\w*)\b", _I)
_NARROW = re.compile(r"\b(?:limited|solely|only|(?<!ir)revocable|non-?transferable|non-?sub-?licensable|strictly|"
                     r"for the (?:sole |limited )?purposes? of|as (?:needed|necessary) to)\b", _I)


def _licence_widened(old: str, new: str) -> bool:
    """A licence the reader grants over their content that now covers more ("to host and copy …" →
    "…, analyse and create derivative works of it to improve our services") or lost a limit
    ("solely to provide the Service")."""
    po, pn = plain(old), plain(new)
    if not (_LICENCE.search(po) and _GRANT.search(po) and _LICENCE.search(pn)) or _FORBIDDEN.search(pn):
        return False
    wide_old, wide_new = {w.lower() for w in _WIDE.findall(po)}, {w.lower() for w in _WIDE.findall(pn)}
    narrow_old, narrow_new = len(_NARROW.findall(po)), len(_NARROW.findall(pn))
    return bool(wide_new - wide_old) and narrow_new <= narrow_old or \
        (narrow_new < narrow_old and not (wide_old - wide_new))


# A duty the reader takes on (an indemnity, a payment) made to cover more: fewer conditions, more cases.
_DUTY = re.compile(_YOU_TAKE_ON + r"(?:indemnif\w*|defend|hold \w+ harmless|compensate|reimburse)", _I)
_DUTY_LIMITS = re.compile(r"\b(?:if|where|when|unless|except|to the extent|only|reasonabl[ey]|caused by|resulting from your (?:breach|negligence))\b", _I)
_WHATEVER = re.compile(r"\b(?:whether or not|regardless of|irrespective of|any (?:use|claim|act)|relating to|in connection with)\b", _I)


def _burden_widened(old: str, new: str) -> bool:
    """An indemnity or a duty of the reader's given in more cases: a condition dropped ("If you use the
    Service for a business, you will indemnify…" → "You will indemnify…") or "whether or not you were at fault"."""
    po, pn = plain(old), plain(new)
    if not (_DUTY.search(po) and _DUTY.search(pn)):
        return False
    return len(_DUTY_LIMITS.findall(pn)) < len(_DUTY_LIMITS.findall(po)) or \
        len(_WHATEVER.findall(pn)) > len(_WHATEVER.findall(po))


# A cap written as an amount: on a fee we charge ("8% of the hammer price, maximum EUR 250"), or on what we owe you.
_AMOUNT_CAP = re.compile(r"\b(?:maximum(?: of)?|max\.?|capped at|up to|no more than|at most|(?:not|never) (?:to )?exceed(?:ing)?|in any (?:event|case) to)\s+"
                         r"(?:the sum of |an amount of )?(?=(?:[A-Z]{3}\s?|\S{0,3})\d)", _I)
_WHAT_YOU_PAID = re.compile(r"\b(?:fees?|amounts?|charges?|premiums?|prices?|sums?)\b(?:\W+\w+){0,6}?\W+(?:you|customer|member)s? (?:have )?paid\b|"
                            r"\bpaid (?:by you )?to us\b", _I)
# A protection given to everyone: "for every visitor", "wherever you are located", "regardless of where you live".
_EVERYONE = re.compile(r"\b(?:for|to) (?:every|each|all|any) (?:of our )?(?:visitors?|users?|customers?|members?|players?|people|individuals?)\b|"
                       r"\bwherever you (?:are|live|reside)\b|\bregardless of (?:where you (?:are|live)|your (?:location|state|country|place of residence))\b|"
                       r"\bwhatever (?:your|the) (?:location|state|country)\b", _I)
# A promise that only applies when we use a power named just before it ("…; in that case we will tell you").
_ON_THAT = re.compile(r"\bif we (?:need|have|decide|choose) to(?: do (?:so|this|that))?\b|\bif we do (?:so|this|that)\b|"
                      r"\bin (?:that|this|such a) case\b|\bif (?:that|this) happens\b|\bwhen we do (?:so|this|that)\b", _I)


def _gone_with_its_power(promise: str, before: list[str], after: list[str]) -> bool:
    """Whether the power a promise attends ("we may extend…") is gone from the text too."""
    at = before.index(promise) if promise in before else -1
    power = before[at - 1] if at > 0 else ""
    return bool(power) and bool(_DISCRETION.search(plain(power))) and all(similarity(power, q) < 0.35 for q in after)


# A deadline counted from when we get a request, or from something that comes later (checking who you are).
_FROM_RECEIPT = re.compile(r"\b(?:of|from|after) (?:receiving|receipt of|(?:the date (?:on which |that )?)?we receive|(?:the )?(?:date of )?receipt)\b", _I)
_LATER_START = re.compile(r"\b(?:of|from|after) (?:the date (?:on which |that )?)?(?:we (?:have )?(?:verified|confirmed|checked)|verif\w*|confirm\w*|"
                          r"(?:we (?:have )?)?receiv\w* (?:all|any|the) (?:information|documents|proof))", _I)
# What a recipient does with the data for itself, not for us: "for their own purposes", "for its own marketing".
_OWN_PURPOSES = re.compile(r"\b(?:use|process|combine|keep)\w* (?:[\w-]+ ){0,8}?for (?:their|its) own (?:purposes|marketing|advertising|use|products)\b", _I)
# A time the reader has to act before losing something: "tell us within 24 hours", "claims must be made within 30 days".
_YOUR_WINDOW = re.compile(r"\b(?:tell|notify|inform|contact|report (?:it |this )?to|let) us (?:know )?(?:\w+ ){0,3}?within\b|"
                          r"\b(?:claims?|reports?|complaints?|disputes?|requests? for (?:a )?refund) (?:must|should|need to) be (?:made|submitted|raised|filed|reported|opened) within\b|"
                          r"\byou (?:must|need to|have to) (?:\w+ ){0,3}?(?:report|claim|notify us|tell us|dispute|open a dispute) (?:\w+ ){0,3}?within\b", _I)
# A minimum age the reader must have ("The lead guest must be at least 18"): raised, fewer may use the service.
_MIN_AGE = re.compile(r"\b(?:must|need to|have to|are required to) be (?:at least|aged (?:at least )?|over|older than) (\d+)\b|"
                      r"\b(?:must|need to) be (\d+) (?:years (?:old|of age) )?or (?:older|over)\b", _I)


def _cap_changed(old: str, new: str) -> str | None:
    """A cap that protected the reader changed against them: the cap on a fee removed, a minimum age
    raised, or what we owe capped at what the reader paid instead of a fixed amount (usually far less)."""
    po, pn = plain(old), plain(new)
    if _AMOUNT_CAP.search(po) and money(po) and not _AMOUNT_CAP.search(pn) and _COSTS.search(po) and not _CAP.search(po) \
            and len(money(pn)) < len(money(po)):
        return "a cap on a fee removed"
    if _CAP.search(po) and _CAP.search(pn) and money(po) and not money(pn) and _WHAT_YOU_PAID.search(pn) and not _WHAT_YOU_PAID.search(po):
        return "a lower cap on what we owe you: what you paid instead of a fixed amount"
    if _EVERYONE.search(po) and not _EVERYONE.search(pn):
        return "a protection given to fewer people"  # "We honour GPC for every visitor, wherever you are" → "…for visitors in California"
    a_old = [int(a or b) for a, b in _MIN_AGE.findall(po)]
    a_new = [int(a or b) for a, b in _MIN_AGE.findall(pn)]
    if a_old and a_new and min(a_new) > min(a_old):
        return "a higher minimum age: fewer people may use it"
    return None


_FULL_REFUND = re.compile(r"\b(?:refund\w*|reimburs\w*|repaid|returned)\b(?:\W+\w+){0,3}?\W+in full\b|\bfull refund|"
                          r"\b(?:refund|reimburse) (?:you )?(?:all|the full|the whole|everything)\b", _I)
_REFUND = re.compile(r"\b(?:refund\w*|reimburs\w*|repaid|returned)\b", _I)


def _amount(text: str) -> float:
    return float(re.sub(r"[^\d.]", "", text.replace(",", "")).strip(".") or 0)


_THRESHOLD = re.compile(r"\b(?:over|above|more than|at least|exceeding|exceeds?|minimum of|less than|under|below)\s+(?:US|CA|AU)?[$€£¥]|"
                        r"\d\s*(?:[^\w\s]\s*(?:US|CA|AU)?[$€£¥]?\s?\d[\d,.]*\s*)?(?:€\s*)?(?:or more|and (?:above|over)|or (?:above|over))\b", _I)


def _dearer(old: str, new: str) -> bool:
    """The same prices, one of them higher and none lower ("£39 a month" → "£44 a month"); not an
    amount from which something applies ("for orders of US$400 or more"): a threshold, not a price."""
    if _THRESHOLD.search(old) or _THRESHOLD.search(new):
        return False
    return _one_way([_amount(m) for m in money(old)], [_amount(m) for m in money(new)]) > 0


_YOUR_SHARE = re.compile(r"\b(?:your|instructor|seller|creator|author|partner|affiliate)['’]?s? (?:revenue )?share\b|\brevenue share\b|"
                         r"\byou (?:will )?(?:receive|earn|get|are paid|keep)\b|\broyalt(?:y|ies)\b(?!-free)", _I)
_OUR_CUT = re.compile(r"\b(?:commission|service fee|platform fee|transaction fee|we (?:will )?(?:keep|retain|take|deduct))\b", _I)
_LICENCE = re.compile(r"\blicen[cs]e\b|\bsub-?licen[cs]e", _I)


def _share_moved(old: str, new: str) -> str | None:
    """A percentage the reader is paid made smaller ("Instructor share — 50%" → "37%"), or one we keep made larger."""
    way = _one_way([float(m) for m in PERCENT.findall(old)], [float(m) for m in PERCENT.findall(new)])
    if way < 0 and _YOUR_SHARE.search(old) and not _OUR_CUT.search(old):
        return "a smaller share for you"
    if way > 0 and _OUR_CUT.search(old) and not _YOUR_SHARE.search(old):
        return "a larger cut for us"
    return None


def _one_way(old: list[float], new: list[float]) -> int:
    """1 when the same list of amounts has one higher and none lower, -1 the other way round, else 0."""
    if not old or len(old) != len(new):
        return 0
    up, down = any(y > x for x, y in zip(old, new)), any(y < x for x, y in zip(old, new))
    return 1 if up and not down else -1 if down and not up else 0


# How long information is kept: a retention period, a deletion deadline, a cookie's lifetime.
KEEPING = re.compile(r"\b(?:retain|retention|keep|kept|stor(?:e|ed|es|ing|age)|delet|eras|destroy|discard|purg|anonymi[sz]|"
                      r"expir|duration|how long|lasts?\b|persist|remain|held\b|hold|lifetime|life ?span)\w*", _I)
_NO_END = re.compile(r"\b(?:indefinitely|permanently|forever|until you (?:\w+ ){0,3}?(?:clear|delete|remove|close)|"
                     r"until (?:it is|they are|we are|we|it|they) no longer (?:needed|required|necessary|need)|"
                     r"(?:for )?as long as\b|in the (?:normal|ordinary|usual) course\b|as (?:they are|it is) (?:overwritten|replaced|rotated))\b", _I)


def _longer(old: list[float], new: list[float]) -> bool:
    """Whether durations grew: the longest, when their number changed; otherwise one grew and none shrank."""
    if len(old) != len(new):
        return max(new) > max(old)
    pairs = list(zip(sorted(old), sorted(new)))
    return any(n > o for o, n in pairs) and not any(n < o for o, n in pairs)


KEPT = "information kept"  # how every retention reduction's reason begins
_DESTROYED = re.compile(r"\b(?:delet|eras|destroy|purg|anonymi[sz]|de-?identif|shred|discard)\w*", _I)


# "the link … is removed within 28 days", "removed from our backups within 30 days"
_REMOVED_WITHIN = re.compile(r"\bremoved (?:\w+ )?(?:within|after)\b|\bremoved from (?:our |the |its |their )?(?:[\w-]+ ){0,2}?(?:backups?|systems?|servers?)\b", _I)
_KEEP_LONGER = re.compile(r"\b(?:keep|retain|store|hold)\w* (?:it |them |this |that |your \w+ )?(?:for )?(?:longer|more than)\b", _I)


def kept_longer(before: list[str], after: list[str]) -> str | None:
    """A longer retention period ("deleted within 90 days" → "within 12 months") or none at all: the
    reader's information is kept longer than the policy promised."""
    for sentence in after:
        twin, score = closest(sentence, before)
        if twin is None or score < 0.25 or not (KEEPING.search(sentence) or _REMOVED_WITHIN.search(sentence)) or \
                not (KEEPING.search(twin) or _REMOVED_WITHIN.search(twin)):
            continue
        d_old, d_new = durations(twin), durations(sentence)
        if d_old and d_new and _longer(d_old, d_new) and (score >= 0.35 or len(before) == len(after) == 1) and \
                not _YOUR_REQUESTS.search(sentence):  # one sentence each side: its twin, however reworded
            return f"{KEPT} longer: “{_short(sentence)}”"
        if d_old and d_new and score >= 0.35 and not _YOUR_REQUESTS.search(sentence) and (
                len(_HEDGE.findall(sentence)) > len(_HEDGE.findall(twin)) or
                (_KEEP_LONGER.search(sentence) and not _KEEP_LONGER.search(twin))):
            return f"{KEPT} longer: the period is no longer firm: “{_short(sentence)}”"  # "normally removed within 28 days, …"
        if d_old and _NO_END.search(sentence) and not _NO_END.search(twin) and len(d_new) < len(d_old):
            return f"{KEPT} without a time limit: “{_short(sentence)}”"
        if _DESTROYED.search(twin) and not _DESTROYED.search(sentence) and _NO_END.search(sentence) and not _NO_END.search(twin):
            return f"{KEPT} without a time limit: “{_short(sentence)}”"  # "…, records are destroyed" → "…kept until no longer needed"
        if d_old and d_new and _DESTROYED.search(twin) and score >= 0.35 and \
                len(content_words(_exception_cases(sentence)) - content_words(_exception_cases(twin))) >= 3 and \
                not content_words(twin) - content_words(sentence) and \
                len(_EXCEPTIONS.findall(sentence)) + _exception_cases(sentence).count(",") > \
                len(_EXCEPTIONS.findall(twin)) + _exception_cases(twin).count(","):
            return f"{KEPT} longer: a new exception to deleting it: “{_short(sentence)}”"
    return None


# The reader's own requests (not a government's): "your request", "a request from an authorized agent".
_YOUR_REQUESTS = re.compile(r"\byour (?:\w+ )?requests?\b|\b(?:any|each|every) (?:rights? )?request\b|\brequests? (?:from|by|made by|submitted by) (?:you|an? (?:authori[sz]ed )?agent)|"
                            r"\bexercis\w* (?:\w+ )?rights?\b|\brequests? (?:to|for) (?:access|delet|correct|know|opt|receiv|port|copy)", _I)
_REQUESTS = re.compile(r"\b(?:request|respond|reply|answer|process|handle|fee|charge|exercise|notify|notice|"
                       r"inform|delet|eras|access|correct|complain|within)\w*", _I)


def _protective_exception(sentence: str) -> bool:
    """'We will not disclose it unless required by law': an exception to a restriction on us is still
    mostly a restriction (it narrows what we may do, not what you may)."""
    return _FORBIDDEN.search(sentence) is not None and not _NOT_ENTITLED.search(sentence)


def reworded(old: str, new: str) -> bool:
    """Whether a provision says the same in other words ("You can turn off notifications" → "Notifications
    can be switched off"; "User Account" → "Personal Account"): few words lost, none of them a right,
    a promise or a negation, no new limit, and the new sentence still negates where the old one did."""
    lost, gained = content_words(old) - content_words(new), content_words(new) - content_words(old)
    if len(_STRONG.findall(plain(old))) > len(_STRONG.findall(plain(new))) and \
            len(_WEAK.findall(plain(new))) > len(_WEAK.findall(plain(old))):
        return False  # "we will delete it" → "we may delete it": a promise made optional
    if len(lost) > 3 or len(lost) > 0.3 * max(1, len(content_words(old))) or lost & _KEY_WORDS:
        return False
    if len(_HEDGE.findall(new)) > len(_HEDGE.findall(old)):
        return False  # "we do not charge a fee" → "we do not usually charge a fee"
    if (len(lost) >= 2 and not gained) or (len(gained) >= 3 and not lost):
        return False  # words only taken out, or only put in: the provision says less, or more
    if limits(new) > limits(old) or numbers(old) != numbers(new) or money(old) != money(new) or _turned(old, new):
        return False
    negation = re.compile(r"\b(?:not|no|never|cannot|unable|without|neither|nor)\b", _I)
    return bool(negation.search(plain(old))) == bool(negation.search(plain(new)))


# Whose clock a period runs on. Notice given to the reader, or a window the reader has to act in,
# is theirs: shorter takes from them. A deadline we must meet is ours: longer takes from them.
_NOTICE_PERIOD = re.compile(r"(?:days?|weeks?|months?)['’]?s?\s+(?:prior |advance |written )?(?:notice|warning)\b|"
                            r"(?:days?|weeks?|months?)\s+(?:before|in advance|prior to|ahead of)\b", _I)
_CLAUSE_START = re.compile(r"[,;:(]|\b(?:and|but|or|if|when|so)\s", _I)
_SUBJECT = re.compile(r"\b(we|you)\b", _I)
_OUR_ACTS = re.compile(r"\b(?:respond\w*|repl\w+|answer\w*|process\w*|handl\w+|complet\w+|fulfil\w*|act on|"
                       r"delet\w+|eras\w+|resolv\w+|correct\w*|stop\w*|ceas\w+|refund\w*|remov\w+|"
                       r"tak(?:e|es|ing) effect within|(?:applied|actioned|updated) within)\b", _I)  # "your change will take effect within 5 days"


_IMPERATIVE = re.compile(r"^\W*(?:request|ask|submit|send|contact|appeal|object|apply|claim|write|tell us|let us know)\b", _I)


def clock(sentence: str) -> str | None:
    """"yours" when the sentence's first period is notice to the reader or a window for them to act,
    "ours" when it is a deadline on us, None when it says neither."""
    sentence = plain(sentence)
    if _NOTICE_PERIOD.search(sentence):
        return "yours"
    period = DURATION.search(sentence)
    if period is None:
        return None
    head = sentence[:period.start()]
    starts = [m.end() for m in _CLAUSE_START.finditer(head)]
    clause = head[starts[-1]:] if starts else head
    found = _SUBJECT.search(clause)
    if found is None and _OUR_ACTS.search(clause):
        return "ours"  # "… and process your request within 15 days"
    if found is None and _IMPERATIVE.match(sentence):
        return "yours"  # "Request a review within 30 days of the decision"
    if found is None and not re.search(r"\w", head.replace("Within", "").replace("within", "")) and "," in sentence[period.end():]:
        main = _SUBJECT.search(sentence[period.end():].split(",", 1)[1][:30])  # "Within 30 days after …, we will refund"
        if main is not None:
            return "ours" if main.group(1).lower() == "we" else "yours"
    if found is None:  # else the subject nearest before the period: "If we decline, you may appeal … within 60 days"
        subjects = list(_SUBJECT.finditer(head))
        found = subjects[-1] if subjects else None
    if found is not None:
        return "ours" if found.group(1).lower() == "we" else "yours"
    return None


# A window the reader has to act in ("you must make this request within 90 days of termination").
_WINDOW = re.compile(r"\b(?:request|ask|claim|exercise|download|export|object|appeal|withdraw|dispute|return|refund)\w*\b", _I)


def _grants_more(old: str, new: str) -> bool:
    """Whether `new` makes more promises or gives more entitlements than `old` did."""
    po, pn = plain(old), plain(new)
    return len(_OBLIGED.findall(pn)) + len(_ENTITLED.findall(pn)) > len(_OBLIGED.findall(po)) + len(_ENTITLED.findall(po))


def deadline_reduced(old: str, new: str) -> str | None:
    """A period changed against the reader: our deadline longer, their notice or window shorter."""
    d_old, d_new = durations(old), durations(new)
    whose = clock(old) or clock(new)
    if whose == "yours" and (ENTITLEMENT in protections(old) or _NOTICE_PERIOD.search(plain(old)) or _WINDOW.search(old)):
        if d_new and not d_old and not _NOTICE_PERIOD.search(plain(new)) and not _grants_more(old, new):
            return "a time limit added to a right"  # not "if you cancel within 7 days, we will refund…": a new right with its window
        if d_old and d_new and min(d_new) < min(d_old):
            return "shorter notice for you" if _NOTICE_PERIOD.search(plain(old)) else "a shorter time to exercise a right"
        if d_old and not d_new and _NOTICE_PERIOD.search(plain(old)) and re.search(r"\bnoti(?:ce|fy)", new, _I):
            return "notice for you no longer given a length"  # "at least 14 days' notice" → "notice"
    elif whose == "ours" and d_old and d_new and max(d_new) > max(d_old):
        return "a longer time to answer requests" if _REQUESTS.search(old + " " + new) else "a longer time for us to act"
    return None


# A duty on the reader ("you agree to indemnify us"): an exception to it is in the reader's favour.
_BURDEN = re.compile(_YOU_TAKE_ON + r"(?:indemnif\w*|defend|hold \w+ harmless|pay|compensate|reimburse)", _I)


_READER_MAY = re.compile(rf"\b{_YOU}\s+(?:\w+\s+){{0,2}}?(?:may|can|could|have|are (?:entitled|free|able))\b", _I)


# "only if you have consented": a condition on us, the reader's yes, not a limit on the reader.
_YOUR_YES_ONLY = re.compile(r"\bonly (?:if|when|where|once|after|with) (?:you (?:have )?(?:\w+ )?(?:consent|agree|opt|given|said yes|accept|"
                            r"ask|request|choose)\w*|your (?:\w+ )?(?:consent|agreement|permission))", _I)


def _split_off(sentence: str, twin: str, before: list[str], after: list[str]) -> bool:
    """Whether what a sentence lost in its twin is said in a new sentence next to it with the same
    protections: one sentence made two, nothing taken away."""
    kinds = set(protections(sentence)) - set(protections(twin))
    if not kinds:
        return False
    lost = content_words(sentence) - content_words(twin)
    for other in after:
        if other == twin or any(similarity(other, b) >= 0.7 for b in before) or not kinds <= set(protections(other)):
            continue
        words = content_words(other)
        if lost and len(lost & words) >= 0.6 * len(lost) and not (conditions(other) - conditions(sentence)):
            return True
    return False


# What is done before the reader has chosen: "Until you make a choice, only strictly necessary cookies are set."
_ONLY_BEFORE_CHOICE = re.compile(r"\b(?:until|before) you (?:make (?:a|your) choice|choose|consent|accept)\w*\b[^.;]*\bonly\b|"
                                 r"\bonly\b[^.;]*\b(?:until|before) you (?:make (?:a|your) choice|choose|consent|accept)", _I)


# A restriction on us said the positive way: "we keep your data only for as long as…", "we use it only to…".
_ONLY_US = re.compile(r"\bwe (?:\w+ ){1,4}?only (?:for|as long|to|if|when|where|with|in|until)\b", _I)


def _exceptions_to_kept(old: str, new: str) -> int:
    """The exceptions in `new` to what `old` already said: not one that qualifies a restriction the
    change adds ("We do not sell it, use it for ads or share it with third parties other than our host")."""
    gained = {w.lower() for w in re.findall(r"[A-Za-z]+", new)} - {w.lower() for w in re.findall(r"[A-Za-z]+", old)}
    count = 0
    for match in _EXCEPTIONS.finditer(new):
        clause = re.split(r"[;:,]|\bor\b|\band\b", new[:match.start()])[-1].split()
        if not clause or clause[0].lower() not in gained:
            count += 1
    return count


def narrowed(old: str, new: str) -> str | None:
    """How a protective provision that is still there gives less than before."""
    if _ONLY_BEFORE_CHOICE.search(plain(old)) and _ONLY_BEFORE_CHOICE.search(plain(new)) and \
            content_words(new) - content_words(old) and not content_words(old) - content_words(new):
        return f"consent no longer asked first: “{_short(new)}”"  # "until you choose, only necessary (and analytics) cookies are set"
    old_kinds, new_kinds = protections(old), protections(new)
    if PROHIBITION in old_kinds and PROHIBITION in new_kinds and _modifier_inserted(old, new):
        # "We do not show advertising" → "…third-party advertising": one word, and the restriction rules out less
        return f"a restriction on us now covers fewer cases: “{_short(old)}” now reads “{_short(new)}”"
    if reworded(old, new) or _BURDEN.search(plain(old)):
        return None
    if old_kinds and not new_kinds:
        if PROHIBITION in old_kinds:  # not "We do not keep it longer than necessary" → "We keep it only for as long as we need it"
            return None if _ONLY_US.search(plain(new)) else f"a restriction on us lifted: “{_short(new)}”"
        return f"a protection dropped: “{_short(old)}” now reads “{_short(new)}”"
    lost, gained = content_words(old) - content_words(new), content_words(new) - content_words(old)
    if limits(_YOUR_YES_ONLY.sub(" ", new)) > limits(_YOUR_YES_ONLY.sub(" ", old)) and \
            not (_protective_exception(new) and PROHIBITION in old_kinds) and \
            not (_BINDING.search(plain(new)) and _BINDING.search(plain(old))):
        extra = conditions(new) - conditions(old)
        what = f"“{next(iter(extra))}”" if extra else f"“{_short(new)}”"
        return f"a limit added to a provision that protected you: {what}"
    if PROHIBITION in old_kinds and _exceptions_to_kept(old, new) > len(_EXCEPTIONS.findall(old)):
        return "a new exception to a restriction on us"
    if len(_HEDGE.findall(new)) > len(_HEDGE.findall(old)):
        return f"a provision that protected you made a general rule or an effort: “{_short(new)}”"
    if (ENTITLEMENT in old_kinds or OBLIGATION in old_kinds) and PROHIBITION not in old_kinds and \
            PROHIBITION not in new_kinds and len(_EXCEPTIONS.findall(new)) > len(_EXCEPTIONS.findall(old)) and \
            not limits_reader(old) and \
            not re.search(r"\b(?:unless|except (?:where|when|if)) you\b", new, _I) and len(gained) >= 3:
        return f"a new exception to a right or a promise: “{_short(new)}”"  # "…, other than by our termination for a breach"
    if PROHIBITION in old_kinds and PROHIBITION in new_kinds:
        stems = {w[:4] for w in content_words(new)}
        dropped = {v for v in _ruled_out_verbs(old) - _ruled_out_verbs(new) if v[:4] not in stems}
        if dropped and len(_WE_DO_NOT.findall(plain(new))) < len(_WE_DO_NOT.findall(plain(old))) and \
                len(_NEGATORS.findall(plain(new))) < len(_NEGATORS.findall(plain(old))):
            # "we do not show you ads and we do not set advertising cookies" → "…, and advertising cookies are used only to…"
            return f"a restriction on us dropped: we no longer say we do not {', '.join(sorted(dropped))}: “{_short(new)}”"
        if len(_NEGATORS.findall(plain(old))) > len(_NEGATORS.findall(plain(new))) and len(lost) >= 2 and len(gained) <= 1:
            return f"a restriction on us narrowed: “{_short(old)}” now reads “{_short(new)}”"
        if len(lost) >= 2 and not gained:  # "we do not sell your health data or precise location" → "…health data"
            return f"a restriction on us covers less: “{_short(old)}” now reads “{_short(new)}”"
        old_cases, new_cases = _exception_cases(plain(old)), _exception_cases(plain(new))
        if old_cases and len(content_words(new_cases) - content_words(old_cases)) >= 2 and not lost and \
                _cases_listed(new_cases) > _cases_listed(old_cases) and \
                not re.search(r"\b(?:for example|for instance|such as|e\.g\.)", new_cases, _I):
            # "unless required by law" → "unless required by law or compelled by a court order"
            return f"a restriction on us now allows more cases: “{_short(new)}”"
        if _QUALIFIER.search(new) and not _QUALIFIER.search(old) and not lost and \
                len(_NEGATORS.findall(plain(new))) <= len(_NEGATORS.findall(plain(old))):  # "…, and may use it only to…, not for…": a ban added
            return f"a restriction on us now covers fewer cases: “{_short(new)}”"
    if OBLIGATION in old_kinds and OBLIGATION in new_kinds and len(lost) >= 4 and not gained and \
            not (conditions(old) - conditions(new)) and not _EXCEPTIONS.search(plain(old)):
        return f"a promise to you given in fewer cases: “{_short(old)}” now reads “{_short(new)}”"
    if ENTITLEMENT in old_kinds and ENTITLEMENT in new_kinds and not gained and _READER_MAY.search(plain(old)) and \
            len([w for w in lost if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", old)]) >= 3 and \
            not (conditions(old) - conditions(new)) and not _NOT_ENTITLED.search(plain(old)):
        return f"an entitlement narrowed: “{_short(old)}” now reads “{_short(new)}”"
    if OBLIGATION in old_kinds and OBLIGATION in new_kinds and _IN_ADVANCE.search(plain(old)) and not _IN_ADVANCE.search(plain(new)) and \
            not _STRONG_CERTAIN.search(plain(new)):
        return f"a promise to you no longer kept in advance: “{_short(old)}” now reads “{_short(new)}”"  # "…before we terminate" → "…when we terminate"
    if OBLIGATION in old_kinds and OBLIGATION in new_kinds and _REASONS.search(old) and not _REASONS.search(new):
        return f"a promise to you no longer gives the reasons: “{_short(old)}” now reads “{_short(new)}”"
    if OBLIGATION in old_kinds and OBLIGATION not in new_kinds and _OBLIGED.search(plain(old)):
        return f"a promise to you dropped: “{_short(old)}” now reads “{_short(new)}”"
    if OBLIGATION in old_kinds and _STRONG.search(plain(old)) and not _STRONG.search(plain(new)) and _WEAK.search(new):
        return f"a promise weakened: “{_short(new)}”"
    if _CONSENT.search(old) and OBLIGATION in old_kinds and (OBLIGATION not in new_kinds or not _CONSENT.search(new)) and \
            not re.search(r"\bconsent|\bpermission|\bopt[- ]?in\b|\bagree", new, _I):
        return "consent no longer asked"  # "with your consent, we will send you our newsletter" → "we will also send you…"
    why = deadline_reduced(old, new)
    if why:
        return why
    if money(new) and not money(old) and not _CAP.search(plain(new)):
        return "a fee introduced"
    if len(_RIGHT_PHRASE.findall(new)) < len(_RIGHT_PHRASE.findall(old)) and ENTITLEMENT in old_kinds:
        return "a right removed from a provision that lists your rights"
    if _ANY_TIME.search(old) and not _ANY_TIME.search(new) and (ENTITLEMENT in old_kinds or OBLIGATION in old_kinds):
        return "“at any time” removed: a right now limited in time"
    lost = content_words(old) - content_words(new)
    if ENTITLEMENT in old_kinds and lost & _RIGHT_WORDS and not (content_words(new) - content_words(old)) & _RIGHT_WORDS:
        return f"fewer rights listed: {', '.join(sorted(lost & _RIGHT_WORDS))}"
    return None


_CASE_SEPARATOR = re.compile(r"\bor\b|\bwhen\b|\bwhere\b|\bif\b", _I)  # "…, when the law requires it, or when…"
_UNLESS_CASES = re.compile(r"\b(?:unless|except|other than|apart from)\b(?P<cases>(?:[^.;]|\.(?=\w))*)", _I)  # "section 3.3" goes on


def _cases_listed(cases: str) -> int:
    """How many cases an exception lists: its "or", "when", "if", and the commas of an "a, b, or c" list."""
    return len(_CASE_SEPARATOR.findall(cases)) + (cases.count(",") if re.search(r",\s*or\b", cases) else 0)


def _exception_cases(sentence: str) -> str:
    """The cases a provision's "unless", "except" or "other than" clauses allow, as one text."""
    return " ".join(m.group("cases") for m in _UNLESS_CASES.finditer(sentence))


_NEGATORS = re.compile(r"\b(?:not|never|no|nor)\b", _I)
_WE_DO_NOT = re.compile(r"\bwe\s+(?:\w+\s+){0,2}?(?:will never|never|will not|do not|does not|shall not|must not)\s+(?:\w+ly\s+)?(\w+)", _I)


def _ruled_out_verbs(sentence: str) -> set[str]:
    """The acts a sentence says we do not do ("we do not show you ads and we do not set cookies": show, set)."""
    return {m.lower() for m in _WE_DO_NOT.findall(plain(sentence))}
# A qualifier that confines a restriction to some people or cases ("pupils under 13").
_QUALIFIER = re.compile(r"\b(?:under|over|below|above|aged|younger than|older than) (?:the age of )?\d+\b|\bonly (?:to|for|if|when|where)\b", _I)
_RIGHT_PHRASE = re.compile(rf"\bright (?:to|of)\b|\byou (?:may|can) (?:also )?\w+|\byou are (?:free|entitled|able) to\b|{_AVAILABLE}", _I)
_ANY_TIME = re.compile(r"\bat any time\b|\bwhenever you\b", _I)
# A list introduced as the cases where a right does not apply ("we may not respond in these cases:").
_EXCEPTION_LEAD = re.compile(r"\b(?:(?:cannot|can not)(?! be (?:switched|turned|disabled|refused|rejected|declined))|unable to|not (?:be able to )?(?:respond|comply|fulfil|act)|(?:may|to|can) refuse|"
                             r"(?:the following )?exceptions?|except (?:in|where|when)|does not apply|do not apply)\b", _I)
# A period after which the reader's claims are lost: a limitation period.
_CLAIM_BARRED = re.compile(r"\b(?:claims?|actions?|proceedings|causes? of action)\b(?:\W+\w+){0,10}?\W+(?:lapses?|expires?|(?:is|are|will be|shall be) "
                           r"(?:permanently )?(?:barred|time-barred|waived)|must be (?:brought|filed|commenced|made|raised|lodged|notified|submitted)|(?:are|is) not "
                           r"(?:brought|filed|commenced))\b", _I)
_YOU_MUST_NOT = re.compile(r"\byou (?:must|shall|may|will|should) not\b|\byou agree not to\b", _I)
_INTRODUCES_CASES = re.compile(r":\s*$|\bfollowing\b|\bthese (?:cases|circumstances|situations)\b", _I)
# What we do before we act against the reader: warn, give notice, let them fix it ("…before we terminate").
_IN_ADVANCE = re.compile(r"\bbefore (?:we|it|the|your|any|a|an|this|that)\b|\bin advance\b|\bprior to\b|\bahead of\b|"
                         r"\b(?:days?|weeks?|months?|hours?)(?:'|’)? (?:prior )?notice\b", _I)
_STRONG_CERTAIN = re.compile(r"\b(?:never|not) (?:\w+ ){0,3}?without (?:first |prior )?(?:notice|warning|telling)\b", _I)
# A promise to tell the reader ahead of something, even in a clause ("maintenance, which we will announce 48 hours ahead").
_NOTICE_PROMISE = re.compile(rf"\b(?:{_WE})\s+(?:will|shall|'ll|must)\s+(?:always\s+|first\s+)?(?:notify|tell|inform|announce|warn|alert|"
                             r"let (?:you|customers|users) know|e-?mail you|give (?:[\w'’]+ ){0,8}?(?:notice|warning))\b", _I)
# A disclosure or a use ruled out but for named cases ("we disclose data to the police only on the basis of a court order").
_ONLY_IN_CASES = re.compile(r"\bwe\b[^.;]{0,80}?\b(?P<only>only|exclusively|solely) (?:on the basis of|if|when|where|after|in response to|under|with your|"
                            r"once|upon)\b", _I)
# A legal basis: the reader's consent, or our (legitimate) interest.
_CONSENT_BASIS = re.compile(r"\bconsent\b", _I)
_INTEREST_BASIS = re.compile(r"\blegitimate interests?\b", _I)
# A fee now, where the text said it was free ("further requests carry the administrative fee").
_FEE_NOW = re.compile(r"\b(?:may|might|can|could|will|reserve the right to)\s+(?:\w+\s+){0,2}?charge\b|"
                      r"\bcarr(?:y|ies)\s+(?:\w+\s+){0,3}?(?:fees?|charges?)\b|\b(?:fees?|charges?) (?:will |may )?(?:apply|be charged)\b|"
                      r"\bsubject to (?:an? |the )?(?:\w+ ){0,3}?(?:fees?|charges?)\b", _I)
_FREE = re.compile(r"\bfree of charge\b|\b(?:do|does|will|shall) not (?:\w+ )?charge\b|\bno (?:fee|charge|cost)s?\b|"
                   r"\bat no (?:cost|charge)\b|\bfor free\b|\bwithout (?:charge|cost)\b|\bare free\b|\bis free\b", _I)
# What a promise to explain ourselves says: "we will tell you why", "with the reasons".
_REASONS = re.compile(r"\b(?:the |our )?reasons?\b|\b(?:tell|inform|notify|let) you (?:know )?why\b|\b(?:and|explain(?:ing)?) why\b|\bexplain|\bexplanation", _I)
_EXCEPTIONS = re.compile(r"\b(?:except|unless|other than|apart from|save (?:as|where))\b", _I)
_RIGHT_WORDS = frozenset("access correct correction rectify rectification delete deletion erase erasure restrict "
                         "restriction object objection port portability withdraw complain complaint appeal copy "
                         "know opt refuse review update".split())
_KEY_WORDS = _RIGHT_WORDS | frozenset("consent permission notify notice inform sell share disclose free charge fee "
                                      "only exclusively solely except unless always promptly reason reasons why".split())


def _stem(word: str) -> str:
    return "charg" if word == "free" else word[:5]  # "free of charge" is "we do not charge"


def rephrased(sentence: str, nearby: str) -> bool:
    """Whether a protective sentence no longer found word for word is still said by the text around
    its place ("you can choose when to install them" → "you decide when they are installed"): most of
    its words, and every word that makes it a right or a promise, are still there."""
    mine, keys = _acts(sentence)
    return len(mine) >= 2 and _still_said(mine, keys, _acts(nearby)[0])


_SAME_ACT = {"notif": "notif", "infor": "notif", "tell": "notif", "expla": "notif", "email": "notif", "e-mai": "notif", "alert": "notif",
             "amend": "corre", "recti": "corre", "fix": "corre", "erase": "delet", "remov": "delet", "unsub": "opt",
             "cost": "charg", "revok": "withd", "exclu": "only", "solel": "only", "whene": "time", "answe": "reply", "can": "may", "if": "where", "rely": "based", "relie": "based"}
# The proviso every withdrawal of consent carries, in any of its words: "without affecting the lawfulness of earlier
# processing", "processing carried out before the withdrawal remains lawful", "does not make unlawful the processing…".
WITHDRAWAL_PROVISO = re.compile(
    r"\bwithout (?:affecting|prejudice to) (?:the lawfulness of )?(?:any )?(?:[\w-]+ ){0,2}?processing(?:[^.;]{0,60}?\b(?:before|prior to)\b"
    r"(?: (?:the|your|its|that) )?(?: ?withdrawal| ?you withdr\w+| ?then| ?that)?)?|"
    r"\b(?:any |the )?(?:[\w-]+ ){0,2}?processing (?:[^.;]{0,50}?\b(?:before|prior to|up to)\b[^.;]{0,40}?)"
    r"(?:remains|stays|is still|was) (?:lawful|valid|unaffected)|"
    r"\b(?:does|will) not (?:affect|make unlawful|change) (?:the lawfulness of )?(?:any |the )?(?:[\w-]+ ){0,2}?processing(?:[^.;]{0,60}?"
    r"\b(?:before|prior to|earlier|previously|already)\b[^.;]{0,30})?", _I)
_FREE_TO = re.compile(r"\b(?:are|is|remain) free to\b", _I)  # "you are free to revoke it": you may, not "free of charge"


def _act(word: str) -> str:
    """A word's stem, with the verbs that do the same for the reader made one ("notify" is "email")."""
    stem = _stem(word)
    return _SAME_ACT.get(stem, stem)


def _acts(text: str) -> tuple[set[str], set[str]]:
    """A text's content words as `_act` stems, and those of them that make a right or a promise."""
    words = content_words(_FREE_TO.sub(" may ", WITHDRAWAL_PROVISO.sub(" earlierlawful ", text)))
    return {_act(w) for w in words}, {_act(w) for w in words & _KEY_WORDS}


def _still_said(mine: set[str], keys: set[str], there: set[str]) -> bool:
    """Every word that makes a right or a promise, and most of the others, are still there."""
    return keys <= there and len(mine & there) >= 0.6 * len(mine)


_WE_ONLY = re.compile(r"\b(we (?:\w+ )?)only\b", _I)  # "we only go ahead where …": a limit on us, not on you


def same_provisions(old: str, new: str) -> bool:
    """Whether a passage rewritten at length still makes every provision it made: no promise made
    optional, no new limit or condition, the same numbers and amounts, as many denials, as many
    sentences of each protective kind, every word that makes a right or a promise and most of the
    others still there ("we will notify Customer Admins by email at least 30 days before" → "we will
    email Customer Admins at least 30 days in advance")."""
    po, pn = plain(old), plain(new)
    if len(_STRONG.findall(po)) > len(_STRONG.findall(pn)) or len(_WEAK.findall(pn)) > len(_WEAK.findall(po)) or \
            len(_HEDGE.findall(pn)) > len(_HEDGE.findall(po)):
        return False
    old_limits, new_limits = _WE_ONLY.sub(r"\1", old), _WE_ONLY.sub(r"\1", new)
    if limits(new_limits) > limits(old_limits) or conditions(new_limits) - conditions(old_limits):
        return False
    if sorted(numbers(old)) != sorted(numbers(new)) or sorted(money(old)) != sorted(money(new)) or _turned(old, new) or \
            sorted(_MULTIPLE.findall(po)) != sorted(_MULTIPLE.findall(pn)):
        return False  # "limited to twice the amount you paid" → "to the booking fee": not the same cap
    if len(_NEGATORS.findall(pn)) < len(_NEGATORS.findall(po)) or len(_EXCEPTIONS.findall(pn)) > len(_EXCEPTIONS.findall(po)):
        return False
    if _FORBIDDEN.search(po) and _modifier_inserted(old, new):
        return False  # "We do not show advertising" → "…third-party advertising"
    if _licence_widened(old, new) or _burden_widened(old, new) or _default_turned_on(old, new) or _cap_changed(old, new) or (_FULL_REFUND.search(po) and not _FULL_REFUND.search(pn)):
        return False  # "to copy and store Your Content, solely to provide the Service" → "…and analyse it to improve our products"
    (mine, keys), there = _acts(old), _acts(new)[0]
    lost, gained = mine - there, there - mine
    if (len(lost) >= 2 and len(gained) <= 1) or (len(gained) >= 3 and len(lost) <= 1):
        return False  # words only taken out, or only put in: not a rewrite
    kinds_old = Counter(k for s in split_sentences(old) for k in protections(s))
    kinds_new = Counter(k for s in split_sentences(new) for k in protections(s))
    if kinds_old - kinds_new:
        return False
    return len(mine) >= 8 and _still_said(mine, keys, there)


def said_again(old: str, new: str) -> bool:
    """Whether a passage is said again in other words (some words gone, others come) with every
    provision still made; a passage that only gained words ("… and to obtain a copy of it") says more."""
    mine, there = _acts(old)[0], _acts(new)[0]
    return bool(mine - there) and bool(there - mine) and same_provisions(old, new)


def _short(sentence: str, limit: int = 140) -> str:
    sentence = " ".join(sentence.split())
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"
