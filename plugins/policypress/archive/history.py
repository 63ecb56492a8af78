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
    link: bool = False  # a symbolic link: the blob holds a target path, not a text


@dataclass
class FileHistory:
    """Every state of one document, oldest first, following renames and moves."""

    path: str  # latest path, relative to the docs folder
    states: list[FileState] = field(default_factory=list)
    slug: str = ""  # the URL the document is served at (set by parse_log)
    current: bool = False  # has been inside the docs folder the site is built from

    @property
    def deleted(self) -> bool:
        return bool(self.states) and self.states[-1].blob is None


_RENAMES: dict[tuple[str, str], str] = {}  # (work tree, commit) -> its `diff-tree -M` (`_moved_in_from`)


class GitRepository:
    """A Git work tree, opened once per build. Use it as a context manager to close `cat-file`."""

    def __init__(self, root: Path):
        import git  # GitPython; imported here so that a build without Git never needs it

        try:
            self._repo = git.Repo(root, search_parent_directories=True)
        except (git.InvalidGitRepositoryError, git.NoSuchPathError):
            raise HistoryError(f"{root} is not inside a Git repository") from None
        self.root = Path(self._repo.working_tree_dir or root).resolve()
        self._asked: dict[tuple, object] = {}  # answers of this opening (one build): each a git process (~3 ms)

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

    def reopened(self) -> "GitRepository | None":
        """This opening again for another build of the same process (`mkdocs serve`): its answers forgotten, its
        `cat-file` process kept (one git process fewer per rebuild; it sees the objects of new commits), or None
        when that process has ended and the repository must be opened anew."""
        process = getattr(getattr(self._repo.git, "cat_file_all", None), "proc", None)
        if process is not None and process.poll() is not None:
            return None
        self._asked.clear()
        return self

    def git(self, *args: str) -> str:
        result = subprocess.run(["git", *args], cwd=self.root, capture_output=True, text=True,
                                encoding="utf-8", errors="surrogateescape")
        if result.returncode != 0:
            raise HistoryError(f"git {' '.join(args)} failed: {result.stderr.strip()}",
                               path=str(self.root))
        return result.stdout

    def is_shallow(self) -> bool:
        if ("shallow",) not in self._asked:
            self._probe()
        if ("shallow",) not in self._asked:
            self._asked[("shallow",)] = self.git("rev-parse", "--is-shallow-repository").strip() == "true"
        return self._asked[("shallow",)]

    def _probe(self) -> None:
        """Whether the clone is shallow, whether HEAD names a commit, and which: what every build asks first, in
        one git process, not three (each ~3 ms, and more from a `mkdocs serve` process on a busy machine). An
        answer it cannot give is asked on its own, as before."""
        result = subprocess.run(["git", "rev-parse", "--is-shallow-repository", "--verify", "-q", "--end-of-options",
                                 "HEAD^{commit}"], cwd=self.root, capture_output=True, text=True, encoding="utf-8",
                                errors="surrogateescape")
        lines = result.stdout.split("\n")
        if result.returncode not in (0, 1) or not lines or lines[0] not in ("true", "false"):
            return
        self._asked[("shallow",)] = lines[0] == "true"
        head = lines[1] if result.returncode == 0 and len(lines) == 3 and lines[2] == "" else ""
        if len(head) in (40, 64) and all(c in "0123456789abcdef" for c in head):
            self._asked[("has commits",)] = True
            self._asked[("resolve", "HEAD")] = head
        elif result.returncode == 1 and lines[1:] == [""]:
            self._asked[("has commits",)] = False

    def shallow_parents(self) -> set[str]:
        """The parents a shallow clone cut off: those named by its first commits but not in the clone."""
        boundary = Path(self.git("rev-parse", "--git-path", "shallow").strip())
        boundary = boundary if boundary.is_absolute() else self.root / boundary
        parents: set[str] = set()
        for sha in boundary.read_text(encoding="ascii").split() if boundary.is_file() else []:
            raw = self.git("cat-file", "commit", sha)  # the commit object names its parents, present or not
            parents |= {line.split()[1] for line in raw.split("\n\n", 1)[0].splitlines() if line.startswith("parent ")}
        return parents

    def has_commit(self, sha: str) -> bool:
        return subprocess.run(["git", "cat-file", "-e", "--end-of-options", f"{checked_rev(sha)}^{{commit}}"],
                              cwd=self.root, capture_output=True).returncode == 0

    def has_commits(self) -> bool:
        """Whether HEAD names a commit; asked once per opening (a build asks twice)."""
        if ("has commits",) not in self._asked:
            self._probe()
        if ("has commits",) not in self._asked:
            self._asked[("has commits",)] = subprocess.run(
                ["git", "rev-parse", "--verify", "-q", "--end-of-options", "HEAD"], cwd=self.root,
                capture_output=True).returncode == 0
        return self._asked[("has commits",)]

    def resolve(self, rev: str) -> str:
        """The commit `rev` names, asked once per opening and revision (a build checks its branch, then reads it)."""
        key = ("resolve", rev)
        if key not in self._asked:
            self._asked[key] = self.git("rev-parse", "--verify", "--end-of-options", f"{checked_rev(rev)}^{{commit}}").strip()
        return self._asked[key]

    def read_blob(self, blob: str) -> bytes:
        """Bytes of a blob, through GitPython's persistent `cat-file --batch` process."""
        return self._repo.odb.stream(bytes.fromhex(blob)).read()

    def read_path(self, rev: str, path: str) -> bytes:
        """Bytes of `path` (relative to the repository root) at `rev`: named to the persistent `cat-file --batch`
        process that reads the blobs (one git process fewer per build), or asked of `rev-parse` when that process
        cannot say why it has no blob there, or cannot be given the name (a line break in it)."""
        name = f"{checked_rev(rev)}:{path}"
        if "\n" not in name and "\r" not in name:
            try:
                _, kind, _, data = self._repo.git.get_object_data(name)
            except ValueError:  # missing: rev-parse's error message names the reason
                pass
            else:
                if kind in (b"blob", "blob"):  # GitPython gives bytes
                    return data
        blob = self.git("rev-parse", "--verify", "--end-of-options", name).strip()
        return self.read_blob(blob)

    def contains(self, sha: str, rev: str = "HEAD") -> bool:
        args = ["git", "merge-base", "--is-ancestor", "--end-of-options", checked_rev(sha), checked_rev(rev)]
        return subprocess.run(args, cwd=self.root,
                              capture_output=True).returncode == 0

    def relative(self, path: Path) -> str:
        """`path` relative to the repository root, POSIX style ('' for the root)."""
        rel = os.path.relpath(Path(path).resolve(), self.root)
        return "" if rel == "." else Path(rel).as_posix()

    def file_histories(self, docs_dir: Path, is_policy: Callable[[str], bool], rev: str = "HEAD",
                       published: list[str] = (), is_excluded: Callable[[str], bool] = lambda p: False
                       ) -> list[FileHistory]:
        """Histories of the policy files under `docs_dir` along the published mainline of `rev`.

        `published` lists commits known to have been deployed (the ledger), oldest first: the mainline
        goes through the newest of them even when a fast-forward made another branch the first parent.
        Folders the documents were moved from (a `docs_dir` that changed) are read too."""
        prefix = self.relative(docs_dir)
        prefixes = [prefix]
        while True:
            output = self._mainline_log(rev, published, prefixes)
            histories, outside = parse_log(output, prefixes, is_policy, is_excluded)
            outside += self._moved_in_from(prefixes, histories)
            more = [p for p in dict.fromkeys(outside) if p not in prefixes]
            if not more or len(prefixes) > 8:
                return histories
            prefixes += more

    def _moved_in_from(self, prefixes: list[str], histories: list[FileHistory]) -> list[str]:
        """Folders a document was moved in from (`git mv docs policy`): a log limited to the docs folder
        shows such a move as an addition, so the first commit of each document is asked for renames."""
        folders = []
        for history in histories:
            first = history.states[0]
            full = posixpath.join(prefixes[0], first.path) if prefixes[0] else first.path
            key = (str(self.root), first.commit.sha)  # a commit's changes never change: asked once per process
            if key not in _RENAMES:
                _RENAMES[key] = self.git("diff-tree", "-r", "-z", "-M", "--raw", "--no-abbrev", "--end-of-options",
                                         first.commit.sha)
            fields = _RENAMES[key].split("\x00")
            for index, meta in enumerate(fields):
                parts = meta.lstrip("\n").split()
                if len(parts) == 5 and parts[0].startswith(":") and parts[4].startswith("R") \
                        and index + 2 < len(fields) and fields[index + 2] == full:
                    old = fields[index + 1]
                    if any(_strip(p, old) is not None for p in prefixes):
                        continue
                    folder = old[: -len(first.path)].rstrip("/") if old.endswith("/" + first.path) \
                        else posixpath.dirname(old)
                    folders.append(folder)
        return folders

    def _mainline_log(self, rev: str, published: list[str], prefixes: list[str]) -> str:
        spec = ["--", *[p or "." for p in prefixes]]
        base = ["log", "--first-parent", "--diff-merges=first-parent", "--reverse", "-M", "--raw", "-z",
                "--no-abbrev", "--no-color", f"--format={_FORMAT}", "--end-of-options"]
        upper = self.resolve(rev)
        segments = []  # newest first: from the tip down to the newest deployed commit, then to the next one…
        for anchor in self._off_the_chain(upper, published):
            segment = self._segment(upper, anchor)
            if segment is not None:
                segments.append(segment)
                upper = anchor
        output = [self.git(*base, upper, *spec)]
        for segment in reversed(segments):
            for commit, parent in reversed(segment):
                header = self.git("show", "-s", f"--format={_FORMAT}", "--end-of-options", commit).rstrip("\n")
                raw = self.git("diff-tree", "-r", "-z", "-M", "--raw", "--no-abbrev", "--end-of-options",
                               parent, commit, *spec)
                output.append(header + "\x00\n" + raw)
        return "".join(output)

    def _off_the_chain(self, tip: str, published: list[str]):
        """The deployed commits (and those kept on file) the published mainline must go through but the
        first-parent chain does not, newest first: each one read so far moves the chain onto itself, so an
        older deployed commit is never bypassed because a newer one is on the chain (a revert after an
        "update branch" fast-forward would otherwise archive the branch's draft)."""
        if not any(published):
            return  # nothing deployed or kept on file: the first-parent chain is the mainline
        chain = set(self.git("rev-list", "--first-parent", "--end-of-options", tip).split())
        seen: set[str] = set()
        upper = tip
        while True:
            candidates = []
            for sha in dict.fromkeys(published):
                if not sha or sha in chain or sha in seen:
                    continue
                seen.add(sha)
                if self.has_commit(sha) and self.contains(sha, upper):
                    candidates.append(self.resolve(sha))
            candidates = [c for c in candidates if c not in chain]
            if not candidates:
                return
            dated = self.git("show", "-s", "--format=%ct %H", "--end-of-options", *candidates).split("\n")
            newest = max((line.split() for line in dated if line.strip()), key=lambda p: (int(p[0]), p[1]))[1]
            yield newest
            upper = newest
            chain = set(self.git("rev-list", "--first-parent", "--end-of-options", upper).split())
            seen -= set(candidates)  # the older candidates: asked again against the new chain

    def _segment(self, tip: str, last: str) -> list[tuple[str, str]] | None:
        """(commit, parent) from the tip down to `last`, choosing at each merge the parent that leads to
        the deployed commit; None when the first-parent chain already goes through it."""
        chain = self.git("rev-list", "--first-parent", "--end-of-options", tip).split()
        if last in chain:
            return None
        parents = {}
        for line in self.git("rev-list", "--parents", "--end-of-options", tip, f"^{last}").splitlines():
            sha, *rest = line.split()
            parents[sha] = rest
        segment, commit = [], tip
        while commit != last and commit in parents and parents[commit]:
            options = parents[commit]
            chosen = options[0]
            if len(options) > 1:
                chosen = next((p for p in options if p == last or self.contains(last, p)), options[0])
            segment.append((commit, chosen))
            commit = chosen
        return segment if commit == last else None

def _strip(prefix: str, path: str) -> str | None:
    """`path` relative to the docs folder, or None if it lies outside."""
    if not prefix:
        return path
    if path.startswith(prefix + "/"):
        return path[len(prefix) + 1:]
    return None


def url_slug(path: str) -> str:
    """The slug a path is served at: `privacy.md` and `privacy/index.md` are both `privacy`."""
    stem = posixpath.splitext(path)[0]
    if stem == "index" or stem.endswith("/index"):
        return stem[:-len("index")].rstrip("/")
    return stem


def parse_log(output: str, prefixes, is_policy: Callable[[str], bool],
              is_excluded: Callable[[str], bool] = lambda path: False):
    """Turn `git log --raw -z` output into per-document histories that follow the file.

    Every Markdown file is followed through renames, whatever its path, and judged at the end: a file
    whose latest path is a policy keeps every earlier state that was not excluded (a changed `include`
    or a moved docs folder loses nothing); a policy moved out of the policies is withdrawn from that
    commit; a rename to `<slug>/index.md` is served at the same URL and continues the document.
    Returns the histories and the folders outside `prefixes` that documents were moved in from."""
    if isinstance(prefixes, str):
        prefixes = [prefixes]
    live: dict[str, FileHistory] = {}  # current repository path -> history
    gone: dict[str, FileHistory] = {}  # slug of a deleted document -> its history
    everything: list[FileHistory] = []
    outside: list[str] = []

    def rel(path: str) -> str | None:
        for prefix in prefixes:
            found = _strip(prefix, path)
            if found is not None:
                return found
        return None

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
            link = meta[1] == "120000"
            if status in "RC":
                old_path, new_path = fields[index + 1], fields[index + 2]
                index += 3
            else:
                old_path = new_path = fields[index + 1]
                index += 2
            if not new_path.endswith((".md", ".markdown")):
                if status == "R" and old_path in live:
                    status = "D"  # renamed to a file that is not Markdown: the document ends here
                elif status != "D":
                    continue
            new_rel = rel(new_path)
            here = _strip(prefixes[0], new_path) is not None
            if status == "R" and old_path in live:
                history = live.pop(old_path)
                if new_rel is None:
                    new_rel = _moved_in(old_path, new_path, history, outside)
                history.path = new_rel
                history.current |= here
                live[new_path] = history
                history.states.append(FileState(commit, new_rel, new_blob, link))
                continue
            if status == "R" and new_rel is not None and (is_policy(new_rel) or new_rel.endswith("index.md")):
                old_rel = rel(old_path)
                if old_rel is None:  # moved in from a folder we do not read yet: read it, then follow
                    folder = old_path[: len(old_path) - len(new_rel)].rstrip("/") \
                        if old_path.endswith("/" + new_rel) or old_path == new_rel else posixpath.dirname(old_path)
                    if folder not in outside:
                        outside.append(folder)
            if status == "D":
                if old_path in live:
                    history = live.pop(old_path)
                    history.states.append(FileState(commit, history.path, None))
                    gone[url_slug(history.path)] = history
                continue
            if new_rel is None:
                continue
            if new_path in live:  # M, T, or an add over a path we already follow
                live[new_path].states.append(FileState(commit, new_rel, new_blob, link))
                continue
            if not here:  # a file of an older docs folder: followed only if it moves in
                history = FileHistory(new_rel)
                everything.append(history)
                history.states.append(FileState(commit, new_rel, new_blob, link))
                live[new_path] = history
                continue
            # A, C, or R from outside: a new document, or one that comes back
            history = gone.pop(url_slug(new_rel), None)
            if history is None:
                history = FileHistory(new_rel)
                everything.append(history)
            history.path = new_rel
            history.current = True
            history.states.append(FileState(commit, new_rel, new_blob, link))
            live[new_path] = history
    documents: dict[str, FileHistory] = {}
    result: list[FileHistory] = []
    for history in everything:
        history = _judged(history, is_policy, is_excluded)
        if history is None:
            continue
        earlier = documents.get(history.slug)
        if earlier is not None and earlier.deleted:  # withdrawn, then a file at its URL again: it comes back
            earlier.states += history.states
            earlier.path = history.path
            continue
        documents[history.slug] = history
        result.append(history)
    return result, outside


def _moved_in(old_path: str, new_path: str, history: FileHistory, outside: list[str]) -> str:
    """A followed file moved outside every folder read: keep a path relative to its old docs folder."""
    return history.path if posixpath.basename(history.path) == posixpath.basename(new_path) else \
        posixpath.join(posixpath.dirname(history.path), posixpath.basename(new_path))


def _judged(history: FileHistory, is_policy, is_excluded) -> FileHistory | None:
    """The document a followed file is, if any (see parse_log)."""
    def counts(state: FileState) -> bool:
        return is_policy(state.path)

    if not history.current:
        return None
    states = history.states
    policy_at = [i for i, s in enumerate(states) if s.blob is not None and counts(s)]
    if not policy_at:
        return None
    latest = states[-1]
    slugs = {url_slug(s.path) for i, s in enumerate(states) if i in policy_at}
    same_url = latest.path.endswith("index.md") and url_slug(latest.path) in slugs and not is_policy(latest.path)
    if latest.blob is not None and (counts(latest) or same_url):
        kept = [s for s in states if s.blob is None or counts(s) or not is_excluded(s.path)
                or (same_url and s.path == latest.path)]
        history.states = kept
        history.slug = url_slug(latest.path) if same_url else posixpath.splitext(latest.path)[0]
        return history
    last = policy_at[-1]
    ended = states[last + 1]
    history.states = [s for s in states[: last + 1] if s.blob is None or not is_excluded(s.path)]
    history.states.append(FileState(ended.commit, states[last].path, None))
    history.path = states[last].path
    history.slug = posixpath.splitext(history.path)[0]
    return history
