"""The Site the core works with, made from MkDocs's validated configuration, for the build and the CLI.

One code path: the plugin (on_config) and the command line (load_site) both turn a validated
MkDocs config and its PolicyPressConfig into a Site with site_from, so `policypress check` gates
exactly the documents and options that `mkdocs build` publishes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from mkdocs.config.defaults import MkDocsConfig

from policypress.archive.timeline import Settings
from policypress.diff.render import Renderer
from policypress.errors import PolicyError
from policypress.archive.doctypes import TYPES
from policypress.materiality.criteria import CriteriaSets, configure
from policypress.site.config import PolicyPressConfig
from policypress.archive.languages import Languages
from policypress.site.loadconfig import load_config


@dataclass
class Site:
    """What the build and the command line need from the site's configuration."""

    settings: Settings
    criteria: CriteriaSets  # per document type
    notice_days: int
    extensions: list
    extension_configs: dict
    root: Path
    site_url: str | None = None
    directory_urls: bool = True
    notice_after_days: int = 30
    theme_dirs: tuple[str, ...] = ()  # where the theme's templates are: its own inline scripts (verify)
    extra_javascript: tuple[str, ...] = ()
    language: str = "en"  # theme.language: what policypress writes in

    def renderer(self, warn=lambda message: None) -> Renderer:
        """The site's Markdown configuration, or MkDocs' defaults if an extension cannot load here."""
        try:
            renderer = Renderer(self.extensions, self.extension_configs)
            renderer("# probe\n")
            return renderer
        except Exception as exc:  # noqa: BLE001 - any extension failure falls back, with a warning
            warn(f"markdown_extensions of mkdocs.yml could not be loaded ({exc}); comparing with MkDocs' defaults")
            return Renderer()


def load_site(config_file: Path, warn: Callable[[str], None] = lambda message: None) -> Site:
    """The Site of a mkdocs.yml (or properdocs.yml) as the build sees it; mistakes raise PolicyError."""
    config = load_config(config_file, warn)
    options = config.plugins.get("policypress")
    if options is None:
        warn(f"{config_file}: the policypress plugin is not in plugins; using its defaults")
        options = PolicyPressConfig()
        options.load_dict({})
        options.validate()
    else:
        options = options.config
    return site_from(config, options)


def _types(value: dict, source: str) -> dict[str, list[str]]:
    """The `types` option: document type -> globs of the files of that type."""
    types: dict[str, list[str]] = {}
    for kind, globs in value.items():
        if kind not in TYPES:
            raise PolicyError(f"policypress option 'types': unknown document type {kind!r}", path=source,
                              fix=f"use one of {', '.join(TYPES)}, e.g. 'types: {{terms: [\"terms*.md\"]}}'")
        globs = [globs] if isinstance(globs, str) else globs
        if not isinstance(globs, list) or not all(isinstance(g, str) for g in globs):
            raise PolicyError(f"policypress option 'types': '{kind}' must be a list of globs", path=source,
                              fix=f"write for example 'types: {{{kind}: [\"legal/{kind}*.md\"]}}'")
        types[kind] = list(globs)
    return types


def languages_of(config: MkDocsConfig, controlling: str, source: str) -> Languages | None:
    """The languages of mkdocs-static-i18n's configuration, or None without the plugin."""
    plugin = next((p for name, p in config.plugins.items() if name.split("/")[-1] == "i18n"), None)
    if plugin is None or not hasattr(plugin, "config") or not plugin.config.get("languages"):
        if controlling:
            raise PolicyError(f"policypress option 'controlling_language: {controlling}' needs the i18n plugin",
                              path=source, fix="add mkdocs-static-i18n to plugins, or remove the option")
        return None
    codes = tuple(str(lang.locale) for lang in plugin.config.languages if str(lang.locale) != "null")
    default = next((str(lang.locale) for lang in plugin.config.languages if lang.default), codes[0])
    if controlling and controlling not in codes:
        raise PolicyError(f"policypress option 'controlling_language: {controlling}' is not a language of the i18n "
                          f"plugin ({', '.join(codes)})", path=source, fix="name one of the i18n plugin's languages")
    return Languages(default=default, codes=codes, structure=str(plugin.config.get("docs_structure") or "suffix"),
                     controlling=controlling or default)


def site_from(config: MkDocsConfig, options: PolicyPressConfig) -> Site:
    """The Site of a validated MkDocs config and the plugin's validated options."""
    source = config.config_file_path or "mkdocs.yml"
    root = Path(source).resolve().parent
    for key in ("notice_days", "notice_after_days"):
        if options[key] < 0:
            raise PolicyError(f"policypress option '{key}': a number of days cannot be negative, not {options[key]}",
                              path=source, fix=f"write for example '{key}: 30' under the policypress plugin")
    settings = Settings(
        docs_dir=Path(config.docs_dir).resolve(),
        versions_dir=(root / options.versions_dir).resolve(),
        include=list(options.include), exclude=list(options.exclude),
        date_patterns=list(options.date_patterns), rev=options.rev, source=source,
        types=_types(options.types, source),
        published_archive=(root / options.published_archive).resolve() if options.published_archive else None,
        languages=languages_of(config, options.controlling_language, source),
        includes_refused="pymdownx.snippets" in [str(name) for name in config.markdown_extensions],
    )
    criteria = configure(options.criteria, source=source, use_defaults=options.default_criteria)
    return Site(settings, criteria, options.notice_days, list(config.markdown_extensions), dict(config.mdx_configs),
                root, site_url=config.site_url or None, directory_urls=config.use_directory_urls,
                notice_after_days=options.notice_after_days, theme_dirs=tuple(config.theme.dirs),
                extra_javascript=tuple(str(script) for script in config.extra_javascript),
                language=str(config.theme.get("language") or "en"))
