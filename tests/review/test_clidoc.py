"""docs/cli.md is generated from the app and must be current (regenerate it, never edit it)."""

from __future__ import annotations

import typer.main

from narrative_cli.cli.app import app
from narrative_cli.cli.clidoc import render
from tests.conftest import REPO

REGENERATE = "python -m narrative_cli.cli.clidoc > docs/cli.md"


def test_docs_cli_md_is_current():
    on_disk = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    assert on_disk == render(), f"docs/cli.md is stale: run `{REGENERATE}`"


def test_every_command_is_documented_with_its_exit_codes():
    text = render()
    root = typer.main.get_command(app)
    ctx = root.make_context("narrative", [], resilient_parsing=True)
    names = [n for n in root.list_commands(ctx) if not root.get_command(ctx, n).hidden]
    assert {"diff", "textconv", "install-git-config", "install-hook", "init", "validate"} <= set(names)
    sections = text.split("\n### ")[1:]
    for name in names:
        section = next(s for s in sections if s.startswith(f"`narrative {name}`"))
        if not hasattr(root.get_command(ctx, name), "list_commands"):
            assert "exit" in section.lower(), f"{name}: no exit codes documented"
    assert "| 2 | could not run" in text and "--install-completion" in text
