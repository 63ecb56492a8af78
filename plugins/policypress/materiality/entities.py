"""Named things in a policy, with their types: which capitalised names are parties (organisations that
can own the service or receive data), which are places, and which are not parties at all (statutes,
regulators, courts, programmes, states and provinces, the policy's own headings and defined terms).

Capital letters alone say little in a legal text: "California", "Foreign Intelligence Surveillance",
"BBB EU Privacy Shield" and "Personal Data" are all capitalised and none of them receives anything.
A name is a party when something says so: a corporate form, a known processor or platform, an
apposition ("X, a provider of…"), a role ("operated by X"), or a place in a list of recipients.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

ORGANISATION = "organisation"
PLACE = "place"
NOT_A_PARTY = "not a party"
UNKNOWN = "name"

# Words that make a name a law, an authority, a court, a programme or a document: never a party.
_INSTITUTION_WORDS = frozenset(
    "Act Acts Law Laws Code Regulation Regulations Directive Directives Statute Ordinance Decree Amendment "
    "Rule Rules Bill Treaty Convention Charter Constitution Framework Frameworks Shield Clauses Principles "
    "Guidelines Guidance Standard Standards Certification Program Programs Programme Programmes Seal Safe Harbor Harbour "
    "Court Courts Tribunal Judge Commission Commissioner Commissioners Authority Authorities Board Bureau "
    "Ombudsman Agency Ministry Parliament Congress Council Senate Assembly Government Administration "
    "Department Supervisory Regulator Surveillance Intelligence Enforcement Protection Privacy Data "
    "Policy Policies Statement Notice Terms Agreement Addendum Appendix Schedule Section Article Exhibit "
    "Chapter Part Clause Annex Glossary Definitions FAQ Help Docs Documentation Settings Dashboard Center "
    "Centre Page Pages Form Forms Portal Team Office Officer Representative Request Requests Rights".split())
# Words of an institution's name that companies use too ("Rivergate Data GmbH", "Fairlane Privacy
# Services Ltd"): with a corporate form, still a company.
_TRADE_WORDS = frozenset("Data Privacy Protection Intelligence Help Center Centre Docs Standard Standards Safe Harbor "
                         "Harbour Framework Program Programme Team Office Portal Rights".split())
# Parties everybody names: processors, platforms, clouds and the like (a name listed here is an
# organisation without needing a corporate form).
KNOWN_ORGANISATIONS = frozenset(
    "Google Alphabet YouTube Microsoft Azure LinkedIn GitHub npm Amazon AWS Meta Facebook Instagram WhatsApp "
    "Apple Twitter Reddit TikTok ByteDance Snap Snapchat Pinterest Bing Yahoo Oracle IBM SAP Adobe Salesforce "
    "Slack Zendesk Mailchimp Intuit Twilio SendGrid Mailgun Postmark Cloudflare Fastly Akamai Segment "
    "Mixpanel Amplitude Hotjar FullStory Heap Intercom HubSpot Marketo Stripe PayPal Braintree Adyen Klarna "
    "Square Shopify WooCommerce Okta Auth0 Sentry Datadog Splunk Heroku DigitalOcean Linode Rackspace "
    "OpenAI Anthropic Riskified Forter Sift Signifyd Kount Tealium Optimizely Criteo Taboola Outbrain "
    "Quantcast Nielsen Comscore comScore Chartbeat Automattic Tumblr Gravatar Jetpack Akismet Basecamp "
    "37signals Zoom Dropbox Box Atlassian Jira Trello Asana Notion Airtable Calendly DocuSign Plaid Yodlee "
    "Experian Equifax TransUnion Visa Mastercard Discover Alipay WeChat Tencent Alibaba Baidu Huawei Xiaomi "
    "Samsung Sony Nvidia Intel Cisco Verizon AT&T Vodafone Telefonica Orange Deutsche Telekom Contoso "
    "Fabrikam Hetzner OVH Backblaze Wasabi Vercel Netlify Algolia Elastic MongoDB Snowflake Databricks "
    "Twitch Discord Telegram Signal Spotify Netflix Uber Lyft Airbnb eBay Etsy Yelp Gusto Workday BambooHR "
    "Greenhouse Lever ZoomInfo Clearbit Gong Drift Qualtrics SurveyMonkey Typeform Mailjet Brevo Sendinblue "
    "Customer.io Iterable Braze OneSignal Firebase Crashlytics Bugsnag Rollbar Honeybadger Cloudinary Imgix "
    "Mux Vimeo Wistia Loom Grammarly DeepL Recurly Chargebee Paddle Avalara TaxJar Zuora Bill.com".split()
) | {"Amazon Web Services", "Google Cloud", "Google Analytics", "Google Ads", "Microsoft Azure",
     "Meta Platforms", "Deutsche Telekom", "New Relic", "Help Scout", "Parse.ly", "Vaultpress"}
_CORPORATE = re.compile(r"\b(?:Inc|Ltd|LLC|LLP|L\.L\.C|GmbH|AG|SA|SAS|SARL|BV|B\.V|NV|N\.V|plc|PLC|Corp|Corporation|"
                        r"A/S|ApS|SE|KG|OHG|GbR|KGaA|UG|Oyj|S\.r\.l|Srl|SRL|Sp\. z o\.o|s\.r\.o|Kft|Zrt|Ltda|Lda|S\.A\.S|"
                        r"Co|Company|Group|Holdings?|Limited|Pte|Pty|Pvt|KK|K\.K|S\.A|S\.p\.A|SpA|S\.L|AB|ASA|Oy|"
                        r"Technologies|Labs|Partners|Ventures|Capital)\b\.?")
_ROLE_BEFORE = re.compile(r"(?:operated|owned|provided|controlled|acquired|hosted|processed|run|powered|offered|"
                          r"managed|supplied) by\s*$|(?:acquisition of|merger with|merged with|merge with|"
                          r"subsidiary of|affiliate of|part of|sold to|partner(?:ed)? with|(?:use|uses|using|engage|"
                          r"engages|hire|hires|share [\w ]{0,40} with|such as|including|like|namely|e\.g\.,?)|"
                          r"providers?(?: such as| like| including)?|processors?(?: such as| like)?|"
                          # a table's party column: "Provider — Chatterly" (see diff.blocks.row_text)
                          r"(?:provider|processor|vendor|recipient|partner|supplier|company|third part(?:y|ies)|"
                          r"set by|operator)s? —)\s*$", re.I)
_ROLE_AFTER = re.compile(r"^\s*,?\s*(?:\(\s*[\"“]?\w+[\"”]?\s*\)\s*,?\s*)?(?:(?:an?|our|the) (?:\w+[- ]){0,3}?"
                         r"(?:provider|company|processor|vendor|service|platform|partner|network|subsidiary|"
                         r"affiliate|firm|business|group|operator|controller)\b|(?:which|who|that) (?:\w+ )?(?:provides?|"
                         r"delivers?|process(?:es)?|hosts?|helps?|handles?|operates?|runs?|supports?|stores?|sends?))", re.I)

_FORM_AFTER = re.compile(r"^\s*(?:,\s*(?:Inc|LLC|L\.L\.C|LLP|Ltd|Limited|Corp|plc|Lda|Ltda|S\.A|SA|S\.L|S\.r\.l|GmbH|B\.V|BV|N\.V|AG|AB|"
                         r"Oy|A/S|ApS|S\.p\.A|SAS|SARL|Pty|Pte|K\.K|Co\., Ltd)|(?:(?:Group|Holdings?) )?(?:plc|Group plc))\b\.?")

PLACES = (
    "Afghanistan Albania Algeria Argentina Armenia Australia Austria Azerbaijan Bahrain Bangladesh Belarus "
    "Belgium Bolivia Brazil Bulgaria Cambodia Cameroon Canada Chile China Colombia Croatia Cuba Cyprus Czechia "
    "Denmark Ecuador Egypt Estonia Ethiopia Finland France Georgia Germany Ghana Greece Hungary Iceland India "
    "Indonesia Iran Iraq Ireland Israel Italy Japan Jordan Kazakhstan Kenya Korea Kuwait Latvia Lebanon "
    "Lithuania Luxembourg Malaysia Malta Mexico Moldova Morocco Netherlands Nigeria Norway Oman Pakistan "
    "Panama Peru Philippines Poland Portugal Qatar Romania Russia Serbia Singapore Slovakia Slovenia Spain "
    "Sweden Switzerland Taiwan Thailand Tunisia Turkey Türkiye Ukraine Uruguay Venezuela Vietnam Africa Asia "
    "Europe America Americas Andorra Angola Bahamas Barbados Bermuda Bhutan Bosnia Botswana Brunei Fiji Gibraltar "
    "Greenland Guatemala Guernsey Haiti Honduras Jamaica Kosovo Kyrgyzstan Laos Libya Liechtenstein Madagascar "
    "Maldives Mauritius Monaco Mongolia Montenegro Mozambique Myanmar Namibia Nepal Nicaragua Paraguay Rwanda "
    "Samoa Senegal Seychelles Sudan Syria Tajikistan Tanzania Turkmenistan Uganda Uzbekistan Yemen Zambia "
    "Zimbabwe Oceania Scandinavia"
).split() + ["Cabo Verde", "Cape Verde", "Costa Rica", "Dominican Republic", "El Salvador", "Sri Lanka",
             "North Macedonia", "Côte d'Ivoire", "Côte d’Ivoire", "Ivory Coast", "Papua New Guinea",
             "Trinidad and Tobago", "Czech Republic", "South Korea", "Republic of Korea", "San Marino",
             "Sierra Leone", "Burkina Faso", "Timor-Leste", "Isle of Man", "Cayman Islands", "Faroe Islands",
             "Channel Islands", "Vatican City", "New Caledonia"] + ["United States", "United Kingdom", "United Arab Emirates", "Saudi Arabia", "South Africa",
             "New Zealand", "Hong Kong", "Macau", "European Union", "European Economic Area", "EEA", "EU", "USA",
             "U.S.", "US", "UK", "People's Republic of China", "People’s Republic of China", "mainland China",
             "Mainland China", "Latin America", "Middle East", "Switzerland"]
# States, provinces and territories: places of law (a state's privacy act), not places data goes to.
REGIONS = frozenset(
    "Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia Hawaii Idaho "
    "Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota "
    "Mississippi Missouri Montana Nebraska Nevada Hampshire Jersey Mexico York Carolina Dakota Ohio Oklahoma "
    "Oregon Pennsylvania Rhode Island Tennessee Texas Utah Vermont Virginia Washington Wisconsin Wyoming "
    "Columbia Quebec Québec Ontario Alberta Manitoba Saskatchewan Nova Scotia Brunswick Newfoundland Labrador "
    "Yukon Nunavut Territories Queensland Victoria Tasmania Wales Scotland England Bavaria Catalonia Puerto "
    "Rico Guam".split()) | {"New York", "New Jersey", "New Hampshire", "New Mexico", "North Carolina",
                           "South Carolina", "North Dakota", "South Dakota", "West Virginia", "Rhode Island",
                           "British Columbia", "Nova Scotia", "New Brunswick", "Puerto Rico",
                           "District of Columbia", "Northern Ireland"}
_PLACE = re.compile(r"(?<![\w.])(?=[A-Zm])(?:" + "|".join(re.escape(p) for p in sorted(PLACES, key=len, reverse=True))
                    + r")(?![\w])")
_CAPITALISED = re.compile(r"\b(?:[A-Z0-9][\w&'’./-]*[\w&]|[A-Z])(?:\s+(?:[A-Z0-9][\w&'’./-]*[\w&]|of|and|&|de|la|du|for))*")
_JOINERS = ("of", "and", "&", "de", "la", "du", "for")
# Capitalised words that open sentences or name the policy's own things: never a name on their own.
COMMON_CAPITALS = frozenset(
    "We Our Us You Your If The This These That Those It Its In On At By For To Of And Or But As When Where "
    "Please Unless Although However Such Any All Each Every No Not Since After Before While With Without From "
    "Other Personal Information Policy Privacy Platform Services Service Software Agreement User Users "
    "Internet Cookies Cookie Flash App Apps Website Websites Site Sites Terms Conditions Statement Data "
    "Protection Rights Right Account Official Store Product Products Notices Revisions Intellectual Property "
    "License Declaration Logo Children Child Agree Operator Office Officer Team Department There They Their "
    "Following January February March April May June July August September October November December "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday GPS MAC IP SSL TLS URL ID API SMS AI CNY RMB "
    "USD EUR GBP JPY FAQ PDF VAT CAPTCHA FISA GDPR UK-GDPR CCPA CPRA COPPA HIPAA PIPL LGPD PIPEDA DPA Art Article "
    "Section Regulation Directive Act Note Learn More Read See Here Yes Also Some Most Many Both Either Neither "
    "Content Customer Customers Member Members Visitor Visitors Subscriber Subscribers Affiliates Partners "
    "Vendors Processors Subprocessors Controller Processor Business Businesses Company Companies Group".split())


# Words that open a capitalised run without being part of the name ("The", "Our", "Residents of").
_OPENERS = frozenset("The This These That Our Your We You If When Where In On At By For To Of And Or As With From "
                     "Because Since Although Though Unless While Whereas Once After Before Until Whether Only Also "
                     "Residents Citizens People Users Customers Members Individuals Consumers Visitors".split())


@dataclass(frozen=True)
class Name:
    text: str
    kind: str  # ORGANISATION, PLACE, NOT_A_PARTY or UNKNOWN
    why: str  # what made it that kind, for evidence


def _strip_common(parts: list[str]) -> list[str]:
    while parts and (parts[0] in COMMON_CAPITALS or parts[0] in _JOINERS):
        parts.pop(0)
    while parts and (parts[-1] in COMMON_CAPITALS or parts[-1] in _JOINERS):
        parts.pop()
    return parts


def _region(name: str) -> bool:
    return name in REGIONS or all(p in REGIONS or p in ("North", "South", "West", "East", "New") for p in name.split())


# The head of a law's title, whose subject follows ("Act against Unfair Competition", "Law on Data Protection").
_LAW_OF = re.compile(r"\b(?:Act|Acts|Law|Code|Regulation|Directive|Ordinance|Statute|Decree) (?:against|on|for|of|to|"
                     r"concerning|regarding|relating to) (?:the )?$")


AUTHORITY_WORDS = frozenset("Commissioner Commissioners Authority Authorities Ombudsman Ombudsperson Agency Commission "
                            "Board Bureau Regulator Tribunal Inspectorate Garante".split())


def authority(name: Name) -> bool:
    """Whether a name is a public body a complaint may go to ("Federal Data Protection and Information Commissioner")."""
    return name.kind == NOT_A_PARTY and any(w.strip("’'s") in AUTHORITY_WORDS for w in name.text.split())


class Namer:
    """Types the names of one document pair. `headings` and `defined` are the policy's own terms;
    `common` the words it also writes in lower case (a capitalised phrase of them is not a name)."""

    def __init__(self, headings: set[str] = frozenset(), defined: set[str] = frozenset(),
                 common=frozenset(), own=frozenset()):
        self.headings = {" ".join(h.split()).lower() for h in headings}
        self.defined = {d.lower() for d in defined}
        # `common` and `own` may be given as functions: computed only if a name needs them
        self._common, self._own = common, own

    @functools.cached_property
    def common(self) -> frozenset[str]:
        return frozenset(self._common() if callable(self._common) else self._common)

    @functools.cached_property
    def own(self) -> frozenset[str]:
        return frozenset(self._own() if callable(self._own) else self._own)

    def is_own(self, name: str) -> bool:
        """Whether a name is the company's own (its brands and entities): "we", not a recipient."""
        first = name.split()[0]
        return any(first == o or (len(o) >= 3 and first.startswith(o)) for o in self.own)

    def kind(self, name: str, before: str = "", after: str = "") -> Name:
        parts = name.split()
        if (_CORPORATE.search(name) or (len(parts) >= 2 and parts[-1] == "AS" and not name.isupper())) and \
                not any(w in _INSTITUTION_WORDS - _TRADE_WORDS for w in parts[:-1]):
            return Name(name, ORGANISATION, "corporate form")  # "Samtykke Solutions AS": Norway's form, last
        if name in KNOWN_ORGANISATIONS or any(p in KNOWN_ORGANISATIONS for p in parts) \
                or any(" ".join(parts[i:i + 2]) in KNOWN_ORGANISATIONS for i in range(len(parts) - 1)):
            if not any(w in _INSTITUTION_WORDS for w in parts):
                return Name(name, ORGANISATION, "known processor or platform")
        if _PLACE.fullmatch(name):
            return Name(name, PLACE, "country or region")
        if _region(name):
            return Name(name, NOT_A_PARTY, "state or province")
        if any(w in _INSTITUTION_WORDS for w in parts) and not _FORM_AFTER.match(after[:12]):
            return Name(name, NOT_A_PARTY, "law, authority, programme or document")
        if _LAW_OF.search(before[-40:]):
            return Name(name, NOT_A_PARTY, "law, authority, programme or document")  # "the Act against Unfair Competition"
        low = name.lower()
        if low in self.headings or low in self.defined:
            return Name(name, NOT_A_PARTY, "a heading or defined term of the policy")
        if self.common and all(p.lower() in self.common for p in parts):
            return Name(name, NOT_A_PARTY, "ordinary words")
        if _FORM_AFTER.match(after[:12]):
            return Name(name, ORGANISATION, "corporate form")  # "Lakeshore Pharmacy Group, LLC"
        if _ROLE_BEFORE.search(before[-60:]) or _ROLE_AFTER.match(after[:80]):
            return Name(name, ORGANISATION, "named in a role")
        return Name(name, UNKNOWN, "capitalised name")

    def names(self, text: str) -> list[Name]:
        """Every name of a sentence with its kind (a sentence-opening single word is not a name)."""
        found: dict[str, Name] = {}
        lead = re.match(r"^[\s\-*•]*(?:\(?[ivxlcdm]+\)|\(?[a-z0-9]{1,3}[.)]|\d+(?:\.\d+)*)?\s*", text, re.I)
        start = lead.end() if lead else 0
        for match in _CAPITALISED.finditer(text):
            raw = match.group(0).strip(" .'’")
            if match.start() <= start and " " not in raw and not _CORPORATE.search(raw) \
                    and raw not in KNOWN_ORGANISATIONS and not _FORM_AFTER.match(text[match.end():match.end() + 12]):
                continue  # the sentence's first word
            if match.start() > 0 and text[match.start() - 1] in "\"“'‘":
                continue  # a quoted title or a defined term
            words = raw.split()
            while words and (words[0] in _OPENERS or words[0] in _JOINERS):
                words.pop(0)
            full = " ".join(words)
            if len(words) > 1 and any(w in _INSTITUTION_WORDS for w in words[1:]) and not _CORPORATE.search(full) and \
                    not _FORM_AFTER.match(text[match.end():match.end() + 12]):
                found.setdefault(full, Name(full, NOT_A_PARTY, "law, authority, programme or document"))
                continue  # "Data Protection Commission", "Foreign Intelligence Surveillance Act"
            if full in KNOWN_ORGANISATIONS:
                found.setdefault(full, Name(full, ORGANISATION, "known processor or platform"))
                continue
            parts = _strip_common(words)
            if not parts or (len(parts) == 1 and len(parts[0]) < 2):
                continue
            name = " ".join(parts)
            if _CORPORATE.fullmatch(name):
                continue  # "L.L.C", "Inc": the form of the name before it
            if re.search(r"\d", name) and not _CORPORATE.search(name) and name not in KNOWN_ORGANISATIONS:
                continue  # "Section 4", "2FA", dates
            if re.search(r"(?:Ave|Avenue|St|Street|Rd|Road|Blvd|Boulevard|Suite|PMB|Box|Floor|Lane|Drive)\b", name):
                continue  # an address
            pieces = [p.strip() for p in re.split(r"\s+and\s+", name)]
            if len(pieces) > 1 and any(p in KNOWN_ORGANISATIONS or p.split()[0] in KNOWN_ORGANISATIONS
                                       or _CORPORATE.search(p) or _PLACE.fullmatch(p) for p in pieces if p):
                for piece in pieces:  # "Forter and Riskified": two companies, not one
                    found.setdefault(piece, self.kind(piece, text[:match.start()], text[match.end():]))
                continue
            if name not in found:
                found[name] = self.kind(name, text[:match.start()], text[match.end():])
        for match in _PLACE.finditer(text):
            found.setdefault(match.group(0), Name(match.group(0), PLACE, "country or region"))
        return list(found.values())

    def parties(self, text: str) -> set[str]:
        """The organisations a sentence names."""
        return {n.text for n in self.names(text) if n.kind == ORGANISATION}

    def candidates(self, text: str) -> set[str]:
        """Organisations and untyped names: what may be a party when the sentence gives it a role."""
        return {n.text for n in self.names(text) if n.kind in (ORGANISATION, UNKNOWN)}


def renamed(gone: set[str], new: set[str]) -> set[str]:
    """Names that only changed their form ("WooCommerce Payments" → "WooPayments", "Acme Inc" → "Acme,
    Inc."): pairs that share a word or a long prefix are a rename, not a party removed and another added."""
    def parts(name: str) -> set[str]:
        return {p.lower() for p in re.findall(r"[A-Za-z0-9]+", _CORPORATE.sub(" ", name)) if len(p) > 1}

    paired = set()
    for a in gone:
        for b in new:
            pa, pb = parts(a), parts(b)
            prefix = len(_common_prefix(a.lower(), b.lower())) >= 3
            sa, sb = "".join(sorted(pa)), "".join(sorted(pb))
            inside = any(len(x) >= 5 and any(x in y for y in pb | {sb}) for x in pa) or \
                any(len(y) >= 5 and any(y in x for x in pa | {sa}) for y in pb)
            if pa & pb or prefix or inside:
                paired.update((a, b))
    return paired


def _common_prefix(a: str, b: str) -> str:
    size = 0
    while size < min(len(a), len(b)) and a[size] == b[size]:
        size += 1
    return a[:size]


CORPORATE = _CORPORATE
FORM_AFTER = _FORM_AFTER  # "Azure Loyalty, Lda.": the form written after the name
# One pass to tell whether a text may name a company at all (most sentences name none).
MAYBE_COMPANY = re.compile(_CORPORATE.pattern + "|" + r"(?<![\w-])(?:" + "|".join(
    re.escape(name) for name in sorted(KNOWN_ORGANISATIONS, key=len, reverse=True)) + r")(?![\w-])")


def places(text: str) -> set[str]:
    """Countries and world regions a text names (states and provinces are places of law, not of data)."""
    return {m.group(0) for m in _PLACE.finditer(text)}


_DEFINED = re.compile(r"[\"“]([A-Z][\w’'&-]*(?:\s+[A-Z\w][\w’'&-]*){0,4})[\"”]|\*\*([A-Z][^*]{1,60})\*\*")


@functools.lru_cache(maxsize=16)
def defined_terms(text: str) -> frozenset[str]:
    """Terms the policy defines ("Personal Data", **Service**): its own vocabulary, not parties."""
    return frozenset((a or b).strip() for a, b in _DEFINED.findall(text))


_WORD = re.compile(r"\b[A-Z0-9][\w&]*[A-Za-z][\w&]*\b")


@functools.lru_cache(maxsize=16)
def own_names(text: str, opening: int = 2000, least: int = 5) -> frozenset[str]:
    """The company's own names: capitalised words its policy opens with and repeats throughout
    ("GitHub", "37signals", "Automattic")."""
    counts: dict[str, int] = {}
    for match in _WORD.finditer(text):
        counts[match.group(0)] = counts.get(match.group(0), 0) + 1
    head = set(_WORD.findall(text[:opening]))
    # "How", "United": words the text writes in lower case about as often (outside addresses such as github.com)
    lower: dict[str, int] = {}
    for word in re.findall(r"(?<![\w./@-])[a-z][\w&]*(?![\w./@-])", text):
        lower[word] = lower.get(word, 0) + 1
    frequent = {w for w, n in counts.items() if n >= 2 * least}  # the brands a long policy keeps naming
    return frozenset(w for w in head | frequent if (counts.get(w, 0) >= least or w in frequent) and w not in COMMON_CAPITALS
            and not w.isupper() and w not in _INSTITUTION_WORDS and not _PLACE.fullmatch(w) and w not in REGIONS
            and w.lower() not in _LOWER_COMMON and 3 * lower.get(w.lower(), 0) < counts.get(w, 0))


_LOWER_COMMON = frozenset("we our you your the this these that information data privacy policy services".split())
