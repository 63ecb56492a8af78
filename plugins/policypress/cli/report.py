"""How `policypress check` speaks: plain text for people, JSON for tools, and GitHub workflow
annotations plus a Markdown summary fit for a job summary or a pull-request comment."""

from __future__ import annotations

import difflib
import json
import os
import re
from pathlib import Path

from policypress.cli.check import CheckReport, DocumentReport
from policypress.notices.announce import markdown_text
from policypress.materiality.review import ERROR, NOTICE, WARNING, Problem, Review

_ICON = {ERROR: "❌", WARNING: "⚠️", NOTICE: "ℹ️"}


def _where(problem: Problem) -> str:
    if not problem.path:
        return ""
    return f"{problem.path}:{problem.line}: " if problem.line else f"{problem.path}: "


def text(report: CheckReport, *, verbose: bool = False) -> str:
    lines = []
    for problem in report.problems:
        if problem.level == NOTICE and not verbose:
            continue
        version = f" (version {problem.version})" if problem.version else ""
        lines.append(f"{problem.level}: {_where(problem)}[{problem.code}] {problem.message}{version}")
        if problem.fix:
            lines.append(f"  fix: {problem.fix}")
        for e in problem.evidence[:5]:
            lines.append(f"  evidence: {e.section}: {e.rule}")
    for entry in report.documents:
        for review in _proposed(entry):
            label = "draft (uncommitted)" if review.version.id == "draft" else f"version {review.version.id}"
            flags = ", ".join(review.material) or "none"
            consent = "; reduces rights (consent required)" if review.consent_required else ""
            lines.append(f"{entry.path}: {label}: material: {flags}{consent}")
    errors, warnings = len(report.errors), len(report.warnings)
    lines.append(f"policypress check: {errors} error(s), {warnings} warning(s)" if errors or warnings
                 else "policypress check: no problems found")
    return "\n".join(lines) + "\n"


def as_json(report: CheckReport) -> str:
    documents = []
    for entry in report.documents:
        versions = []
        for review in entry.reviews + ([entry.draft] if entry.draft else []):
            versions.append({
                "id": review.version.id,
                "gated": review.version.id in entry.gated or review.version.id == "draft",
                "material": review.material,
                "consent_required": review.consent_required,
                "detected": [f.as_json() for f in review.assessment.flags] if review.assessment else [],
                "declared": review.declarations.material,
                "not_material": review.declarations.not_material,
            })
        documents.append({"document": entry.document.slug, "path": entry.path, "versions": versions})
    payload = {"ok": not report.errors, "errors": len(report.errors), "warnings": len(report.warnings),
               "problems": [p.as_json() for p in report.problems], "documents": documents}
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


# -- GitHub --------------------------------------------------------------------------------------
def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def _evidence_line(root: Path, problem: Problem) -> int | None:
    """The line of the policy file where the evidence's new text starts, for the annotation."""
    if problem.line or not problem.path or not problem.evidence:
        return problem.line
    try:
        lines = (root / problem.path).read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    for e in problem.evidence:
        probe = " ".join((e.after or e.before).split()[:6])
        if not probe:
            continue
        for number, line in enumerate(lines, start=1):
            if probe in " ".join(re.sub(r"[*_`]", "", line).split()):
                return number
    return None


def annotations(report: CheckReport, root: Path) -> str:
    out = []
    for problem in report.problems:
        if problem.level == NOTICE:
            continue
        command = "error" if problem.level == ERROR else "warning"
        props = []
        if problem.path:
            props.append(f"file={_escape_property(problem.path)}")
            line = _evidence_line(root, problem)
            if line:
                props.append(f"line={line}")
        props.append(f"title={_escape_property('policypress: ' + problem.code)}")
        message = problem.message + (f"\n{problem.fix}" if problem.fix else "")
        out.append(f"::{command} {','.join(props)}::{_escape_data(message)}")
    return "\n".join(out) + ("\n" if out else "")


_md = markdown_text  # author and policy text shown as text in Markdown (no links, no HTML)


def redline_excerpt(before: str, after: str, limit: int = 60) -> str:
    """A short Markdown redline: ~~deleted~~ **inserted**, unchanged words elided around the change."""
    a, b = before.split(), after.split()
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            words = a[i1:i2]
            if len(words) > 8:
                words = words[:3] + ["…"] + words[-3:]
            parts.append(_md(" ".join(words)))
            continue
        if i2 > i1:
            parts.append(f"~~{_md(' '.join(a[i1:i2]))}~~")
        if j2 > j1:
            parts.append(f"**{_md(' '.join(b[j1:j2]))}**")
    words = " ".join(parts).split()
    return " ".join(words[:limit]) + (" …" if len(words) > limit else "")


def _proposed(entry: DocumentReport) -> list[Review]:
    reviews = [r for r in entry.reviews if r.version.id in entry.gated]
    return reviews + ([entry.draft] if entry.draft else [])


def markdown(report: CheckReport) -> str:
    errors, warnings = len(report.errors), len(report.warnings)
    head = "✅ no problems found" if not errors and not warnings else f"{errors} error(s), {warnings} warning(s)"
    lines = [f"## policypress check: {head}", ""]
    shown = [p for p in report.problems if p.level != NOTICE]
    if shown:
        lines += ["| | File | Version | Problem | Fix |", "| --- | --- | --- | --- | --- |"]
        for p in shown:
            where = f"{p.path}:{p.line}" if p.line else (p.path or "")
            lines.append(f"| {_ICON[p.level]} | `{where}` | {p.version or ''} | {_md(p.message)} | {_md(p.fix or '')} |")
        lines.append("")
    for entry in report.documents:
        for review in _proposed(entry):
            label = "uncommitted draft" if review.version.id == "draft" else f"version {review.version.id}"
            lines.append(f"### {_md(entry.document.title)}: {label}")
            v = review.version
            lines.append(f"Effective {v.effective.isoformat()}, published {v.published.date().isoformat()}."
                         + (f" Summary: {_md(v.summary)}" if v.summary else ""))
            lines.append("")
            if review.assessment is None:
                lines += ["First version: nothing to compare.", ""]
                continue
            if not review.assessment.flags:
                lines += ["No material change detected.", ""]
            for flag in review.assessment.flags:
                c = flag.criterion
                state = "declared" if c.id in review.declarations.material else (
                    f"waived: {_md(review.declarations.not_material[c.id])}" if c.id in review.declarations.not_material
                    else "**not declared**")
                lines.append(f"**Material: {c.ref} {_md(c.title)}** ({state})")
                lines.append(f"> {_md(c.text)}")
                lines.append("")
                for e in flag.evidence:
                    lines.append(f"- *{_md(e.section)}*: {_md(e.rule)}  ")
                    lines.append(f"  {redline_excerpt(e.before, e.after)}")
                if flag.triage is not None:
                    lines.append(f"- {_md(flag.triage.text())}")
                lines.append("")
            if review.consent_required:
                how = review.declarations.consent
                lines.append(f"**Reduces the reader's rights: express consent required.** "
                             + (f"Consent: {_md(how)}." if how else "No `consent:` plan declared."))
                for e in review.assessment.consent_evidence:
                    lines.append(f"- *{_md(e.section)}*: {_md(e.rule)}")
                lines.append("")
    return "\n".join(lines) + "\n"


def github(report: CheckReport, root: Path) -> str:
    """Annotations on stdout; the Markdown summary appended to $GITHUB_STEP_SUMMARY when set, else printed."""
    summary = markdown(report)
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if target:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(summary)
        return annotations(report, root)
    return annotations(report, root) + "\n" + summary
