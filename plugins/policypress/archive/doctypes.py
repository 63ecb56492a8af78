"""A document's type (privacy, terms, cookies, other): what kind of policy it is decides which
criteria judge its changes, so that a contract's payment terms are never read as a privacy policy.

The type comes from the front matter (`type: terms`), else from the site's `types` globs, else from
the file name (`cookie-policy.md` is `cookies`, `terms.md` is `terms`); anything else is `privacy`,
the tool's first purpose and the criteria of section 8.
"""

from __future__ import annotations

import fnmatch
import re

TYPES = ("privacy", "terms", "cookies", "other")
_BY_NAME = (("cookies", re.compile(r"cookie", re.I)),
            ("terms", re.compile(r"terms|\btos\b|conditions|agreement|contract|eula|acceptable[-_ ]use|\baup\b", re.I)),
            ("privacy", re.compile(r"privacy|data[-_ ]protection|gdpr|ccpa|personal", re.I)))


def type_from_name(path: str) -> str:
    stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return next((kind for kind, pattern in _BY_NAME if pattern.search(stem)), "privacy")


def document_type(path: str, declared: object = None, globs: dict[str, list[str]] | None = None) -> str:
    """The type of the document at `path` (relative to the docs folder)."""
    if isinstance(declared, str) and declared.strip().lower() in TYPES:
        return declared.strip().lower()
    for kind, patterns in (globs or {}).items():
        if any(fnmatch.fnmatchcase(path, pattern) for pattern in patterns):
            return kind
    return type_from_name(path)
