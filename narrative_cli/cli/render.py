"""All terminal output: diagnostics, tables, JSON. Respects NO_COLOR and non-terminals (rich does).

Project content never reaches the terminal raw (narrative_cli/printable.py): plain writes go
through the SafeStream the edge installs; our rich consoles write beneath it, so their styling
survives, and escape the text of every segment they render instead; JSON is written beneath
it with only its own escapes.
"""

from __future__ import annotations

import json
import sys
from typing import Any, Iterable


def console(stderr: bool = False):
    from narrative_cli.printable import raw

    return _safe_console_class()(file=raw(sys.stderr if stderr else sys.stdout), stderr=stderr,
                                 highlight=False, soft_wrap=True)


_SAFE_CONSOLE = None


def _safe_console_class():
    """A rich Console that escapes content: every string before markup is parsed (escapes are
    markup-neutral) and every rendered text segment; styles and control codes (the cursor moves
    of a progress bar) are rich's own and pass as they are. A closed pipe (`narrative search x |
    head`) is left to the CLI edge: rich would exit 1 on its own; the reader closing it is no error."""
    global _SAFE_CONSOLE
    if _SAFE_CONSOLE is None:
        from rich.console import Console
        from rich.segment import Segment

        from narrative_cli.printable import printable

        class SafeConsole(Console):
            def render_str(self, text, **kwargs):  # before markup and layout: widths stay right
                return super().render_str(printable(text), **kwargs)

            def render(self, renderable, options=None):  # what render_str never saw (Text, Table...)
                for segment in super().render(renderable, options):
                    yield segment if segment.control else Segment(printable(segment.text), segment.style)

            def on_broken_pipe(self) -> None:
                raise BrokenPipeError

        _SAFE_CONSOLE = SafeConsole
    return _SAFE_CONSOLE


def say(text: str) -> None:
    print(text)


def print_json(data: Any) -> None:
    """JSON as it is (the values a program reads are the project's own), beneath the SafeStream."""
    from narrative_cli.printable import json_text, raw

    raw(sys.stdout).write(json_text(json.dumps(data, indent=2, ensure_ascii=False, default=str)) + "\n")


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

    from narrative_cli.printable import printable

    t = Table(title=title, show_lines=False)
    for column in columns:
        t.add_column(column)
    for row in rows:  # escaped before layout, so the columns line up with what is shown
        t.add_row(*("" if v is None else printable(str(v)) for v in row))
    console().print(t)
