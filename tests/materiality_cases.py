"""Blind, independently labelled evaluation set for material-change detection.

Every case is a realistic edit of the BODY of ``policy/privacy.md`` (the text after the front
matter).  Each edit is ``(old, new)``: ``old`` is an exact substring that occurs exactly once in the
current text, and is replaced by ``new``.  Edits of a case are applied in order.

Labels follow section 8 of the demo policy (see ``tests/labels/README.md``):

=====================  =====  ==========================================================
id                     ref    a change to ...
=====================  =====  ==========================================================
service-model          8(i)   purposes, types of personal information, ways it is used
ownership              8(ii)  ownership / organisational structure, new controller
recipients             8(iii) main recipients: third parties, processors, places of storage
user-rights            8(iv)  the reader's rights and how they are exercised
responsible-contact    8(v)   responsible department, contact method, complaint channel
high-risk              8(vi)  an impact assessment that indicates high risk
=====================  =====  ==========================================================

``consent_required`` is True only when the change reduces the reader's rights (a right removed or
narrowed, a longer deadline, a new fee, fewer channels, consent no longer asked, broader
exceptions to rights).  Every such case also carries ``user-rights``.

Labelling conventions used here (so that the labels are consistent):

* adding a contact detail, department or complaint channel is ``responsible-contact`` only;
  removing the only complaint channel also narrows how rights are exercised, so it is
  ``responsible-contact`` + ``user-rights`` with consent required;
* a new purpose, data category or way of use is ``service-model`` (no consent flag: it does not
  take away a right the reader has under the Policy);
* a new processor, recipient category or storage/transfer location is ``recipients``;
* a new controller, merger, acquisition, bankruptcy or restructuring is ``ownership``;
* formatting, whitespace, punctuation, typo and case fixes, reordering and moved text are not
  material (empty criteria).

Run ``python tests/materiality_cases.py`` to check that every edit applies to the current demo
policy and to print label counts.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

CRITERIA = (
    "service-model",
    "ownership",
    "recipients",
    "user-rights",
    "responsible-contact",
    "high-risk",
)


@dataclass(frozen=True)
class Case:
    id: str
    edits: list[tuple[str, str]]
    criteria: frozenset[str]
    consent_required: bool
    note: str


def _c(*ids: str) -> frozenset[str]:
    return frozenset(ids)


NONE: frozenset[str] = frozenset()

# Frequently used anchors (exact text of the demo policy body).
_DUP = (
    'If you do not agree to this Policy, please do not use the Platform Services. By clicking "Agree" '
    "and using any of the services provided on the Platform, you agree that we may lawfully use and "
    "protect your personal information in accordance with this Policy."
)
_P12_XII = "- (xii) Other uses for which we have your consent."
_P11_C = (
    "    - (c) Information contained in the content you upload through our Platform, such as the date, "
    "time and location of the shared photos or videos taken or uploaded."
)
_S31_10_END = (
    "You are solely responsible for any personal information you choose to upload to the public "
    "areas of the software."
)
_S9_B = (
    "b. For general inquiries or complaints about privacy issues, please contact us via website "
    "customer service."
)
_S8_P1_END = (
    "and please also visit our platform to keep up to date with the latest Privacy Policy."
)
_S41_P1 = (
    "To ensure the security of your personal information, we strive to protect your personal "
    "information from disclosure, destruction or loss by implementing a variety of reasonable "
    "physical, electronic and managerial security measures, such as SSL, encrypted storage of "
    "information, and data center access control."
)
_S42_CHINA = (
    "We will store your personal information collected in the People's Republic of China "
    '(hereinafter referred to as "China") in accordance with the laws and regulations.'
)
_S56 = (
    "### 5.6 Right to portability of personal information\n\n"
    "You have the right to request to receive your personal information collected by us and the "
    "right to send such personal information to other data controllers."
)
_S58_CANNOT_VI = "- (vi) where trade secrets are involved."
_S22_FORTER_END = "which will be submitted for real-time and automatic fraud assessment."


CASES: list[Case] = [
    # ------------------------------------------------------------------ service-model (8(i))
    Case(
        "sm-ai-training-purpose",
        [(_P12_XII, _P12_XII + "\n- (xiii) To train and improve our artificial intelligence and "
          "machine learning models, including generative AI features, using the content you upload "
          "and your interactions with our services.")],
        _c("service-model"), False,
        "New purpose of processing (training AI models) added to the list of uses in 1.2.",
    ),
    Case(
        "sm-advertising-profiles",
        [("We may use the foregoing information to push you ads that may be of interest to you,",
          "We may combine the foregoing information with your browsing activity to build an "
          "advertising profile of your interests and use it to push you ads that may be of interest "
          "to you,")],
        _c("service-model"), False,
        "New way of using information: building advertising/interest profiles from combined data.",
    ),
    Case(
        "sm-biometric-face-data",
        [(_P11_C, _P11_C + "\n- (xii) Facial recognition data, such as the geometry of your face, "
          "when you choose to verify your identity by taking a selfie.")],
        _c("service-model"), False,
        "New category of personal information collected (biometric facial data).",
    ),
    Case(
        "sm-precise-location-background",
        [("language, geolocation information, device manufacturer and model,",
          "language, precise geolocation information (GPS coordinates) collected continuously, "
          "including while the app runs in the background, device manufacturer and model,")],
        _c("service-model"), False,
        "Widened collection: coarse geolocation becomes precise, continuous background location.",
    ),
    Case(
        "sm-contacts-upload",
        [("- (vi) Facilitating social sharing features.",
          "- (vi) Facilitating social sharing features, including reading and uploading the contact "
          "list (address book) on your phone to suggest friends who also use our services.")],
        _c("service-model"), False,
        "New data category (phone contacts) and new use (friend suggestions) placed in the 1.2 purposes list.",
    ),
    Case(
        "sm-voice-recordings",
        [("such as your name, cell phone number, email address, home address, questionnaire.",
          "such as your name, cell phone number, email address, home address, questionnaire, and "
          "recordings of your voice when you call our customer service hotline.")],
        _c("service-model"), False,
        "New category of personal information (voice recordings of calls).",
    ),
    Case(
        "sm-health-data-in-intro",
        [("We may collect, store and use the personal information listed below under different "
          "circumstances.",
          "We may collect, store and use the personal information listed below under different "
          "circumstances. If you use our fitness features, we also collect health data such as your "
          "heart rate, sleep patterns and daily step count.")],
        _c("service-model"), False,
        "New category of (sensitive) personal information: health data.",
    ),
    Case(
        "sm-automated-decisions",
        [("- (vii) To provide you with personalized service.",
          "- (vii) To provide you with personalized service, and to make automated decisions, based "
          "on profiling of your purchase history and behavior, about which discounts, promotions and "
          "payment methods are offered to you.")],
        _c("service-model"), False,
        "New way of use: automated decision-making and profiling.",
    ),
    Case(
        "sm-remove-marketing-purpose",
        [("- (viii) To provide you with relevant information about our products and services or the "
          "products or services of our affiliates or other third parties, and to push seminars or "
          "interest groups related to products and services to you.\n", "")],
        _c("service-model"), False,
        "A purpose of processing is removed; a change to the purposes is material even if it narrows them.",
    ),
    Case(
        "sm-cookies-capture-more",
        [("The cookies technology used by does not capture personal email addresses or any personal "
          "information.",
          "The cookies technology used by may capture your email address, device identifiers and "
          "your browsing history on other websites.")],
        _c("service-model"), False,
        "Widened collection placed in the cookies section: cookies now capture personal information.",
    ),
    Case(
        "sm-emotion-analysis-in-security",
        [("monitoring their operation and other measures.",
          "monitoring their operation and other measures. We also analyze the photos and videos you "
          "upload to infer your mood and emotional state so that we can recommend content to you.")],
        _c("service-model"), False,
        "New purpose and new inferred data (emotion analysis) hidden in the security section 4.1.",
    ),
    # ------------------------------------------------------------------ ownership (8(ii))
    Case(
        "own-merger-announced",
        [("If you have any questions about this Policy, you can contact us through the contact "
          "information posted on our Platform.",
          "If you have any questions about this Policy, you can contact us through the contact "
          "information posted on our Platform.\n\nOn 1 March 2027 the Platform Operator merged with "
          "Nimbus Holdings Ltd.; the merged company continues to provide the Platform Services under "
          "this Policy.")],
        _c("ownership"), False,
        "Merger of the operating company announced (change of ownership).",
    ),
    Case(
        "own-acquired-parent",
        [("or we may require that the company or organization to seek your authorized consent again.",
          "or we may require that the company or organization to seek your authorized consent again."
          "\n\nThe Platform Operator has been acquired by Orion Group Inc. and is now its wholly owned "
          "subsidiary.")],
        _c("ownership"), False,
        "Acquisition: a new parent company owns the operator.",
    ),
    Case(
        "own-bankruptcy-administrator",
        [(_S8_P1_END, _S8_P1_END + " The Platform Operator has filed for bankruptcy, and its "
          "business, including the Platform Services, is currently managed by a court-appointed "
          "administrator.")],
        _c("ownership"), False,
        "Bankruptcy and court administration of the business (ownership/control change).",
    ),
    Case(
        "own-entity-renamed-reorg",
        [("provided by the Platform Operator (hereinafter",
          "provided by the Platform Operator, which following a corporate reorganization now operates "
          "as Erg Global Ltd. (hereinafter")],
        _c("ownership"), False,
        "Operating entity renamed as a result of a corporate reorganization.",
    ),
    Case(
        "own-new-controller-subsidiary",
        [(_S9_B, _S9_B + "\n\nFollowing a business restructuring, the Platform Services are now "
          "provided by Erg Commerce Ltd., a newly formed subsidiary, which is the controller of your "
          "personal information.")],
        _c("ownership"), False,
        "Restructuring names a new controller; placed in the contact section but changes no contact.",
    ),
    # ------------------------------------------------------------------ recipients (8(iii))
    Case(
        "rec-forter-to-riskified",
        [("We hired Forter, a trusted third-party service provider, to help prevent online frauds. "
          "When you visit our official store (, Forter will use",
          "We hired Riskified, a trusted third-party service provider, to help prevent online frauds. "
          "When you visit our official store (, Riskified will use")],
        _c("recipients"), False,
        "The named fraud-prevention processor changes from Forter to Riskified.",
    ),
    Case(
        "rec-google-analytics",
        [("We also use cookies to preload relevant content.",
          "We also use cookies to preload relevant content. We use Google Analytics, a service of "
          "Google LLC, which receives information about your visits, to produce statistical reports on web activity.")],
        _c("recipients"), False,
        "New named third party (Google) receiving visit data, in the cookies section.",
    ),
    Case(
        "rec-meta-pixel",
        [(_S31_10_END, _S31_10_END + "\n\n3.1.11 Our websites use the Meta Pixel, which sends "
          "information about the pages you visit and the products you buy to Meta Platforms, Inc.")],
        _c("recipients"), False,
        "New named recipient (Meta) via a tracking pixel.",
    ),
    Case(
        "rec-openai-in-contact-section",
        [(_S9_B, _S9_B + " Messages you send to website customer service are processed on our behalf "
          "by our service provider OpenAI, L.L.C.")],
        _c("recipients"), False,
        "New processor (OpenAI) handles customer service messages; the contact channel itself is unchanged.",
    ),
    Case(
        "rec-advertisers-category",
        [(_S31_10_END, _S31_10_END + "\n\n3.1.11 We may share your device identifiers and purchase "
          "history with advertisers and advertising networks.")],
        _c("recipients"), False,
        "New category of recipients: advertisers and ad networks.",
    ),
    Case(
        "rec-data-brokers",
        [("3.1.8 To share necessary user personal information with affiliated companies as permitted "
          "by law and subject to this Policy.",
          "3.1.8 To share necessary user personal information with affiliated companies and with data "
          "brokers as permitted by law and subject to this Policy.")],
        _c("recipients"), False,
        "New category of recipients: data brokers.",
    ),
    Case(
        "rec-insurers",
        [("3.1.7 To guarantee the performance of the User Service Agreement, and other agreements to "
          "which or the User is a party.",
          "3.1.7 To guarantee the performance of the User Service Agreement, and other agreements to "
          "which or the User is a party, including by sharing your order information with insurance "
          "companies that underwrite purchase protection for our official store.")],
        _c("recipients"), False,
        "New category of recipients: insurers.",
    ),
    Case(
        "rec-storage-united-states",
        [(_S42_CHINA,
          "We will store your personal information collected in the People's Republic of China "
          '(hereinafter referred to as "China") on servers located in the United States, in '
          "accordance with the laws and regulations.")],
        _c("recipients"), False,
        "New place of storage: servers in the United States.",
    ),
    Case(
        "rec-backup-singapore",
        [("by backing up to other servers,", "by backing up to servers located in Singapore,")],
        _c("recipients"), False,
        "New storage location (Singapore backups) mentioned in the security section 4.1.",
    ),
    Case(
        "rec-remove-affiliates",
        [("3.1.8 To share necessary user personal information with affiliated companies as permitted "
          "by law and subject to this Policy.\n\n", "")],
        _c("recipients"), False,
        "A recipient category (affiliated companies) is removed.",
    ),
    Case(
        "rec-offshore-support-contractor",
        [("We also adopt strict management of employees or outsourced personnel who may have access "
          "to your information,",
          "We also adopt strict management of employees or outsourced personnel, including our "
          "customer support contractor TaskUs in the Philippines, who may have access to your "
          "information,")],
        _c("recipients"), False,
        "New named processor in a new country (cross-border access by an outsourced contractor).",
    ),
    # ------------------------------------------------------------------ user-rights (8(iv))
    Case(
        "ur-deadline-30-days",
        [("process your request within 15 business days.", "process your request within 30 days.")],
        _c("user-rights"), True,
        "Longer deadline to answer requests (15 business days -> 30 days) reduces rights.",
    ),
    Case(
        "ur-deadline-7-days",
        [("process your request within 15 business days.", "process your request within 7 days.")],
        _c("user-rights"), False,
        "Shorter deadline (7 days) is a material change of how rights are exercised, but an improvement.",
    ),
    Case(
        "ur-fee-introduced",
        [("In principle, we do not charge any fees for your reasonable requests, but we will charge a "
          "cost fee for repeated requests that exceed reasonable limits, as appropriate.",
          "We charge a processing fee of CNY 50 for each request.")],
        _c("user-rights"), True,
        "A fee for every request (previously free) reduces rights.",
    ),
    Case(
        "ur-portability-removed",
        [(_S56 + "\n\n", "")],
        _c("user-rights"), True,
        "The right to data portability (5.6) is removed.",
    ),
    Case(
        "ur-object-once-per-year",
        [("You have the right to object at any time to our processing",
          "You have the right to object once per year to our processing")],
        _c("user-rights"), True,
        "Right to object narrowed from 'at any time' to once per year.",
    ),
    Case(
        "ur-new-right-deceased",
        [(_S56, _S56 + " You also have the right to designate a close relative who may exercise your "
          "rights over your personal information after your death.")],
        _c("user-rights"), False,
        "A new right is added (designating a relative after death); no right is reduced.",
    ),
    Case(
        "ur-deletion-case-added",
        [("- (v) we no longer provide products or services to you.",
          "- (v) we no longer provide products or services to you.\n- (vi) you withdraw your consent "
          "to the processing.")],
        _c("user-rights"), False,
        "The right to deletion is widened with a new case; material but an improvement.",
    ),
    Case(
        "ur-access-app-only",
        [("by logging into your account on our website or App and accessing",
          "by logging into your account in our App and accessing")],
        _c("user-rights"), True,
        "Fewer channels to exercise the right of access (website removed).",
    ),
    Case(
        "ur-children-age-16",
        [("we consider anyone under the age of 14 to be a child.",
          "we consider anyone under the age of 16 to be a child.")],
        _c("user-rights"), False,
        "Children's age threshold raised (14 -> 16): more readers get guardian-consent protection.",
    ),
    Case(
        "ur-children-age-13",
        [("we consider anyone under the age of 14 to be a child.",
          "we consider anyone under the age of 13 to be a child.")],
        _c("user-rights"), True,
        "Children's age threshold lowered (14 -> 13): 13-year-olds lose guardian-consent protection.",
    ),
    Case(
        "ur-broader-refusal-exception",
        [(_S58_CANNOT_VI, _S58_CANNOT_VI + "\n- (vii) where responding to your request would require "
          "a disproportionate effort or cost on our part.")],
        _c("user-rights"), True,
        "Broader exception allowing requests to be refused reduces rights.",
    ),
    Case(
        "ur-consent-for-new-purposes-dropped",
        [("If we intend to use your information for purposes beyond those listed below, we will "
          "explain this to you and obtain your consent in advance.",
          "If we intend to use your information for purposes beyond those listed below, we will "
          "explain this to you in an updated version of this Policy.")],
        _c("user-rights"), True,
        "Consent for new purposes is no longer asked (in section 1.2, outside section 5).",
    ),
    # ------------------------------------------------------------------ responsible-contact (8(v))
    Case(
        "rc-email-section9",
        [("(including access to your own personal information);",
          "(including access to your own personal information), please e-mail our privacy team at "
          "privacy@erg-platform.example;")],
        _c("responsible-contact"), False,
        "New contact e-mail address (and privacy team) in the contact section.",
    ),
    Case(
        "rc-email-children-section",
        [("If you believe that we may improperly hold personal information from or about a child, "
          "please contact us.",
          "If you believe that we may improperly hold personal information from or about a child, "
          "please contact us at children-privacy@erg-platform.example.")],
        _c("responsible-contact"), False,
        "New contact e-mail address given in the children's section.",
    ),
    Case(
        "rc-phone-in-security",
        [("please contact our customer service immediately",
          "please contact our customer service (hotline: +86 400 820 0000) immediately")],
        _c("responsible-contact"), False,
        "New contact phone number, placed in the security section 4.1.",
    ),
    Case(
        "rc-postal-address",
        [(_S9_B, _S9_B + " You may also write to us at: Privacy Office, 88 Century Avenue, Pudong, "
          "Shanghai 200120, China.")],
        _c("responsible-contact"), False,
        "New postal address and responsible office added to the contact section.",
    ),
    Case(
        "rc-dpo-appointed",
        [(_S41_P1, _S41_P1 + " We have appointed a Data Protection Officer, who is responsible for "
          "the security of your personal information.")],
        _c("responsible-contact"), False,
        "New department/person responsible for personal information security (DPO).",
    ),
    Case(
        "rc-contact-url",
        [("you can contact us through the contact information posted on our Platform.",
          "you can contact us through the contact information posted on our Platform or through the "
          "form at https://www.erg-platform.example/privacy/contact.")],
        _c("responsible-contact"), False,
        "New contact method (a web form URL) added next to the existing one, in the introduction.",
    ),
    Case(
        "rc-regulator-complaint",
        [(_S9_B, _S9_B + " If you are not satisfied with our reply, you may also lodge a complaint "
          "with the Cyberspace Administration of China.")],
        _c("responsible-contact"), False,
        "Complaint channel added: the regulator.",
    ),
    Case(
        "rc-complaints-to-privacy-office",
        [(_S9_B,
          "b. For general inquiries or complaints about privacy issues, please contact our Privacy "
          "Office via website customer service.")],
        _c("responsible-contact"), False,
        "Department handling privacy complaints changes to a Privacy Office; the channel itself stays.",
    ),
    # ------------------------------------------------------------------ high-risk (8(vi))
    Case(
        "hr-pia-high-risk-section8",
        [("We will also keep an older version of the Policy on file for your review.",
          "We will also keep an older version of the Policy on file for your review.\n\nOur most "
          "recent personal information security impact assessment indicates that there is a high "
          "risk in the processing of payment information in our official store.")],
        _c("high-risk"), False,
        "Impact assessment reported as indicating high risk.",
    ),
    Case(
        "hr-dpia-security-section",
        [("Notwithstanding the foregoing security measures, please understand that there are no "
          "\"perfect security measures\" on the network of information.",
          "Notwithstanding the foregoing security measures, please understand that there are no "
          "\"perfect security measures\" on the network of information. A data protection impact "
          "assessment (DPIA) of our account systems identified a high residual risk, which we are "
          "working to reduce.")],
        _c("high-risk"), False,
        "DPIA reported with high residual risk (security section).",
    ),
    Case(
        "hr-forter-assessment",
        [(_S22_FORTER_END, _S22_FORTER_END + " Our personal information protection impact "
          "assessment of this automated fraud assessment rated the risk to your rights and interests "
          "as high.")],
        _c("high-risk"), False,
        "Impact assessment of existing fraud screening rated high risk (third-party section).",
    ),
    # ------------------------------------------------------------------ multi-criterion
    Case(
        "multi-acquisition-share-with-parent",
        [(_S31_10_END, _S31_10_END + "\n\n3.1.11 The Platform Operator has been acquired by Orion "
          "Group Inc. We will share your account and purchase information with Orion Group Inc. and "
          "its subsidiaries.")],
        _c("ownership", "recipients"), False,
        "Acquisition (ownership) plus data shared with the new parent group (recipients).",
    ),
    Case(
        "multi-us-vendor-biometrics",
        [(_S22_FORTER_END, _S22_FORTER_END + " To verify your identity for high-value orders, we "
          "also use FaceTec, Inc., whose servers are located in the United States, to compare a selfie "
          "you take with the photo on your identity document using facial biometric data.")],
        _c("recipients", "service-model"), False,
        "New vendor in a new country (recipients) processing biometric data for a new purpose (service-model).",
    ),
    Case(
        "multi-sell-insights-to-advertisers",
        [(_P12_XII, _P12_XII + "\n- (xiii) To sell to advertisers audience segments that contain "
          "your device identifiers and the interests we infer from your purchase history.")],
        _c("service-model", "recipients"), False,
        "New purpose (selling interest segments) and new recipient category (advertisers) of identifiable data.",
    ),
    Case(
        "multi-delivery-tracking-high-risk",
        [(_S42_CHINA, _S42_CHINA + " While an order is being delivered, we collect the real-time "
          "location of your device so that you can track the courier; our personal information "
          "security impact assessment indicates that this processing carries a high risk.")],
        _c("service-model", "high-risk"), False,
        "New purpose/use of real-time location (service-model) assessed as high risk (high-risk).",
    ),
    Case(
        "multi-complaint-channel-removed",
        [("; " + _S9_B, ".")],
        _c("responsible-contact", "user-rights"), True,
        "The only complaint channel is removed: complaint channel changed and fewer channels to exercise rights.",
    ),
    Case(
        "multi-merger-new-privacy-office",
        [(_S8_P1_END, _S8_P1_END + " Following our merger with Nimbus Holdings Ltd., questions about "
          "your personal information are handled by the Nimbus Group Privacy Office at "
          "privacy@nimbus-group.example.")],
        _c("ownership", "responsible-contact"), False,
        "Merger (ownership) and a new responsible department and contact e-mail (responsible-contact).",
    ),
    Case(
        "multi-deadline-and-fee",
        [("process your request within 15 business days. In principle, we do not charge any fees "
          "for your reasonable requests, but we will charge a cost fee for repeated requests that "
          "exceed reasonable limits, as appropriate.",
          "process your request within 45 days. Your first request in each calendar year is free; "
          "we charge a fee of CNY 50 for each further request.")],
        _c("user-rights"), True,
        "Longer deadline (45 days) and a fee for every request after the first each year: two reductions, one criterion.",
    ),
    # ------------------------------------------------------------------ NOT material
    Case(
        "nm-bold-key-promise",
        [("However, we will not reduce your rights under this Policy without your express consent.",
          "However, **we will not reduce your rights under this Policy without your express "
          "consent.**")],
        NONE, False,
        "Formatting only: bold added, same words.",
    ),
    Case(
        "nm-italic-defined-term",
        [('(the "Platform Services")', '(the *"Platform Services"*)')],
        NONE, False,
        "Formatting only: italic added to a defined term.",
    ),
    Case(
        "nm-heading-level",
        [("### 5.6 Right to portability of personal information",
          "#### 5.6 Right to portability of personal information")],
        NONE, False,
        "Heading level changed; same words, same right.",
    ),
    Case(
        "nm-contents-list-to-bullets",
        [("1. Information we collect and use\n2. Cookies we use\n3. How we share",
          "- Information we collect and use\n- Cookies we use\n- How we share"),
         ("\n4. How we protect", "\n- How we protect"),
         ("\n5. How you manage", "\n- How you manage"),
         ("\n6. Protection of", "\n- Protection of"),
         ("\n7. Intellectual property", "\n- Intellectual property"),
         ("\n8. Notices and amendments", "\n- Notices and amendments")],
        NONE, False,
        "The table-of-contents numbered list becomes a bulleted list with the same words.",
    ),
    Case(
        "nm-line-breaks",
        [("on the network of information.\n\nWhen using our Platform Services",
          "on the network of information.\n\n\nWhen using our Platform Services"),
         ("authority control according to the nature of the position, signing confidentiality",
          "authority control according to the nature of the position,\nsigning confidentiality")],
        NONE, False,
        "Whitespace only: an extra blank line and a soft line break inside a paragraph.",
    ),
    Case(
        "nm-punctuation-stray-paren",
        [("When you visit our official store (, Forter will use",
          "When you visit our official store, Forter will use"),
         ("- (i)The information you fill in", "- (i) The information you fill in")],
        NONE, False,
        "Punctuation/spacing fixes: stray parenthesis removed, missing space added.",
    ),
    Case(
        "nm-typo-an-user",
        [("register as an user,", "register as a user,")],
        NONE, False,
        "Typo fix: 'an user' -> 'a user'.",
    ),
    Case(
        "nm-typo-childrens",
        [("6. Protection of children’ information", "6. Protection of children’s information")],
        NONE, False,
        "Typo fix in the contents list: missing possessive s.",
    ),
    Case(
        "nm-typo-mac-and-fraud",
        [("medium access control (MAC) address", "media access control (MAC) address"),
         ("to help prevent online frauds.", "to help prevent online fraud.")],
        NONE, False,
        "Typo/grammar fixes: 'medium' -> 'media' access control, 'frauds' -> 'fraud'.",
    ),
    Case(
        "nm-case-changes",
        [("you can disable Cookies by configuring your browser",
          "You can disable Cookies by configuring your browser"),
         ("## 7. Intellectual Property Rights License and Declaration",
          "## 7. Intellectual property rights license and declaration")],
        NONE, False,
        "Capitalization only: sentence start and heading case.",
    ),
    Case(
        "nm-remove-duplicate-paragraph",
        [(_DUP + "\n\n" + _DUP, _DUP)],
        NONE, False,
        "Removes the verbatim duplicated paragraph near the top; the text still says the same once.",
    ),
    Case(
        "nm-reorder-deletion-cases",
        [("- (iv) you no longer use our products or services, or you cancel your account.\n"
          "- (v) we no longer provide products or services to you.",
          "- (v) we no longer provide products or services to you.\n"
          "- (iv) you no longer use our products or services, or you cancel your account.")],
        NONE, False,
        "Two list items swapped; same items, same rights.",
    ),
    Case(
        "nm-reorder-exceptions",
        [("- (i) Circumstances involving national security, national defense security.\n"
          "- (ii) Situations involving public safety, public health, and significant public interest.",
          "- (ii) Situations involving public safety, public health, and significant public interest.\n"
          "- (i) Circumstances involving national security, national defense security.")],
        NONE, False,
        "Two exceptions swapped in 1.3; the set of exceptions is unchanged.",
    ),
    Case(
        "nm-move-paragraph-within-section",
        [("You may choose not to provide your personal information when using the software.",
          "You can configure your app message push to be off, but you may not receive timely "
          "information including but not limited to app updates, official notifications, etc.\n\n"
          "You may choose not to provide your personal information when using the software."),
         ("from participating in all activities of the Software.\n\nYou can configure your app "
          "message push to be off, but you may not receive timely information including but not "
          "limited to app updates, official notifications, etc.",
          "from participating in all activities of the Software.")],
        NONE, False,
        "A whole paragraph moved earlier within 5.7, words unchanged.",
    ),
    Case(
        "nm-move-paragraph-to-section9",
        [("\n\nWe will also keep an older version of the Policy on file for your review.", ""),
         (_S9_B, _S9_B + "\n\nWe will also keep an older version of the Policy on file for your "
          "review.")],
        NONE, False,
        "A paragraph moved from section 8 to the end of section 9, words unchanged.",
    ),
    Case(
        "nm-reword-same-meaning",
        [("We recommend that you read their terms of service and privacy policies carefully before "
          "leaving our Platform",
          "We suggest that you carefully read their terms of service and privacy policies before "
          "leaving our Platform"),
         ("In order to provide you with better, more optimal and personalized services,",
          "To provide you with better, more optimal and personalized services,")],
        NONE, False,
        "Rewording with the same meaning; no new entity, number, purpose or right.",
    ),
    Case(
        "nm-spacing-possessive",
        [("are owned by or Erg 's affiliates.", "are owned by or Erg's affiliates.")],
        NONE, False,
        "Whitespace fix before a possessive; same owner named.",
    ),
    Case(
        "nm-low-risk-assessment",
        [("We will also keep an older version of the Policy on file for your review.",
          "We will also keep an older version of the Policy on file for your review.\n\nOur most "
          "recent personal information security impact assessment found the risk of our processing "
          "to be low.")],
        NONE, False,
        "An impact assessment mentioned with LOW risk: 8(vi) only covers high risk; nothing else changes.",
    ),
]


def split_front_matter(text: str) -> str:
    """Return the body: the text after the second line that is exactly '---'."""
    lines = text.split("\n")
    marks = [i for i, line in enumerate(lines) if line.strip() == "---"]
    if len(marks) < 2 or marks[0] != 0:
        return text
    return "\n".join(lines[marks[1] + 1:])


def apply(case: Case, body: str) -> str:
    """Apply the case's edits in order; each ``old`` must occur exactly once in the current text."""
    text = body
    for n, (old, new) in enumerate(case.edits):
        count = text.count(old)
        if count != 1:
            raise AssertionError(f"{case.id} edit {n}: old text occurs {count} times: {old[:80]!r}")
        text = text.replace(old, new, 1)
    return text


def load_body(path: Path | None = None) -> str:
    path = path or Path(__file__).resolve().parent / "labels" / "bases" / "demo-privacy-2027-01-01.md"
    return split_front_matter(path.read_text(encoding="utf-8"))


def counts(cases: list[Case]) -> dict[str, int]:
    """How many cases a set has per criterion, with consent, across criteria and not material."""
    per = Counter(c for case in cases for c in case.criteria)
    out = {"total": len(cases)}
    out.update({cid: per[cid] for cid in CRITERIA})
    out["user-rights+consent"] = sum(1 for c in cases if "user-rights" in c.criteria and c.consent_required)
    out["multi-criterion"] = sum(1 for c in cases if len(c.criteria) > 1)
    out["non-material"] = sum(1 for c in cases if not c.criteria)
    out["consent_required"] = sum(c.consent_required for c in cases)
    return out


def check_set(cases: list[Case], *, earlier: list[Case] = (), prefix: str = "", minimums: dict | None = None,
              new_edits_only: bool = False) -> dict[str, int]:
    """Every case of a labelled set is sound: unique ids, known criteria, consent only with user-rights,
    every edit applying to the demo policy, nothing repeating an earlier set. Returns the counts."""
    body = load_body()
    ids = [c.id for c in cases]
    assert len(ids) == len(set(ids)), "duplicate case ids"
    assert all(i.startswith(prefix) for i in ids), f"ids must start with {prefix!r}"
    shared = {c.id for c in earlier} & set(ids)
    assert not shared, f"ids shared with an earlier set: {shared}"
    earlier_edits = {e for c in earlier for e in c.edits}
    earlier_outputs = {apply(c, body): c.id for c in earlier}
    for case in cases:
        assert case.criteria <= set(CRITERIA), f"{case.id}: unknown criteria {case.criteria - set(CRITERIA)}"
        assert case.edits, f"{case.id}: no edits"
        assert case.note and "\n" not in case.note, f"{case.id}: note must be one line"
        if case.consent_required:
            assert "user-rights" in case.criteria, f"{case.id}: consent without user-rights"
        if not case.criteria:
            assert not case.consent_required, f"{case.id}: non-material case marked consent"
        if new_edits_only:
            repeated = [e for e in case.edits if e in earlier_edits]
            assert not repeated, f"{case.id}: repeats an edit of an earlier set: {repeated[0][0][:60]!r}"
        out = apply(case, body)  # raises unless every old occurs exactly once
        assert out != body, f"{case.id}: no change"
        assert out not in earlier_outputs, f"{case.id}: same text as earlier case {earlier_outputs.get(out)}"
    got = counts(cases)
    short = {k: (got[k], v) for k, v in (minimums or {}).items() if got[k] < v}
    assert not short, f"below the required minimums (got, need): {short}"
    return got


def report(got: dict[str, int]) -> None:
    print(f"cases: {got['total']}")
    for cid in CRITERIA:
        print(f"  {cid:20} {got[cid]}")
    print(f"  multi-criterion      {got['multi-criterion']}")
    print(f"consent_required: true={got['consent_required']} false={got['total'] - got['consent_required']}"
          f" (user-rights with consent: {got['user-rights+consent']})")
    print(f"non-material: {got['non-material']}")
    print("OK")


if __name__ == "__main__":
    report(check_set(CASES))
