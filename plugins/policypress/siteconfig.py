"""Read the few settings the command line needs from mkdocs.yml, without importing MkDocs.

The CLI must keep working when the site moves to another engine, so it reads `docs_dir` and the
plugin's options itself. Tags such as `!ENV` or `!!python/name:` (common in Material configs) are
tolerated and read as plain values.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .dates import DEFAULT_DATE_PATTERNS
from .errors import PolicyError
from .timeline import Settings


class _TolerantLoader(yaml.SafeLoader):
    pass


def _any_tag(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


_TolerantLoader.add_multi_constructor("!", _any_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


def load(config_file: Path) -> Settings:
    """Settings for the timeline from a mkdocs.yml (its policypress options and docs_dir)."""
    if not config_file.is_file():
        raise PolicyError("no such configuration file", path=str(config_file),
                          fix="run from the site's folder or pass --config path/to/mkdocs.yml")
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise PolicyError(f"not valid YAML: {getattr(exc, 'problem', exc)}", path=str(config_file),
                          line=mark.line + 1 if mark else None, fix="correct the YAML syntax") from None
    if not isinstance(data, dict):
        raise PolicyError("expected a mapping of settings", path=str(config_file))
    root = config_file.resolve().parent
    options: dict = {}
    for entry in data.get("plugins") or []:
        if isinstance(entry, dict) and "policypress" in entry:
            options = entry["policypress"] or {}
    if not isinstance(options, dict):
        raise PolicyError("the policypress plugin options must be a mapping", path=str(config_file))
    settings = Settings(
        docs_dir=(root / str(data.get("docs_dir", "docs"))).resolve(),
        versions_dir=(root / str(options.get("versions_dir", "versions"))).resolve(),
        date_patterns=list(options.get("date_patterns", DEFAULT_DATE_PATTERNS)),
        rev=str(options.get("rev", "HEAD")),
    )
    if "include" in options:
        settings.include = list(options["include"])
    if "exclude" in options:
        settings.exclude = list(options["exclude"])
    return settings
