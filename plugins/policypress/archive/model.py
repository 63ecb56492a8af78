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
        """The newest title any version gives, else the draft's, else one made from the slug. Remembered while the
        versions list, its last version and the draft are the same objects (with the same metadata): without a
        title in the newest version every page asked again, the whole history each time (quadratic)."""
        last = self.versions[-1] if self.versions else None
        key = (id(self.versions), len(self.versions), id(last), id(last.meta) if last else 0, id(self.draft),
               id(self.draft.meta) if self.draft is not None else 0, self.slug)
        held = self.__dict__.get("_title")
        if held is not None and held[0] == key:
            return held[1]
        title = next((version.title for version in reversed(self.versions) if version.title), None)
        if title is None:
            title = self.draft.title if self.draft is not None and self.draft.title else None
        if title is None:
            title = self.slug.replace("-", " ").replace("_", " ").title()
        self.__dict__["_title"] = (key, title)
        return title

    def get(self, version_id: str) -> Version:
        for version in self.versions:
            if version.id == version_id:
                return version
        raise KeyError(version_id)

    def position(self, version: Version) -> int:
        """Where `version` is in `versions`: an index by identity, rebuilt when the list changed, so a
        lookup costs O(1) instead of `list.index` comparing every field of every version before it."""
        positions = self.__dict__.get("_positions")
        if positions is not None:
            index = positions.get(id(version))
            if index is not None and index < len(self.versions) and self.versions[index] is version:
                return index
        positions = {}
        for index, item in enumerate(self.versions):
            positions.setdefault(id(item), index)
        self.__dict__["_positions"] = positions
        index = positions.get(id(version))
        return self.versions.index(version) if index is None else index  # an equal copy: list.index's answer

    def previous(self, version: Version) -> Version | None:
        index = self.position(version)
        return self.versions[index - 1] if index > 0 else None

    def next(self, version: Version) -> Version | None:
        index = self.position(version)
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
            after = self.position(current)
            future = [v for v in future if self.position(v) > after]
        return min(future, key=lambda v: (v.effective, self.position(v)), default=None)
