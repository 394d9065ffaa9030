"""All terminal output: diagnostics, tables, JSON. Respects NO_COLOR and non-terminals (rich does)."""

from __future__ import annotations

import json
import sys
from typing import Any, Iterable


def console(stderr: bool = False):
    return _console_class()(stderr=stderr, highlight=False, soft_wrap=True)


_CLASS: list = []


def _console_class():
    """rich's Console, except that a closed pipe (`narrative search x | head`) is left to the CLI edge:
    rich would exit 1 on its own; the reader closing the pipe early is no error (cli/edge.py)."""
    if not _CLASS:
        from rich.console import Console

        class PipeConsole(Console):
            def on_broken_pipe(self) -> None:
                raise BrokenPipeError

        _CLASS.append(PipeConsole)
    return _CLASS[0]


def say(text: str) -> None:
    print(text)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


def print_diagnostics(diags: Iterable, stream=None) -> None:
    stream = stream or sys.stdout
    for d in diags:
        stream.write(d.format() + "\n")


def summary_line(diags: list) -> str:
    errors = sum(d.severity.value == "error" for d in diags)
    warnings = sum(d.severity.value == "warning" for d in diags)
    if not diags:
        return "no problems found"
    return f"{counted(errors, 'error')}, {counted(warnings, 'warning')}"


def counted(n: int, noun: str) -> str:
    """`1 chapter`, `2 chapters`, `0 chapters`."""
    return f"{n:,} {noun}{'s' * (n != 1)}"


def table(title: str | None, columns: list[str], rows: Iterable[Iterable[Any]]) -> None:
    from rich.table import Table

    t = Table(title=title, show_lines=False)
    for column in columns:
        t.add_column(column)
    for row in rows:
        t.add_row(*("" if v is None else str(v) for v in row))
    console().print(t)
