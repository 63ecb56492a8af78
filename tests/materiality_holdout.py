"""Held-out labelled set for material-change detection (the SECOND set, written blind).

It was written without reading the engine (``plugins/``) and differs from
``materiality_cases.CASES`` in phrasing, vocabulary and in where the edits are placed (other
sentences and sections of ``policy/privacy.md``).  Use it to measure the engine, never to tune it.

Every case is a realistic edit of the BODY of ``policy/privacy.md`` (the text after the front
matter).  Each edit is ``(old, new)``: ``old`` occurs exactly once in the body as already modified by
the earlier edits of the same case, and is replaced by ``new``.

Labels follow section 8 of the demo policy (criteria ids as in ``tests/labels/README.md``):
``service-model`` 8(i), ``ownership`` 8(ii), ``recipients`` 8(iii), ``user-rights`` 8(iv),
``responsible-contact`` 8(v), ``high-risk`` 8(vi).

``consent_required`` is True only when the change REDUCES the reader's rights: a right removed or
narrowed, a longer deadline, a new fee (or the promise of no fee withdrawn), fewer channels to
exercise a right, consent no longer asked.  Every such case also carries ``user-rights``.

Labelling conventions (the same as the first set, so that scores are comparable):

* a new, removed or widened purpose, data category or way of use is ``service-model``;
* a new, removed or replaced recipient, processor or storage/transfer location is ``recipients``;
* a merger, acquisition, change of shareholder control, spin-off, bankruptcy or new controller is
  ``ownership``;
* a new or replaced contact detail, responsible department or complaint channel is
  ``responsible-contact`` only, unless it also leaves the reader fewer channels to exercise rights
  (then ``user-rights`` too, with consent required);
* an impact assessment reported as indicating HIGH risk is ``high-risk``;
* formatting, whitespace, punctuation, typo, spelling-variant and case fixes, renumbering, reordering,
  moved paragraphs, removal of the duplicated paragraph and rewording with identical meaning are not
  material (empty criteria).

Run ``python tests/materiality_holdout.py`` to check that every edit applies to the current demo
policy and to print label counts.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from materiality_cases import CASES as FIRST_SET  # noqa: E402
from materiality_cases import _DUP, NONE, Case, _c, check_set, report  # noqa: E402



# Exact anchors from the demo policy body (kept here so that long paragraphs are written once).
_S41_P3 = (
    "Your account is protected by security features, so please keep your account and password "
    "information safe. We will ensure that your account information is not lost, misused or altered "
    "by backing up to other servers, encrypting your password, and other security measures. "
    "Notwithstanding the foregoing security measures, please understand that there are no \"perfect "
    "security measures\" on the network of information."
)
_S41_P4 = (
    "When using our Platform Services for online transactions, you will inevitably have to disclose "
    "your personal information, such as bank account information, contact information or postal "
    "address, to the counterparty or potential counterparty. Please protect your personal information "
    "and provide it to others only when necessary. If you find that your personal information has been "
    "leaked, especially your account and password, please contact our customer service immediately so "
    "that we can take appropriate actions as soon as possible."
)
_S42_P4_END = "or to carry out other actions permitted by the Policy and other agreements and laws."
_S58_IV_V = (
    "- (iv) where there is sufficient evidence that you have subjective malice or abuse of rights.\n"
    "- (v) where responding to your request will result in serious damage to the legitimate rights "
    "and interests of you or other individuals or organizations."
)
_S58_FEES = (
    "In principle, we do not charge any fees for your reasonable requests, but we will charge a cost "
    "fee for repeated requests that exceed reasonable limits, as appropriate."
)
_S58_NOTIFY = (
    "If we respond to your request for deletion, we will also notify the entities from which we "
    "obtained your personal information and request that they delete the corresponding information in "
    "a timely manner, unless otherwise provided by law or regulation or unless these entities have your "
    "independent authorization."
)
_S55_END = (
    "Your adjustment of the scope of your authorization will not affect the processing of your "
    "personal information by based on your consent or authorization prior to the adjustment."
)
_P12_X = (
    "- (x) We may use, share or disclose information from one service in combination with information "
    "from other services for the purpose of providing you with a more personalized use of the service, "
    "such as the need to give you a broader social circle."
)
_S54_IV = (
    "- (iv) when the legal basis for processing your personal information is in the public interest, "
    "or in the legitimate interests of us and third parties."
)


HOLDOUT: list[Case] = [
    # ------------------------------------------------------------------ service-model (8(i))
    Case(
        "h-sm-photos-image-recognition",
        [("for the purpose of carrying out the features of our services.",
          "for the purpose of carrying out the features of our services. We use your uploaded photos "
          "to improve our image recognition models.")],
        _c("service-model"), False,
        "New way of using uploaded content (training image recognition models), placed in rule 1.4.1.",
    ),
    Case(
        "h-sm-home-address-no-longer-collected",
        [("such as your name, cell phone number, email address, home address, questionnaire.",
          "such as your name, cell phone number, email address, questionnaire. We no longer collect "
          "your home address.")],
        _c("service-model"), False,
        "A type of personal information is no longer processed; a change to the types processed (8(i)).",
    ),
    Case(
        "h-sm-session-replay",
        [("or to secure software and website security requirements.",
          "or to secure software and website security requirements. We also use session-recording "
          "scripts that record your mouse movements, clicks and keystrokes on our pages so that we can "
          "replay your visits.")],
        _c("service-model"), False,
        "New data collected (mouse movements, keystrokes) for a new use (session replay), in the cookies section.",
    ),
    Case(
        "h-sm-creditworthiness",
        [("improving operational efficiency and promoting promotional purposes.",
          "improving operational efficiency, promoting promotional purposes and assessing your "
          "creditworthiness when you choose to pay in instalments.")],
        _c("service-model"), False,
        "New purpose of processing (credit assessment) appended to an existing purposes item in 1.2.",
    ),
    Case(
        "h-sm-date-of-birth",
        [("bank card number, and email address.",
          "bank card number, email address, and your date of birth to confirm that you are old enough "
          "to buy age-restricted products.")],
        _c("service-model"), False,
        "New category of personal information (date of birth) collected at purchase, for a new purpose.",
    ),
    Case(
        "h-sm-stop-combining-services",
        [(_P12_X + "\n", "")],
        _c("service-model"), False,
        "A way of using information (combining data across services) is removed from the 1.2 list.",
    ),
    # ------------------------------------------------------------------ ownership (8(ii))
    Case(
        "h-own-part-of-globex",
        [("so that you can make choices. This Policy describes:",
          "so that you can make choices. We are now part of Globex Corporation. This Policy describes:")],
        _c("ownership"), False,
        "The operator is now part of another group (change of ownership), stated in the introduction.",
    ),
    Case(
        "h-own-chapter-11",
        [("to explain the specific changes to the Policy).",
          "to explain the specific changes to the Policy).\n\nFollowing our Chapter 11 filing on 3 May "
          "2027, the Platform Operator continues to run the Platform Services as a debtor in possession "
          "while its business is reorganized under the supervision of the bankruptcy court.")],
        _c("ownership"), False,
        "Bankruptcy filing and court-supervised reorganization (Chapter 11 vocabulary), in section 8.",
    ),
    Case(
        "h-own-store-spin-off",
        [("in accordance with the principles of legality, legitimacy and necessity.",
          "in accordance with the principles of legality, legitimacy and necessity. Since 1 July 2027, "
          "our official store has been operated by Erg Retail Ltd., a company spun off from the "
          "Platform Operator, which is the controller of the personal information you provide when you "
          "make purchases there.")],
        _c("ownership"), False,
        "Spin-off: a new company becomes controller for the store (organizational structure, new controller).",
    ),
    Case(
        "h-own-controlling-stake",
        [("are owned by or Erg 's affiliates.",
          "are owned by or Erg 's affiliates. Since 1 April 2027, Initech Holdings Ltd. holds a "
          "controlling 60% stake in Erg.")],
        _c("ownership"), False,
        "Change of control (a new majority shareholder), placed in the intellectual property section 7.",
    ),
    # ------------------------------------------------------------------ recipients (8(iii))
    Case(
        "h-rec-marketing-partners",
        [("as required by law or as agreed with you or with your consent.",
          "as required by law or as agreed with you or with your consent. We may disclose your contact "
          "details to our marketing partners, who help us run the promotions and campaigns described "
          "in section 1.2.")],
        _c("recipients"), False,
        "New category of recipients (marketing partners) for an existing purpose (promotions and campaigns).",
    ),
    Case(
        "h-rec-acme-cloud-frankfurt",
        [("where we collect the information and materials.",
          "where we collect the information and materials. Acme Cloud Inc. hosts our databases in "
          "Frankfurt, Germany.")],
        _c("recipients"), False,
        "New hosting processor and new storage location (Frankfurt), in section 4.2.",
    ),
    Case(
        "h-rec-forter-dropped",
        [("We hired Forter, a trusted third-party service provider, to help prevent online frauds. "
          "When you visit our official store (, Forter will use and process your personal information",
          "To help prevent online frauds, when you visit our official store, we will use and process "
          "your personal information")],
        _c("recipients"), False,
        "The named fraud-prevention processor is removed; screening is done in-house (recipient removed).",
    ),
    Case(
        "h-rec-adyen-netherlands",
        [("to the counterparty or potential counterparty.",
          "to the counterparty or potential counterparty. Your card details are sent directly to our "
          "payment service provider, Adyen N.V., in the Netherlands.")],
        _c("recipients"), False,
        "New named payment processor in another country, placed in the security section 4.1.",
    ),
    Case(
        "h-rec-courier-dhl",
        [("bank card number, and email address.",
          "bank card number, and email address. We pass your name, cell phone number and delivery "
          "address to DHL Express, which delivers your orders.")],
        _c("recipients"), False,
        "New named recipient (a courier) of purchase data, in the 1.1 list of collected information.",
    ),
    Case(
        "h-rec-zendesk-us",
        [("such as records of communications between you and us.",
          "such as records of communications between you and us. These records are stored for us by "
          "Zendesk, Inc. on servers in the United States.")],
        _c("recipients"), False,
        "New processor storing communications records, and a new storage country (United States).",
    ),
    Case(
        "h-rec-mixpanel",
        [("analyzing usage trends,",
          "analyzing usage trends (with the help of Mixpanel, Inc., which receives your device "
          "identifiers and in-app activity),")],
        _c("recipients"), False,
        "New analytics processor receiving identifiers, in the 1.2 purposes list (purpose unchanged).",
    ),
    # ------------------------------------------------------------------ user-rights (8(iv))
    Case(
        "h-ur-deletion-twice-per-year",
        [("You may make a request to us to delete personal information in the following cases:",
          "You may request deletion of personal information twice per calendar year in the following "
          "cases:")],
        _c("user-rights"), True,
        "Right to deletion narrowed to two requests per calendar year.",
    ),
    Case(
        "h-ur-answer-within-one-month",
        [("We may first ask you to verify your identity and process your request within 15 business "
          "days.",
          "We may first ask you to verify your identity, and we will answer within one month of "
          "receiving your request.")],
        _c("user-rights"), True,
        "Longer deadline: 15 business days (about three weeks) becomes one month.",
    ),
    Case(
        "h-ur-free-of-charge-removed",
        [(_S58_FEES + " ", "")],
        _c("user-rights"), True,
        "The commitment that reasonable requests are processed free of charge is withdrawn.",
    ),
    Case(
        "h-ur-restriction-ground-removed",
        [("\n" + _S54_IV, "")],
        _c("user-rights"), True,
        "Right to restrict processing narrowed: the public/legitimate-interest ground is removed from 5.4.",
    ),
    Case(
        "h-ur-unsubscribe-by-reply-removed",
        [("you may unsubscribe by replying to the email or by setting your cell phone to unsubscribe",
          "you may unsubscribe by setting your cell phone to unsubscribe")],
        _c("user-rights"), True,
        "Fewer channels to opt out of marketing: unsubscribing by replying to the e-mail is removed (1.2).",
    ),
    Case(
        "h-ur-cookie-consent-not-asked",
        [("When you first visit our Platform website or use our Platform services, if you agree to our "
          "use of Cookies in accordance with the terms of this Policy, you are allowing us to use Cookies "
          "each time you visit or use thereafter.",
          "When you visit our Platform website or use our Platform services, we will use Cookies in "
          "accordance with the terms of this Policy each time you visit or use thereafter, without "
          "asking for your agreement.")],
        _c("user-rights"), True,
        "Consent to cookies is no longer asked (section 2.1).",
    ),
    Case(
        "h-ur-portability-narrowed",
        [("You have the right to request to receive your personal information collected by us and the "
          "right to send such personal information to other data controllers.",
          "You have the right to request to receive your personal information collected by us.")],
        _c("user-rights"), True,
        "Right to portability narrowed: the right to send data to other controllers is removed.",
    ),
    Case(
        "h-ur-partner-sharing-without-consent",
        [("3.1.1 We may share your personal information with a partner after obtaining your explicit "
          "consent,",
          "3.1.1 We may share your personal information with a partner without asking for your "
          "consent,")],
        _c("user-rights"), True,
        "Consent is no longer asked before sharing with a partner (same recipient category as before).",
    ),
    Case(
        "h-ur-deletion-notice-to-sources-dropped",
        [("\n\n" + _S58_NOTIFY, "")],
        _c("user-rights"), True,
        "Deletion narrowed: we no longer ask the sources of your data to delete it too.",
    ),
    Case(
        "h-ur-human-review-added",
        [(_S55_END, _S55_END + " You may also ask for a member of our staff to review any decision that "
          "was made about you solely by automated means.")],
        _c("user-rights"), False,
        "A new right (human review of automated decisions) is added; nothing is reduced.",
    ),
    Case(
        "h-ur-withdraw-in-app",
        [("or withdraw your authorization at any time,",
          "or withdraw your authorization at any time, including with one tap under Settings > Privacy "
          "in our App,")],
        _c("user-rights"), False,
        "A new way to exercise the right to withdraw consent is added (an improvement).",
    ),
    Case(
        "h-ur-access-copy",
        [("You have the right to access your personal information as provided by laws and regulations.",
          "You have the right to access your personal information as provided by laws and regulations "
          "and to obtain a copy of it.")],
        _c("user-rights"), False,
        "Right of access widened to include obtaining a copy (an improvement).",
    ),
    # ------------------------------------------------------------------ responsible-contact (8(v))
    Case(
        "h-rc-privacy-team-phone",
        [("or wish to contact us, please contact us as follows:",
          "or wish to contact us, please call our privacy team on +44 20 7946 0000 or contact us as "
          "follows:")],
        _c("responsible-contact"), False,
        "New contact method (a telephone number) and named privacy team, in the section 9 lead-in.",
    ),
    Case(
        "h-rc-information-security-department",
        [("protect your information from leakage, destruction or loss.",
          "protect your information from leakage, destruction or loss. Our Information Security "
          "Department, headed by our Chief Information Security Officer, is responsible for the security "
          "of your personal information.")],
        _c("responsible-contact"), False,
        "Department responsible for personal information security is named (second paragraph of 4.1).",
    ),
    Case(
        "h-rc-complaints-by-email",
        [("please contact us via website customer service.",
          "please contact us by e-mail at complaints@erg-platform.example.")],
        _c("responsible-contact"), False,
        "The complaint channel is replaced one for one (website customer service -> an e-mail address).",
    ),
    Case(
        "h-rc-eu-representative",
        [("based on legal and legitimate means and in good faith.",
          "based on legal and legitimate means and in good faith. Our representative in the European "
          "Union is Erg Europe B.V., Herengracht 100, 1015 BS Amsterdam, the Netherlands, which you may "
          "contact about any matter relating to your personal information.")],
        _c("responsible-contact"), False,
        "New contact point (an EU representative with a postal address), in the introduction.",
    ),
    Case(
        "h-rc-data-protection-office",
        [("You may contact us at any time through the contact information provided on the website.",
          "You may contact our Data Protection Office at any time through the contact information "
          "provided on the website.")],
        _c("responsible-contact"), False,
        "A responsible department (Data Protection Office) is named; the channel itself is unchanged.",
    ),
    # ------------------------------------------------------------------ high-risk (8(vi))
    Case(
        "h-hr-personalization-dpia",
        [("- (vii) To provide you with personalized service.",
          "- (vii) To provide you with personalized service. A data protection impact assessment of our "
          "personalization features concluded that the residual risk is high.")],
        _c("high-risk"), False,
        "DPIA of an existing purpose concluded the residual risk is high (in the 1.2 list).",
    ),
    Case(
        "h-hr-children-assessment",
        [("we will seek to delete the relevant data as soon as possible.",
          "we will seek to delete the relevant data as soon as possible. Our latest personal "
          "information protection impact assessment found a high risk that children use our services "
          "under false ages.")],
        _c("high-risk"), False,
        "Impact assessment found a high risk, reported in the children's section 6.",
    ),
    Case(
        "h-hr-cross-border-assessment",
        [("prior to cross-border data transfers.",
          "prior to cross-border data transfers. Our most recent impact assessment of these "
          "cross-border transfers indicates a high risk to your personal information.")],
        _c("high-risk"), False,
        "Impact assessment of existing cross-border transfers indicates high risk (section 4.2).",
    ),
    # ------------------------------------------------------------------ multi-criterion
    Case(
        "h-multi-globex-group-sharing",
        [("### 3.1 Sharing of personal information\n\n",
          "### 3.1 Sharing of personal information\n\nSince our acquisition by Globex Corporation, we "
          "share your account and order information with the other companies of the Globex group.\n\n")],
        _c("ownership", "recipients"), False,
        "Acquisition (ownership) and a new group of recipients (the acquirer's group companies).",
    ),
    Case(
        "h-multi-requests-by-post-only",
        [("you may contact us through the channels set forth in this Policy.",
          "you may contact us only by post at: Privacy Department, PO Box 1234, London EC1A 1BB, United "
          "Kingdom.")],
        _c("responsible-contact", "user-rights"), True,
        "New department and postal contact (8(v)) that also leaves a single channel for requests (fewer channels).",
    ),
    Case(
        "h-multi-connected-car-insurer",
        [("- (x) Other personal information that you provide to us.",
          "- (x) Other personal information that you provide to us, including the registration number "
          "and driving data of your connected car, which we share with our insurance partner Contoso "
          "Insurance Ltd. to offer you usage-based insurance quotes.")],
        _c("service-model", "recipients"), False,
        "New data category and purpose (driving data, insurance quotes) plus a new recipient (an insurer).",
    ),
    Case(
        "h-multi-brazil-chat-logs-high-risk",
        [(_S42_P4_END, _S42_P4_END + " Chat logs with our customer service are now stored by Initrode "
          "Cloud Ltda. in São Paulo, Brazil; our impact assessment of this transfer indicates a high "
          "risk.")],
        _c("recipients", "high-risk"), False,
        "New processor and storage country (recipients) whose impact assessment indicates high risk.",
    ),
    Case(
        "h-multi-hooli-sale-new-dpo",
        [("and users understand, know and assume this risk.",
          "and users understand, know and assume this risk.\n\nFollowing the sale of our business to "
          "Hooli Inc., security incidents and other questions about your personal information are "
          "handled by the Hooli Data Protection Office, which you can reach at privacy@hooli.example.")],
        _c("ownership", "responsible-contact"), False,
        "Sale of the business (ownership) and a new responsible office with a new e-mail (contact).",
    ),
    # ------------------------------------------------------------------ NOT material
    Case(
        "h-nm-please-review",
        [("Please read the Privacy Policy", "Please review the Privacy Policy")],
        NONE, False,
        "Rewording with identical meaning: 'Please read' -> 'Please review'.",
    ),
    Case(
        "h-nm-in-order-to",
        [("In order to provide you with better, more optimal, more personalized services, or to jointly",
          "To provide you with better, more optimal, more personalized services, or to jointly"),
         ("in order to eliminate the need for you", "to eliminate the need for you")],
        NONE, False,
        "'in order to' -> 'to' in sections 3.1 and 2.1; same meaning.",
    ),
    Case(
        "h-nm-typos-childrens-and-grammar",
        [("6. Protection of children’ information", "6. Protection of children’s information"),
         ("we will require that a legal document, such as a subpoena or letter of inquiry, to be issued.",
          "we will require a legal document, such as a subpoena or letter of inquiry, to be issued."),
         ("Since we provided our products or services", "Since we provide our products or services")],
        NONE, False,
        "Typo and grammar fixes: missing possessive s, a stray 'that', a verb tense.",
    ),
    Case(
        "h-nm-renumber-collected-list",
        [("- (v)Information related to your communications",
          "- (iv)Information related to your communications"),
         ("- (viii)Information related to your device", "- (v)Information related to your device"),
         ("- (ix)To improve the security", "- (vi)To improve the security"),
         ("- (x) Other personal information that you provide", "- (vii) Other personal information that you provide"),
         ("- (xi)In order to provide and optimize", "- (viii)In order to provide and optimize")],
        NONE, False,
        "The gapped item numbers of the 1.1 list are renumbered consecutively; the items are unchanged.",
    ),
    Case(
        "h-nm-dedupe-and-bold-agree",
        [(_DUP + "\n\n" + _DUP, _DUP.replace('By clicking "Agree"', 'By clicking **"Agree"**'))],
        NONE, False,
        "The duplicated paragraph is removed and the word Agree is put in bold in the remaining copy.",
    ),
    Case(
        "h-nm-move-paragraph-security",
        [(_S41_P3 + "\n\n" + _S41_P4, _S41_P4 + "\n\n" + _S41_P3)],
        NONE, False,
        "Two paragraphs of 4.1 swap places, words unchanged.",
    ),
    Case(
        "h-nm-reorder-refusal-cases",
        [(_S58_IV_V,
          "- (v) where responding to your request will result in serious damage to the legitimate rights "
          "and interests of you or other individuals or organizations.\n"
          "- (iv) where there is sufficient evidence that you have subjective malice or abuse of rights.")],
        NONE, False,
        "Two of the cases in which requests cannot be answered (5.8) swap places; same set of cases.",
    ),
    Case(
        "h-nm-contact-as-list",
        [("please contact us as follows: a. For specific",
          "please contact us as follows:\n\n- a. For specific"),
         ("(including access to your own personal information); b. For general",
          "(including access to your own personal information);\n- b. For general")],
        NONE, False,
        "Formatting only: the two contact items of section 9 become a bulleted list, same words.",
    ),
    Case(
        "h-nm-whitespace",
        [("personal information from children. Children may not register",
          "personal information from children.  Children may not register"),
         ("## 4. How we protect and store your personal information\n",
          "## 4. How we protect and store your personal information   \n"),
         ("### 2.2 Third-party products and services\n\n",
          "### 2.2 Third-party products and services\n\n\n")],
        NONE, False,
        "Whitespace only: a double space between sentences, trailing spaces, an extra blank line.",
    ),
    Case(
        "h-nm-heading-case",
        [("## 8. Notices and Revisions", "## 8. Notices and revisions"),
         ("### 5.1 Right to Access to personal information", "### 5.1 Right to access to personal information"),
         ("## 6. Protection of Children’s information", "## 6. Protection of children’s information")],
        NONE, False,
        "Capitalization of three headings; same words.",
    ),
    Case(
        "h-nm-punctuation",
        [("such as SSL, encrypted storage of information, and data center access control.",
          "such as SSL, encrypted storage of information and data center access control."),
         ("- (ix) To prevent, detect, and investigate fraud",
          "- (ix) To prevent, detect and investigate fraud"),
         ('no "perfect security measures" on', "no “perfect security measures” on")],
        NONE, False,
        "Punctuation only: two serial commas dropped, straight quotes become curly quotes.",
    ),
    Case(
        "h-nm-reword-same-meaning",
        [("Please note that we are not responsible for the collection",
          "Please be aware that we are not responsible for the collection"),
         ("We strongly believe in being as transparent as possible",
          "We firmly believe in being as transparent as possible")],
        NONE, False,
        "Synonym rewording ('note' -> 'be aware', 'strongly' -> 'firmly'); no change of meaning.",
    ),
    Case(
        "h-nm-british-spelling",
        [("third party company or organization.", "third party company or organisation."),
         ("new company or organization holding", "new company or organisation holding"),
         ("that the company or organization to seek", "that the company or organisation to seek")],
        NONE, False,
        "Spelling variant (organization -> organisation) inside the transfer clause 3.2(iii); same recipients.",
    ),
    Case(
        "h-nm-age-in-words",
        [("under the age of 14 to be a child.", "under the age of fourteen (14) to be a child.")],
        NONE, False,
        "The children's age threshold is written in words as well as digits; still 14.",
    ),
    Case(
        "h-nm-bold-section8-high-risk",
        [("report indicates that there is a high risk.", "report indicates that there is a **high risk**.")],
        NONE, False,
        "Formatting only inside the definition of material changes 8(vi); no assessment is reported.",
    ),
    Case(
        "h-nm-list-markers-deletion",
        [("- (i) our collection and use", "* (i) our collection and use"),
         ("- (ii) we have handled personal information", "* (ii) we have handled personal information"),
         ("- (iii) we collect or process", "* (iii) we collect or process"),
         ("- (iv) you no longer use", "* (iv) you no longer use"),
         ("- (v) we no longer provide", "* (v) we no longer provide")],
        NONE, False,
        "Markdown list markers of the 5.3 deletion cases change from '-' to '*'; same items.",
    ),
]


MINIMUMS = {
    "total": 40,
    "service-model": 5,
    "ownership": 4,
    "recipients": 6,
    "user-rights": 8,
    "user-rights+consent": 4,
    "responsible-contact": 5,
    "high-risk": 2,
    "multi-criterion": 4,
    "non-material": 12,
}


if __name__ == "__main__":
    report(check_set(HOLDOUT, earlier=FIRST_SET, prefix="h-", minimums=MINIMUMS, new_edits_only=False))
