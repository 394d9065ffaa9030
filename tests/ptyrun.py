"""Run a real `narrative` process under a pseudo-terminal, as a user at a terminal would.

`pty.fork` makes the pty the child's controlling terminal, so `isatty()` is true, rich
sees a terminal and `getpass` reads from /dev/tty. Answers are typed when a prompt appears.
"""

from __future__ import annotations

import os
import pty
import select
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


@dataclass
class PtyResult:
    exit_code: int
    output: bytes  # everything the terminal received (stdout and stderr interleaved)


def run_in_pty(args: list[str], cwd: Path, env: dict[str, str], answers: list[tuple[bytes, bytes]] = (),
               timeout: float = 60.0) -> PtyResult:
    """`narrative ARGS` in a pty; `answers` are (prompt, reply) pairs typed in order."""
    env = {**env, "PYTHONPATH": str(REPO), "TERM": env.get("TERM", "xterm-256color")}
    pid, fd = pty.fork()
    if pid == 0:  # the child: become `python -m narrative_cli ARGS`
        try:
            os.chdir(cwd)
            os.execve(sys.executable, [sys.executable, "-m", "narrative_cli", *args], env)
        finally:
            os._exit(127)
    return _drive(pid, fd, list(answers), time.monotonic() + timeout)


def _drive(pid: int, fd: int, answers: list, deadline: float) -> PtyResult:
    output = b""
    seen = 0
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    while True:
        if answers and answers[0][0] in output[seen:]:
            seen = output.index(answers[0][0], seen) + len(answers[0][0])
            os.write(fd, answers.pop(0)[1])
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            raise TimeoutError(f"no exit in time; output so far: {output!r}")
        if poller.poll(100):  # poll, not select: select cannot watch a descriptor numbered over 1023
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # EIO: the child closed the terminal (it exited)
                chunk = b""
            if not chunk:
                break
            output += chunk
    os.close(fd)
    _, status = os.waitpid(pid, 0)
    return PtyResult(os.waitstatus_to_exitcode(status), output)
