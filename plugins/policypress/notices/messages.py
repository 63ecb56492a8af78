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
import re
import string
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from markupsafe import Markup, escape

LOCALES = Path(__file__).parent / "locales"
DEFAULT = "en"


def N_(msgid: str) -> str:
    """Marks a message whose translation is looked up later (gettext's convention): extracted, not translated."""
    return msgid


def Nn_(singular: str, plural: str) -> tuple[str, str]:
    """`N_` for a message with plural forms (extracted with `-k Nn_:1,2`, see locales/README.md)."""
    return singular, plural


def available() -> list[str]:
    """The languages with a catalogue (English is the source text)."""
    return sorted({DEFAULT} | {p.stem for p in LOCALES.glob("*.po")})


def script(language: str) -> str | None:
    """The script a language tag is written in, as CLDR's likely subtags say (`zh` and `zh-CN`: Hans, `zh-TW`,
    `zh-HK` and `zh-Hant`: Hant, `sr`: Cyrl, `pt-BR`: Latn); None when Babel does not know the language."""
    try:
        locale = Locale.parse(str(language).replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return None
    if locale.script:
        return locale.script
    likely = get_global("likely_subtags")
    for key in (f"{locale.language}_{locale.territory}" if locale.territory else None, locale.language):
        parts = likely.get(key, "").split("_") if key else []
        if len(parts) >= 3:
            return parts[1]
    return None


def text_direction(language: str) -> str:
    """"rtl" for a language written right to left (Arabic, Hebrew, Persian…), else "ltr", by Babel's CLDR data."""
    try:
        return Locale.parse(str(language).replace("-", "_")).text_direction
    except (UnknownLocaleError, ValueError, TypeError):
        return "ltr"


def resolve(language: str | None, catalogues: list[str] | None = None) -> str:
    """The catalogue for `language` as MkDocs themes and i18n name it (`de`, `pt-BR`, `zh_Hant`): the exact one,
    else the language in its script (`zh_Hant` for `zh-TW`), else the base language when it is written in the
    same script (`de-CH` -> `de`, `pt-BR` -> `pt`; never `zh-TW` -> `zh`, whose catalogue is Simplified
    Chinese, a text a reader of Traditional Chinese should not be given as theirs), else English. `catalogues`:
    the languages to choose from (default: those shipped)."""
    if not language:
        return DEFAULT
    wanted = str(language).replace("-", "_")
    known = {name.lower(): name for name in (available() if catalogues is None else catalogues)}
    if wanted.lower() in known:
        return known[wanted.lower()]
    base, written = wanted.split("_")[0], script(wanted)
    if written and f"{base}_{written}".lower() in known:
        return known[f"{base}_{written}".lower()]
    if base.lower() in known and (written is None or script(known[base.lower()]) in (None, written)):
        return known[base.lower()]
    return DEFAULT


def catalogue_for(language: str) -> str:
    """The file that would translate `language`: `zh_Hant.po` for `zh-TW` (its base has a catalogue in another
    script), else the base language's (`ko.po`)."""
    base = str(language).replace("-", "_").split("_")[0]
    written = script(language)
    known = {name.lower(): name for name in available()}
    other_script = base.lower() in known and written and script(known[base.lower()]) not in (None, written)
    return f"{base}_{written}.po" if other_script else f"{base}.po"


def fallback_note(language: str | None) -> str | None:
    """Why `language` is written in English, when it is not English (for the build's log); None otherwise."""
    if not language or resolve(language) != DEFAULT or str(language).replace("-", "_").split("_")[0].lower() == DEFAULT:
        return None
    base = str(language).replace("-", "_").split("_")[0]
    known = {name.lower(): name for name in available()}
    if base.lower() in known:
        why = (f"the '{known[base.lower()]}' catalogue is written in another script ({script(known[base.lower()])}, "
               f"not {script(language)})")
    else:
        why = "no catalogue has that language"
    return (f"language '{language}': {why}, so policypress writes its words in English, marked lang=\"en\"; "
            f"to translate them, add plugins/policypress/notices/locales/{catalogue_for(language)} (see the README there)")


class Messages:
    """The translated strings and dates of one language."""

    def __init__(self, language: str | None = None):
        self.language = resolve(language)
        self._translations = _translations(self.language)
        try:
            self.locale = Locale.parse(self.language)
        except (UnknownLocaleError, ValueError):  # a catalogue named for a language Babel does not know
            self.locale = Locale.parse(DEFAULT)
        try:  # dates as the regional variant writes them (de-CH, pt-BR) when its words are the catalogue's
            requested = Locale.parse(str(language).replace("-", "_")) if language else None
        except (UnknownLocaleError, ValueError):
            requested = None
        if requested is not None and requested.language == self.locale.language:
            self.locale = requested
        self._dates: dict[dt.date, str] = {}  # `date`, by date

    @property
    def tag(self) -> str:
        """The BCP 47 tag of the language written (`lang` attributes, the browser's date formats): `de`, `pt-BR`."""
        return "-".join(part for part in (self.locale.language, self.locale.script, self.locale.territory) if part)

    def forms(self, singular: str, plural: str) -> tuple[list[str], list | int]:
        """Every plural form of a message and the rule that picks one (`plural_rule`): what the browser needs to
        say "1 Änderung", "2 Änderungen" itself. An untranslated message keeps English's forms and rule."""
        catalog = getattr(self._translations, "_catalog", {})
        forms = []
        while (singular, len(forms)) in catalog:
            forms.append(catalog[(singular, len(forms))])
        if not forms:
            return [singular, plural], plural_rule(_ENGLISH_PLURAL)
        return forms, plural_rule(self._translations.info().get("plural-forms", _ENGLISH_PLURAL))

    def gettext(self, msgid: str, **values) -> str:
        """`msgid` in this language, with `{name}` placeholders filled (plain text: for feeds, e-mails)."""
        translated = self._translations.gettext(msgid)
        return translated.format(**values) if values else translated

    def ngettext(self, singular: str, plural: str, count: int, **values) -> str:
        """The form for `count` by the language's plural rule; `{n}` is the number unless `values` say otherwise."""
        return self._translations.ngettext(singular, plural, count).format(**{"n": count, **values})

    def markup(self, msgid: str, **values) -> Markup:
        """`msgid` for HTML: the catalogue's text may hold markup, every value is escaped unless it is Markup."""
        return _format_markup(self._translations.gettext(msgid), values)

    def markup_plural(self, singular: str, plural: str, count: int, **values) -> Markup:
        return _format_markup(self._translations.ngettext(singular, plural, count), {"n": count, **values})

    def language_name(self, code: str) -> str:
        """A language's name in this language ("Englisch", "英语"), by Babel; the code when Babel does not know it."""
        try:
            return Locale.parse(code.replace("-", "_")).get_display_name(self.locale) or code
        except (UnknownLocaleError, ValueError):
            return code

    def date(self, value: dt.date) -> str:
        """A date as readers of the language write it: "March 4, 2026", "4. März 2026", "2026年3月4日"."""
        found = self._dates.get(value)
        if found is None:  # Babel takes ~20 µs a date; a build writes each version's dates on many pages
            if type(value) is not dt.date:  # a datetime (or a subclass): formatted, not remembered
                return format_date(value, format="long", locale=self.locale)
            found = self._dates[value] = format_date(value, format="long", locale=self.locale)
        return found


_ENGLISH_PLURAL = "nplurals=2; plural=(n != 1);"
_PLURAL_TOKEN = re.compile(r"\s*(\d+|n|\|\||&&|[=!<>]=|[<>?:()%!*/+-])")
_PRECEDENCE = {"||": 1, "&&": 2, "==": 3, "!=": 3, "<": 4, ">": 4, "<=": 4, ">=": 4, "+": 5, "-": 5,
               "*": 6, "/": 6, "%": 6}


@lru_cache(maxsize=None)
def plural_rule(plural_forms: str) -> list | int:
    """A catalogue's `Plural-Forms` expression (C syntax) as data the browser evaluates without `eval`: a number,
    "n", or [operator, operand…] with "?:" for the conditional and "!" for not. Raises ValueError on anything else."""
    found = re.search(r"plural\s*=\s*([^;]+)", plural_forms)
    if not found:
        raise ValueError(f"no plural expression in {plural_forms!r}")
    text = found.group(1).strip()
    tokens, at = [], 0
    while at < len(text):
        match = _PLURAL_TOKEN.match(text, at)
        if not match:
            raise ValueError(f"unreadable plural expression {text!r} at {text[at:]!r}")
        tokens.append(match.group(1))
        at = match.end()
        while at < len(text) and text[at].isspace():
            at += 1
    position = 0

    def take(expected=None):
        nonlocal position
        if position >= len(tokens) or (expected and tokens[position] != expected):
            raise ValueError(f"unreadable plural expression {text!r}")
        position += 1
        return tokens[position - 1]

    def operand():
        token = take()
        if token == "(":
            inner = conditional()
            take(")")
            return inner
        if token == "!":
            return ["!", operand()]
        if token == "n":
            return "n"
        if token.isdigit():
            return int(token)
        raise ValueError(f"unreadable plural expression {text!r}")

    def binary(level):
        left = operand()
        while position < len(tokens) and _PRECEDENCE.get(tokens[position], 0) >= level:
            operator = take()
            left = [operator, left, binary(_PRECEDENCE[operator] + 1)]
        return left

    def conditional():
        test = binary(1)
        if position < len(tokens) and tokens[position] == "?":
            take("?")
            yes = conditional()
            take(":")
            return ["?:", test, yes, conditional()]
        return test

    rule = conditional()
    if position != len(tokens):
        raise ValueError(f"unreadable plural expression {text!r}")
    return rule


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


@lru_cache(maxsize=4096)
def _plain_fields(template: str) -> bool:
    """Whether every placeholder of `template` is a bare `{name}` (no conversion, format spec, index or attribute)."""
    try:
        fields = list(_FORMATTER.parse(template))
    except ValueError:
        return False
    return all(name is None or (name.isidentifier() and not spec and conversion is None)
               for _, name, spec, conversion in fields)


_FORMATTER = string.Formatter()


def _format_markup(template: str, values: dict) -> Markup:
    """`Markup(template).format(**values)`: with bare placeholders and values that are text, numbers or Markup,
    each value escaped and put in by `str.format` (what markupsafe's formatter does, in Python, field by field:
    templates fill thousands of these per build); anything else by markupsafe itself."""
    if _plain_fields(template) and all(type(v) in _SIMPLE for v in values.values()):
        return Markup(template.format(**{k: v if type(v) is Markup else escape(v) for k, v in values.items()}))
    return Markup(template).format(**values)


_SIMPLE = frozenset((str, int, bool, Markup))


def template_globals() -> dict:
    """The names templates use: `_("…", name=value)`, `ngettext("…", "…", n)`, and the `human_date` filter."""
    return {
        "_": lambda msgid, **values: current().markup(msgid, **values),
        "ngettext": lambda singular, plural, count, **values: current().markup_plural(singular, plural, count,
                                                                                     **values),
    }


def human_date(value: dt.date) -> str:
    return current().date(value)


__all__ = ["N_", "Nn_", "plural_rule", "script", "fallback_note", "catalogue_for", "text_direction", "Messages", "messages", "speaking", "current", "resolve", "available", "template_globals",
           "human_date"]
