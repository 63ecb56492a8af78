"""Errors that name the file, the line and the fix.

Every mistake an author or a site owner can make surfaces as a PolicyError, never as a traceback:
the adapters (MkDocs plugin, CLI) turn it into a PluginError or a non-zero exit with this text.
"""

from __future__ import annotations


class PolicyError(Exception):
    """A problem in the input that the user can fix."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 fix: str | None = None):
        self.message = message
        self.path = path
        self.line = line
        self.fix = fix
        super().__init__(str(self))

    def __str__(self) -> str:
        text = self._where() + self.message
        if self.fix:
            text += f"\n  fix: {self.fix}"
        return text

    def one_line(self) -> str:
        """The same text on one line, for the command line's stderr (one error, one line)."""
        text = " ".join((self._where() + self.message).split())
        return f"{text} (fix: {' '.join(self.fix.split())})" if self.fix else text

    def _where(self) -> str:
        if not self.path:
            return ""
        return f"{self.path}:{self.line}: " if self.line else f"{self.path}: "


class HistoryError(PolicyError):
    """The Git history cannot be trusted to give a complete archive (shallow clone, missing refs)."""


class ArchiveConflict(PolicyError):
    """Two sources disagree on the text of one published version."""
