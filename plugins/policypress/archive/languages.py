"""Policies in several languages, laid out the way mkdocs-static-i18n lays out pages.

A file `legal/privacy.de.md` (suffix layout) or `de/legal/privacy.md` (folder layout) is the German
document of the policy `legal/privacy`: its own versions and ids, served under the language's prefix
(`de/legal/privacy/versions/<id>/`); the default language is served without a prefix. One language is
controlling; the documents of the others are translations of its document, and a translation is
*behind* when the controlling document published a later version than the one it translates.
"""

from __future__ import annotations

from dataclasses import dataclass

from policypress.archive.frontmatter import split
from policypress.archive.model import Document, Version
from policypress.errors import PolicyError


@dataclass(frozen=True)
class Languages:
    """The languages of a site (from the i18n plugin's configuration)."""

    default: str  # served without a URL prefix
    codes: tuple[str, ...]  # every language, the default included
    structure: str = "suffix"  # or "folder"
    controlling: str = ""  # the language whose text controls (the default language unless set)

    @property
    def controlling_language(self) -> str:
        return self.controlling or self.default

    def split(self, slug: str) -> tuple[str, str]:
        """The language of a document and the slug of the policy it is a language of."""
        if self.structure == "folder":
            first, _, rest = slug.partition("/")
            if rest and first in self.codes:
                return first, rest
            return self.default, slug
        folder, _, name = slug.rpartition("/")
        stem, dot, suffix = name.rpartition(".")
        if dot and stem and suffix in self.codes:
            return suffix, f"{folder}/{stem}" if folder else stem
        return self.default, slug

    def url_slug(self, language: str, base: str) -> str:
        """Where the document of `base` in `language` is served: the i18n plugin's URL of that page."""
        return base if language == self.default else f"{language}/{base}"

    def source_slug(self, url_slug: str) -> str:
        """The slug of the file a document served at `url_slug` is written in (`de/legal/privacy` is
        `legal/privacy.de` in the suffix layout): versions kept on file are filed by the URL slug, the
        document's name everywhere it is published."""
        first, _, rest = url_slug.partition("/")
        prefixed = bool(rest) and first in self.codes and first != self.default
        if self.structure == "folder":
            return url_slug if prefixed else f"{self.default}/{url_slug}"
        return f"{rest}.{first}" if prefixed else url_slug


def assign(documents: list[Document], languages: Languages | None, source: str = "mkdocs.yml") -> list[Document]:
    """Give each document its language and its URL slug (`de/legal/privacy`), and link translations to the
    controlling document of the same policy."""
    if languages is None:
        return documents
    seen: dict[str, Document] = {}
    for document in documents:
        language, base = languages.split(document.slug)
        document.language, document.base = language, base
        slug = languages.url_slug(language, base)
        if slug in seen:
            raise PolicyError(f"{seen[slug].path} and {document.path} are both the {language} text of {base}",
                              path=source, fix="keep one file per language of a policy")
        seen[slug] = document
        moved = {languages.url_slug(*languages.split(old)) for old in document.moved_from}
        document.moved_from = sorted(moved - {slug})  # `legal/privacy.md` moved to `en/legal/privacy.md`: same URL
        if slug != document.slug:
            document.slug = slug
            for version in document.versions:
                version.document = slug
    controlling = {d.base: d for d in documents if d.language == languages.controlling_language}
    for document in documents:
        if document.language != languages.controlling_language:
            document.controlling = controlling.get(document.base)
            if document.controlling is not None:
                document.controlling.translations.append(document)
                for version in document.versions:
                    version.translates = translated_version(version, document.controlling)
    return documents


def translated_version(version: Version, controlling: Document) -> str | None:
    """The id of the controlling version a translation's version renders: `translates:` in its front matter,
    else the controlling version in force or upcoming when the translation was committed (the last one
    published by then)."""
    named = version.meta.get("translates")
    where = version.path or version.document
    if named not in (None, ""):
        named = str(named)
        if not any(v.id == named for v in controlling.versions):
            line = split(version.text, where).line_of_key("translates", version.text)
            known = ", ".join(v.id for v in controlling.versions) or "none yet"
            raise PolicyError(f"translates: {named} is not a version of {controlling.path} (its versions: {known})",
                              path=where, line=line, fix="name the id of the controlling version this text renders")
        return named
    earlier = [v for v in controlling.versions if v.published <= version.published]
    return earlier[-1].id if earlier else (controlling.versions[0].id if controlling.versions else None)


def later_versions(translation: Document, version: Version | None = None) -> list[Version]:
    """The controlling versions published after the one `version` (default: the translation's latest)
    translates: empty when the translation is current."""
    controlling = translation.controlling
    version = version or (translation.versions[-1] if translation.versions else None)
    if controlling is None or version is None or version.translates is None:
        return []
    ids = [v.id for v in controlling.versions]
    if version.translates not in ids:
        return []
    return controlling.versions[ids.index(version.translates) + 1:]
