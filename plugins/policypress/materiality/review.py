"""Reconcile what an author declared in front matter with what the materiality engine detected.

This is the gate of section 8: a material change that nobody declared, a rights reduction without a
plan to ask for consent, or a material change announced with too little notice are errors; a declared
criterion the engine did not see is a warning; a correction published without a new effective date is
reported so that the author bumps the date or says why not.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from policypress.archive import frontmatter
from policypress.materiality.criteria import Criterion
from policypress.materiality.rules import Assessment, Evidence
from policypress.archive.model import Version

ERROR, WARNING, NOTICE = "error", "warning", "notice"


@dataclass
class Problem:
    level: str
    code: str
    message: str
    document: str
    version: str | None = None
    path: str | None = None  # the policy file, relative to the repository
    line: int | None = None
    fix: str | None = None
    evidence: list[Evidence] = field(default_factory=list)

    def as_json(self) -> dict:
        return {"level": self.level, "code": self.code, "message": self.message, "document": self.document,
                "version": self.version, "path": self.path, "line": self.line, "fix": self.fix,
                "evidence": [e.as_json() for e in self.evidence]}


@dataclass
class Declarations:
    material: list[str] = field(default_factory=list)
    not_material: dict[str, str] = field(default_factory=dict)
    consent: str | None = None
    revision: str | None = None  # why a correction keeps its effective date


@dataclass
class Review:
    version: Version
    previous: Version | None
    assessment: Assessment | None
    declarations: Declarations
    problems: list[Problem] = field(default_factory=list)
    material: list[str] = field(default_factory=list)  # what the site shows: detected or declared, not waived

    @property
    def consent_required(self) -> bool:
        return bool(self.assessment and self.assessment.consent_required)


def _line(version: Version, key: str) -> int | None:
    try:
        return frontmatter.split(version.text).line_of_key(key, version.text)
    except Exception:  # noqa: BLE001 - a line number is a courtesy; the text was parsed before
        return None


def read_declarations(version: Version, criteria: tuple[Criterion, ...], *, document: str,
                      path: str | None) -> tuple[Declarations, list[Problem]]:
    """The author's `material`, `not_material`, `consent` and `revision` keys, validated."""
    ids = {c.id for c in criteria}
    meta, problems, result = version.meta, [], Declarations()

    def problem(key: str, message: str, fix: str) -> None:
        problems.append(Problem(ERROR, "front-matter", message, document, version.id, path, _line(version, key), fix))

    material = meta.get("material")
    if material not in (None, "", [], False):
        items = [material] if isinstance(material, str) else material
        if not isinstance(items, list) or not all(isinstance(x, str) for x in items):
            problem("material", "'material' must be a list of criterion ids",
                    f"write for example 'material: [recipients]'; the ids are {', '.join(sorted(ids))}")
        else:
            for item in items:
                if item not in ids:
                    problem("material", f"'material' names an unknown criterion {item!r}",
                            f"use one of {', '.join(sorted(ids))}")
                elif item not in result.material:
                    result.material.append(item)
    waived = meta.get("not_material")
    if waived not in (None, "", {}):
        if not isinstance(waived, dict):
            problem("not_material", "'not_material' must map criterion ids to the reason they do not apply",
                    "write for example:\n    not_material:\n      service-model: wording only, no new purpose")
        else:
            for key, reason in waived.items():
                if key not in ids:
                    problem("not_material", f"'not_material' names an unknown criterion {key!r}",
                            f"use one of {', '.join(sorted(ids))}")
                elif not isinstance(reason, str) or not reason.strip():
                    problem("not_material", f"'not_material: {key}' needs a reason",
                            f"write '{key}: <why this change is not material>'")
                else:
                    result.not_material[str(key)] = reason.strip()
    consent = meta.get("consent")
    if consent not in (None, ""):
        result.consent = str(consent).strip()
    revision = meta.get("revision")
    if revision not in (None, ""):
        result.revision = str(revision).strip()
    return result, problems


def review(version: Version, previous: Version | None, assessment: Assessment | None,
           criteria: tuple[Criterion, ...], *, document: str, path: str | None, notice_days: int,
           gate: bool) -> Review:
    """Reconcile one version. With `gate` off (history already published) findings become notices."""
    declarations, problems = read_declarations(version, criteria, document=document, path=path)
    result = Review(version, previous, assessment, declarations, problems)
    detected = assessment.ids if assessment else []
    order = [c.id for c in criteria]
    shown = [i for i in order if (i in detected or i in declarations.material) and i not in declarations.not_material]
    result.material = shown
    level = ERROR if gate else NOTICE

    def add(lvl: str, code: str, message: str, key: str | None, fix: str | None, evidence=()) -> None:
        result.problems.append(Problem(lvl, code, message, document, version.id, path,
                                       _line(version, key) if key else None, fix, list(evidence)))

    if previous is None or assessment is None:
        return result
    for flag in assessment.flags:
        cid = flag.criterion.id
        if cid in declarations.material or cid in declarations.not_material:
            continue
        add(level, "undeclared-material",
            f"material change under {flag.criterion.ref} ({flag.criterion.title}) is not declared",
            "material",
            f"add '{cid}' to 'material:' in the front matter, or waive it with 'not_material: {{{cid}: <reason>}}'",
            flag.evidence)
    for cid in declarations.material:
        if cid not in detected:
            add(WARNING if gate else NOTICE, "declared-not-detected",
                f"'{cid}' is declared material but no change under it was detected", "material",
                "check the declaration; keep it if you know better than the rules")
    if assessment.consent_required and not declarations.consent:
        add(level, "consent-missing",
            "this change reduces the reader's rights: it needs their express consent", None,
            "say how consent will be asked with 'consent: <how>' in the front matter (e.g. 'in-app prompt at "
            "next sign-in'), or do not reduce the right", assessment.consent_evidence)
    if shown:
        days = (version.effective - version.published.date()).days
        if days < notice_days:
            add(level, "notice-period",
                f"material change takes effect {days} day(s) after it is published; the notice period is "
                f"{notice_days} days", "effective",
                f"set 'effective:' to {(version.published.date() + dt.timedelta(days=notice_days)).isoformat()} or later")
    if version.revision and not declarations.revision:
        add(WARNING if gate else NOTICE, "revision",
            f"the text changed but the effective date stays {version.effective.isoformat()}: this is a revision",
            "effective",
            "bump 'effective:' if the change matters to readers, or say why not with 'revision: <reason>'")
    return result
