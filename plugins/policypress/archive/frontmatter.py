"""Split a policy's YAML front matter from its Markdown body, with errors that point at the line.

Real policies open their front matter in odd ways (`--- ` with a trailing space, a BOM, CRLF), so the
fence is matched leniently while the YAML inside is parsed strictly: a policy whose metadata cannot be
read must stop the build rather than publish without its effective date.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from policypress.errors import PolicyError

class _Loader(yaml.SafeLoader):
    """YAML without implicit timestamps: dates stay text so that a bad one is reported with its line.

    Aliases are refused (a 400-byte alias bomb expands to gigabytes) and a key written twice is an
    error (YAML would silently keep the last `effective:`)."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.constructor.ConstructorError(None, None, "YAML aliases (*name) are not allowed in front matter",
                                                    event.start_mark)
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                duplicate = key in seen
            except TypeError:
                continue
            if duplicate:
                raise yaml.constructor.ConstructorError(None, None, f"the key {key!r} is written twice",
                                                        key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


_Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$")
_OPEN = re.compile(r"^\ufeff?---[ \t]*\r?$")


@dataclass(frozen=True)
class Parsed:
    meta: dict[str, Any] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1  # 1-based line of the file where the body starts
    head: str = ""  # the text's lines up to the body's first (line numbers are looked up there, not in the text)

    def line_of_key(self, key: str, text: str) -> int | None:
        """The 1-based line where a top-level front-matter key is written, for error messages."""
        pattern = re.compile(rf"^{re.escape(key)}\s*:")
        for number, line in enumerate((self.head or text).splitlines()[: self.body_line], start=1):
            if pattern.match(line):
                return number
        return None


_PARSED: dict[str, tuple[dict[str, Any], str, int]] = {}  # text -> what split() read from it
_PARSED_LIMIT = 4096


def split(text: str, path: str | None = None) -> Parsed:
    """Parse front matter (if any) and return it with the body. Raises PolicyError on bad YAML.

    Every build reads every version's front matter (and reviews read it again for line numbers): YAML
    is slow, texts never change, so what a text parsed to is kept for the process (`mkdocs serve`
    rebuilds) and handed out as a fresh copy, so a caller that edits its metadata edits only its own."""
    found = _PARSED.get(text)
    if found is None:
        parsed = _split(text, path)
        if len(_PARSED) >= _PARSED_LIMIT:
            _PARSED.pop(next(iter(_PARSED)))
        _PARSED[text] = (copy.deepcopy(parsed.meta), parsed.body, parsed.body_line, parsed.head)
        return parsed
    meta, body, body_line, head = found
    return Parsed(copy.deepcopy(meta), body, body_line, head)


def _split(text: str, path: str | None) -> Parsed:
    lines = text.splitlines(keepends=True)
    if not lines or not _OPEN.match(lines[0]):
        return Parsed({}, text.lstrip("\ufeff"), 1)
    end = None
    for index in range(1, len(lines)):
        if _FENCE.match(lines[index]):
            end = index
            break
    if end is None:
        raise PolicyError(
            "front matter opened with '---' on line 1 is never closed",
            path=path, line=1,
            fix="add a line with just '---' after the metadata, or remove the opening '---'",
        )
    source = "".join(lines[1:end])
    try:
        meta = yaml.load(source, Loader=_Loader) if source.strip() else {}
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError) as exc:
        # PyYAML raises plain Python errors for some explicit tags (`!!float abc`, `!!bool maybe`)
        raise PolicyError(f"front matter cannot be read: {type(exc).__name__}: {exc}", path=path, line=2,
                          fix="remove explicit YAML tags such as '!!float'; write plain 'key: value' lines") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = (mark.line + 2) if mark is not None else 2
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        fix = "write one 'key: value' per line between the '---' fences; quote values that contain ':' or '#'"
        if "\t" in problem or "'\\t'" in problem:
            fix = "YAML does not allow tabs for indentation: indent with spaces"
        raise PolicyError(f"front matter is not valid YAML: {problem}", path=path, line=line, fix=fix) from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise PolicyError(
            f"front matter must be a mapping of keys to values, not a {type(meta).__name__}",
            path=path, line=2,
            fix="write 'key: value' lines, for example 'effective: 2026-12-01'",
        )
    body = "".join(lines[end + 1:])
    return Parsed({str(k): v for k, v in meta.items()}, body, end + 2, "".join(lines[:end + 2]))
