"""Findings: what went wrong, where, and what to do about it.

Findings are values, never exceptions: every check yields them, the caller
collects them all, sorts them and decides the exit code (STYLE.md habit 5).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Iterable

from narrative_cli.printable import bytes_visible, one_line


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, order=True)
class Location:
    """A place in the project: a path relative to the project root, 1-based line and column."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.path
        return f"{self.path}:{self.line}:{self.column or 1}"


@dataclass(frozen=True)
class Diagnostic:
    code: str
    severity: Severity
    message: str
    location: Location
    hint: str | None = None
    related: tuple[Location, ...] = field(default=())

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple:
        return (self.location.path, self.location.line, self.location.column, self.code, self.message)

    def with_severity(self, severity: Severity) -> "Diagnostic":
        return Diagnostic(self.code, severity, self.message, self.location, self.hint, self.related)

    def format(self) -> str:
        text = f"{one_line(str(self.location))}: {self.severity.value} {self.code}: {one_line(self.message)}"
        for other in self.related:
            text += f"\n  see: {one_line(str(other))}"
        if self.hint:
            text += f"\n  hint: {one_line(self.hint)}"
        return text

    def to_json(self) -> dict:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": bytes_visible(self.message),
            "path": bytes_visible(self.location.path),
            "line": self.location.line,
            "column": self.location.column,
            "hint": bytes_visible(self.hint) if self.hint else None,
            "related": [
                {"path": bytes_visible(r.path), "line": r.line, "column": r.column} for r in self.related
            ],
        }


def error(code: str, message: str, location: Location, hint: str | None = None, **kw) -> Diagnostic:
    return Diagnostic(code, Severity.ERROR, message, location, hint, **kw)


def warning(code: str, message: str, location: Location, hint: str | None = None, **kw) -> Diagnostic:
    return Diagnostic(code, Severity.WARNING, message, location, hint, **kw)


def sort_diagnostics(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Sorted by path and line, duplicates dropped (two checks may see one problem)."""
    seen: set[tuple] = set()
    unique = []
    for d in sorted(diags, key=Diagnostic.sort_key):
        key = (d.sort_key(), d.severity)
        if key not in seen:
            seen.add(key)
            unique.append(d)
    return unique


def has_errors(diags: Iterable[Diagnostic], strict: bool = False) -> bool:
    return any(d.is_error or (strict and d.severity is Severity.WARNING) for d in diags)


def report_json(diags: list[Diagnostic], **extra) -> dict:
    """The stable JSON shape documented in docs/diagnostics.md (schema version 1)."""
    errors = sum(d.severity is Severity.ERROR for d in diags)
    warnings = sum(d.severity is Severity.WARNING for d in diags)
    return {
        "schema": "narrative-diagnostics/1",
        **extra,
        "summary": {"errors": errors, "warnings": warnings},
        "diagnostics": [d.to_json() for d in diags],
    }
