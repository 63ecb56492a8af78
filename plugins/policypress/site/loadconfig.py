"""mkdocs.yml (or properdocs.yml) read by MkDocs's own loader, its mistakes turned into PolicyErrors.

The command line must see the configuration the build sees: INHERIT, !ENV, plugins as a list or a
mapping, the plugin's defaults and validation. So it validates the file exactly as `mkdocs build`
does (which imports the plugins' classes) but runs no plugin event and needs no network. Every
mistake becomes one PolicyError naming the file, the option and the fix, never a traceback.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Callable

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError

from policypress.errors import PolicyError
from policypress.site.config import PolicyPressConfig

#: Looked for in this order when --config is not given: MkDocs' names, then ProperDocs'.
CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml", "properdocs.yml", "properdocs.yaml")
MKDOCS_OPTIONS = "https://www.mkdocs.org/user-guide/configuration/"

_PLUGIN_OPTION = re.compile(r"Plugin '(?P<plugin>[^']+)' option '(?P<option>[^']+)': (?P<message>.*)")
_NOT_INSTALLED = re.compile(r'The "(?P<plugin>[^"]+)" plugin is not installed')
_EXAMPLES = {"criteria": "[{id: recipients}]", "date_patterns": '["Effective date"]'}


def find_config(given: str | None, folder: Path | None = None) -> Path:
    """The configuration file: the one given, else the first of CONFIG_NAMES in `folder`."""
    if given:
        return Path(given)
    folder = folder or Path(".")
    for name in CONFIG_NAMES:
        if (folder / name).is_file():
            return folder / name
    raise PolicyError("no mkdocs.yml or properdocs.yml here", path=str(folder.resolve()),
                      fix="run from the site's folder or pass --config path/to/mkdocs.yml")


def load_config(config_file: Path, warn: Callable[[str], None] = lambda message: None) -> MkDocsConfig:
    """The validated MkDocs configuration, as `mkdocs build` would see it."""
    name = str(config_file)
    if not config_file.is_file():
        raise PolicyError("no such configuration file", path=name,
                          fix="run from the site's folder or pass --config path/to/mkdocs.yml")
    config = MkDocsConfig(config_file_path=name)  # as given, like `mkdocs build -f`: errors name it so
    try:
        with open(config_file, "rb") as handle:
            config.load_file(handle)
        errors, warnings = config.validate()
    except ConfigurationError as exc:
        raise _file_error(exc, name) from None
    except ImportError as exc:  # a plugin or extension whose own dependencies are missing
        raise PolicyError(f"cannot import {exc.name or exc}", path=name,
                          fix=f"pip install the package that provides {exc.name or 'it'}") from None
    if errors:
        raise _option_error(name, *errors[0])
    for key, message in warnings:
        warn(f"{name}: {message}" if key == "plugins" else f"{name}: option '{key}': {message}")
    return config


def _file_error(exc: ConfigurationError, name: str) -> PolicyError:
    """A YAML or INHERIT problem, with the line when YAML knows it."""
    cause = exc.__context__
    if isinstance(cause, yaml.YAMLError):
        mark = getattr(cause, "problem_mark", None)
        where = mark.name if mark and mark.name and not mark.name.startswith("<") else name
        problem = getattr(cause, "problem", None) or str(cause)
        return PolicyError(f"not valid YAML: {problem}", path=where, line=mark.line + 1 if mark else None,
                           fix="correct the YAML syntax at that line")
    return PolicyError(str(exc), path=name, fix="correct INHERIT or the file's top level (a mapping of settings)")


def _option_error(name: str, key: str, error: Exception) -> PolicyError:
    message = str(error).splitlines()[0] if str(error) else type(error).__name__
    if key == "plugins":
        missing = _NOT_INSTALLED.search(message)
        if missing:
            plugin = missing["plugin"]
            return PolicyError(f"plugins: the MkDocs plugin '{plugin}' is not installed", path=name,
                               fix=f"pip install the package that provides it (often mkdocs-{plugin} or "
                                   f"mkdocs-{plugin}-plugin), or remove '{plugin}' from plugins")
        option = _PLUGIN_OPTION.search(message)
        if option and option["plugin"] == "policypress":
            return PolicyError(f"policypress option '{option['option']}': {option['message']}", path=name,
                               fix=_policypress_fix(option["option"]))
        if option:
            return PolicyError(f"{option['plugin']} option '{option['option']}': {option['message']}", path=name,
                               fix=f"see the documentation of the {option['plugin']} plugin")
        return PolicyError(f"plugins: {message}", path=name, fix="list plugins as '- name' or 'name: {options}'")
    if key == "docs_dir":
        return PolicyError(f"option 'docs_dir': {message}", path=name,
                           fix="create that folder or set docs_dir to the folder that holds your policies")
    return PolicyError(f"option '{key}': {message}", path=name, fix=f"correct '{key}' (see {MKDOCS_OPTIONS})")


def _policypress_fix(option: str) -> str:
    example = _EXAMPLES.get(option) or json.dumps(getattr(dict(PolicyPressConfig._schema).get(option), "default", None))
    return f"write for example '{option}: {example}' under the policypress plugin"
