"""Shared fixtures: real projects in temporary Git repositories, and the CLI run in-process."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "the-salt-road"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test Writer",
    "GIT_AUTHOR_EMAIL": "writer@example.org",
    "GIT_COMMITTER_NAME": "Test Writer",
    "GIT_COMMITTER_EMAIL": "writer@example.org",
}


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """No test reads or writes the real ~/.config/narrative or ~/.gitconfig."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("NARRATIVE_HOME", str(home / ".config" / "narrative"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.delenv("NARRATIVE_DEBUG", raising=False)
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout


def make_repo(root: Path) -> Path:
    git(root, "init", "-q", "--initial-branch=main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Initial import")
    return root


@pytest.fixture
def example(tmp_path) -> Path:
    """A fresh copy of the bundled example project, committed in its own Git repository."""
    root = tmp_path / "the-salt-road"
    shutil.copytree(EXAMPLE, root)
    return make_repo(root)


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def cli(capsys, monkeypatch):
    """Run `narrative ARGS...` in-process from a folder; returns exit code, stdout, stderr."""
    from narrative_cli.cli.app import app
    from narrative_cli.cli.edge import run

    def invoke(*args: str, cwd: Path | None = None) -> Result:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        capsys.readouterr()
        code = run(app, list(args))
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return invoke


@pytest.fixture
def narrative_bin(tmp_path_factory, monkeypatch) -> Path:
    """A `narrative` executable on PATH running this checkout, for git hooks and shell-level tests."""
    bindir = tmp_path_factory.mktemp("bin")
    exe = bindir / "narrative"
    exe.write_text(f'#!/bin/sh\nPYTHONPATH="{REPO}" exec "{sys.executable}" -m narrative_cli "$@"\n')
    exe.chmod(exe.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    monkeypatch.setenv("PATH", f"{bindir}{os.pathsep}{os.environ['PATH']}")
    return exe


def pytest_addoption(parser):
    """`pytest --update-goldens` rewrites tests/cases/*/expected.txt from the current output."""
    parser.addoption("--update-goldens", action="store_true", default=False,
                     help="rewrite golden expected outputs instead of comparing them")
