"""Running the app: map every outcome to an exit code (0, 1, 2, 3, 130) and one clear message."""

from __future__ import annotations

import os
import sys

import typer

from narrative_cli.errors import EXIT_CANNOT_RUN, NarrativeError, ProblemsFound


def run(app: typer.Typer, args: list[str] | None = None) -> int:
    """Run one command with sys.stdout and sys.stderr escaping control characters (printable.py)."""
    from narrative_cli.printable import SafeStream

    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = (s if s is None or isinstance(s, SafeStream) else SafeStream(s) for s in saved)
    try:
        return _run(app, args)
    finally:
        sys.stdout, sys.stderr = saved
        from narrative_cli.ops.lock import release_held

        release_held()


def _run(app: typer.Typer, args: list[str] | None) -> int:
    if any("\x00" in arg for arg in (sys.argv[1:] if args is None else args)):
        return report_error(NarrativeError("an argument contains a NUL byte",
                                           hint="a NUL cannot be part of a name, reference or path"))
    from narrative_cli.ops import transaction

    transaction.report = _note
    try:
        result = app(args=args, prog_name="narrative", standalone_mode=False)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except NarrativeError as exc:
        return report_error(exc)
    except typer.Exit as exc:
        return exc.exit_code
    except typer.Abort:
        print("aborted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `narrative search x | head`: the reader has all it wanted
        _quiet_stdout()
        return 0
    except OSError as exc:  # a full disk, a read-only folder: the system's reason, not an internal error
        if os.environ.get("NARRATIVE_DEBUG"):
            raise
        return report_error(NarrativeError(f"{exc.strerror or exc}" + (f": {exc.filename}" if exc.filename else ""),
                                           hint="check the disk space and permissions, then try again"))
    except Exception as exc:
        if getattr(exc, "exit_code", None) is not None and hasattr(exc, "show"):
            return report_usage(exc)  # a usage error from the argument parser
        if os.environ.get("NARRATIVE_DEBUG"):
            raise
        print(f"narrative: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        print("  hint: run again with --debug for the traceback, and report it", file=sys.stderr)
        return 70
    if result == 130:  # Typer turns Ctrl-C into a silent return of 130; no command returns it
        print("interrupted", file=sys.stderr)
    return result if isinstance(result, int) else 0


def _note(line: str) -> None:
    """Waits for another command's lock and repairs of a killed one: said on stderr as they happen."""
    from narrative_cli.diagnostics import one_line

    print(f"narrative: {one_line(line)}", file=sys.stderr, flush=True)


def report_usage(exc) -> int:
    """The argument parser's complaint in the tool's own words: `narrative: error: ...` and a hint."""
    import re

    ctx = getattr(exc, "ctx", None)
    command = getattr(ctx, "command_path", None) or "narrative"
    message = " ".join(exc.format_message().split()).replace("Value error, ", "")
    message = re.sub(r"Choose from: ((?:\w+, )*\w+)\.?$", r"Choose from: \1.", message)
    message = message[0].lower() + message[1:] if message[:1].isupper() and not message[1:2].isupper() else message
    print(f"narrative: error: {message}", file=sys.stderr)
    print(f"  hint: `{command} -h` shows what it takes", file=sys.stderr)
    return EXIT_CANNOT_RUN


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so Python's final flush does not fail on the closed pipe again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


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
