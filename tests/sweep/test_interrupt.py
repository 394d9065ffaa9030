"""Ctrl-C: exit 130 and one short line, never a traceback (through a real process and a real SIGINT)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO


def wait_blocked_on_stdin(pid: int, seconds: float = 30) -> bool:
    """True once the process sleeps reading its stdin pipe: the command is running, imports are done."""
    wchan = Path(f"/proc/{pid}/wchan")
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if "pipe" in wchan.read_text():
                return True
        except OSError:
            return False
        time.sleep(0.05)
    return False


def interrupted(args: list[str], cwd: Path, ready) -> tuple[int, str]:
    """Run `python ARGS`, send SIGINT once `ready(proc)` says the moment has come: (exit code, stderr)."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen([sys.executable, *args], cwd=cwd, env=env, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        ready(proc)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    return proc.returncode, err


@pytest.mark.skipif(not Path("/proc/self/wchan").exists(), reason="needs Linux /proc to see the process wait")
def test_ctrl_c_exits_130_without_a_traceback(example):
    def waiting_on_input(proc):
        if not wait_blocked_on_stdin(proc.pid):
            pytest.skip("could not see the command waiting on its input")

    assert interrupted(["-m", "narrative_cli", "voice", "whois", "-"], example, waiting_on_input) == (130, "interrupted\n")


def test_ctrl_c_while_importing_is_not_a_traceback(example):
    """SIGINT right after Python's own start-up, while the CLI is being imported.

    (A signal during the interpreter's start-up itself is Python's to report;
    the process says `ready` once narrative's entry point is loaded, so the
    signal lands in our window however busy the machine is.)"""
    def importing(proc):
        assert proc.stdout.readline() == "ready\n"
        time.sleep(0.01)  # past the harness's own line, well inside the ~0.1 s import

    code = "from narrative_cli.entry import main; print('ready', flush=True); main()"
    assert interrupted(["-c", code, "validate"], example, importing) == (130, "interrupted\n")
