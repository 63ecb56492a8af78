"""Compare two texts of a policy: the data behind `policypress compare` (see the README, "Command line")."""

from __future__ import annotations

from dataclasses import dataclass

from policypress.archive import frontmatter
from policypress.archive.doctypes import document_type
from policypress.materiality.criteria import DEFAULT_CRITERIA, Criterion, CriteriaSets
from policypress.materiality.rules import Assessment, assess
from policypress.diff.redline import Redline, redline
from policypress.diff.render import Renderer


@dataclass
class Comparison:
    old_meta: dict
    new_meta: dict
    redline: Redline
    assessment: Assessment
    type: str = "privacy"

    def as_json(self) -> dict:
        result, found = self.redline, self.assessment
        return {
            "type": self.type,
            "material": found.material,
            "criteria": [flag.as_json() for flag in found.flags],
            "consent_required": found.consent_required,
            "consent_evidence": [e.as_json() for e in found.consent_evidence],
            "stats": {
                "words_added": result.words_added,
                "words_removed": result.words_removed,
                "sections_changed": result.sections_changed,
            },
            "sections": [{"id": s.id, "title": s.title} for s in result.sections],
            "changes": [
                {"number": c.number, "kind": c.kind, "section": c.section.title if c.section else None,
                 "before": c.before, "after": c.after}
                for c in result.changes
            ],
            "not_material": [{"change": number, "reason": reason} for number, reason in found.ignored],
        }


def compare_texts(old_text: str, new_text: str, *, old_name: str = "OLD", new_name: str = "NEW",
                  renderer: Renderer | None = None,
                  criteria: CriteriaSets | tuple[Criterion, ...] = DEFAULT_CRITERIA, kind: str | None = None,
                  types: dict[str, list[str]] | None = None) -> Comparison:
    """Redline and assess two texts. A plain tuple of criteria judges the change as given; criteria
    sets judge it by the document's type (`kind`, else its front matter or file name)."""
    renderer = renderer or Renderer()
    old, new = frontmatter.split(old_text, old_name), frontmatter.split(new_text, new_name)
    result = redline(renderer(old.body).html, renderer(new.body).html)
    if isinstance(criteria, CriteriaSets):
        kind = kind or document_type(new_name.rsplit(":", 1)[-1], new.meta.get("type"), types)
        chosen = criteria.of(kind)
    else:
        kind, chosen = kind or "privacy", criteria
    return Comparison(old.meta, new.meta, result, assess(result, chosen), kind)
