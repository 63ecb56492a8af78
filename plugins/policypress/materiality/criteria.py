"""Material-change criteria: section 8 of the demo policy as data, and how a site tunes or adds its own.

A criterion says what kind of change needs more prominent notice, in the policy's own words, and
which signals reveal it: the sections where it lives, words whose appearance or disappearance matters,
patterns (e-mail addresses, phone numbers…) whose change matters anywhere, and whether named parties,
places or numbers count. Teams override a default by id or add criteria in mkdocs.yml.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from typing import Any

from policypress.errors import PolicyError


@dataclass(frozen=True)
class Criterion:
    """A kind of material change and the signals that reveal it (all regexes, case-insensitive)."""

    id: str
    ref: str
    title: str
    text: str  # the criterion's wording, quoted on pages and in reports
    signals: tuple[str, ...] = ()  # terms that make a change material wherever they appear or disappear
    vocabulary: tuple[str, ...] = ()  # terms that count in a sentence or section about this criterion
    patterns: tuple[str, ...] = ()  # values (e-mail addresses, phone numbers) whose change counts anywhere
    context_patterns: tuple[str, ...] = ()  # values whose change counts in a sentence about this criterion
    context: tuple[str, ...] = ()  # what a sentence about this criterion says
    not_context: tuple[str, ...] = ()  # a sentence saying this belongs to another criterion (parties, places)
    strong_context: tuple[str, ...] = ()  # …unless it also says this (e.g. "we share … with")
    sections: tuple[str, ...] = ()  # headings of the sections about this criterion
    entities: bool = False  # named parties added or removed in a sentence about this criterion
    places: bool = False  # countries and regions added or removed in a sentence about this criterion
    quantities: bool = False  # deadlines, fees, ages, counts changed in a sentence about this criterion
    quantity_context: tuple[str, ...] = ()  # …and only in a sentence (or its list's lead) that says this
    whole_blocks: bool = True  # a paragraph or item added or removed in a section about this criterion
    channels: tuple[str, ...] = ()  # ways to act (e-mail, website…): one added, or removed with none added
    statements: tuple[str, ...] = ()  # sentences that state this criterion: any change of substance counts
    names_count: bool = True  # vocabulary inside a proper name counts ("Data Protection Office")
    enumerations: bool = False  # items listed after "such as", "including"… added or removed
    organisations: bool = False  # a company (corporate form, known processor) new to the policy, anywhere
    data_types: tuple[str, ...] = ()  # kinds of information: one never named before, in a sentence that processes it
    reductions: bool = False  # where a rights reduction found under no other criterion is filed
    adverse: tuple[str, ...] = ()  # terms whose appearance takes something from the reader (arbitration…)
    findings: bool = False  # vocabulary states a finding: "does not result in a high risk" states none
    catch_all: bool = True  # any change of substance in a statement counts (off where statements are too common)
    keeping: bool = False  # where information kept longer (a reduction) is filed: how long data is kept
    authorities: bool = False  # a complaint body (commissioner, authority, ombudsman) named or dropped counts

    def compiled(self) -> "CompiledCriterion":
        return _compiled(self)


def _alternation(items: tuple[str, ...]) -> re.Pattern[str] | None:
    return re.compile("|".join(f"(?:{x})" for x in items), re.IGNORECASE) if items else None


@functools.lru_cache(maxsize=256)
def _compiled(criterion: Criterion) -> "CompiledCriterion":
    """Each criterion's regexes, compiled once per process."""
    return CompiledCriterion(criterion)


class CompiledCriterion:
    """A criterion with its regexes compiled once."""

    def __init__(self, criterion: Criterion):
        self.criterion = criterion
        term = lambda x: re.compile(rf"(?<![\w-])(?:{x})", re.IGNORECASE)  # noqa: E731
        self.signals = [term(x) for x in criterion.signals]
        self.vocabulary = [term(x) for x in criterion.vocabulary]
        # one pass to tell whether any term is present at all (most sentences mention none)
        self.any_signal = term("|".join(f"(?:{x})" for x in criterion.signals)) if criterion.signals else None
        self.any_vocabulary = term("|".join(f"(?:{x})" for x in criterion.vocabulary)) if criterion.vocabulary else None
        self.patterns = [re.compile(x) for x in criterion.patterns]
        self.context_patterns = [re.compile(x) for x in criterion.context_patterns]
        self.context = _alternation(criterion.context)
        self.not_context = _alternation(criterion.not_context)
        self.strong_context = _alternation(criterion.strong_context)
        self.quantity_context = _alternation(criterion.quantity_context)
        self.sections = _alternation(criterion.sections)
        self.channels = [term(x) for x in criterion.channels]
        self.statements = _alternation(criterion.statements)
        self.data_types = [term(x) for x in criterion.data_types]
        self.adverse = [term(x) for x in criterion.adverse]


# Section 8 of the demo policy, verbatim, for the `text` of each criterion.
SECTION_8 = {
    "service-model": "Significant changes to our service model. Such as the purpose of processing personal "
                     "information, the type of personal information processed, the way personal information is used, etc.",
    "ownership": "Significant changes in our ownership structure, organizational structure, etc. Such as change of "
                 "ownership caused by business restructuring, bankruptcy and merger, etc.",
    "recipients": "Changes in the main recipients of personal information sharing, transfer or public disclosure.",
    "user-rights": "Significant changes in your rights to participate in the handling of personal information and "
                   "the manner in which they are exercised.",
    "responsible-contact": "When there is a change in the department responsible for handling personal information "
                           "security, our contact method and complaint channel.",
    "high-risk": "When the personal information security impact assessment report indicates that there is a high risk.",
}

EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
PHONE = r"(?<![\w/.-])\+?\d[\d\s().-]{6,}\d(?![\w/-])"
URL = r"(?:https?://|www\.)[^\s<>\"')\]]+"
# A street address or a postal code: where letters and complaints go.
ADDRESS = (r"\b\d+[\w-]*,? (?:[A-Z][\w.]*\.? ){1,4}(?:St|Street|Ave|Avenue|Rd|Road|Blvd|Boulevard|Suite|Ste|Lane|Drive|Way|"
           r"Place|Pl|Square|Sq|Plaza|Court|Ct|Parkway|Pkwy|Straße|Strasse|Str|Weg|Platz|Gracht|Dock)\b\.?(?: (?:Jr|Sr)\.?)?|"
           r"\b(?:P\.?O\.? Box|PMB|Postfach) \d+|\b[A-Z]{2} \d{5}(?:-\d{4})?(?!\d)|\b(?<!ary )(?<!rch )(?<!ril )(?<!May )(?<!une )(?<!uly )(?<!ust )(?<!ber )(?<!in )(?<!In )\d{4,5} [A-Z][a-zäöü]+\b|"
           r"\b(?:[A-Z][\w-]+ )?[A-Z][a-zäöüß]*(?:straße|strasse|str\.|weg|plein|gracht|laan|straat|gasse|platz|vej|gade|kade|dijk)"
           r" \d+\w*\b|\b(?:Rue|Via|Calle|Avenida|Rua) [\w' ]{2,40}?\d+\b|\b\d{4} ?[A-Z]{2}\b|\b[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}\b")

OWNERSHIP_TERMS = (
    r"merg(?:e|er|ers|ed|ing)\b", r"acqui(?:re|red|res|ring|sition)", r"bankrupt", r"insolven", r"liquidat",
    r"administrat(?:or|ion) (?:has been|was) appointed", r"chapter (?:7|11)", r"restructur", r"reorgani[sz]",
    r"spin-?off", r"spun off", r"divest", r"parent (?:company|group)", r"subsidiary of", r"(?:a|our|its) new subsidiar", r"wholly[- ]owned",
    r"owned by", r"ownership structure", r"(?:change|changes|transfer) (?:of|in) ownership", r"new ownership", r"joint venture", r"successor", r"holding company", r"new owner", r"sold to",
    r"change of control", r"(?:is|as|becomes?|be|now) the (?:new )?(?:data )?controller", r"new (?:data )?controller",
    r"controller (?:of|for|responsible)", r"renamed", r"rebrand", r"now (?:called|known as|part of)",
    r"(?:is|are|will be|is now) (?:operated|owned|controlled) by", r"a member of the", r"part of the \w+ group", r"controlling (?:stake|interest)",
    r"majority (?:stake|shareholder|owner|interest)", r"stake in", r"shareholders?", r"sale of (?:our|the) (?:business|company)",
    r"sold (?:our|the) (?:business|company)", r"combin(?:e|ed|es|ing) (?:\w+ ){0,2}?(?:businesses|companies|operations)",
    r"combined (?:company|entity|group|business)", r"merged (?:company|entity|group)", r"sold (?:all |a majority of |the )?shares",
    r"share sale", r"private equity",
)
# "you own your content", "we own the Service": to own, not "its own negligence" or "on your own"
_TO_OWN = r"(?<!\bits )(?<!\bour )(?<!\btheir )(?<!\byour )(?<!\bhis )(?<!\bher )(?<!['’]s )\bown\b"
ASSESSMENT = (r"impact assessment", r"\bdpia\b", r"\bpia\b", r"risk assessment", r"assessment report",
              r"(?:data protection|privacy) assessment")
# Events that change who owns or controls the service: a party named in such a sentence is an owner,
# not a recipient.
OWNERSHIP_EVENTS = (r"\bshares? in\b", r"shareholders?", r"private equity", r"combined (?:company|businesses)",
                    r"merg(?:e|er|ed|ing)\b", r"acqui(?:re|red|res|ring|sition)", r"bankrupt", r"insolven",
                    r"liquidat", r"restructur", r"reorgani[sz]", r"renamed", r"rebrand", r"controller",
                    r"owned by", r"now part of", r"parent (?:company|group)", r"chapter (?:7|11)")
# How information is protected: outside every criterion of section 8, unless the sentence also says
# what is collected or who receives it.
SECURITY = (r"safeguards?", r"encrypt\w*", r"\btls\b", r"\bssl\b", r"multi-factor|two-factor|\b2fa\b|\bmfa\b",
            r"penetration test", r"firewalls?", r"access controls?", r"iso/?(?:iec )?27001", r"\bsoc ?2\b",
            r"pseudonymi[sz]\w*", r"vulnerabilit\w*", r"intrusion")
CHANNELS = (r"e-?mail", r"website", r"\b(?:mobile )?app\b|\b(?:mobile|our|the|this) applications?\b(?! (?:for|to|of|form)\b)", r"(?:tele)?phone(?!['’]s)", r"customer service",
            r"customer support", r"in person", r"\b(?:by|via|through) (?:post|mail|letter|courier)\b",
            r"postal (?:address|mail)", r"mailing address", r"\bfax\b|\bfacsimile\b", r"online form", r"web ?form",
            r"contact form", r"request form", r"hotline", r"(?:live )?chat\b", r"portal", r"(?:account |privacy )?settings", r"\bonline account\b",
            r"help ?(?:center|centre|desk)", r"support (?:site|center|centre|ticket)", r"toll[- ]free",
            r"\b(?:using|use|submit\w*|complet\w*|fill\w*(?: in| out)?) (?:the|our|a|an) (?:\w+ )?form\b(?! of)",
            r"\b(?:by )?(?:writing|write) to(?: us| our| the|:)", r"\bby (?:letter|post)\b", r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
            r"\bcontact(?:ing)? (?:the|our) (?:[\w'’]+ ){0,3}?(?:officer|team|department|office|dpo|representative)\b|"
            r"\b(?:using|with|at) the (?:contact )?details (?:in|given|set out|above|below|on)\b",
            r"\bat (?:any|our|the|one of our) (?:\w+ )?(?:reception|front desk|counter|branch(?:es)?|stores?|shops?|clinics?|"
            r"practices?|service cent(?:re|er)s?)\b",
            r"\b(?:by )?call(?:ing)? (?:us|our|(?:\w+ )?(?:customer|support|privacy|member) \w+)\b",
            r"\b\d+[\w-]* (?:\w+ ){0,3}?(?:St|Street|Ave|Avenue|Rd|Road|Blvd|Boulevard|Suite|Ste|Lane|Drive|Way|Place|Square|Court|Crescent|Parade|Terrace|Row|Quay|Wharf|Hwy|Highway)\b|\bP\.?O\.? Box\b|\bPMB\b")
# Kinds of personal information: one new to the policy is a new type of information processed.
DATA_TYPES = (
    r"ip address(?:es)?", r"device (?:id|identifiers?|fingerprint\w*)", r"advertising (?:id|identifiers?)",
    r"mouse (?:movements?|clicks?)", r"keystrokes?", r"scroll(?:ing)? (?:behaviou?r|depth)", r"cursor", r"touch (?:events|gestures)",
    r"browser (?:type|fingerprint\w*|characteristics)", r"user[- ]agent", r"(?:precise |approximate )?geo-?location",
    r"gps", r"wi-?fi (?:networks?|access points)", r"bluetooth", r"contacts? lists?", r"address books?", r"call logs?",
    r"text messages", r"photos?", r"videos?", r"audio|voice (?:recordings?|prints?|data)", r"biometric\w*",
    r"face(?:prints?| geometry| scans?)", r"fingerprints?", r"health (?:data|information)", r"medical",
    r"genetic", r"sexual (?:orientation|life)", r"racial|ethnic origin", r"religio\w+ (?:beliefs|views)",
    r"political (?:opinions|views)", r"criminal (?:records?|convictions?|history)", r"social security numbers?",
    r"passport", r"driver'?s licen[cs]e", r"(?:government|national)[- ]issued (?:id|identification)",
    r"date of birth|birth ?date", r"\bage\b", r"gender", r"income", r"credit (?:card|score|history)",
    r"bank (?:account|details)", r"payment (?:card|information|details)", r"billing address", r"purchase history",
    r"browsing (?:history|activity)", r"search (?:history|queries)", r"(?:hashed )?e-?mail address(?:es)?",
    r"phone numbers?", r"postal address(?:es)?", r"home address", r"employer|job title", r"inferences?",
    r"usage data", r"session (?:recordings?|replays?)", r"screen recordings?", r"camera", r"microphone",
    r"cookies? (?:ids?|identifiers?)", r"pixel", r"web beacons?", r"sdks?", r"telemetry", r"crash (?:reports?|logs?)",
)

DEFAULT_CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        id="service-model", ref="8(i)", title="Service model: purposes, types of information, ways of use",
        text=SECTION_8["service-model"],
        signals=(
            r"biometric", r"fingerprints?", r"face ?prints?", r"facial", r"face (?:geometry|scan|recognition)",
            r"voice (?:recordings?|prints?|samples?)", r"recordings? of your", r"genetic", r"health", r"medical",
            r"sexual", r"racial", r"ethnic", r"religio", r"political (?:views|opinions)", r"criminal",
            r"precise (?:geo)?location", r"real-time location", r"background location", r"location of your device",
            r"contact lists?", r"address books?", r"(?:phone|device) contacts", r"your contacts",
            r"keystrokes?", r"clipboard", r"emotion", r"(?:train|training|improve|develop)\w*\s+(?:\w+\s+){0,3}?(?:ai|artificial intelligence|machine[- ]learning|language|recognition|neural)\b",
            r"train\w* (?:and \w+ )?(?:\w+[- ]){0,4}?models?\b", r"creditworth\w*", r"credit assessments?",
            r"(?:recogni[sz]e|identify|track|link) (?:\w+ ){0,4}?across (?:\w+ ){0,3}?devices", r"cross-device",
            r"machine[- ]learning", r"artificial intelligence", r"(?:large )?language models?", r"\bai models?",
            r"automated decision", r"automated (?:individual )?decision-making", r"profiling", r"credit (?:score|scoring|check)",
            r"sell (?:\w+ ){0,6}?(?:data|information|segments|profiles|insights)", r"\bsale of (?:your|personal)",
            r"advertising profiles?", r"targeted advertising", r"behaviou?ral advertising", r"cross-context",
            r"infer", r"audience segments?",
        ),
        vocabulary=(
            r"location", r"photos?", r"videos?", r"browsing history", r"search history",
            r"purchase history", r"camera", r"microphone", r"advertis\w*", r"marketing", r"\bads?\b", r"profiles?",
            r"personali[sz]\w*", r"analytics", r"research", r"insights?", r"combine",
            r"track\w*", r"identif(?:y|ication)", r"(?:collect|process|use)\w* (?:\w+ ){0,3}?(?:new|additional)",
        ),
        context=(r"\bcollect", r"\bwe (?:\w+ )?use\b", r"\bused? (?:to|for)\b", r"purpose", r"\bprocess",
                 r"analy[sz]", r"\btrain", r"\binfer", r"generat", r"profil", r"personali[sz]", r"record",
                 r"\bsearch\w* (?:[\w,]+ ){0,5}?for (?:\w+ )?(?:information|data)", r"\blook(?:s|ed|ing)? (?:up|for) (?:\w+ ){0,3}?information"),
        not_context=ASSESSMENT + SECURITY,
        strong_context=(r"\bcollect", r"\bsell\b", r"\binfer", r"\btrain", r"profil", r"advertis", r"\bwe (?:\w+ )?(?:read|record)\b"),
        sections=(r"collect", r"\buse\b", r"purpose", r"information we", r"cookies? we", r"how we use",
                  # "What personal data do we process?", "Why we process your data and on what legal basis"
                  r"\b(?:personal )?data (?:do |that |which )?we (?:process|hold|obtain|receive)\b", r"\bwhy we process\b", r"\blegal bases?\b"),
        statements=(r"\bwe (?:may |will |also |only |automatically )*(?:collect|use|process|record|analy[sz]e|read|obtain|"
                    r"store|access)\b",
                    r"\binformation (?:that )?(?:we|you) (?:collect|fill in|provide)", r"\bfor the purposes? of\b",
                    r"\bwe (?:\w+ ){0,2}?(?:send|show|serve|display)\w* you (?:\w+ ){0,2}?(?:marketing|advertis\w*|ads|offers|newsletters|promotions?)\b"),
        names_count=False, enumerations=True, data_types=DATA_TYPES, keeping=True,
    ),
    Criterion(
        id="ownership", ref="8(ii)", title="Ownership or organisational structure",
        text=SECTION_8["ownership"],
        signals=OWNERSHIP_TERMS,
        context=(r"operated by", r"controller", r"\bowned\b", r"parent",
                 r"merg", r"acqui", r"subsidiar", r"(?:now|continues to|will) provides? the (?:\w+ )?services", r"combin",
                 r"\bshares (?:in|of)\b", r"shareholding", r"stake"),
        strong_context=OWNERSHIP_EVENTS,
        entities=True, whole_blocks=False,
    ),
    Criterion(
        id="recipients", ref="8(iii)", title="Main recipients of sharing, transfer or public disclosure",
        text=SECTION_8["recipients"],
        signals=(
            r"data brokers?", r"advertisers?", r"ad(?:vertising)? networks?", r"insurers?", r"insurance compan\w+",
            r"employers?", r"credit (?:reference )?agenc\w+", r"cross-border",
        ),
        vocabulary=(
            r"third[- ]part(?:y|ies)", r"service providers?", r"(?:sub-?)?processors?", r"vendors?", r"partners?",
            r"affiliat\w*", r"contractors?", r"suppliers?", r"governments?", r"law enforcement", r"authorities",
            r"public(?:ly)? disclos\w*", r"buyers?", r"researchers?", r"overseas", r"abroad",
            r"outside (?:of )?(?:the|your) (?:country|region|jurisdiction)", r"data cent(?:er|re)s? (?:in|located)",
            r"servers? (?:located |based )?in", r"group companies",
        ),
        context=(r"\bshar", r"transfer", r"disclos", r"\bsell", r"\bsold\b", r"\bhire", r"engag", r"recipient", r"\bforward",
                 r"provide[sd]? (?:\w+ ){0,4}?to\b", r"\bsen[dt]\b", r"receiv", r"access to", r"store[sd]?\b",
                 r"storage", r"\bhost", r"server", r"back(?:ing)?[- ]?up", r"locat", r"vendor", r"processor", r"\bheld\b",
                 r"service provider", r"on our behalf", r"\bwe use\b", r"\bvia\b", r"\bpass(?:es|ed)?\b",
                 r"\bgive\b", r"make\w* available", r"joint(?:ly)? us(?:e|ed|ers?)\b", r"entrust", r"\bwith (?:our|a|an|the) \w*\s*(?:partner|vendor|provider|insurer)"),
        not_context=OWNERSHIP_EVENTS + OWNERSHIP_TERMS + ASSESSMENT,
        strong_context=(r"\bshar(?:e|es|ed|ing) (?:[\w,]+ ){0,12}?with\b", r"\bdisclos", r"\bsell\b",
                        r"\bpass(?:es|ed)? (?:[\w,]+ ){0,12}?to\b", r"\bsen[dt]s? (?:[\w,]+ ){0,12}?to\b",
                        r"\b(?:processed|hosted|stored|received) (?:\w+ ){0,4}?by\b", r"\b(?:may|will) (?:also )?receive (?:your|personal)",
                        r"\btransfer(?:s|red|ring)? (?:your|personal|the|such) (?:\w+ ){0,5}?to\b"),
        sections=(r"shar", r"transfer", r"disclos", r"third[- ]part", r"recipient", r"storage", r"\bstore",
                  r"vendor", r"partner", r"processor", r"service providers?", r"suppliers?", r"joint(?:ly)? us(?:e|ed|ers?)\b",
                  r"entrust", r"contractors?"),
        statements=(r"\b(?:share|disclose|transfer|sell|provide|pass|send|give|make)(?!rs?\b)\w* (?:[\w,]+ ){0,8}?(?:with|to)\b"
                    r"(?! (?:receive|be|help|provide|make|use|do|get|keep|improve|comply|ensure|protect|deliver|process|"
                    r"send|offer|show|tell|let|confirm|verify)\b)",
                    r"\bwe (?:may |will |do not |don't |never |only )*(?:share|disclose|sell|transfer)\b",
                    r"\b(?:governments?|law enforcement|authorities|public authorities)\b"),
        entities=True, places=True, names_count=False, organisations=True,
        # "provide … to", "make … available to" stand in most sentences: a recipient changes only with a
        # party, a place, a category of recipients or a sharing term (measured: 3 right of 12 on 514 cases)
        catch_all=False,
    ),
    Criterion(
        id="user-rights", ref="8(iv)", title="Your rights and how you exercise them",
        text=SECTION_8["user-rights"],
        signals=(
            r"right to (?:access|correct|rectif|delet|eras|restrict|object|port|withdraw|complain|appeal|opt|know|request|be forgotten|data portability)\w*",
            r"data portability", r"opt[- ]out", r"unsubscribe", r"free of charge", r"(?:processing|administrative|reasonable|handling) fees?\b",
            r"(?:charge|pay)\w* (?:you )?(?:a |an )?fees?\b(?! to (?:a |the )?(?:site|store|seller|merchant)s?)", r"fees? (?:for|to) (?:\w+ ){0,3}?(?:requests?|access|cop|exercis)",
            r"charges? (?:a|of|for)\b", r"business days?", r"calendar days?", r"at any time|whenever you (?:wish|want|choose|decide)", r"express consent",
            r"(?:once|twice|\d+ times|(?:two|three|four|five) times) (?:a|per|every|each) (?:calendar )?(?:year|month|week)"
            r"|\b(?:annually|yearly|monthly|weekly)\b",
            r"disproportionate",
            r"without (?:\w+ ){0,3}?(?:consent|agreement|permission|authori[sz]ation)",
            r"\byou (?:may|can|have the right to|are entitled to|are free to) (?:also )?(?:ask|request|obtain|object|withdraw|revoke|access|delete|correct|review|opt|restrict|port|receive)\b",
            r"(?:obtain|receive|get) a copy",
        ),
        vocabulary=(r"right to \w+", r"your rights(?! and (?:legitimate )?interests)", r"withdraw (?:your )?(?:consent|authori[sz]ation)", r"eras(?:e|ure)",
                    r"portab\w*", r"rectif\w*", r"object to", r"restrict (?:the |our )?processing", r"appeal",
                    r"refuse", r"in writing", r"(?:prior |your |express )consent"),
        context=(r"\bright to\b", r"\brights?\b(?! and (?:legitimate )?interests)", r"request", r"respond", r"process your", r"\bfees?\b", r"charge", r"\bage\b", r"child",
                 r"delet", r"\baccess", r"correct", r"object", r"withdraw", r"consent", r"unsubscribe", r"within",
                 r"complain", r"inquir", r"exercise", r"opt[- ]out", r"authori[sz]ed agent"),
        sections=(r"\bright to\b", r"\byour rights\b", r"manage", r"\baccess(?:ing)? (?:to |and )?(?:your|the information|personal)",
                  r"\bright of access\b", r"delet", r"correct", r"object",
                  r"portab", r"restrict", r"request", r"children", r"withdraw", r"\bopt", r"choice", r"view or edit",
                  r"authori[sz]ed agents?"),
        statements=(r"\bright to\b", r"\byour rights?\b(?! and)",
                    r"\byou (?:may|can) (?:also )?(?:request|ask|object|withdraw|access|delete|correct|restrict|refuse|opt|"
                    r"unsubscribe|exercise|obtain|view|edit|make a request)\b",
                    r"\bwe (?:will|shall|may) (?:\w+ )?(?:process|respond to|handle|answer) your requests?\b"),
        not_context=ASSESSMENT + (r"\b(?:government|law enforcement|subpoena|warrant|court order|national security)s?\b",),
        strong_context=(r"\byour (?:request|right)", r"\byou (?:may|can|have)\b"),
        quantities=True, channels=CHANNELS, reductions=True,
    ),
    Criterion(
        id="responsible-contact", ref="8(v)", title="Responsible department, contact method and complaint channel",
        text=SECTION_8["responsible-contact"],
        signals=(r"data protection (?:office|officer)\b", r"\bdpo\b",
                 r"(?:privacy|security|compliance|legal|data protection) (?:office|officer|team|department)\b",
                 r"(?:eu|uk|european) representative", r"representative in the",
                 r"ombud\w*", r"complaints? (?:channel|procedure|form)", r"(?:alternative|independent|out-of-court) dispute resolution (?:service|scheme|body|provider|entity)",
                 r"complain\w* (?:\w+ ){0,6}?(?:supervisory|data protection|privacy) (?:authorit|regulator|commissioner)",
                 r"(?:supervisory|data protection|privacy) (?:authorit\w*|regulators?|commissioners?) (?:\w+ ){0,6}?complain"),
        vocabulary=(r"supervisory authorit(?:y|ies)", r"regulators?\b", r"department", r"\bteam\b", r"officer", r"representative", r"office", r"complaints?",
                    r"hotline", r"contact form", r"web form", r"live chat", r"postal address", r"mailing address",
                    r"registered office"),
        patterns=(EMAIL, PHONE, ADDRESS),
        context_patterns=(URL,),
        context=(r"\bcontact(?:ed|ing)?\b",
                 r"complain", r"write to us", r"\breach us", r"\b(?:can|may) be (?:reached|contacted)\b", r"\bquestions?\b", r"inquir", r"responsible for",
                 r"in charge of", r"handled by", r"\bhandles\b", r"^\W*(?:phone|tel(?:ephone)?|e-?mail|fax|post|address)\s*:"),  # "Phone: +49 …" under "Data protection officer"
        not_context=OWNERSHIP_EVENTS,
        sections=(r"contact", r"complain", r"question", r"\bdpo\b", r"data protection officer"),
        entities=True,  # who holds the role: "our DPO is now Fairlane Privacy Services Ltd"
        authorities=True,
        statements=(r"\b(?:complain\w*|lodge|file|raise|bring|refer|escalate) (?:\w+ ){0,6}?(?:with|to|before) (?:\w+ ){0,4}?(?:authorit|regulator|"
                    r"commissioner|ombud|us\b|our|independent|dispute)", r"\bcontact us\b", r"\b(?:e-?mail|write to|call|reach|contact) (?:us|our)\b"),
        channels=CHANNELS,
        # a contact sentence reworded says nothing new: a contact change is a value, a channel, a body or a name
        # (on the labelled sets the catch-all was right once in eight, and that change had other evidence)
        catch_all=False,
    ),
    Criterion(
        id="high-risk", ref="8(vi)", title="Impact assessment indicating high risk",
        text=SECTION_8["high-risk"],
        vocabulary=(r"(?:high|significant|serious|elevated|severe)(?:[\s-]+\w+){0,2}?[\s-]+risks?\b",
                    r"risks?\b(?:\W+\w+){0,12}?\W+(?:as |is |was |be |remains )?(?:high|significant|serious|severe)\b",
                    r"high-risk"),
        sections=(r"impact assessment", r"risk assessment", r"\bdpias?\b", r"\bassessments?\b"),
        context=(r"impact assessment", r"\bdpia\b", r"\bpia\b", r"risk assessment", r"assessment report", r"residual risk",
                 r"(?:data protection|privacy|security) assessment", r"\bassessment (?:\w+ ){0,2}?(?:concluded|found|"
                 r"finds|indicat\w*|show\w*|identified)", r"prior consultation", r"\bart(?:icle)?\.? 35\b",
                 r"\b(?:it|which|this|that review) (?:concluded|found)\b"),
        whole_blocks=False, findings=True,
    ),
)

# Terms of service and other contracts: what a user must be told before agreeing again.
TERMS_CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        id="fees", ref="terms/fees", title="Prices, fees and payment terms",
        text="Changes to prices, fees, billing, taxes, refunds, trials or when payment is due.",
        signals=(r"(?:early[- ])?termination fee", r"late (?:fee|payment|charge)", r"interest (?:on|at)", r"non-?refundable",
                 r"auto(?:matic(?:ally)?)?[- ]renew", r"price (?:increase|change)", r"free trial"),
        vocabulary=(r"fees?", r"charges?", r"pric\w+", r"payments?", r"pay\b", r"invoic\w+", r"billing", r"billed",
                    r"refunds?", r"taxes", r"subscription", r"credit card", r"trial", r"plans?"),
        context=(r"\bfee", r"\bcharg", r"\bpric", r"\bpay", r"invoic", r"\bbill", r"refund", r"\btax", r"subscri", r"\bplan\b",
                 r"revenue", r"royalt(?:y|ies)\b(?!-free)", r"commission", r"earnings", r"\b(?:your|instructor|seller|creator|author|partner)['’]?s? share\b"),
        sections=(r"payment", r"billing", r"fees", r"pricing", r"subscription", r"plans?\b", r"refund", r"revenue", r"payouts?",
                  r"earnings", r"commission", r"royalt", r"sale channels?"),
        # "liability will not exceed the fees you paid in the 12 months before": a cap, measured in fees
        not_context=(r"\b(?:total|aggregate|maximum|entire) liability\b", r"\bliab\w+ (?:\w+ ){0,12}?(?:not exceed|limited to|capped)"),
        quantities=True, adverse=(r"(?:early[- ])?termination fee", r"late (?:fee|charge)s?", r"non-?refundable",
                                  r"interest (?:at|of) \d", r"cancellation fee"),
    ),
    Criterion(
        id="liability", ref="terms/liability", title="Warranties, liability and indemnity",
        text="Changes to warranties and disclaimers, limits of liability, or what the user must indemnify.",
        signals=(r"limitation of liability", r"disclaimer of warrant\w+", r"indemnif\w+", r"hold (?:us )?harmless",
                 r"consequential damages", r"aggregate liability", r"\bas is\b", r"\bas available\b", r"liability (?:is|shall be) limited"),
        vocabulary=(r"liab\w+", r"warrant\w+", r"damages", r"indemn\w+", r"disclaim\w*", r"losses", r"\bcap\b"),
        context=(r"liab", r"warrant", r"damage", r"indemn", r"disclaim", r"\bloss", r"\buptime\b", r"service levels?",
                 r"\bavailability (?:of|target|commitment)"),  # "a monthly network availability of 99.9%": a commitment
        sections=(r"liabilit", r"warrant", r"indemn", r"disclaim", r"service levels?", r"\bsla\b", r"uptime", r"availability"),
        quantities=True, adverse=(r"aggregate liability", r"(?:total|maximum) liability", r"liability (?:\w+ ){0,4}?(?:shall not|will not) exceed",
                                  r"in no event", r"hold (?:us|\w+) harmless",
                                  r"(?:will|shall|are|is) not (?:be )?(?:liable|responsible) for"),
    ),
    Criterion(
        id="disputes", ref="terms/disputes", title="Governing law, courts and dispute resolution",
        text="Changes to the governing law, the courts or venue, arbitration, class-action waivers, or time limits for claims.",
        signals=(r"arbitrat\w+", r"class[- ]action", r"class (?:or|and) representative", r"jury trial", r"governing law",
                 r"exclusive jurisdiction", r"venue", r"small claims", r"opt out of arbitration"),
        vocabulary=(r"court\w*", r"jurisdiction", r"laws? of", r"disputes?", r"mediat\w+", r"lawsuits?"),
        context=(r"dispute", r"court", r"jurisdiction", r"\blaw", r"claim", r"arbitrat", r"venue"),
        sections=(r"dispute", r"governing", r"jurisdiction", r"arbitrat", r"\blaw\b"),
        statements=(r"\bbring (?:\w+ )?(?:proceedings|claims?|an? (?:action|lawsuit|claim))\b", r"\bcourts? of\b",
                    r"\bgoverned by\b", r"\bresolve (?:\w+ )?disputes?\b", r"\barbitrat\w+", r"\bsmall claims\b"),
        quantities=True,  # "resolve any dispute informally for 60 days", a year to bring a claim
        quantity_context=(r"disputes?", r"arbitrat", r"\bcourts?\b", r"proceedings", r"\b(?:bring|file|start|commence)\w* (?:\w+ ){0,2}?claims?",
                          r"informal", r"small claims", r"limitation period", r"opt(?:ing)? out of"),
        places=True, adverse=(r"arbitrat\w+", r"class[- ]action waiver", r"waive (?:\w+ ){0,3}?(?:right|jury)",
                                               r"class (?:or|and) representative", r"must be (?:filed|brought|commenced) within",
                                               r"within (?:one|1|\w+ \(\d+\)) years? (?:after|of)"),
    ),
    Criterion(
        id="termination", ref="terms/termination", title="Termination and suspension",
        text="Changes to when and how either side may end or suspend the service or an account, and what happens after.",
        signals=(r"terminat\w+(?! fees?)", r"suspen\w+", r"cancel\w*(?! fees?)", r"clos(?:e|ing|ure) (?:of )?(?:your |an )?account"),
        vocabulary=(r"notice", r"delete\w*", r"export", r"retain\w*", r"immediately", r"without (?:prior )?notice"),
        context=(r"terminat", r"suspen", r"cancel", r"\bclos", r"\bend\b", r"disabl",
                 r"\b(?:membership|subscription|agreement|contract) (?:ends|has ended)\b"),  # "when your membership ends"
        sections=(r"terminat", r"suspen", r"cancel", r"moving out", r"end of (?:your )?(?:membership|subscription|agreement)"),
        quantities=True, reductions=True,
    ),
    Criterion(
        id="content-licence", ref="terms/content", title="Your content: ownership and licence",
        text="Changes to who owns the user's content and the licence the user grants to the service (or receives).",
        signals=(r"perpetual", r"irrevocable", r"sub-?licens\w+", r"royalty[- ]free", r"worldwide", r"moral rights",
                 r"train\w* (?:[\w’'-]+ ){0,3}?(?:models?|ai|artificial intelligence|machine learning)"),
        vocabulary=(r"licen[cs]\w*", r"owner\w*", _TO_OWN, r"intellectual property", r"copyright", r"grant\w*",
                    r"your content", r"user[- ]generated"),
        context=(r"licen[cs]", r"\bown", r"content", r"copyright", r"grant", r"intellectual property"),
        sections=(r"content", r"licen[cs]", r"intellectual property", r"copyright", r"ownership"),
        quantities=True,  # "excerpts of up to two minutes" → "ten minutes": a wider licence
        quantity_context=(r"licen[cs]", r"excerpts?", r"clips?", r"previews?", r"samples?"),
        adverse=(r"perpetual", r"irrevocable", r"train\w* (?:[\w’'-]+ ){0,3}?(?:models?|ai|artificial intelligence|machine learning)",
                 r"promot\w+", r"advertis\w+", r"marketing", r"\bin any media\b", r"\bfor any purpose\b", r"commerciali[sz]\w*",
                 r"(?:ai|artificial intelligence|machine learning|model)(?: model)? training"),
    ),
    Criterion(
        id="obligations", ref="terms/obligations", title="What you must and must not do",
        text="Changes to the user's obligations: acceptable use, restrictions, eligibility (such as a minimum age).",
        signals=(r"you (?:must|shall|agree to|may not|must not|will not|are not allowed|are prohibited)",
                 r"prohibit\w*", r"\bmust be at least\b", r"minimum age", r"acceptable use"),
        vocabulary=(r"\bage\b", r"years? old", r"restrict\w*", r"abus\w+", r"spam", r"scrap\w+", r"\bbots?\b",
                    r"automated (?:means|access|requests)", r"rate limits?", r"\bapi\b"),
        context=(r"\byou (?:must|shall|may not|must not|will not|agree)", r"prohibit", r"not allowed", r"restrict",
                 r"acceptable use", r"\bage\b"),
        sections=(r"acceptable use", r"restrict", r"account terms", r"eligib", r"conduct", r"responsibilit"),
        quantities=True,  # "for orders of US$400 or more, you must provide tracking": a duty's threshold
    ),
)

# Cookie policies.
COOKIE_CRITERIA: tuple[Criterion, ...] = (
    Criterion(id="purposes", ref="cookies/purposes", title="What cookies are used for",
              text="Changes to the purposes of cookies and similar technologies.",
              signals=(r"advertis\w+", r"targeting", r"cross-(?:site|device)", r"profil\w+", r"fingerprint\w*"),
              vocabulary=(r"analytics", r"performance", r"functional", r"personali[sz]\w*", r"measure\w*", r"track\w*"),
              context=(r"cookie", r"pixel", r"tracker", r"\bsdk", r"local storage", r"purpose", r"\bused? (?:to|for)"),
              # not every heading with "cookie" in it: in a cookie policy that is every heading
              sections=(r"purpose", r"tracking", r"(?:types?|kinds?|categor\w+) of cookies", r"cookies? (?:we|that we) use",
                        r"how we use cookies", r"what (?:\w+ )?cookies (?:are|do)", r"[a-z]{3,} cookies\s*$"),
              # what a cookie, a pixel or we do with what they record: "we also use them to send you a reminder"
              statements=(r"\b(?:we|they|it|these|this|cookies?|pixels?|tags?|sdks?|scripts?|technolog\w+)\s+(?:\w+\s+){0,3}?"
                          r"(?:use[sd]?|help|allow|let|enable|track|measure|record|remember|keep)s?\b(?:\s+\w+){0,4}?\s+(?:to|for|so)\b",
                          r"\bused? (?:to|for)\b", r"\bso (?:that )?we can\b", r"\bin order to\b", r"\bfor the purposes? of\b",
                          r"\b(?:purposes?|used for|what it does|description|function)\s+—"),  # a table row's purpose cell
              data_types=DATA_TYPES, names_count=False),  # "Analytics cookies": a category's own section
    Criterion(id="providers", ref="cookies/providers", title="Who sets or receives cookie data",
              text="Changes to the third parties that set cookies or receive what they record.",
              vocabulary=(r"third[- ]part(?:y|ies)", r"partners?", r"providers?", r"vendors?", r"advertisers?"),
              context=(r"cookie", r"pixel", r"\bset\b", r"\bshar", r"provider", r"partner", r"third"),
              sections=(r"third", r"partner", r"provider"), entities=True, organisations=True, places=True,
              strong_context=(r"\bset by\b", r"\bshar", r"\bprovided by\b")),
    Criterion(id="retention", ref="cookies/retention", title="How long cookies last",
              text="Changes to how long cookies or their data are kept.",
              vocabulary=(r"expir\w+", r"session", r"persistent", r"retain\w*", r"kept"),
              context=(r"expir", r"last", r"durat", r"retain", r"kept", r"persist", r"session", r"lifetime", r"life ?span",
                       r"how long", r"valid for", r"max-age"),
              sections=(r"retention", r"duration", r"how long"), quantities=True, keeping=True),
    Criterion(id="choices", ref="cookies/choices", title="Your choices about cookies",
              text="Changes to how the reader accepts, refuses or withdraws consent to cookies.",
              signals=(r"opt[- ]out", r"withdraw", r"do not track", r"global privacy control", r"consent",
                       r"without (?:\w+ ){0,3}?(?:consent|agreement|permission)"),  # "are also set without consent"
              vocabulary=(r"settings", r"banner", r"preferences", r"browser", r"block\w*", r"disabl\w+", r"refus\w+"),
              context=(r"consent", r"choice", r"refus", r"block", r"disabl", r"opt", r"withdraw", r"setting"),
              sections=(r"choice", r"control", r"manage", r"consent", r"opt"), channels=CHANNELS, reductions=True),
)

CRITERIA_BY_TYPE: dict[str, tuple[Criterion, ...]] = {
    "privacy": DEFAULT_CRITERIA, "terms": TERMS_CRITERIA, "cookies": COOKIE_CRITERIA, "other": (),
}
_OPTION_TYPES = {
    "ref": str, "title": str, "text": str, "signals": list, "vocabulary": list, "patterns": list,
    "context_patterns": list, "context": list, "not_context": list, "sections": list, "entities": bool,
    "places": bool, "quantities": bool, "quantity_context": list, "whole_blocks": bool, "channels": list, "statements": list,
    "names_count": bool, "strong_context": list, "enumerations": bool, "organisations": bool,
    "data_types": list, "reductions": bool, "adverse": list, "catch_all": bool, "keeping": bool, "authorities": bool,
}


class CriteriaSets(dict):
    """The criteria of each document type (type -> criteria), as configured for a site."""

    def of(self, kind: str) -> tuple[Criterion, ...]:
        return self.get(kind, ())

    @property
    def every(self) -> tuple[Criterion, ...]:
        """Every criterion of every type, once (pages and reports name criteria by id)."""
        seen: dict[str, Criterion] = {}
        for criteria in self.values():
            for criterion in criteria:
                seen.setdefault(criterion.id, criterion)
        return tuple(seen.values())

    @classmethod
    def from_value(cls, value: "CriteriaSets | tuple[Criterion, ...] | None") -> "CriteriaSets":
        """Sets from a configured value; a plain tuple is the privacy set (the other types keep their defaults)."""
        if isinstance(value, CriteriaSets):
            return value
        sets = cls(CRITERIA_BY_TYPE)
        if value is not None:
            sets["privacy"] = tuple(value)
        return sets


def configure(options: list[dict[str, Any]] | None, *, source: str = "mkdocs.yml",
              use_defaults: bool = True) -> CriteriaSets:
    """The criteria in force for each document type: the defaults, with entries of `options` (each for
    the type its `type:` names, `privacy` by default) overriding a criterion by id or adding one."""
    sets = {kind: ({c.id: c for c in criteria} if use_defaults else {}) for kind, criteria in CRITERIA_BY_TYPE.items()}
    for index, entry in enumerate(options or []):
        where = f"policypress: criteria[{index}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str) or not entry["id"].strip():
            raise PolicyError(f"{where} must be a mapping with an 'id'", path=source,
                              fix="write for example '- id: recipients' followed by the keys to change")
        kind = entry.get("type", "privacy")
        if kind not in sets:
            raise PolicyError(f"{where} ({entry['id']}): unknown type {kind!r}", path=source,
                              fix=f"use one of: {', '.join(sets)}")
        criteria = sets[kind]
        unknown = set(entry) - set(_OPTION_TYPES) - {"id", "type"}
        if unknown:
            raise PolicyError(f"{where} ({entry['id']}): unknown key(s) {', '.join(sorted(unknown))}", path=source,
                              fix=f"use only: id, type, {', '.join(_OPTION_TYPES)}")
        values: dict[str, Any] = {}
        for key, expected in _OPTION_TYPES.items():
            if key not in entry:
                continue
            value = entry[key]
            if expected is list:
                if isinstance(value, str):
                    value = [value]
                if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                    raise PolicyError(f"{where} ({entry['id']}): '{key}' must be a list of strings", path=source,
                                      fix=f"write '{key}: [\"...\", \"...\"]'")
                for pattern in value:
                    try:
                        re.compile(pattern)
                    except re.error as exc:
                        raise PolicyError(f"{where} ({entry['id']}): '{key}' has an invalid regular expression "
                                          f"{pattern!r}: {exc}", path=source, fix="correct the pattern") from None
                value = tuple(value)
            elif not isinstance(value, expected):
                raise PolicyError(f"{where} ({entry['id']}): '{key}' must be a {expected.__name__}", path=source,
                                  fix=f"correct '{key}'")
            values[key] = value
        existing = criteria.get(entry["id"])
        if existing is not None:
            criteria[entry["id"]] = replace(existing, **values)
        else:
            missing = [k for k in ("ref", "title", "text") if k not in values]
            if missing:
                raise PolicyError(f"{where}: new criterion {entry['id']!r} needs {', '.join(missing)}", path=source,
                                  fix="give a new criterion its ref, title and the text of the rule it applies")
            criteria[entry["id"]] = Criterion(id=entry["id"], **values)
    return CriteriaSets({kind: tuple(criteria.values()) for kind, criteria in sets.items()})
