"""Build each document's timeline: Git history and versions on file merged into one archive.

This is where the archive's promises are kept: every distinct published text becomes a version with a
permanent id, versions kept on file must agree with Git, and a history that cannot be trusted (shallow
clone, unreadable text) stops the build instead of producing a quietly shorter archive.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from policypress.archive import onfile as archive

from policypress.archive import corrections, frontmatter, ledger
from policypress.archive.doctypes import document_type
from policypress.archive.dates import DEFAULT_DATE_PATTERNS, coerce_front_matter_date, compile_patterns, date_from_text
from policypress.errors import ArchiveConflict, HistoryError, PolicyError
from policypress.archive.history import FileHistory, GitRepository
from policypress.archive.languages import Languages, assign
from policypress.archive.model import Document, Version


@dataclass
class Settings:
    """What the timeline needs to know about a site; filled from mkdocs.yml or CLI options."""

    docs_dir: Path
    versions_dir: Path
    include: list[str] = field(default_factory=lambda: ["*.md", "**/*.md"])
    exclude: list[str] = field(default_factory=lambda: ["index.md", "**/index.md"])
    date_patterns: list[str] = field(default_factory=lambda: list(DEFAULT_DATE_PATTERNS))
    rev: str = "HEAD"
    source: str = "mkdocs.yml"  # the configuration file, named by errors about these settings
    types: dict[str, list[str]] = field(default_factory=dict)  # document type -> globs of its files
    published_archive: Path | None = None  # the last deployment's site folder (archive/ledger.py)
    languages: Languages | None = None  # with mkdocs-static-i18n: each language of a policy is a document
    includes_refused: bool = False  # pymdownx.snippets is on: a policy may not include another file

    def is_excluded(self, path: str) -> bool:
        return _matches(self._in_language(path), self.exclude)

    def is_policy(self, path: str) -> bool:
        """Whether a path relative to the docs folder is a policy (include minus exclude)."""
        if not path.endswith((".md", ".markdown")):
            return False
        path = self._in_language(path)
        return _matches(path, self.include) and not _matches(path, self.exclude)

    def _in_language(self, path: str) -> str:
        """The path of a file as its language's page, which `include` and `exclude` are written for: i18n's
        `de/legal/privacy.md` (folder layout) or `legal/privacy.de.md` (suffix layout) is `legal/privacy.md`."""
        if self.languages is None:
            return path
        stem, ext = posixpath.splitext(path)
        language, base = self.languages.split(stem)
        return base + ext if language != self.languages.default or base != stem else path


def _matches(path: str, patterns: Iterable[str]) -> bool:
    for pattern in patterns:
        if fnmatch.fnmatchcase(path, pattern):
            return True
        if pattern.startswith("**/") and fnmatch.fnmatchcase(path, pattern[3:]):
            return True
    return False


def slug_of(path: str) -> str:
    return re.sub(r"\.(md|markdown)$", "", path)


def decode(raw: bytes, where: str) -> str:
    """Policy text as str; bytes that are not UTF-8 are an error naming the line."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise PolicyError(f"text is not valid UTF-8 (byte {raw[exc.start]:#04x})", path=where, line=line,
                          fix="save the file as UTF-8") from None


_SNIPPET = re.compile(r"^[ \t]*-+8<-+[ \t]*(?:([\"'])(.*?)\1|(\S*))", re.M)


def check_no_include(version: Version, where: str) -> None:
    """A policy may not include another file with pymdownx.snippets: the include is read from the working
    tree when a page is rendered, so editing the included file would rewrite every archived version (and a
    cold build would differ from a warm one). The published text must be the file's own."""
    found = _SNIPPET.search(version.body)
    if found is None:
        return
    line = version.body_line + version.body[: found.start()].count("\n")
    target = found.group(2) or found.group(3) or "the files listed below it"
    raise PolicyError(f"the policy includes {target} with pymdownx.snippets (`--8<--`): an archived version would "
                      "change whenever the included file changes, so policies may not include files",
                      path=where, line=line,
                      fix="paste the included text into the policy itself (or write `;--8<--` to show the marker "
                          "as text)")


def _same_text(a: str, b: str) -> bool:
    """Texts equal once line endings are normalised (a CRLF checkout is not an edit)."""
    return a.replace("\r\n", "\n") == b.replace("\r\n", "\n")


def make_version(document: str, text: str, *, where: str, published: dt.datetime,
                 pattern: re.Pattern[str], sha256: str | None = None, **fields) -> Version:
    """A version (without its id yet) from a text: effective date from front matter, text or commit
    (`sha256`: the text's, when the caller has it already)."""
    parsed = frontmatter.split(text, where)
    if not parsed.body.strip():
        raise PolicyError("the policy has no text (only front matter, or nothing at all)", path=where,
                          line=parsed.body_line,
                          fix="write the policy's text below the front matter, or remove the file to withdraw it")
    if "effective" in parsed.meta and parsed.meta["effective"] not in (None, ""):
        effective = coerce_front_matter_date(parsed.meta["effective"], key="effective", path=where,
                                             line=parsed.line_of_key("effective", text))
        source = "front matter"
        if effective.year > 9000:  # dates near 9999 overflow every date computation after them
            raise PolicyError(f"effective: {effective} is not a date a policy can take effect on", path=where,
                              line=parsed.line_of_key("effective", text),
                              fix="write the real date the text takes effect, e.g. 'effective: 2027-01-01'")
    else:
        found = date_from_text(parsed.body, pattern, path=where, first_line=parsed.body_line)
        if found:
            effective, source = found[0], "text"
        else:
            effective, source = published.date(), "commit"
    return Version(document=document, id="", text=text, sha256=sha256 or archive.sha256_text(text),
                   effective=effective, effective_source=source, published=published,
                   meta=parsed.meta, body=parsed.body, body_line=parsed.body_line, **fields)


_LINK_PROBLEM = ("the policy is a symbolic link: Git keeps the link's target path, not the text, and the target's "
                 "later edits would never be archived")
_LINK_FIX = "replace the link with the policy's file itself (`git mv` the target over the link)"


class Timeline:
    """All documents of a site, read once per build."""

    def __init__(self, settings: Settings, repo: GitRepository | None,
                 warn: Callable[[str], None] = lambda message: None,
                 texts: dict[tuple[str, str | None], tuple[str, str]] | None = None):
        self.texts = texts  # (blob, encoding) -> (text, sha256), kept by a process that reads the history again
        # (`mkdocs serve`): a blob never changes, and a text met again is the same object (caches find it at once)
        self.shallow = False
        self.check_deployed = True  # `freeze --previous` reads the ledger to repair, not to refuse
        self.deployed: list[ledger.Published] = []
        self.settings = settings
        self.repo = repo
        self.warn = warn
        self.pattern = compile_patterns(settings.date_patterns)

    # -- reading -------------------------------------------------------------------------------
    def documents(self) -> list[Document]:
        settings = self.settings
        histories: dict[str, FileHistory] = {}
        self.shallow = self.repo is not None and self.repo.is_shallow()
        deployed = self.deployed = ledger.read(settings.published_archive) if settings.published_archive else []
        if self.repo is not None and self.repo.has_commits():
            self._check_rev()
            published = [item.commit for item in deployed if item.commit]
            published += [item.commit for item in self._all_on_file() if item.commit]
            for history in self.repo.file_histories(settings.docs_dir, settings.is_policy, settings.rev,
                                                    published=published, is_excluded=settings.is_excluded):
                slug = history.slug or slug_of(history.path)
                if slug in histories:
                    raise PolicyError(f"{histories[slug].path} and {history.path} are both served at {slug}/",
                                      path=f"{settings.docs_dir.name}/{history.path}",
                                      fix="rename one of them, or remove the one that is not the policy")
                histories[slug] = history
        elif self.repo is None:
            self.warn("no Git repository: publishing only the versions kept on file in "
                      f"{settings.versions_dir.name}/ (build from a clone to include Git history)")
        working: dict[str, Path] = {}
        for p in sorted(settings.docs_dir.rglob("*")):
            rel = p.relative_to(settings.docs_dir).as_posix()
            if p.is_symlink() and settings.is_policy(rel):
                raise PolicyError(_LINK_PROBLEM, path=f"{settings.docs_dir.name}/{rel}", fix=_LINK_FIX)
            if p.is_file() and settings.is_policy(rel):
                if slug_of(rel) in working:
                    raise PolicyError(f"{working[slug_of(rel)].name} and {p.name} are both served at {slug_of(rel)}/",
                                      path=f"{settings.docs_dir.name}/{rel}",
                                      fix="keep one file per policy: rename or remove one of them")
                working[slug_of(rel)] = p
        for slug, history in histories.items():  # followed to a path that is served but not a policy
            target = settings.docs_dir / history.path
            if slug not in working and not history.deleted and target.is_file():
                working[slug] = target
        # versions on file are filed by URL slug (`de/legal/privacy`): the document of the file served there
        served = {self._filed_as(slug): slug for slug in set(histories) | set(working)}
        languages = settings.languages
        on_file = {served.get(s) or (languages.source_slug(s) if languages else s) for s in self._slugs_on_file()}
        slugs = sorted(set(histories) | set(working) | on_file)
        documents = [self._document(slug, histories.get(slug), working.get(slug)) for slug in slugs]
        documents = assign(documents, settings.languages, settings.source)  # URL slugs: `de/legal/privacy`
        if self.shallow:
            self._check_shallow(documents)
        if self.check_deployed:
            self._check_deployed(documents, deployed)
        return documents

    def _all_on_file(self) -> list[archive.ArchivedVersion]:
        found = []
        for slug in self._slugs_on_file():
            found += archive.read_dir(self.settings.versions_dir, slug)
        return sorted(found, key=lambda item: item.published)

    def _check_deployed(self, documents: list[Document], deployed: list[ledger.Published]) -> None:
        """The build publishes a superset of the last deployment, or fails naming what it would lose."""
        problems = ledger.missing(documents, deployed)
        if not problems:
            return
        item, what = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise ArchiveConflict(
            f"version {item.document}/versions/{item.id}/ was deployed (published {item.published[:10]}, "
            f"commit {(item.commit or 'none')[:12]}) but {what}{more}",
            path=item.source,
            fix="keep the deployed texts on file with `policypress freeze --previous "
                f"{self.settings.published_archive}` and commit versions/; never rewrite a published text")

    def _check_rev(self) -> None:
        """A `rev` that names no commit is a configuration mistake, not a failed `git log`."""
        try:
            self.repo.resolve(self.settings.rev)
        except HistoryError:
            raise PolicyError(f"policypress option 'rev': {self.settings.rev!r} is not a commit of this repository",
                              path=self.settings.source,
                              fix="set rev to a branch, tag or commit that exists (default: HEAD)") from None

    def _slugs_on_file(self) -> list[str]:
        root = self.settings.versions_dir
        if not root.is_dir():
            return []
        return sorted({p.parent.relative_to(root).as_posix() for p in root.rglob("*.md")})

    def _filed_as(self, slug: str) -> str:
        """The folder of versions/ that keeps a document's versions: its URL slug, as `freeze` names it."""
        languages = self.settings.languages
        return languages.url_slug(*languages.split(slug)) if languages else slug

    def _document(self, slug: str, history: FileHistory | None, working: Path | None) -> Document:
        path = history.path if history else (
            working.relative_to(self.settings.docs_dir).as_posix() if working else f"{slug}.md")
        document = Document(slug=slug, path=path)
        if history:
            document.moved_from = sorted({slug_of(s.path) for s in history.states if s.blob is not None
                                          and not self.settings.is_excluded(s.path)} - {slug})
        from_git = self._versions_from_git(slug, history) if history else []
        on_file = archive.read_dir(self.settings.versions_dir, self._filed_as(slug))
        document.versions = self._merge(slug, from_git, on_file)
        self._reverts(document)
        self._assign_ids(document)
        self._check_order(document)
        document.withdrawn = working is None and (history is None or history.deleted)
        if working is not None:
            self._attach_draft(document, working)
        latest = document.draft or (document.versions[-1] if document.versions else None)
        document.type = document_type(document.path, latest.meta.get("type") if latest else None, self.settings.types)
        return document

    def _versions_from_git(self, slug: str, history: FileHistory) -> list[Version]:
        versions: list[Version] = []
        last_blob = None
        fixes = corrections.read(self.settings.versions_dir)
        for state in history.states:
            if state.blob is None or state.blob == last_blob:
                last_blob = state.blob if state.blob is not None else last_blob
                continue
            last_blob = state.blob
            where = f"{self.settings.docs_dir.name}/{state.path}@{state.commit.sha[:12]}"
            fix = corrections.find(fixes, slug, state.commit.sha)
            if fix is not None and fix.skip:
                continue  # a text whose build failed was never published: corrections.yml leaves it out
            if state.link:
                raise PolicyError(_LINK_PROBLEM, path=where,
                                  fix=_LINK_FIX + "; once replaced, " + corrections.HINT.format(
                                      slug=slug, commit=state.commit.sha[:12]))
            encoding = fix.encoding if fix is not None and fix.encoding else None
            try:
                known = self.texts.get((state.blob, encoding)) if self.texts is not None else None
                if known is None:
                    raw = self.repo.read_blob(state.blob)
                    text = raw.decode(encoding, "strict") if encoding else decode(raw, where)
                    known = text, archive.sha256_text(text)
                    if self.texts is not None:
                        self.texts[(state.blob, encoding)] = known
                text, digest = known
                if versions and versions[-1].sha256 == digest:
                    continue
                version = make_version(slug, text, where=where, published=state.commit.committed, sha256=digest,
                                       pattern=self.pattern, commit=state.commit.sha, path=state.path,
                                       subject=state.commit.subject, in_git=True)
                if self.settings.includes_refused:
                    check_no_include(version, where)
            except UnicodeDecodeError as exc:  # the encoding a correction names does not read it either
                raise PolicyError(f"text is not valid {fix.encoding} either ({exc.reason})", path=where,
                                  fix=f"correct 'encoding:' for commit {state.commit.sha[:12]} in "
                                      f"{self.settings.versions_dir.name}/{corrections.NAME}") from None
            except PolicyError as exc:
                exc.fix = (exc.fix + "; " if exc.fix else "") + corrections.HINT.format(
                    slug=slug, commit=state.commit.sha[:12])
                raise
            if fix is not None:
                fix.apply(version)
            versions.append(version)
        return versions

    def _merge(self, slug: str, from_git: list[Version],
               on_file: list[archive.ArchivedVersion]) -> list[Version]:
        """One timeline: Git versions in history order, versions only on file by publication date."""
        by_commit = {v.commit: v for v in from_git}
        only_on_file: list[Version] = []
        seen_ids: dict[str, archive.ArchivedVersion] = {}
        seen_commits: dict[str, archive.ArchivedVersion] = {}
        for item in on_file:
            if not item.sealed:
                self.warn(f"{item.path}: written without a seal (by a policypress older than sealed headers), so "
                          "its id, dates and commit are not protected; run `policypress freeze --seal` and commit "
                          f"{self.settings.versions_dir.name}/")
            if item.commit and item.commit in seen_commits:
                raise ArchiveConflict(f"two archived versions claim commit {item.commit[:12]}: "
                                      f"{seen_commits[item.commit].path} and {item.path}",
                                      path=str(item.path), fix="keep the file whose text that commit published; "
                                      "restore the other from Git (`git checkout -- FILE`)")
            if item.commit:
                seen_commits[item.commit] = item
            if item.id in seen_ids:
                raise ArchiveConflict(f"two archived versions claim id {item.id}: {seen_ids[item.id].path}",
                                      path=str(item.path), fix="give each version its own id")
            seen_ids[item.id] = item
            match = by_commit.get(item.commit) if item.commit else None
            if match is None:
                match = next((v for v in from_git if v.sha256 == item.sha256 and v.published == item.published
                              and not v.on_file), None)
            if match is not None:
                if match.sha256 != item.sha256:
                    raise ArchiveConflict(
                        f"the text kept on file differs from the text in Git at commit {match.commit[:12]} "
                        f"({match.path})",
                        path=str(item.path),
                        fix="a published text never changes: restore the file with `git checkout`, or "
                            "if the history was rewritten, keep the file and investigate",
                    )
                earlier = {v.sha256 for v in from_git[: from_git.index(match)]}
                if match.effective < item.effective and match.sha256 in earlier and match.commit == item.commit:
                    # a revert republished an earlier text: it took effect when republished (`_reverts`), as kept
                    match.effective, match.effective_source = item.effective, "revert"
                if match.effective != item.effective and match.commit == item.commit:
                    raise ArchiveConflict(
                        f"the version kept on file takes effect on {item.effective}, but its commit "
                        f"{match.commit[:12]} published it as taking effect on {match.effective}",
                        path=str(item.path),
                        fix="a published date never changes: restore the file with `git checkout`; to correct "
                            "a date, publish a new version or use versions/corrections.yml")
                match.id, match.on_file = item.id, True
                match.on_file_path = str(item.path)
                continue
            where = str(item.path)
            version = make_version(slug, item.text, where=where, published=item.published,
                                   pattern=self.pattern, commit=item.commit, on_file=True)
            if self.settings.includes_refused:
                check_no_include(version, where)
            version.id, version.effective = item.id, item.effective
            version.on_file_path = str(item.path)
            first_in_git = from_git[0].published if from_git else None
            if item.commit and not self.shallow and first_in_git is not None and item.published >= first_in_git \
                    and not item.recovered:  # `freeze --previous` kept it knowing its commit is gone: said once
                self.warn(f"{where}: commit {item.commit[:12]} is no longer in the history of "
                          f"{self.settings.rev}; the version stays published from the file")
            only_on_file.append(version)
        merged = list(from_git)
        if self.shallow and merged and not merged[0].on_file:
            # The oldest commit of a shallow clone shows the file as added, whatever its real history:
            # if that text is on file, the file's entry (true commit and date) stands for it.
            if any(v.sha256 == merged[0].sha256 for v in only_on_file):
                merged.pop(0)
            else:
                merged[0].shallow_boundary = True
        for version in only_on_file:
            position = len(merged)
            for index, other in enumerate(merged):
                if other.published > version.published:
                    position = index
                    break
            merged.insert(position, version)
        # A squash or force-push after `freeze` recommits the text on file under a new commit: the same
        # text right after itself is not a new publication (it would be a revision with an empty redline).
        kept: list[Version] = []
        for version in merged:
            if kept and version.sha256 == kept[-1].sha256 and not version.on_file and kept[-1].on_file:
                kept[-1].in_git = kept[-1].in_git or version.in_git
                continue
            kept.append(version)
        return kept

    def _reverts(self, document: Document) -> None:
        """A `git revert` brings back an earlier text, and its earlier `effective:`: republished, it takes
        effect when it is published (never before the version it replaces), not on the old date."""
        seen: set[str] = set()
        previous = None
        for version in document.versions:
            if (previous is not None and version.sha256 in seen and version.effective < previous.effective
                    and not version.meta.get("backdated")):
                version.effective = max(previous.effective, version.published.date())
                version.effective_source = "revert"
            seen.add(version.sha256)
            previous = version

    def _assign_ids(self, document: Document) -> None:
        used = {v.id for v in document.versions if v.id}
        previous = None
        for version in document.versions:
            version.revision = previous is not None and version.effective == previous.effective
            if not version.id:
                base = version.effective.isoformat()
                candidate, number = base, 1
                while candidate in used:
                    number += 1
                    candidate = f"{base}-{number}"
                version.id = candidate
                used.add(candidate)
            previous = version

    def _check_order(self, document: Document) -> None:
        """An effective date before the previous version's would rewrite what applied in the past."""
        for before, after in zip(document.versions, document.versions[1:]):
            if after.effective >= before.effective or after.meta.get("backdated") or after.correction:
                continue
            message = (f"version {after.id} takes effect on {after.effective}, before version {before.id} "
                       f"({before.effective}) that was published earlier")
            if after.effective_source == "front matter":
                where = f"{self.settings.docs_dir.name}/{after.path}@{after.commit[:12]}" if after.commit else after.path
                line = frontmatter.split(after.text).line_of_key("effective", after.text)
                raise PolicyError(message, path=where, line=line,
                                  fix=f"set 'effective:' to {before.effective} or later; if the date is right, say "
                                      "why with 'backdated: <reason>'; once committed, "
                                      + corrections.HINT.format(slug=document.slug, commit=(after.commit or "")[:12]))
            self.warn(f"{document.path}: {message}")

    def _attach_draft(self, document: Document, working: Path) -> None:
        where = working.relative_to(self.settings.docs_dir.parent).as_posix() \
            if self.settings.docs_dir.parent in working.parents else str(working)
        text = decode(working.read_bytes(), where)
        latest = document.versions[-1] if document.versions else None
        if latest is not None and _same_text(latest.text, text):
            return  # the published text, perhaps checked out with CRLF line endings
        if self.repo is not None and self.repo.has_commits():
            try:  # committed, but `rev` publishes another commit: not an uncommitted edit
                if _same_text(self.repo.read_path("HEAD", self.repo.relative(working)).decode("utf-8", "replace"), text):
                    return
            except PolicyError:
                pass  # not in HEAD: a new, uncommitted file
        now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
        draft = make_version(document.slug, text, where=where, published=now, pattern=self.pattern,
                             path=document.path)
        draft.id = "draft"
        if self.settings.includes_refused:
            check_no_include(draft, where)
        document.draft = draft

    def _check_shallow(self, documents: list[Document]) -> None:
        """A shallow clone hides older versions: refuse unless versions/ already holds them."""
        uncovered = []
        for document in documents:
            if any(v.shallow_boundary for v in document.versions):
                uncovered.append(document.path)
        if not uncovered and not self._frozen_before_the_clone():
            uncovered = [f"every document deleted before the clone's first commit (no `policypress freeze` record "
                         f"in {self.settings.versions_dir.name}/ covers it)"]
        if uncovered:
            raise HistoryError(
                "this is a shallow clone: Git history before its first commit is missing, so the archive of "
                f"{', '.join(uncovered)} would silently lose versions",
                path=str(self.repo.root),
                fix="fetch the full history (`git fetch --unshallow`, or `fetch-depth: 0` in "
                    "actions/checkout), or keep every version on file with `policypress freeze` on a full clone "
                    "and commit versions/",
            )

    def _frozen_before_the_clone(self) -> bool:
        """Whether `policypress freeze` ran at a commit the clone starts from or contains: then every version
        published before the clone's history (a deleted document's too) is on file."""
        frozen = archive.read_record(self.settings.versions_dir)
        if frozen is None:
            return False
        if self.repo.has_commit(frozen):
            return self.repo.contains(frozen, self.repo.resolve(self.settings.rev))
        return frozen in self.repo.shallow_parents()
