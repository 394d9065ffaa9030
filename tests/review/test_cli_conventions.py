"""What every command promises: --version, colour only on colour terminals, completion."""

from __future__ import annotations

import os
import subprocess
import sys

from narrative_cli import __version__
from tests.conftest import REPO, git


def run(args, cwd, env_extra, drop=()):
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(env_extra, PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, "-m", "narrative_cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True)


def test_version_names_the_commit_of_the_checkout_it_runs_from(cli):
    if not (REPO / ".git").exists():  # a source tree without Git: the release alone
        assert cli("--version").stdout == f"narrative {__version__}\n"
        return
    head = git(REPO, "rev-parse", "HEAD").strip()
    dirty = git(REPO, "status", "--porcelain", "--untracked-files=no").strip()
    assert cli("--version").stdout == (f"narrative {__version__} (commit {head}"
                                       f"{', with uncommitted changes' if dirty else ''})\n")


def test_colour_on_a_colour_terminal_markers_without(history):
    c = history.commits
    coloured = run(["diff", c["rename"], c["card"]], history.root, {"FORCE_COLOR": "1"}, drop=("NO_COLOR",))
    assert "\x1b[9;31magain\x1b[0m\x1b[1;32ma third time, slowly\x1b[0m" in coloured.stdout
    assert "[-again-]" not in coloured.stdout
    no_color = run(["diff", c["rename"], c["card"]], history.root, {"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "[-again-]{+a third time, slowly+}" in no_color.stdout
    assert "\x1b[9;31m" not in no_color.stdout
    piped = run(["diff", c["rename"], c["card"]], history.root, {}, drop=("NO_COLOR", "FORCE_COLOR"))
    assert "[-again-]{+a third time, slowly+}" in piped.stdout
    assert "\x1b[" not in piped.stdout


def test_markdown_and_json_never_carry_colour(history):
    c = history.commits
    for fmt in ("markdown", "json"):
        out = run(["diff", c["start"], c["card"], "--format", fmt], history.root, {"FORCE_COLOR": "1"},
                  drop=("NO_COLOR",)).stdout
        assert "\x1b[" not in out and out


def test_shell_completion_script(tmp_path):
    done = run(["--show-completion", "bash"], tmp_path, {"SHELL": "/bin/bash"})
    assert done.returncode == 0
    assert "_NARRATIVE_COMPLETE" in done.stdout
