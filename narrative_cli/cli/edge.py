"""Running the app: map every outcome to an exit code (0, 1, 2, 3, 130) and one clear message."""

from __future__ import annotations

import os
import sys

import typer

from narrative_cli.errors import EXIT_CANNOT_RUN, NarrativeError, ProblemsFound


def run(app: typer.Typer, args: list[str] | None = None) -> int:
    try:
        result = app(args=args, prog_name="narrative", standalone_mode=False)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except NarrativeError as exc:
        return report_error(exc)
    except typer.Exit as exc:
        if isinstance(exc.__cause__, KeyboardInterrupt):  # Typer turns Ctrl-C into a silent Exit(130)
            print("interrupted", file=sys.stderr)
        return exc.exit_code
    except typer.Abort:
        print("aborted", file=sys.stderr)
        return 130
    except Exception as exc:
        if getattr(exc, "exit_code", None) is not None and hasattr(exc, "show"):
            exc.show()  # a usage error from the argument parser
            return EXIT_CANNOT_RUN
        if os.environ.get("NARRATIVE_DEBUG"):
            raise
        print(f"narrative: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        print("  hint: run again with --debug for the traceback, and report it", file=sys.stderr)
        return 70
    return result if isinstance(result, int) else 0


def report_error(exc: NarrativeError) -> int:
    from narrative_cli.cli.render import print_diagnostics

    if isinstance(exc, ProblemsFound) and exc.diagnostics:
        print_diagnostics(exc.diagnostics, stream=sys.stderr)
    from narrative_cli.diagnostics import one_line

    where = f"{one_line(exc.path)}: " if exc.path else ""
    print(f"narrative: {where}error: {one_line(exc.message)}", file=sys.stderr)  # a hostile argument stays one line
    if exc.hint:
        print(f"  hint: {one_line(exc.hint)}", file=sys.stderr)
    return exc.exit_code
