"""Blind labelled set for material-change detection (the THIRD set).

Written without reading the engine (``plugins/``) and without running it.  The first two sets
(``materiality_cases.CASES`` and ``materiality_holdout.HOLDOUT``) were read only for their format and
so that this set does not repeat their edits: the wording, the entities, and in most cases the
sentences edited are different.  Use it to measure the engine, never to tune it.

Every case is a realistic edit of the BODY of ``policy/privacy.md`` (the text after the front
matter).  Each edit is ``(old, new)``: ``old`` occurs exactly once in the body as already modified by
the earlier edits of the same case, and is replaced by ``new``.

Labels follow section 8 of the demo policy (criteria ids as in ``tests/labels/README.md``):
``service-model`` 8(i), ``ownership`` 8(ii), ``recipients`` 8(iii), ``user-rights`` 8(iv),
``responsible-contact`` 8(v), ``high-risk`` 8(vi).

``consent_required`` is True only when the change REDUCES the reader's rights (a right removed or
narrowed, a longer deadline, a new fee, a heavier burden to exercise a right, consent no longer
asked).  Every such case also carries ``user-rights``.

Labelling conventions (the same as the first two sets, so that scores are comparable):

* a new, removed or widened purpose, data category or way of use is ``service-model``;
* a new recipient, processor, recipient category or storage/transfer location is ``recipients``;
* a merger, sale of shares, insolvency administration or new controller is ``ownership``;
* a new contact detail, responsible department or complaint channel is ``responsible-contact``
  only (it adds, and takes nothing away);
* an impact assessment reported as indicating HIGH risk is ``high-risk``;
* formatting, whitespace, punctuation, spelling variants, capitalisation, sentence splits and
  merges with the same words, links added to existing words and reordered headings are not
  material (empty criteria).

Run ``python tests/materiality_blind.py`` to check that every edit applies to the current demo
policy and to print label counts.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from materiality_cases import CASES as FIRST_SET  # noqa: E402
from materiality_cases import NONE, Case, _c, check_set, report  # noqa: E402
from materiality_holdout import HOLDOUT as SECOND_SET  # noqa: E402



# Exact anchors from the demo policy body.
_S58_FEES_START = (
    "In principle, we do not charge any fees for your reasonable requests, but we will charge a cost "
    "fee for repeated requests"
)
_S41_P2_END = (
    "We will provide appropriate security measures in accordance with the available technology to "
    "protect your information, provide reasonable security guarantees and protect your information "
    "from leakage, destruction or loss."
)
_S11_SUBLIST = (
    "    - (a) When you download or use our software",
    "    - (b) When you use our Platform services",
    "    - (c) Information contained in the content",
)


BLIND: list[Case] = [
    # ------------------------------------------------------------------ service-model (8(i))
    Case(
        "b-sm-predict-products",
        [("such as pushing you information about our products and services.",
          "such as pushing you information about our products and services. We also analyse your "
          "browsing and purchase history to build models that predict which products you will like.")],
        _c("service-model"), False,
        "New way of use phrased indirectly: predictive preference models built from browsing and purchases.",
    ),
    Case(
        "b-sm-identity-card-at-registration",
        [("avatar, registered e-mail address.",
          "avatar, registered e-mail address, and, for some features, a photo of your national "
          "identity card.")],
        _c("service-model"), False,
        "New type of personal information (identity document image) named by example in the registration item.",
    ),
    Case(
        "b-sm-behavioural-signals",
        [("information about the software you commonly use,",
          "information about the software you commonly use, behavioural signals such as how fast you "
          "type and the angle at which you hold your phone,")],
        _c("service-model"), False,
        "New data category named only by example (typing speed, phone angle) for account risk scoring.",
    ),
    Case(
        "b-sm-reseller-detection",
        [("regarding the services.",
          "regarding the services.\n- (iv-a) To work out, from the pattern of your purchases and "
          "returns, whether you may be reselling our products, and to limit the quantities you may buy.")],
        _c("service-model"), False,
        "New purpose inserted in the 1.2 list: profiling purchases and returns to detect resellers.",
    ),
    Case(
        "b-sm-cross-device-linking",
        [("to help estimate the security of your account.",
          "to help estimate the security of your account, or to recognise you across the different "
          "devices you use and link your activity on each of them.")],
        _c("service-model"), False,
        "New way of using cookie data: cross-device recognition and linking of activity (section 2.1).",
    ),
    # ------------------------------------------------------------------ ownership (8(ii))
    Case(
        "b-own-sister-company-controller",
        [("Unless otherwise agreed, terms used",
          "From 1 March 2028, following an internal reorganisation of our group, the Platform Services "
          "are provided by our sister company Erg Digital Services Ltd., which is now the controller of "
          "your personal information.\n\nUnless otherwise agreed, terms used")],
        _c("ownership"), False,
        "A group company becomes the controller after an internal reorganisation (new controller).",
    ),
    Case(
        "b-own-insolvency-administrator",
        [("we will deal with it promptly.",
          "we will deal with it promptly.\n\nAn insolvency administrator, Ms Jane Roe of Roe "
          "Restructuring LLP, has been appointed over the Platform Operator and now controls its "
          "business, including the processing of your personal information.")],
        _c("ownership"), False,
        "Insolvency administrator appointed and in control of the operator (bankruptcy), placed after section 7.",
    ),
    Case(
        "b-own-businesses-combined",
        [("8. Notices and amendments\n",
          "8. Notices and amendments\n\nOn 2 January 2028 the Platform Operator and Vandelay Industries "
          "plc combined their businesses; the combined company, Vandelay Erg plc, now provides the "
          "Platform Services.\n")],
        _c("ownership"), False,
        "Merger phrased as 'combined their businesses', placed right after the contents list.",
    ),
    Case(
        "b-own-private-equity-share-sale",
        [("We will not transfer your personal information to any company",
          "On 15 October 2027 our shareholders sold all shares in the Platform Operator to Blue Harbour "
          "Capital Partners III, a private equity fund; the Platform Operator itself continues to "
          "provide the Platform Services.\n\nWe will not transfer your personal information to any company")],
        _c("ownership"), False,
        "Share sale to a private equity fund (change of ownership, same controller, no data moved), in 3.2.",
    ),
    # ------------------------------------------------------------------ recipients (8(iii))
    Case(
        "b-rec-stripe-card-numbers",
        [("delivery address, bank card number, and email address",
          "delivery address, bank card number (passed directly to our payment processor, Stripe "
          "Payments Europe, Ltd.), and email address")],
        _c("recipients"), False,
        "New named processor (a payment processor) receiving card numbers, inside the 1.1 purchase item.",
    ),
    Case(
        "b-rec-logistics-partner",
        [("signed with you.",
          "signed with you, for example to a logistics partner that receives your name, address and "
          "phone number in order to deliver your order.")],
        _c("recipients"), False,
        "New unnamed recipient category ('a logistics partner') in the 3.2 transfer list.",
    ),
    Case(
        "b-rec-dublin-data-centre",
        [("will be stored on our and/or our affiliates' servers",
          "will be stored on our and/or our affiliates' servers, which we have moved to a data centre "
          "in Dublin, Ireland,")],
        _c("recipients"), False,
        "Data moved to a new storage location (a data centre in Ireland), section 4.2.",
    ),
    Case(
        "b-rec-mailchimp",
        [("unsubscribe from receiving the push.",
          "unsubscribe from receiving the push. Our promotional e-mails are sent through Mailchimp, a "
          "service of The Rocket Science Group LLC, which receives your name and e-mail address for "
          "that purpose.")],
        _c("recipients"), False,
        "New named processor (e-mail delivery service) for an existing marketing purpose.",
    ),
    Case(
        "b-rec-foreign-authorities",
        [("at the request of government authorities.",
          "at the request of government authorities in any country where we or our affiliates operate.")],
        _c("recipients"), False,
        "Recipients widened: government authorities of any country, not only the home authorities (3.1.3).",
    ),
    Case(
        "b-rec-trustpilot-review-invites",
        [("or promotions and campaigns that you have chosen to participate in.",
          "or promotions and campaigns that you have chosen to participate in. After each order we send "
          "your name, e-mail address and order reference to Trustpilot A/S so that it can invite you to "
          "review your purchase.")],
        _c("recipients"), False,
        "New named recipient (review platform) for the existing survey purpose in 1.2(v).",
    ),
    # ------------------------------------------------------------------ user-rights (8(iv))
    Case(
        "b-ur-reasonable-fee",
        [(_S58_FEES_START,
          "In principle, we handle your reasonable requests for a reasonable fee, and we will charge a "
          "higher cost fee for repeated requests")],
        _c("user-rights"), True,
        "Reasonable requests, previously free, now cost 'a reasonable fee'.",
    ),
    Case(
        "b-ur-three-months",
        [("process your request within 15 business days.", "process your request within three months.")],
        _c("user-rights"), True,
        "Longer deadline to answer requests: 15 business days becomes three months.",
    ),
    Case(
        "b-ur-object-except-contract",
        [("including analysis that has legal effect or significant impact on you.",
          "including analysis that has legal effect or significant impact on you, except where the "
          "decision is necessary for entering into or performing a contract with you or is authorised "
          "by law.")],
        _c("user-rights"), True,
        "Right to object to automated decision-making narrowed by an 'except where' carve-out (5.5).",
    ),
    Case(
        "b-ur-withdraw-window",
        [("or withdraw your authorization at any time,",
          "or withdraw your authorization within 14 days of giving it,")],
        _c("user-rights"), True,
        "'at any time' removed: consent can only be withdrawn within 14 days of giving it (5.5).",
    ),
    Case(
        "b-ur-notarised-request",
        [("For security purposes, you may be required to provide a written request or otherwise prove "
          "your identity.",
          "For security purposes, you must send us a signed written request together with a notarised "
          "copy of your identity document.")],
        _c("user-rights"), True,
        "Heavier burden to exercise rights: a signed request and notarised ID always required (5.8).",
    ),
    Case(
        "b-ur-minors-remove-content",
        [("we will delete the data as soon as we are aware of it.",
          "we will delete the data as soon as we are aware of it. If you are under 18, you may also ask "
          "us to remove any content you have posted on our Platform, and we will do so free of charge.")],
        _c("user-rights"), False,
        "A new right is added for minors (removal of their posted content); nothing is reduced.",
    ),
    Case(
        "b-ur-restriction-ground-added",
        [("or in the legitimate interests of us and third parties.",
          "or in the legitimate interests of us and third parties.\n- (v) when you have objected to our "
          "processing under section 5.5 and we are still checking whether our legitimate grounds "
          "override yours.")],
        _c("user-rights"), False,
        "Right to restrict processing widened with a new ground (an improvement).",
    ),
    # ------------------------------------------------------------------ responsible-contact (8(v))
    Case(
        "b-rc-dpo-email-and-phone",
        [("you may contact us at the email address at the bottom of this Policy",
          "you may e-mail our Data Protection Officer at dpo@erg-platform.example or call them on "
          "+49 30 1234 5678")],
        _c("responsible-contact"), False,
        "A DPO is named with a new e-mail address and phone number (5.7); no channel is taken away.",
    ),
    Case(
        "b-rc-complaints-unit",
        [("you may contact us through the channels set forth in this Policy.",
          "you may contact us through the channels set forth in this Policy or write to our Privacy "
          "Complaints Unit at complaints-unit@erg-platform.example.")],
        _c("responsible-contact"), False,
        "New complaint channel and department (Privacy Complaints Unit e-mail) added in 5.8.",
    ),
    Case(
        "b-rc-group-security-office",
        [("in accordance with the requirements of regulatory authorities.",
          "in accordance with the requirements of regulatory authorities. Our Group Security Office is "
          "responsible for handling personal information security incidents.")],
        _c("responsible-contact"), False,
        "Department responsible for personal information security incidents is named (4.1).",
    ),
    Case(
        "b-rc-privacy-operations-team",
        [("with respect to your personal information.",
          "with respect to your personal information. Requests to exercise these rights are handled by "
          "our Privacy Operations team, which you can reach at rights@erg-platform.example.")],
        _c("responsible-contact"), False,
        "Responsible team and a new contact address for rights requests, in the section 5 lead-in.",
    ),
    # ------------------------------------------------------------------ high-risk (8(vi))
    Case(
        "b-hr-dpia-law-enforcement",
        [("for specific investigative purposes.",
          "for specific investigative purposes. Our DPIA of how we handle these requests rated the risk "
          "to your rights as high.")],
        _c("high-risk"), False,
        "DPIA 'rated high', reported in the public disclosure section 3.3.",
    ),
    Case(
        "b-hr-reidentification-risk",
        [("that is not identifiable.",
          "that is not identifiable. An impact assessment of our de-identification methods concluded "
          "that there is a high risk that individuals could be re-identified from this information.")],
        _c("high-risk"), False,
        "Impact assessment concludes a high re-identification risk (rule 1.4.2).",
    ),
    # ------------------------------------------------------------------ multi-criterion
    Case(
        "b-multi-keep-after-cancellation",
        [("When you cancel your account, we will stop using and delete your personal information.",
          "When you cancel your account, we will keep your purchase history for five years and use it "
          "to improve our product recommendations.")],
        _c("service-model", "user-rights"), True,
        "Data kept and used after cancellation (new way of use) and deletion on cancellation withdrawn (reduction).",
    ),
    Case(
        "b-multi-air-miles-partner",
        [("before leaving our Platform and accessing other websites or resources.",
          "before leaving our Platform and accessing other websites or resources. If you join our "
          "frequent-flyer partnership, we send your name, membership number and the amount you spend in "
          "our official store to Oceanic Airlines Ltd., which credits you with air miles.")],
        _c("service-model", "recipients"), False,
        "New purpose and data (air-miles loyalty, membership number) and a new named recipient (an airline).",
    ),
    Case(
        "b-multi-transfers-without-consent",
        [("outside of the country in which you use the product or service, with your authorized consent.",
          "outside of the country in which you use the product or service, including to data centres in "
          "the United Arab Emirates and India, without further consent from you.")],
        _c("recipients", "user-rights"), True,
        "New transfer destinations (UAE, India) and consent to cross-border transfers no longer asked.",
    ),
    # ------------------------------------------------------------------ NOT material
    Case(
        "b-nm-sentence-split",
        [(_S41_P2_END,
          "We will provide appropriate security measures in accordance with the available technology to "
          "protect your information. We will provide reasonable security guarantees and protect your "
          "information from leakage, destruction or loss.")],
        NONE, False,
        "One sentence of 4.1 split into two; only the subject 'We will provide' is repeated.",
    ),
    Case(
        "b-nm-sentences-merged",
        [("only when necessary. If you find", "only when necessary; if you find")],
        NONE, False,
        "Two sentences of 4.1 merged with a semicolon; same words.",
    ),
    Case(
        "b-nm-email-spelling",
        [("registered e-mail address.", "registered email address.")],
        NONE, False,
        "Spelling variant: 'e-mail' -> 'email'.",
    ),
    Case(
        "b-nm-platform-services-case",
        [("Our Platform Services support you", "Our platform services support you")],
        NONE, False,
        "Capitalisation of a defined term in 5.7; same services.",
    ),
    Case(
        "b-nm-oxford-comma",
        [("the collection, use and disclosure policies", "the collection, use, and disclosure policies")],
        NONE, False,
        "Serial (Oxford) comma added in 2.2.",
    ),
    Case(
        "b-nm-heading-words-reordered",
        [("### 2.2 Third-party products and services", "### 2.2 Third-party services and products")],
        NONE, False,
        "Heading renamed by re-ordering the same words.",
    ),
    Case(
        "b-nm-link-user-agreement",
        [("same meanings as those in the User Service Agreement.",
          "same meanings as those in the [User Service Agreement](https://example.com/terms).")],
        NONE, False,
        "A Markdown link added to an existing phrase; same words.",
    ),
    Case(
        "b-nm-sublist-indentation",
        [(old, "  " + old.lstrip()) for old in _S11_SUBLIST],
        NONE, False,
        "Indentation of the three sub-items of 1.1(xi) changes from four spaces to two; same words.",
    ),
    Case(
        "b-nm-lowercase-style",
        [("phishing site scams and Trojan horses", "phishing site scams and trojan horses"),
         ("some of your Internet usage habits", "some of your internet usage habits")],
        NONE, False,
        "House-style capitalisation in 1.1(ix): 'Trojan horses' and 'Internet' lower-cased.",
    ),
    Case(
        "b-nm-british-personalised",
        [("- (vii) To provide you with personalized service.",
          "- (vii) To provide you with personalised service."),
         ("a more personalized use of the service", "a more personalised use of the service")],
        NONE, False,
        "Spelling variant: 'personalized' -> 'personalised' in two items of 1.2.",
    ),
    Case(
        "b-nm-paragraph-split",
        [("we will assume appropriate legal responsibility. After the unfortunate occurrence",
          "we will assume appropriate legal responsibility.\n\nAfter the unfortunate occurrence")],
        NONE, False,
        "A long paragraph of 4.1 split into two paragraphs; same words.",
    ),
]


MINIMUMS = {
    "total": 36,
    "service-model": 5,
    "ownership": 4,
    "recipients": 6,
    "user-rights": 7,
    "user-rights+consent": 3,
    "responsible-contact": 4,
    "high-risk": 2,
    "multi-criterion": 3,
    "non-material": 10,
}


if __name__ == "__main__":
    report(check_set(BLIND, earlier=FIRST_SET + SECOND_SET, prefix="b-", minimums=MINIMUMS, new_edits_only=True))
