"""`policypress check`: the gate of section 8 over a repository's policies.

It reads the whole archive (so that a broken front matter, a tampered file on record or an effective
date going backwards is caught), reviews every step, and gates the steps that are being proposed: the
uncommitted draft, and the versions published after `since` (a pull request's base), or else the
latest version. Findings on older history are reported as notices, never as errors.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from policypress.materiality.analysis import Analyzer
from policypress.errors import PolicyError
from policypress.archive.history import GitRepository
from policypress.archive.languages import later_versions
from policypress.archive.model import Document
from policypress.materiality.review import ERROR, NOTICE, WARNING, Problem, Review
from policypress.site.siteconfig import Site
from policypress.archive.timeline import Timeline


@dataclass
class DocumentReport:
    document: Document
    path: str  # the policy file, relative to the repository root
    reviews: list[Review] = field(default_factory=list)
    draft: Review | None = None
    gated: set[str] = field(default_factory=set)  # version ids that were gated


@dataclass
class CheckReport:
    problems: list[Problem] = field(default_factory=list)
    documents: list[DocumentReport] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == WARNING]

    def exit_code(self, strict: bool = False) -> int:
        return 1 if self.errors or (strict and self.warnings) else 0


def run_check(site: Site, *, since: str | None = None, today: dt.date | None = None) -> CheckReport:
    report = CheckReport()
    settings = site.settings
    repo = GitRepository.find(site.root)
    prefix = settings.docs_dir.relative_to(repo.root).as_posix() if repo else settings.docs_dir.name
    warnings: list[str] = []
    try:
        if since and repo is not None:
            repo.resolve(since)  # a bad revision is a usage error, not a finding
        timeline = Timeline(settings, repo, warn=warnings.append)
        try:
            documents = timeline.documents()
        except PolicyError as exc:
            report.problems.append(Problem(ERROR, "archive", exc.message, "", None, exc.path, exc.line, exc.fix))
            return report
        for message in warnings:
            report.problems.append(Problem(WARNING, "archive", message, ""))
        analyzer = Analyzer(site.renderer(warnings.append), site.criteria, site.notice_days)
        for document in documents:
            path = f"{prefix}/{document.path}" if prefix else document.path
            entry = DocumentReport(document, path)
            gated = _gated(document, repo, since)
            entry.gated = {v.id for v in gated}
            for index, version in enumerate(document.versions):
                previous = document.versions[index - 1] if index else None
                review = analyzer.review(document, version, previous, path=path, gate=version in gated)
                entry.reviews.append(review)
                report.problems.extend(review.problems)
            if document.draft is not None:
                draft = document.draft
                if today is not None:
                    draft.published = dt.datetime.combine(today, dt.time(), dt.timezone.utc)
                previous = document.versions[-1] if document.versions else None
                draft.revision = previous is not None and draft.effective == previous.effective
                entry.draft = analyzer.review(document, draft, previous, path=path, gate=True)
                report.problems.extend(entry.draft.problems)
            report.documents.append(entry)
        report.problems.extend(translations_behind(report.documents))
    finally:
        if repo is not None:
            repo.close()
    order = {ERROR: 0, WARNING: 1, NOTICE: 2}
    report.problems.sort(key=lambda p: order[p.level])
    return report


def translations_behind(entries: list[DocumentReport]) -> list[Problem]:
    """Every translation whose controlling document published a later version than the one it translates: an
    error when one of those later versions is material (readers of the translation miss a change that
    matters), else a warning."""
    reviews = {(e.document.slug, r.version.id): r for e in entries for r in e.reviews}
    found = []
    for entry in entries:
        document = entry.document
        later = later_versions(document)
        if not later:
            continue
        controlling = document.controlling
        material = [v for v in later if (r := reviews.get((controlling.slug, v.id))) is not None and r.material]
        latest = document.versions[-1]
        newer = ", ".join(v.id for v in later)
        if material:
            criteria = sorted({c for v in material for c in reviews[(controlling.slug, v.id)].material})
            message = (f"the {document.language} translation renders {controlling.slug} version {latest.translates}, "
                       f"but the controlling text has a later material version ({', '.join(v.id for v in material)}: "
                       f"{', '.join(criteria)})")
        else:
            message = (f"the {document.language} translation renders {controlling.slug} version {latest.translates}; "
                       f"the controlling text has later versions ({newer})")
        found.append(Problem(ERROR if material else WARNING, "translation-behind", message, document.slug,
                             latest.id, entry.path, None,
                             f"translate {controlling.slug} version {later[-1].id} and set 'translates: "
                             f"{later[-1].id}' in the translation's front matter"))
    return found


def _gated(document: Document, repo: GitRepository | None, since: str | None) -> list:
    """The versions a check stops on: those published after `since`, or the latest one."""
    if not document.versions:
        return []
    if since and repo is not None:
        return [v for v in document.versions if (repo.contains(v.commit, since) is False if v.commit
                                                 else not _on_file_at(repo, v, since))]
    return [document.versions[-1]]


def _on_file_at(repo: GitRepository, version, since: str) -> bool:
    """A version without a commit (only in versions/) was there at `since`; if not, the change adds it
    and it is gated like any other (else `commit: null` would skip the gate)."""
    if not version.on_file_path:
        return True
    try:
        repo.read_path(since, repo.relative(Path(version.on_file_path)))
        return True
    except Exception:  # noqa: BLE001 - not in that revision
        return False
