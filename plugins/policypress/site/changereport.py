"""The change report of one step, as files a lawyer can attach: JSON of every change, and a unified
diff of the Markdown sources (what `git diff` would show, without needing Git)."""

from __future__ import annotations

import json

import cydifflib  # difflib's algorithm in C: the same diff

from policypress.archive.model import Document, Version
from policypress.diff.redline import Redline
from policypress.materiality.review import Review


def as_json(document: Document, old: Version, new: Version, result: Redline, review: Review | None) -> str:
    payload = {
        "document": document.slug,
        "title": document.title,
        "old": {"id": old.id, "effective": old.effective.isoformat(), "sha256": old.sha256},
        "new": {"id": new.id, "effective": new.effective.isoformat(), "sha256": new.sha256,
                "published": new.published.isoformat(), "summary": new.summary},
        "stats": {"changes": len(result.changes), "words_added": result.words_added,
                  "words_removed": result.words_removed, "sections_changed": result.sections_changed},
        "material": review.material if review else [],
        "consent_required": bool(review and review.consent_required),
        "changes": [
            {"number": c.number, "kind": c.kind, "section": c.section.title if c.section else None,
             "section_id": c.section.id if c.section else None, "anchor": c.anchor,
             "before": c.removed, "after": c.added}
            for c in result.changes
        ],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def unified_diff(document: Document, old: Version, new: Version) -> str:
    name = document.path
    lines = cydifflib.unified_diff(old.text.splitlines(keepends=True), new.text.splitlines(keepends=True),
                                 fromfile=f"a/{name} (version {old.id})", tofile=f"b/{name} (version {new.id})")
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)
