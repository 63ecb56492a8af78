"""The words policypress writes on pages, feeds and notices, in the reader's language.

Every string comes from a gettext catalogue: `locales/<language>.po`, one file per language, whose
`msgid`s are the English text (so English needs no file, and `locales/messages.pot` lists what a new
language translates). Placeholders are `{name}`, filled after translation; dates are written by Babel
in the language's long form ("1. März 2025", "2025年3月1日"). A language without a catalogue is
written in English, and says so (`Messages.language` is "en").
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from markupsafe import Markup

LOCALES = Path(__file__).parent / "locales"
DEFAULT = "en"


def N_(msgid: str) -> str:
    """Marks a message whose translation is looked up later (gettext's convention): extracted, not translated."""
    return msgid


def available() -> list[str]:
    """The languages with a catalogue (English is the source text)."""
    return sorted({DEFAULT} | {p.stem for p in LOCALES.glob("*.po")})


def resolve(language: str | None) -> str:
    """The catalogue for `language` as MkDocs themes and i18n name it (`de`, `pt-BR`, `zh_Hant`): the exact
    one, else its base language, else English."""
    if not language:
        return DEFAULT
    wanted = str(language).replace("-", "_")
    known = {name.lower(): name for name in available()}
    for candidate in (wanted, wanted.split("_")[0]):
        if candidate.lower() in known:
            return known[candidate.lower()]
    return DEFAULT


class Messages:
    """The translated strings and dates of one language."""

    def __init__(self, language: str | None = None):
        self.language = resolve(language)
        self._translations = _translations(self.language)
        try:
            self.locale = Locale.parse(self.language)
        except (UnknownLocaleError, ValueError):  # a catalogue named for a language Babel does not know
            self.locale = Locale.parse(DEFAULT)

    def gettext(self, msgid: str, **values) -> str:
        """`msgid` in this language, with `{name}` placeholders filled (plain text: for feeds, e-mails)."""
        translated = self._translations.gettext(msgid)
        return translated.format(**values) if values else translated

    def ngettext(self, singular: str, plural: str, count: int, **values) -> str:
        """The form for `count` by the language's plural rule; `{n}` is the number unless `values` say otherwise."""
        return self._translations.ngettext(singular, plural, count).format(**{"n": count, **values})

    def markup(self, msgid: str, **values) -> Markup:
        """`msgid` for HTML: the catalogue's text may hold markup, every value is escaped unless it is Markup."""
        return Markup(self._translations.gettext(msgid)).format(**values)

    def markup_plural(self, singular: str, plural: str, count: int, **values) -> Markup:
        return Markup(self._translations.ngettext(singular, plural, count)).format(**{"n": count, **values})

    def language_name(self, code: str) -> str:
        """A language's name in this language ("Englisch", "英语"), by Babel; the code when Babel does not know it."""
        try:
            return Locale.parse(code.replace("-", "_")).get_display_name(self.locale) or code
        except (UnknownLocaleError, ValueError):
            return code

    def date(self, value: dt.date) -> str:
        """A date as readers of the language write it: "March 4, 2026", "4. März 2026", "2026年3月4日"."""
        return format_date(value, format="long", locale=self.locale)


@lru_cache(maxsize=None)
def _translations(language: str) -> gettext.NullTranslations:
    """The catalogue of `language`, compiled in memory (no .mo file to keep in step with the .po)."""
    source = LOCALES / f"{language}.po"
    if language == DEFAULT or not source.is_file():
        return gettext.NullTranslations()
    with source.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


@lru_cache(maxsize=None)
def messages(language: str | None = None) -> Messages:
    return Messages(language)


# The language of the fragment being rendered: templates and their macros read it through `current()`.
_CURRENT: ContextVar[Messages] = ContextVar("policypress_messages", default=Messages(DEFAULT))


def current() -> Messages:
    return _CURRENT.get()


@contextmanager
def speaking(language: str | None):
    """Render in `language` inside the block (templates call `_`, `ngettext` and `human_date`)."""
    token = _CURRENT.set(messages(language))
    try:
        yield current()
    finally:
        _CURRENT.reset(token)


def template_globals() -> dict:
    """The names templates use: `_("…", name=value)`, `ngettext("…", "…", n)`, and the `human_date` filter."""
    return {
        "_": lambda msgid, **values: current().markup(msgid, **values),
        "ngettext": lambda singular, plural, count, **values: current().markup_plural(singular, plural, count,
                                                                                     **values),
    }


def human_date(value: dt.date) -> str:
    return current().date(value)


__all__ = ["N_", "Messages", "messages", "speaking", "current", "resolve", "available", "template_globals",
           "human_date"]
