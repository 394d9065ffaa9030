"""The one exception tree. Only the CLI edge catches it; each class knows its exit code."""

from __future__ import annotations

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_CANNOT_RUN = 2
EXIT_DENIED = 3


class NarrativeError(Exception):
    """A problem that stops a command; `hint` tells the user what to do next."""

    exit_code = EXIT_CANNOT_RUN

    def __init__(self, message: str, hint: str | None = None, path: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.path = path


class UsageError(NarrativeError):
    """Bad arguments or options."""


class ProjectNotFound(NarrativeError):
    """No narrative.yaml in the folder or any parent."""


class ProblemsFound(NarrativeError):
    """Validation found errors; carries the diagnostics so the edge can print them."""

    exit_code = EXIT_PROBLEMS

    def __init__(self, message: str, diagnostics: list | None = None, hint: str | None = None):
        super().__init__(message, hint)
        self.diagnostics = diagnostics or []


class Denied(NarrativeError):
    """The manifest does not allow the current identity to do this."""

    exit_code = EXIT_DENIED
