"""Every write is a transaction: work tree, index and HEAD end as they were, or fully committed.

Before the first file changes, a journal in the git folder (`narrative-txn/`)
records how to put every touched file back: a hard link to the old file
(which costs no disk space, so a full disk can still roll back). Just before
HEAD moves it records the commit about to land. The index is brought to the
new commit *before* HEAD moves, so at no instant does git's index hold a
staged reversal of a commit. A command that dies at any instant (SIGKILL,
power loss) leaves the journal; the next command that takes the lock
finishes the commit (HEAD had moved) or rolls the files back (it had not),
and says which.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, Iterator

from narrative_cli.errors import NarrativeError
from narrative_cli.ops import lock

JOURNAL = "narrative-txn"
report: Callable[[str], None] | None = None  # the CLI sets this to print waits and repairs


@dataclass
class Entry:
    rel: str
    old_blob: str | None  # git blob id of the file before (None: it did not exist)
    new_blob: str | None  # git blob id of what this transaction writes; None removes the file
    made_dir: str | None = None  # the topmost folder the write creates, removed again on roll-back


class Transaction:
    def __init__(self, root: Path, where: lock.Places):
        self.root, self.dir = root, where.state / JOURNAL
        self.entries: list[Entry] = []
        self.meta: dict = {"pid": os.getpid(), "command": _command(), "started": time.time()}
        self.landed = self.staged = False

    def write(self, files: dict[str, str | None]) -> None:
        """Write every file, or none: on any failure the ones already written are put back."""
        from narrative_cli.store.files import atomic_write

        rel = "the transaction journal"
        try:
            self._begin(files)
            for rel, text in files.items():
                path = self.root / rel
                if text is None:
                    if path.exists():
                        os.unlink(path)
                else:
                    atomic_write(path, text)
        except OSError as exc:
            self.rollback()
            raise NarrativeError(f"cannot write {rel}: {exc.strerror or exc}; nothing was changed",
                                 hint="free some disk space or fix the permissions, then run this again") from exc

    def land(self, prepared) -> str:
        """Make the prepared commit the branch head: journal, index, then HEAD (compare-and-swap)."""
        from narrative_cli.history.git import move_head, stage_commit

        self.meta.update(head=prepared.head, commit=prepared.sha, paths=prepared.paths)
        self._save()
        self.staged = True  # from here a roll-back also puts the index back
        stage_commit(self.root, prepared)
        move_head(self.root, prepared)
        self.landed = True
        return prepared.sha

    def rollback(self) -> None:
        """Put every touched file (and the index entries of a commit that did not land) back."""
        if self.landed or self._head_moved():
            self.close()
            return
        for n, entry in reversed(list(enumerate(self.entries))):
            _put_back(self.root, self.dir, entry, n)
        if self.staged:
            from narrative_cli.history.git import unstage

            try:
                unstage(self.root, self.meta["paths"])
            except NarrativeError:
                return  # the journal stays: the next command puts the index back
        self.close()

    def _head_moved(self) -> bool:
        """HEAD is the commit already (an interrupt arrived after HEAD moved, before `landed` was set)."""
        from narrative_cli.history.git import head_commit

        return bool(self.staged) and head_commit(self.root) == self.meta.get("commit")

    def close(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)

    def _begin(self, files: dict[str, str | None]) -> None:
        from narrative_cli.trust.gate import blob_id

        if self.entries:
            raise NarrativeError("internal: one transaction writes its files once")
        self.dir.mkdir(parents=True)
        for n, (rel, text) in enumerate(files.items()):
            path = self.root / rel
            old = blob_id(path.read_bytes()) if path.is_file() else None
            if old is not None:
                _keep(path, self.dir / str(n))
            self.entries.append(Entry(rel, old, None if text is None else blob_id(text.encode("utf-8")),
                                      _missing_dir(self.root, path)))
        self._save()

    def _save(self) -> None:
        from narrative_cli.store.files import atomic_write

        data = {**self.meta, "entries": [asdict(e) for e in self.entries]}
        atomic_write(self.dir / "journal.json", json.dumps(data, ensure_ascii=False))


@contextmanager
def transaction(root: Path) -> Iterator[Transaction]:
    """The write lock, a repair of whatever an earlier killed command left, then one transaction."""
    with lock.locked(root, report) as where:
        repaired = recover(root, where)
        for line in repaired:
            _tell(line)
        tx = Transaction(root, where)
        try:
            yield tx
        except BaseException:
            tx.rollback()
            raise
        tx.close()


def hold(root: Path) -> None:
    """Take the lock for the rest of this process (a command's whole read-modify-write) and repair."""
    where = lock.hold(root, report)
    for line in recover(root, where):
        _tell(line)


def repair_if_needed(root: Path) -> None:
    """For commands that only read: finish or roll back a killed write, if no writer is at work.

    A stat in the usual layout (`.git` a folder at the root): reading commands pay no git process."""
    if (root / ".git").is_dir() and not (root / ".git" / JOURNAL).exists():
        return
    where = lock.places(root)
    if not (where.state / JOURNAL).exists():
        return
    try:
        with lock.locked(root, None, wait=0):
            for line in recover(root, where):
                _tell(line)
    except lock.LockTimeout:
        pass  # a writer is at work and will repair it itself


def recover(root: Path, where: lock.Places) -> list[str]:
    """Finish or undo the transaction a killed command left (call with the lock held)."""
    folder = where.state / JOURNAL
    _sweep_private_indexes(where.state)
    if not folder.exists():
        return []
    try:
        data = json.loads((folder / "journal.json").read_text(encoding="utf-8"))
        entries = [Entry(**e) for e in data["entries"]]
    except (OSError, ValueError, KeyError, TypeError):
        shutil.rmtree(folder, ignore_errors=True)  # no journal yet: no file had been touched
        return []
    what = f"`{data.get('command', 'narrative')}` (pid {data.get('pid', '?')})"
    _clear_git_locks(where.state, float(data.get("started", 0)))
    from narrative_cli.history.git import head_commit, unstage

    head = head_commit(root)
    if data.get("commit") and head == data["commit"]:
        shutil.rmtree(folder, ignore_errors=True)
        return [f"repaired: the interrupted {what} had committed {head[:10]}; nothing else to do"]
    if data.get("commit") and head != data.get("head"):
        shutil.rmtree(folder, ignore_errors=True)
        return [f"repaired: dropped the journal of the interrupted {what}: HEAD has moved since, "
                "so its files are left as they are (see `git status`)"]
    if data.get("commit"):
        unstage(root, data.get("paths") or [])
    kept = [e.rel for n, e in reversed(list(enumerate(entries))) if not _put_back(root, folder, e, n)]
    shutil.rmtree(folder, ignore_errors=True)
    line = f"repaired: rolled back the interrupted {what}: {len(entries) - len(kept)} file(s) restored"
    if kept:
        line += f"; kept (edited since): {', '.join(kept)}"
    return [line]


def _put_back(root: Path, folder: Path, entry: Entry, n: int) -> bool:
    """Restore one file, unless it was edited after the transaction wrote it (False then).
    Safe to run twice: a repair that is itself killed is finished by the next one."""
    from narrative_cli.trust.gate import blob_id

    if entry.rel.startswith("/") or ".." in entry.rel.split("/"):
        return False  # not a path this transaction could have written
    path = root / entry.rel
    _remove_temp_files(path)
    current = blob_id(path.read_bytes()) if path.is_file() else None
    if current == entry.old_blob:
        if current is None:
            _remove_empty_dirs(root, path, entry.made_dir)  # atomic_write may have made them before failing
        return True  # never written, or put back already
    if current != entry.new_blob:
        return False  # someone edited it after the kill: theirs to keep
    if entry.old_blob is not None:
        os.replace(folder / str(n), path)
    else:
        os.unlink(path)
        _remove_empty_dirs(root, path, entry.made_dir)
    return True


def _keep(path: Path, backup: Path) -> None:
    """A hard link to the old file (no space needed); a copy where links are not possible."""
    try:
        os.link(path, backup)
    except OSError:
        shutil.copy2(path, backup)


def _missing_dir(root: Path, path: Path) -> str | None:
    missing = None
    for parent in path.parents:
        if parent.exists():
            break
        missing = parent
    return None if missing is None else missing.relative_to(root).as_posix()


def _remove_empty_dirs(root: Path, path: Path, made_dir: str | None) -> None:
    if made_dir is None:
        return
    folder, top = path.parent, root / made_dir
    while True:
        try:
            folder.rmdir()
        except OSError:
            return
        if folder == top or folder == root:
            return
        folder = folder.parent


def _remove_temp_files(path: Path) -> None:
    """atomic_write's temp file, left behind when the process died between write and rename."""
    if path.parent.is_dir():
        for leftover in path.parent.glob(f".{path.name}.*.tmp"):
            leftover.unlink(missing_ok=True)


def _sweep_private_indexes(git_dir: Path) -> None:
    """Private indexes of killed commands (stage_tree's, named by pid): under the lock none is in use."""
    if git_dir.is_dir():
        for leftover in git_dir.glob("narrative-index-*"):
            leftover.unlink(missing_ok=True)


def _clear_git_locks(git_dir: Path, since: float) -> None:
    """Lock files git left when the command running it was killed during the transaction."""
    for name in ("index.lock", "HEAD.lock"):
        _drop_if_newer(git_dir / name, since)
    refs = git_dir / "refs" / "heads"
    if refs.is_dir():
        for leftover in refs.rglob("*.lock"):
            _drop_if_newer(leftover, since)


def _drop_if_newer(path: Path, since: float) -> None:
    try:
        if path.stat().st_mtime >= since - 1:
            path.unlink()
    except OSError:
        pass


def _command() -> str:
    import sys

    return " ".join(["narrative", *sys.argv[1:4]])[:200]


def _tell(line: str) -> None:
    if report is not None:
        report(line)
