"""A project as it was at a Git revision, loaded with the ordinary loader.

Only what the story is made of (narrative.yaml, canon/, manuscript/) is read,
blob by blob through one `git cat-file --batch`, into a temporary folder that
the loader reads like any project; images and other large files are skipped.
"""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from narrative_cli.errors import NarrativeError, UsageError
from narrative_cli.history.git import git
from narrative_cli.store.project import Project, load_project

WORKING_TREE = "working tree"
STORY_PATHS = ("narrative.yaml", "canon", "manuscript")


@dataclass
class Side:
    """One side of a diff: what the user named, the commit it resolved to (None: the working tree)."""

    label: str
    commit: str | None


def parse_range(root: Path, rev_a: str | None, rev_b: str | None) -> tuple[Side, Side]:
    """`A B`, `A..B`, `A...B` (from their merge base, as for a pull request), `A` (against the
    working tree) or nothing (HEAD against the working tree)."""
    if rev_a and rev_b is None and "..." in rev_a:
        left, right = rev_a.split("...", 1)
        base = git_out(root, "merge-base", resolve(root, left or "HEAD"), resolve(root, right or "HEAD"))
        return Side(left or "HEAD", base.strip()), side(root, right or "HEAD")
    if rev_a and rev_b is None and ".." in rev_a:
        left, right = rev_a.split("..", 1)
        return side(root, left or "HEAD"), side(root, right or "HEAD")
    if rev_b is not None and (".." in (rev_a or "")):
        raise UsageError("give either a range A..B or two revisions, not both")
    return side(root, rev_a or "HEAD"), (side(root, rev_b) if rev_b else Side(WORKING_TREE, None))


def side(root: Path, rev: str) -> Side:
    return Side(rev, resolve(root, rev))


def resolve(root: Path, rev: str) -> str:
    if rev.startswith("-"):
        raise UsageError(f"'{rev}' is not a revision")
    try:
        return git_out(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").strip()
    except NarrativeError:
        raise UsageError(f"unknown revision '{rev}'",
                         hint="name a commit, branch or tag (`git log --oneline` lists them)") from None


def git_out(root: Path, *args: str) -> str:
    return git(root, *args)


def load_side(root: Path, which: Side) -> Project:
    """The project as it is at `which`; the working tree is read in place."""
    if which.commit is None:
        return load_project(root)
    prefix = git_out(root, "rev-parse", "--show-prefix").strip()
    with tempfile.TemporaryDirectory(prefix="narrative-diff-") as tmp:
        _extract(root, which.commit, prefix, Path(tmp))
        project = load_project(Path(tmp))
    return project


def _extract(root: Path, commit: str, prefix: str, dest: Path) -> None:
    specs = [f"{prefix}{p}" for p in STORY_PATHS]
    listing = git_out(root, "ls-tree", "-r", "-z", "--full-tree", commit, "--", *specs)
    wanted: list[tuple[str, str]] = []
    for entry in filter(None, listing.split("\0")):
        meta, path = entry.split("\t", 1)
        mode, kind, sha = meta.split()
        if kind == "blob" and mode in ("100644", "100755") and _safe(path):
            wanted.append((sha, path[len(prefix):]))
    for (sha, rel), data in zip(wanted, _read_blobs(root, [sha for sha, _ in wanted])):
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def _safe(path: str) -> bool:
    parts = PurePosixPath(path).parts
    return not path.startswith("/") and not any(p in ("..", ".git", "") for p in parts)


def _read_blobs(root: Path, shas: list[str]) -> list[bytes]:
    """Every blob in one `git cat-file --batch` run (one process, not one per file)."""
    if not shas:
        return []
    done = subprocess.run(["git", "cat-file", "--batch"], cwd=root, input="\n".join(shas).encode() + b"\n",
                          capture_output=True)
    if done.returncode != 0:
        raise NarrativeError(f"git cat-file failed: {done.stderr.decode(errors='replace').strip()}")
    out, blobs, pos = done.stdout, [], 0
    for _ in shas:
        header_end = out.index(b"\n", pos)
        size = int(out[pos:header_end].split()[2])
        blobs.append(out[header_end + 1:header_end + 1 + size])
        pos = header_end + 1 + size + 1
    return blobs
