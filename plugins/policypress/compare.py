"""Compare two texts of a policy: the data behind `policypress compare` (see PRODUCT.md)."""

from __future__ import annotations

from dataclasses import dataclass

from . import frontmatter
from .redline import Redline, redline
from .render import Renderer


@dataclass
class Comparison:
    old_meta: dict
    new_meta: dict
    redline: Redline

    def as_json(self) -> dict:
        result = self.redline
        return {
            "material": False,
            "criteria": [],
            "consent_required": False,
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
        }


def compare_texts(old_text: str, new_text: str, *, old_name: str = "OLD", new_name: str = "NEW",
                  renderer: Renderer | None = None) -> Comparison:
    renderer = renderer or Renderer()
    old, new = frontmatter.split(old_text, old_name), frontmatter.split(new_text, new_name)
    return Comparison(old.meta, new.meta, redline(renderer(old.body).html, renderer(new.body).html))
