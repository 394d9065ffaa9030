"""One writer at a time per repository.

The lock is an OS advisory lock (flock) on a file in the repository's git
folder: the kernel drops it when its process ends, however it ends, so a
killed command never leaves a stale lock behind. It is re-entrant within a
process (a command holds it, and the write path inside takes it again), and
a waiting command says who it waits for and gives up after a bounded wait.
"""

from __future__ import annotations

import json
import os
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from narrative_cli.errors import NarrativeError

DEFAULT_TIMEOUT = 60.0
POLL = 0.05


class LockTimeout(NarrativeError):
    """Another narrative command held the project for longer than the wait allows."""


@dataclass(frozen=True)
class Places:
    """Where a project's lock and its pending-transaction journal live."""

    lock: Path  # one per repository (shared by its worktrees: refs are shared)
    state: Path  # one per work tree (the files a transaction touches are the work tree's)


_held: dict[Path, tuple[int, int]] = {}  # lock file -> (fd, depth)
_holding: list[Path] = []  # what `hold` took for the running command


def places(root: Path) -> Places:
    """The git folders of the repository holding `root`; `.narrative/` for a project outside Git."""
    import subprocess

    try:
        done = subprocess.run(["git", "rev-parse", "--git-dir", "--git-common-dir"], cwd=root,
                              capture_output=True, text=True)
    except FileNotFoundError:
        done = None
    if done is not None and done.returncode == 0 and len(done.stdout.split("\n")) >= 2:
        git_dir, common = done.stdout.split("\n")[:2]
        return Places(Path(root, common, "narrative.lock").resolve(), Path(root, git_dir).resolve())
    local = Path(root, ".narrative")
    return Places(local / "lock", local)


def timeout() -> float:
    try:
        return max(0.0, float(os.environ.get("NARRATIVE_LOCK_TIMEOUT", DEFAULT_TIMEOUT)))
    except ValueError:
        return DEFAULT_TIMEOUT


@contextmanager
def locked(root: Path, on_wait: Callable[[str], None] | None = None,
           wait: float | None = None) -> Iterator[Places]:
    """Hold the project's write lock for the `with` block (re-entrant in one process)."""
    where = places(root)
    acquire(where.lock, on_wait, timeout() if wait is None else wait)
    try:
        yield where
    finally:
        release(where.lock)


def hold(root: Path, on_wait: Callable[[str], None] | None = None) -> Places:
    """Take the lock until the command ends (its whole read-modify-write): `release_held` at the CLI
    edge, or the process exit, whichever comes first."""
    where = places(root)
    acquire(where.lock, on_wait, timeout())
    _holding.append(where.lock)
    return where


def release_held() -> None:
    """Let go of what `hold` took (a command run in-process must not keep the project locked)."""
    while _holding:
        release(_holding.pop())


def holds(root: Path) -> bool:
    return places(root).lock in _held


def acquire(path: Path, on_wait: Callable[[str], None] | None, wait: float) -> None:
    import fcntl

    if path in _held:
        fd, depth = _held[path]
        _held[path] = (fd, depth + 1)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        raise NarrativeError(f"cannot open the project lock {path}: {exc.strerror or exc}",
                             hint="check the permissions of the repository's .git folder") from None
    deadline, told = time.monotonic() + wait, False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if time.monotonic() >= deadline:
                who = _holder(fd)
                os.close(fd)
                raise LockTimeout(f"another narrative command is still writing to this project ({who}); "
                                  f"gave up after {wait:g} s",
                                  hint="wait for it to finish and run this again; "
                                       "NARRATIVE_LOCK_TIMEOUT sets how many seconds to wait") from None
            if on_wait is not None and not told:
                on_wait(f"waiting for another narrative command ({_holder(fd)}) to finish")
                told = True
            time.sleep(POLL)
        except OSError as exc:
            os.close(fd)
            raise NarrativeError(f"cannot lock {path}: {exc.strerror or exc}") from None
    _held[path] = (fd, 1)
    _describe_self(fd)


def release(path: Path) -> None:
    import fcntl

    fd, depth = _held[path]
    if depth > 1:
        _held[path] = (fd, depth - 1)
        return
    del _held[path]
    try:
        os.ftruncate(fd, 0)
        fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _describe_self(fd: int) -> None:
    """Write who holds the lock into it, for the message of the next command that waits."""
    words = [os.path.basename(sys.argv[0]) or "narrative", *sys.argv[1:4]]
    text = json.dumps({"pid": os.getpid(), "command": " ".join(words)[:200]})
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, text.encode("utf-8", "replace"), 0)
    except OSError:
        pass  # a full disk must not stop the command that holds the lock: the text is only for messages


def _holder(fd: int) -> str:
    from narrative_cli.diagnostics import one_line

    try:
        data = json.loads(os.pread(fd, 4096, 0) or b"{}")
        return one_line(f"pid {int(data['pid'])}: {data['command']}")
    except (OSError, ValueError, KeyError, TypeError):
        return "pid unknown"
