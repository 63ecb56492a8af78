"""Read a document's published states from the first-parent history of the built branch.

One `git log` pass lists every commit that touched the docs folder, with raw diffs and rename
detection; file contents are then read through one persistent `git cat-file` process. The result is
plain data (no GitPython objects) so that the timeline can be built and tested without Git.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from policypress.errors import HistoryError

_FORMAT = "%x01%H%x00%cI%x00%aI%x00%an%x00%s"


def checked_rev(rev: str) -> str:
    """A revision from mkdocs.yml or the command line, refused if git could read it as an option.

    A pull request can set `rev: --output=FILE` or a CI script pass `--since` through: git must never
    see such a value as an option (which could write files), so it is rejected before git runs, and git
    is also called with `--end-of-options` before every revision."""
    if not isinstance(rev, str) or not rev or rev.startswith("-") or any(c in rev for c in "\0\n\r"):
        raise HistoryError(f"{rev!r} is not a revision: a revision cannot be empty or start with '-'",
                           fix="give a branch, tag or commit, e.g. HEAD or origin/main")
    return rev


@dataclass(frozen=True)
class Commit:
    sha: str
    committed: dt.datetime  # aware, in the committer's own offset
    authored: dt.datetime
    author: str
    subject: str


@dataclass(frozen=True)
class FileState:
    """The document's blob at a commit where its text or its path changed."""

    commit: Commit
    path: str  # relative to the docs folder, POSIX
    blob: str | None  # None: the file was deleted by this commit


@dataclass
class FileHistory:
    """Every state of one document, oldest first, following renames and moves."""

    path: str  # latest path, relative to the docs folder
    states: list[FileState] = field(default_factory=list)

    @property
    def deleted(self) -> bool:
        return bool(self.states) and self.states[-1].blob is None


class GitRepository:
    """A Git work tree, opened once per build. Use it as a context manager to close `cat-file`."""

    def __init__(self, root: Path):
        import git  # GitPython; imported here so that a build without Git never needs it

        try:
            self._repo = git.Repo(root, search_parent_directories=True)
        except (git.InvalidGitRepositoryError, git.NoSuchPathError):
            raise HistoryError(f"{root} is not inside a Git repository") from None
        self.root = Path(self._repo.working_tree_dir or root).resolve()

    @classmethod
    def find(cls, path: Path) -> "GitRepository | None":
        """The repository that holds `path`, or None (a site built from a tarball)."""
        try:
            return cls(path)
        except HistoryError:
            return None

    def __enter__(self) -> "GitRepository":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._repo.close()

    def git(self, *args: str) -> str:
        result = subprocess.run(["git", *args], cwd=self.root, capture_output=True, text=True,
                                encoding="utf-8", errors="surrogateescape")
        if result.returncode != 0:
            raise HistoryError(f"git {' '.join(args)} failed: {result.stderr.strip()}",
                               path=str(self.root))
        return result.stdout

    def is_shallow(self) -> bool:
        return self.git("rev-parse", "--is-shallow-repository").strip() == "true"

    def has_commits(self) -> bool:
        return subprocess.run(["git", "rev-parse", "--verify", "-q", "--end-of-options", "HEAD"], cwd=self.root,
                              capture_output=True).returncode == 0

    def resolve(self, rev: str) -> str:
        return self.git("rev-parse", "--verify", "--end-of-options", f"{checked_rev(rev)}^{{commit}}").strip()

    def read_blob(self, blob: str) -> bytes:
        """Bytes of a blob, through GitPython's persistent `cat-file --batch` process."""
        return self._repo.odb.stream(bytes.fromhex(blob)).read()

    def read_path(self, rev: str, path: str) -> bytes:
        """Bytes of `path` (relative to the repository root) at `rev`."""
        blob = self.git("rev-parse", "--verify", "--end-of-options", f"{checked_rev(rev)}:{path}").strip()
        return self.read_blob(blob)

    def contains(self, sha: str, rev: str = "HEAD") -> bool:
        args = ["git", "merge-base", "--is-ancestor", "--end-of-options", checked_rev(sha), checked_rev(rev)]
        return subprocess.run(args, cwd=self.root,
                              capture_output=True).returncode == 0

    def relative(self, path: Path) -> str:
        """`path` relative to the repository root, POSIX style ('' for the root)."""
        rel = os.path.relpath(Path(path).resolve(), self.root)
        return "" if rel == "." else Path(rel).as_posix()

    def file_histories(self, docs_dir: Path, is_policy: Callable[[str], bool],
                       rev: str = "HEAD") -> list[FileHistory]:
        """First-parent histories of the policy files under `docs_dir`, in one `git log` pass."""
        prefix = self.relative(docs_dir)
        args = ["log", "--first-parent", "--diff-merges=first-parent", "--reverse", "-M",
                "--raw", "-z", "--no-abbrev", "--no-color", f"--format={_FORMAT}", "--end-of-options",
                checked_rev(rev), "--"]
        args.append(prefix or ".")
        return parse_log(self.git(*args), prefix, is_policy)


def _strip(prefix: str, path: str) -> str | None:
    """`path` relative to the docs folder, or None if it lies outside."""
    if not prefix:
        return path
    if path.startswith(prefix + "/"):
        return path[len(prefix) + 1:]
    return None


def parse_log(output: str, prefix: str, is_policy: Callable[[str], bool]) -> list[FileHistory]:
    """Turn `git log --raw -z` output into per-document histories that follow renames."""
    live: dict[str, FileHistory] = {}  # current path -> history
    gone: dict[str, FileHistory] = {}  # slug of a deleted document -> its history
    everything: list[FileHistory] = []

    def slug_of(path: str) -> str:
        return posixpath.splitext(path)[0]

    for record in output.split("\x01")[1:]:
        header, _, raw = record.partition("\n")
        sha, committed, authored, author, subject = header.rstrip("\x00").split("\x00", 4)
        commit = Commit(sha, dt.datetime.fromisoformat(committed), dt.datetime.fromisoformat(authored),
                        author, subject)
        fields = raw.strip("\x00\n").split("\x00") if raw.strip("\x00\n") else []
        index = 0
        while index < len(fields):
            meta = fields[index].lstrip("\n").split()
            status = meta[4][0]
            new_blob = meta[3]
            if status in "RC":
                old_path, new_path = fields[index + 1], fields[index + 2]
                index += 3
            else:
                old_path = new_path = fields[index + 1]
                index += 2
            old_rel, new_rel = _strip(prefix, old_path), _strip(prefix, new_path)
            if status == "R" and old_rel in live and new_rel is not None and is_policy(new_rel):
                history = live.pop(old_rel)
                history.path = new_rel
                live[new_rel] = history
                history.states.append(FileState(commit, new_rel, new_blob))
                continue
            if status == "R" and old_rel in live:
                # Moved out of the policies: the document as published is withdrawn.
                history = live.pop(old_rel)
                history.states.append(FileState(commit, old_rel, None))
                gone[slug_of(old_rel)] = history
                status, old_rel = "A", None
            if status == "D":
                if old_rel in live:
                    history = live.pop(old_rel)
                    history.states.append(FileState(commit, old_rel, None))
                    gone[slug_of(old_rel)] = history
                continue
            if new_rel is None or not is_policy(new_rel):
                continue
            if new_rel in live:  # M, T, or an add over a path we already follow
                live[new_rel].states.append(FileState(commit, new_rel, new_blob))
                continue
            # A, C, or R from outside the policies: a new document, or one that comes back
            history = gone.pop(slug_of(new_rel), None)
            if history is None:
                history = FileHistory(new_rel)
                everything.append(history)
            history.path = new_rel
            history.states.append(FileState(commit, new_rel, new_blob))
            live[new_rel] = history
    return everything
