"""Shared helpers: real Git repositories in temp folders and real `mkdocs build` runs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).resolve().parent / "corpus"  # real policy histories, vendored (see corpus/README.md)

BASE_CONFIG = """\
site_name: test site
docs_dir: policy
site_dir: site
theme:
  name: material
  font: false
plugins:
  - policypress{options}
markdown_extensions:
  - toc
  - tables
"""


ALL_FILES = 'include: ["*.md", "**/*.md"]'  # every file of docs_dir is a policy (index pages excepted)


def run(args, cwd, env=None, check=True) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    result = subprocess.run(args, cwd=cwd, env=full_env, capture_output=True, text=True)
    if check and result.returncode != 0:
        raise AssertionError(f"{' '.join(map(str, args))} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


VOID_ELEMENTS = frozenset("area base br col embed hr img input link meta param source track wbr".split())


class BalanceError(AssertionError):
    pass


class _Balance(HTMLParser):
    """Fails on an end tag that does not close the innermost open element, or on elements left open."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, tuple[int, int]]] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID_ELEMENTS:
            self.stack.append((tag, self.getpos()))

    def handle_startendtag(self, tag, attrs):
        if tag not in VOID_ELEMENTS:
            self.errors.append(f"self-closing non-void <{tag}/> at {self.getpos()}")

    def handle_endtag(self, tag):
        if tag in VOID_ELEMENTS:
            self.errors.append(f"end tag </{tag}> of a void element at {self.getpos()}")
        elif not self.stack:
            self.errors.append(f"</{tag}> at {self.getpos()} closes nothing")
        elif self.stack[-1][0] != tag:
            open_tag, where = self.stack[-1]
            self.errors.append(f"</{tag}> at {self.getpos()} while <{open_tag}> from {where} is open")
            # resynchronise so that one error does not cascade
            for index in range(len(self.stack) - 1, -1, -1):
                if self.stack[index][0] == tag:
                    del self.stack[index:]
                    break
        else:
            self.stack.pop()


def balance_errors(fragment: str) -> list[str]:
    """What is wrong with the nesting of an HTML fragment (nothing, for balanced HTML)."""
    parser = _Balance()
    parser.feed(fragment)
    parser.close()
    return parser.errors + [f"<{tag}> from {where} is never closed" for tag, where in parser.stack]


def check_balanced(fragment: str) -> None:
    errors = balance_errors(fragment)
    if errors:
        raise BalanceError("; ".join(errors[:10]) + (f" (+{len(errors) - 10} more)" if len(errors) > 10 else ""))


class Site:
    """A throwaway site: mkdocs.yml, policy/, a Git repository, and helpers to commit and build."""

    def __init__(self, root: Path, options: str = "", git: bool = True):
        self.root = root
        (root / "policy").mkdir(parents=True, exist_ok=True)
        if "include" not in options:  # these sites keep their policies at the top of docs_dir (`policy/`)
            options = ALL_FILES + "\n" + options
        opts = ("\n" + textwrap.indent(options.strip("\n"), "      ")) if options.strip() else ""
        if opts:
            opts = ":" + opts
        (root / "mkdocs.yml").write_text(BASE_CONFIG.format(options=opts), encoding="utf-8")
        if git:
            self.git("init", "-q", "-b", "main")
            self.git("config", "user.email", "author@example.com")
            self.git("config", "user.name", "Legal Author")
            self.git("config", "commit.gpgsign", "false")

    def git(self, *args: str) -> str:
        return run(["git", *args], cwd=self.root).stdout

    def write(self, path: str, text: str) -> Path:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        return target

    def commit(self, message: str, date: str, files: dict[str, str | None] | None = None) -> str:
        """Write (or delete, with None) files and commit them at an ISO date."""
        for path, text in (files or {}).items():
            if text is None:
                self.git("rm", "-q", path)
            else:
                self.write(path, text)
                self.git("add", path)
        self.git("add", "-A")
        env = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
        run(["git", "commit", "-q", "--allow-empty", "-m", message], cwd=self.root, env=env)
        return self.git("rev-parse", "HEAD").strip()

    def build(self, *, strict: bool = True, env: dict | None = None, check: bool = True,
              engine: str = "mkdocs") -> subprocess.CompletedProcess:
        args = [sys.executable, "-m", engine, "build", "--clean"]
        if strict:
            args.append("--strict")
        return run(args, cwd=self.root, env=env, check=check)

    def page(self, url: str) -> str:
        path = self.root / "site" / url
        if url.endswith("/") or not url:
            path = path / "index.html"
        return path.read_text(encoding="utf-8")

    def versions(self, slug: str = "privacy") -> dict:
        return json.loads((self.root / "site" / slug / "versions.json").read_text(encoding="utf-8"))

    def policypress(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return run([sys.executable, "-m", "policypress.cli", *args], cwd=self.root, check=check)


def policy(title: str = "Privacy Policy", effective: str | None = None, body: str = "", **meta) -> str:
    """A policy text with front matter."""
    lines = ["---", f"title: {title}"]
    if effective:
        lines.append(f"effective: {effective}")
    for key, value in meta.items():
        lines.append(f"{key}: {json.dumps(value)}")
    lines.append("---")
    return "\n".join(lines) + "\n\n" + textwrap.dedent(body).strip() + "\n"


@pytest.fixture
def site(tmp_path) -> Site:
    return Site(tmp_path / "site-src")


@pytest.fixture(scope="session")
def corpus() -> Path:
    return CORPUS
