"""Checks: each family is a module with functions `project -> Iterable[Diagnostic]`."""

from __future__ import annotations

from narrative_cli.diagnostics import Diagnostic, sort_diagnostics
from narrative_cli.store.project import Project


def validate(project: Project) -> list[Diagnostic]:
    """Every rule of FORMAT.md: what the loader found plus the cross-file checks."""
    from narrative_cli.checks import references, structure

    found = list(project.diagnostics)
    found += structure.check(project)
    found += references.check(project)
    return sort_diagnostics(found)
