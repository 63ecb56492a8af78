"""The words policypress.js writes in the reader's browser, from the message catalogue like every other word.

The compare page's status and counts, the redline toolbar's counter, the side-by-side labels and the
in-force result are computed in the browser, so the page carries them as data (`words_data`, JSON in an
attribute: never a script, never markup): each message in the page's language, a plural message with all
of its forms and the catalogue's plural rule as data (`plural_rule`), which policypress.js evaluates
itself. Placeholders stay `{name}`: the browser fills them, as text.
"""

from __future__ import annotations

import json
import re
from html import unescape

from markupsafe import Markup, escape

from policypress.notices.messages import N_, Nn_, current

#: key -> message (the redline template's own messages where the browser writes the same line).
BROWSER_WORDS = {
    "changes": Nn_("{n} change", "{n} changes"),
    "noChanges": N_("No changes to show"),
    "changeOf": N_("Change {n} of {total}"),
    "sideBySide": N_("Side by side"),
    "inline": N_("Inline view"),
    "sideBySideLabel": N_("Old and new text side by side"),
    "before": N_("Before"),
    "after": N_("After"),
    "comparing": N_("Comparing version {old} with version {new}…"),
    "computed": Nn_("{n} change from version {old} to version {new}, computed in your browser by the build’s own "
                    "redline engine.",
                    "{n} changes from version {old} to version {new}, computed in your browser by the build’s own "
                    "redline engine."),
    "published": N_("This pair is one published step: the same redline is on its own page,"),
    "publishedLink": N_("the published redline of version {version}"),
    "statsChanges": Nn_("{n} change:", "{n} changes:"),
    "statsAdded": Nn_("{n} word added,", "{n} words added,"),
    "statsRemoved": N_("{n} removed, in"),
    "statsSections": Nn_("{n} section.", "{n} sections."),
    "sections": N_("Sections changed:"),
    "removedSection": N_("{title} (removed)"),
    "unknown": N_("Unknown version."),
    "same": N_("Pick two different versions."),
    "failed": N_("Could not compare: {reason}"),
    "running": N_("{title}: redline from version {old} (effective {old_effective}) to version {new} "
                  "(effective {new_effective})"),
    "page": N_("Page {page} of {pages}"),
    "notInForce": N_("No version of this policy was in force on {date}."),
    "inForce": N_("Version {version} was in force on {date}."),
    **{f"move-{key}": message for key, message in {
        "to": N_("moved to “{section}”"), "from": N_("moved from “{section}”"),
        "down": N_("moved down"), "up": N_("moved up")}.items()},
}

#: A moved block's link as the redline engine labels it (in English, in diff/redline.py and its port).
_ENGINE_MOVE = re.compile(r"moved (to|from) “(.*)”|moved (down|up)", re.S)


def move_label(english: str) -> str:
    """A moved block's link label ("moved to “2. Sharing”") in the language being rendered."""
    found = _ENGINE_MOVE.fullmatch(english)
    if not found:
        return english
    if found.group(1):
        return current().gettext(BROWSER_WORDS[f"move-{found.group(1)}"], section=found.group(2))
    return current().gettext(BROWSER_WORDS[f"move-{found.group(3)}"])


_MOVE_LINK = re.compile(r'(<a class="pp-move-link" href="[^"]*" )data-label="([^"]*)" aria-label="[^"]*">')


def localise_moves(html: str) -> str:
    """The engine's HTML with its moved-block labels in the language being rendered (the HTML itself is cached
    and shared by every language; the browser's port does the same on the compare page)."""
    def label(match: re.Match) -> str:
        words = escape(move_label(unescape(match.group(2))))
        return f'{match.group(1)}data-label="{words}" aria-label="{words}">'
    return _MOVE_LINK.sub(label, html)


def browser_words() -> dict:
    """The browser's words in the language being rendered: {"lang", "plural", "words": {key: text or {"forms",
    "plural"}}}."""
    words = current()
    table: dict = {}
    for key, message in BROWSER_WORDS.items():
        if isinstance(message, tuple):
            forms, rule = words.forms(*message)
            table[key] = {"forms": forms, "plural": rule}
        else:
            table[key] = words.gettext(message)
    return {"lang": words.tag, "words": table}


def words_data() -> Markup:
    """The element policypress.js reads its words from (an attribute: Material's instant navigation re-runs
    scripts, and the CSP runs none of the page's)."""
    data = json.dumps(browser_words(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return Markup('<div id="pp-words" data-pp-json="{}" hidden></div>').format(escape(data))
