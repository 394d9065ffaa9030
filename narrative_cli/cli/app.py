"""The `narrative` command: one Typer app, command groups registered from small modules.

Every command module imports only typer at the top; the core is imported
inside the command functions, so `narrative --help` stays fast.
"""

from __future__ import annotations

import copy
import os
import sys

import typer

app = typer.Typer(
    name="narrative",
    help="Write books in plain text: canon in YAML, scenes in Markdown, history in Git.\n\n"
         "Start with `narrative init my-book --title 'My Book' --author 'Me'`, then "
         "`narrative validate` and `narrative export epub`.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from narrative_cli.version import version_line

        print(version_line())
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version (and the commit, when installed from Git) and exit."),
    debug: bool = typer.Option(False, "--debug", help="Show the full traceback of an unexpected error."),
    non_interactive: bool = typer.Option(False, "--non-interactive",
                                         help="Never prompt (passphrase from NARRATIVE_KEY_PASSPHRASE)."),
) -> None:
    if non_interactive:
        os.environ["NARRATIVE_NON_INTERACTIVE"] = "1"
    if debug:
        os.environ["NARRATIVE_DEBUG"] = "1"


def _quiet_flags() -> None:
    """`--strict` takes no value: its help row shows no `<bool>` type (Typer prints one for every flag).

    Patched on Typer's option class rather than given as `metavar=""` on each of the ~60 flags, so a
    new flag cannot forget it; only help rendering calls this method."""
    from typer.core import TyperOption

    shown = TyperOption.display_type_rich
    if getattr(shown, "_narrative", False):
        return

    def display_type_rich(self, ctx):
        return None if self.is_bool_flag else shown(self, ctx)

    display_type_rich._narrative = True
    TyperOption.display_type_rich = display_type_rich


def _register() -> None:
    from narrative_cli.cli import canon, insight, project, reorganise, review, story, trust, writing
    from narrative_cli.cli import export as export_cmd
    from narrative_cli.cli import importing
    from narrative_cli.cli import site as site_cmd

    project.register(app)
    canon.register(app)
    reorganise.register(app)
    export_cmd.register(app)
    importing.register(app)
    story.register(app)
    insight.register(app)
    writing.register(app)
    review.register(app)
    trust.register(app)
    site_cmd.register(app)


_register()
_quiet_flags()


def command_app(args: list[str]) -> typer.Typer:
    """The app cut down to the one command (or group) the arguments name.

    Typer builds every command's parser from its signature before it parses a word: for
    about fifty commands that is ~12 ms of every run, before a file is read.
    Anything else (`--help`, a mistyped name, shell completion) gets the whole app, so
    listings and "did you mean" suggestions are unchanged. The root options are all flags,
    so the first word that is not an option names the command.
    """
    from typer.main import get_command_name

    name = next((arg for arg in args if not arg.startswith("-")), None)
    commands = [c for c in app.registered_commands
                if (c.name or get_command_name(getattr(c.callback, "__name__", ""))) == name]
    groups = [g for g in app.registered_groups if g.name == name]
    if not (commands or groups) or os.environ.get("_NARRATIVE_COMPLETE"):
        return app
    only = copy.copy(app)
    only.registered_commands, only.registered_groups = commands, groups
    return only


def main() -> None:
    """Entry point: the one place that turns exceptions into exit codes."""
    from narrative_cli.cli.edge import run

    # pydantic scans every installed package's entry points for plugins when the first
    # model is built (~10 ms of each command); narrative uses none. An explicit value wins.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    for stream in (sys.stdout, sys.stderr):  # an ASCII or cp1252 terminal shows \xe9, it does not crash
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    sys.exit(run(command_app(sys.argv[1:])))
