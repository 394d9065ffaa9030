"""Reading a whole history with a handful of git processes (never one per commit).

`git rev-list` lists the commits, one `git cat-file --batch` reads all the
commit objects, one `git diff-tree --stdin` gives every commit's changes, and
further `cat-file` batches fetch exactly the blobs and trees the rules need.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from narrative_cli.errors import NarrativeError
from narrative_cli.trust.roles import PathChange


@dataclass
class Commit:
    sha: str
    tree: str
    parents: list[str]
    time: int
    message: str
    changes: list[PathChange] = field(default_factory=list)
    modes: dict[str, str] = field(default_factory=dict)  # path -> new mode, for R11
    raw: bytes = b""  # the object as stored: what a format-2 signature covers


def run(root: Path, args: list[str], data: bytes = b"") -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=root, input=data, capture_output=True)
    except FileNotFoundError:
        raise NarrativeError("git is not installed") from None
    if done.returncode != 0:
        raise NarrativeError(f"git {args[0]} failed: {done.stderr.decode('utf-8', 'replace').strip()}")
    return done.stdout


def rev_list(root: Path, rev: str, exclude: list[str]) -> list[str]:
    """Commits reachable from `rev` and not from `exclude`, parents before children."""
    args = ["rev-list", "--topo-order", "--reverse", rev]
    if exclude:
        args += ["--not", *exclude]
    return run(root, args).decode("ascii").split()


def cat_batch(root: Path, names: list[str]) -> dict[str, tuple[str, bytes] | None]:
    """name -> (type, content) for every object name (a sha, or `rev:path`); None when missing."""
    if not names:
        return {}
    out = run(root, ["cat-file", "--batch"], ("\n".join(names) + "\n").encode("utf-8"))
    found: dict[str, tuple[str, bytes] | None] = {}
    pos = 0
    for name in names:
        end = out.index(b"\n", pos)
        line = out[pos:end]
        head = line.decode("utf-8", "replace").split()
        if line.endswith((b" missing", b" ambiguous")) or len(head) != 3:
            found[name] = None
            pos = end + 1
            continue
        size = int(head[2])
        found[name] = (head[1], out[end + 1:end + 1 + size])
        pos = end + 1 + size + 1
    return found


def cat_sizes(root: Path, names: list[str]) -> dict[str, tuple[str, str, int] | None]:
    """name -> (sha, type, size) without reading contents."""
    if not names:
        return {}
    out = run(root, ["cat-file", "--batch-check"], ("\n".join(names) + "\n").encode("utf-8"))
    found = {}
    for name, line in zip(names, out.decode("utf-8", "replace").split("\n")):
        parts = line.split()
        ok = len(parts) == 3 and not line.endswith((" missing", " ambiguous")) and parts[2].isdigit()
        found[name] = (parts[0], parts[1], int(parts[2])) if ok else None
    return found


def read_commits(root: Path, shas: list[str]) -> dict[str, Commit]:
    objects = cat_batch(root, shas)
    commits = {}
    for sha in shas:
        obj = objects.get(sha)
        if obj is None or obj[0] != "commit":
            raise NarrativeError(f"cannot read commit {sha}")
        commits[sha] = parse_commit(sha, obj[1])
    return commits


def parse_commit(sha: str, raw: bytes) -> Commit:
    head, _, message = raw.partition(b"\n\n")
    tree, parents, when = "", [], 0
    for line in head.split(b"\n"):
        if line.startswith(b"tree "):
            tree = line[5:].decode("ascii")
        elif line.startswith(b"parent "):
            parents.append(line[7:].decode("ascii"))
        elif line.startswith(b"committer "):
            when = int(line.rsplit(b" ", 2)[1])
    return Commit(sha, tree, parents, when, message.decode("utf-8", "replace"), raw=raw)


def attach_diffs(root: Path, commits: dict[str, Commit]) -> None:
    """Every non-merge commit's changes against its parent (the root commit against the empty tree)."""
    wanted = [c.sha for c in commits.values() if len(c.parents) <= 1]
    if not wanted:
        return
    out = run(root, ["diff-tree", "--stdin", "-r", "-z", "--root", "--always", "--no-renames"],
              ("\n".join(wanted) + "\n").encode("ascii"))
    parts = out.decode("utf-8", "surrogateescape").split("\0")
    current: Commit | None = None
    i = 0
    while i < len(parts):
        token = parts[i]
        if token.startswith(":"):
            meta = token[1:].split()
            path = parts[i + 1]
            old = None if set(meta[2]) == {"0"} else meta[2]
            new = None if set(meta[3]) == {"0"} else meta[3]
            current.changes.append(PathChange(path, old, new))
            current.modes[path] = meta[1]
            i += 2
            continue
        if token.strip():
            current = commits.get(token.strip())
        i += 1


def tree_names(raw: bytes) -> list[str]:
    """Entry names of a raw tree object (mode SP name NUL 20-byte id)."""
    names, pos = [], 0
    while pos < len(raw):
        space = raw.index(b" ", pos)
        nul = raw.index(b"\0", space)
        names.append(raw[space + 1:nul].decode("utf-8", "surrogateescape"))
        pos = nul + 21
    return names


def is_ancestor(root: Path, older: str, newer: str) -> bool:
    done = subprocess.run(["git", "merge-base", "--is-ancestor", older, newer], cwd=root, capture_output=True)
    return done.returncode == 0


def merge_tree(root: Path, first: str, second: str) -> str | None:
    """The tree `git merge-tree --write-tree` makes, or None on conflict."""
    done = subprocess.run(["git", "merge-tree", "--write-tree", first, second], cwd=root, capture_output=True)
    if done.returncode != 0:
        return None
    return done.stdout.split(b"\n", 1)[0].decode("ascii").strip()
