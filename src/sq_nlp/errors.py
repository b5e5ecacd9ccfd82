"""The one small error hierarchy of sq_nlp.

Every error a user can cause derives from :class:`SqNlpError`; the CLI turns
these into a one-line message and a non-zero exit, never a traceback.
"""

from __future__ import annotations


class SqNlpError(Exception):
    """Base class of every error sq_nlp raises on purpose."""


class InputError(SqNlpError):
    """A file cannot be read as a report: names the file and what is wrong."""

    def __init__(self, path: object, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        # Pickled with both arguments, so it crosses from a worker process.
        return type(self), (self.path, self.reason)


class ConfigError(SqNlpError):
    """A configuration value, sidecar or command-line option is invalid."""


class StoreError(SqNlpError):
    """The database cannot be opened, read or written."""


class StageError(SqNlpError):
    """A pipeline stage failed on a document; the message names both."""
