"""Progress for long commands: a rich bar on a terminal, one plain line in CI or
when output is not a terminal, nothing when quiet."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from typing import Callable, Iterator


@contextmanager
def progress_reporter(quiet: bool, label: str) -> Iterator[Callable[[int, int], None] | None]:
    if quiet:
        yield None
        return
    if os.environ.get("CI", "").lower() in ("1", "true", "yes") or not sys.stderr.isatty():
        yield None  # the command's own one-line summary is all CI logs need
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  transient=True, console=_stderr_console()) as bar:
        task = bar.add_task(label, total=None)

        def tick(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield tick


def _stderr_console():
    from narrative_cli.cli.render import console

    return console(stderr=True)
