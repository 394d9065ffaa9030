"""Golden `--help` texts: placeholders survive the Markdown help renderer, flags show no `<bool>`.

Update after an intended change with NARRATIVE_UPDATE_GOLDEN=1 and review the diff."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden"
COMMANDS = {"new": ["new"], "new-scene": ["new", "scene"], "new-character": ["new", "character"],
            "mv": ["mv"], "rename": ["rename"], "renumber": ["renumber"], "progress": ["progress"],
            "search": ["search"], "log": ["log"]}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_help_text(name, cli, monkeypatch, tmp_path):
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("TERM", "dumb")
    result = cli(*COMMANDS[name], "--help", cwd=tmp_path)
    assert result.exit_code == 0
    text = "\n".join(line.rstrip() for line in result.stdout.splitlines()) + "\n"
    golden = GOLDEN / f"help-{name}.txt"
    if os.environ.get("NARRATIVE_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")
    assert "<bool>" not in text and "/.yaml" not in text and "NN-.md" not in text
