"""Documents and their versions: the vocabulary of the README as plain data.

Nothing here knows about Git, files or MkDocs; the timeline module fills these objects and every
adapter (site pages, versions.json, CLI) reads them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Version:
    """One published text of a document, at its permanent id."""

    document: str
    id: str
    text: str  # the exact published text, front matter included
    sha256: str
    effective: dt.date
    effective_source: str  # "front matter", "text" or "commit"
    published: dt.datetime
    commit: str | None = None
    path: str | None = None  # path under the docs folder when it was published
    subject: str | None = None  # commit subject
    on_file: bool = False  # kept in versions/
    on_file_path: str | None = None  # the file in versions/ that keeps it
    in_git: bool = False  # reachable in the built branch's history
    revision: bool = False  # same effective date as the version before it: a correction
    shallow_boundary: bool = False  # first commit of a shallow clone: its real history is unknown
    meta: dict[str, Any] = field(default_factory=dict)
    correction: str | None = None  # why versions/corrections.yml corrects this version (shown on its page)
    translates: str | None = None  # a translation's version: the id of the controlling version it renders
    body: str = ""
    body_line: int = 1

    @property
    def title(self) -> str | None:
        title = self.meta.get("title")
        return str(title) if title not in (None, "") else None

    @property
    def summary(self) -> str | None:
        summary = self.meta.get("summary")
        return str(summary).strip() if summary not in (None, "") else None


@dataclass
class Document:
    """A policy: its slug (file stem), where it lives, and its versions in publication order."""

    slug: str
    path: str  # relative to the docs folder
    versions: list[Version] = field(default_factory=list)
    draft: Version | None = None  # the working-tree text when it differs from the last version
    withdrawn: bool = False  # deleted from the branch; its archive stays published
    moved_from: list[str] = field(default_factory=list)  # earlier slugs (renames, moves): their URLs redirect here
    type: str = "privacy"  # privacy, terms, cookies or other (archive/doctypes.py): which criteria judge it
    language: str | None = None  # with several languages (archive/languages.py): this document's
    base: str | None = None  # the policy it is a language of (`legal/privacy` for `de/legal/privacy`)
    controlling: Document | None = field(default=None, repr=False, compare=False)  # of a translation
    translations: list[Document] = field(default_factory=list, repr=False, compare=False)  # of the controlling one

    @property
    def title(self) -> str:
        for version in reversed(self.versions):
            if version.title:
                return version.title
        if self.draft is not None and self.draft.title:
            return self.draft.title
        return self.slug.replace("-", " ").replace("_", " ").title()

    def get(self, version_id: str) -> Version:
        for version in self.versions:
            if version.id == version_id:
                return version
        raise KeyError(version_id)

    def previous(self, version: Version) -> Version | None:
        index = self.versions.index(version)
        return self.versions[index - 1] if index > 0 else None

    def next(self, version: Version) -> Version | None:
        index = self.versions.index(version)
        return self.versions[index + 1] if index + 1 < len(self.versions) else None

    def current(self, today: dt.date) -> Version | None:
        """The version in force on `today`: the latest effective one, later publications winning ties."""
        best = None
        for order, version in enumerate(self.versions):
            if version.effective <= today and (best is None or (version.effective, order) >= best[0]):
                best = ((version.effective, order), version)
        return best[1] if best else None

    def upcoming(self, today: dt.date) -> Version | None:
        """The next version to take effect after `today`, if one is published."""
        future = [v for v in self.versions if v.effective > today]
        current = self.current(today)
        if current is not None:
            after = self.versions.index(current)
            future = [v for v in future if self.versions.index(v) > after]
        return min(future, key=lambda v: (v.effective, self.versions.index(v)), default=None)
