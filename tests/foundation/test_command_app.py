"""`narrative CMD` builds only CMD's parser; what the user sees must not change."""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout

import pytest
import typer.main

from narrative_cli.cli.app import app, command_app
from narrative_cli.cli.edge import run


def _paths(group, prefix=()):
    for name, command in group.commands.items():
        path = (*prefix, name)
        yield path
        if hasattr(command, "commands"):
            yield from _paths(command, path)


PATHS = list(_paths(typer.main.get_command(app)))


def _outcome(which: typer.Typer, args: list[str], monkeypatch) -> tuple[int, str, str]:
    monkeypatch.setenv("COLUMNS", "100")
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = run(which, list(args))
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("path", PATHS, ids=" ".join)
def test_every_command_alone_helps_and_refuses_exactly_as_in_the_whole_app(path, monkeypatch):
    only = command_app(list(path))
    assert only is not app and len(only.registered_commands) + len(only.registered_groups) == 1
    for args in ([*path, "--help"], [*path, "--no-such-flag"]):
        assert _outcome(only, args, monkeypatch) == _outcome(app, args, monkeypatch)


def test_global_options_before_the_command_are_skipped():
    only = command_app(["--debug", "--non-interactive", "export", "epub"])
    assert [c.callback.__name__ for c in only.registered_commands] == ["export"]


@pytest.mark.parametrize("args", [[], ["--help"], ["--version"], ["exprot", "epub"], ["epub"]])
def test_help_and_unknown_names_get_the_whole_app(args):
    assert command_app(args) is app


def test_shell_completion_gets_the_whole_app(monkeypatch):
    monkeypatch.setenv("_NARRATIVE_COMPLETE", "bash_complete")
    assert command_app(["export"]) is app


def test_root_options_are_flags():
    """command_app reads the first word that is not an option as the command; a root option
    taking a value (`--project DIR`) would need it to skip that value."""
    root = typer.main.get_command(app)
    assert root.params and all(param.is_flag for param in root.params)
