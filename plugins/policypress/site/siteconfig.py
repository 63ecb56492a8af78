"""Read the few settings the command line needs from mkdocs.yml, without importing MkDocs.

The CLI must keep working when the site moves to another engine, so it reads `docs_dir` and the
plugin's options itself. Tags such as `!ENV` or `!!python/name:` (common in Material configs) are
tolerated and read as plain values.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from policypress.materiality.criteria import Criterion, configure
from policypress.archive.dates import DEFAULT_DATE_PATTERNS
from policypress.errors import PolicyError
from policypress.diff.render import Renderer
from policypress.archive.timeline import Settings


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


@dataclass
class Site:
    """What the command line needs from mkdocs.yml."""

    settings: Settings
    criteria: tuple[Criterion, ...]
    notice_days: int
    extensions: list
    extension_configs: dict
    root: Path
    site_url: str | None = None
    directory_urls: bool = True
    notice_after_days: int = 30

    def renderer(self, warn=lambda message: None) -> Renderer:
        """The site's Markdown configuration, or MkDocs' defaults if an extension cannot load here."""
        try:
            renderer = Renderer(self.extensions, self.extension_configs)
            renderer("# probe\n")
            return renderer
        except Exception as exc:  # noqa: BLE001 - any extension failure falls back, with a warning
            warn(f"markdown_extensions of mkdocs.yml could not be loaded ({exc}); comparing with MkDocs' defaults")
            return Renderer()


def load_site(config_file: Path) -> Site:
    """Everything policypress reads from a mkdocs.yml; configuration mistakes raise PolicyError."""
    data, options = _read(config_file)
    settings = load(config_file)
    criteria = configure(options.get("criteria") or [], source=str(config_file),
                         use_defaults=bool(options.get("default_criteria", True)))
    notice_days = options.get("notice_days", 30)
    if not isinstance(notice_days, int) or notice_days < 0:
        raise PolicyError(f"notice_days must be a whole number of days, not {notice_days!r}", path=str(config_file),
                          fix="write for example 'notice_days: 30' under the policypress plugin")
    extensions, configs = [], {}
    for entry in data.get("markdown_extensions") or ["toc", "tables", "fenced_code"]:
        if isinstance(entry, str):
            extensions.append(entry)
        elif isinstance(entry, dict):
            for name, value in entry.items():
                extensions.append(name)
                if isinstance(value, dict):
                    configs[name] = value
    after = options.get("notice_after_days", 30)
    if not isinstance(after, int) or after < 0:
        raise PolicyError(f"notice_after_days must be a whole number of days, not {after!r}", path=str(config_file),
                          fix="write for example 'notice_after_days: 30' under the policypress plugin")
    return Site(settings, criteria, notice_days, extensions, configs, config_file.resolve().parent,
                site_url=data.get("site_url") or None, directory_urls=bool(data.get("use_directory_urls", True)),
                notice_after_days=after)


def _read(config_file: Path) -> tuple[dict, dict]:
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
    options: dict = {}
    for entry in data.get("plugins") or []:
        if isinstance(entry, dict) and "policypress" in entry:
            options = entry["policypress"] or {}
    if not isinstance(options, dict):
        raise PolicyError("the policypress plugin options must be a mapping", path=str(config_file))
    return data, options


def load(config_file: Path) -> Settings:
    """Settings for the timeline from a mkdocs.yml (its policypress options and docs_dir)."""
    data, options = _read(config_file)
    root = config_file.resolve().parent
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
