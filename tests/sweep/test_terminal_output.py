"""No control character from project content reaches a terminal raw (narrative_cli/printable.py).

A project whose file names, chapter title, canon names, prose and commit message hold escape
sequences; every command family that prints content runs as a real process, once with its
output captured (a pipe) and once under a pseudo-terminal with colours on. JSON output keeps
the original values.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, make_repo
from tests.ptyrun import REPO, run_in_pty
from tests.sweep.hostile import TERMINAL, TERMINAL_SCENE, terminal_escapes
from tests.trust_fixtures import governed, keyring, use_key  # noqa: F401  (fixtures)

RAW = ["\x1b", "\x07", "\x9b", "\r", "\u202e"]
# Under a pty rich's own styling (ESC [ ... m) is expected; the content's sequences are not.
RAW_ON_A_TERMINAL = [b"\x1b]0;pwned", b"\x07", b"\x1b[2J", "\x9b".encode(), "\u202e".encode(), b"\x1b[8m"]

COMMANDS = {
    "list": ["list", "character"],
    "show": ["show", "captain-reyes"],
    "validate": ["validate"],
    "check": ["check"],
    "stats": ["stats"],
    "diff": ["diff", "HEAD~1"],
    "log": ["log"],
    "history": ["history", "captain-reyes"],
    "search": ["search", "harbor bell"],
    "export": ["export", "epub", "-o", "{out}/book.epub"],
    "textconv": ["textconv", TERMINAL_SCENE],
}
JSON_COMMANDS = {  # command -> where the original value must come back
    "list": (["list", "character", "--format", "json"], lambda d: [c["name"] for c in d]),
    "show": (["show", "captain-reyes", "--format", "json"], lambda d: [d["fields"]["name"]]),
    "validate": (["validate", "--format", "json"], lambda d: [x["path"] for x in d["diagnostics"]]),
    "log": (["log", "--format", "json"], lambda d: [e["summary"] for e in d]),
}


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("terminal") / "book"
    shutil.copytree(EXAMPLE, root)
    make_repo(root)
    terminal_escapes(root)
    return root


def environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "CI")}
    return {**env, "PYTHONPATH": str(REPO), "COLUMNS": "160", **extra}


def narrative(args: list[str], cwd: Path, **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "narrative_cli", *args], cwd=cwd, capture_output=True,
                          text=True, env=environment(**extra), timeout=120)


def argv(name: str, tmp_path: Path) -> list[str]:
    return [a.format(out=tmp_path) for a in COMMANDS[name]]


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_captured_output_holds_no_raw_control_character(book, name, tmp_path):
    done = narrative(argv(name, tmp_path), book)
    output = done.stdout + done.stderr
    assert done.returncode in (0, 1), output
    assert "pwned" in output, f"{name} did not show the hostile content at all:\n{output}"
    for char in RAW:
        assert char not in output, f"{name}: raw {char!r} in {output!r}"
    assert "\\x1b]0;pwned" in output or "\\u001b]0;pwned" in output  # shown, escaped


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_terminal_output_holds_no_raw_control_character(book, name, tmp_path):
    done = run_in_pty(argv(name, tmp_path), book, environment(TERM="xterm-256color"))
    assert done.exit_code in (0, 1), done.output
    assert b"pwned" in done.output
    for raw in RAW_ON_A_TERMINAL:
        assert raw not in done.output, f"{name}: raw {raw!r} in {done.output!r}"
    assert b"\r" not in own_cr_removed(done.output)


def own_cr_removed(output: bytes) -> bytes:
    """Without the pty's CR before LF and a progress bar's CR before its cursor moves (ESC [)."""
    return re.sub(rb"\r(?=\n|\x1b\[)", b"", output)


@pytest.mark.parametrize("name", sorted(JSON_COMMANDS))
def test_json_output_keeps_the_original_values_and_escapes_them_as_json(book, name):
    args, values = JSON_COMMANDS[name]
    done = narrative(args, book)
    assert done.returncode in (0, 1), done.stderr
    for char in RAW:
        assert char not in done.stdout  # JSON escapes: \u001b, \u009b, \u202e, \r
    assert any(TERMINAL in value for value in values(json.loads(done.stdout))), done.stdout


def test_help_on_a_terminal_keeps_its_styling(book):
    done = run_in_pty(["--help"], book, environment(TERM="xterm-256color"))
    assert done.exit_code == 0
    assert re.search(rb"\x1b\[[0-9;]*m", done.output), done.output  # rich's colours and bold
    assert b"\\x1b" not in done.output and b"Write books in plain text" in done.output
    piped = narrative(["--help"], book)
    assert "\x1b" not in piped.stdout and "Write books in plain text" in piped.stdout


def test_our_tables_keep_their_styling_on_a_terminal_while_content_is_escaped(book):
    done = run_in_pty(["list", "character"], book, environment(TERM="xterm-256color"))
    assert re.search(rb"\x1b\[[0-9;]*m", done.output)  # the table header is styled
    assert b"Tomas Reyes \\x1b]0;pwned\\x07 \\x1b[2J \\x9b31m \\r \\u202e \\x1b[8m" in done.output


def test_verify_names_a_hostile_commit_and_file_escaped(governed, tmp_path):
    from tests.trust_fixtures import git

    hostile = governed / "manuscript" / f"x{TERMINAL}.md"
    hostile.parent.mkdir(exist_ok=True)
    hostile.write_text("plain\n")
    git(governed, "add", "-A")
    git(governed, "commit", "-q", "--no-verify", "-m", f"Sneak {TERMINAL}")
    done = narrative(["verify"], governed)
    assert done.returncode == 1 and "path=manuscript/x\\x1b]0;pwned\\x07" in done.stdout
    for char in RAW:
        assert char not in done.stdout + done.stderr
    shown = run_in_pty(["verify"], governed, environment())
    for raw in RAW_ON_A_TERMINAL:
        assert raw not in shown.output


@pytest.mark.parametrize("name", ["diff", "stats", "log", "history", "validate"])
def test_no_reliance_on_git_quoting_file_names(book, name, tmp_path):
    """With core.quotePath=false git hands over C1 and bidi bytes of names as they are."""
    done = narrative(argv(name, tmp_path), book, GIT_CONFIG_COUNT="1", GIT_CONFIG_KEY_0="core.quotePath",
                     GIT_CONFIG_VALUE_0="false")
    output = done.stdout + done.stderr
    assert done.returncode in (0, 1) and "pwned" in output, output
    for char in RAW:
        assert char not in output, f"{name}: raw {char!r}"
