"""The few git operations the write path needs, through the git binary."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from narrative_cli.errors import NarrativeError

FALLBACK_EMAIL = "author@narrative.invalid"
EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
ZERO = "0" * 40


def git(root: Path, *args: str, input: str | None = None, env: dict | None = None) -> str:
    try:
        done = subprocess.run(
            ["git", *args], cwd=root, input=input, capture_output=True,
            encoding="utf-8", errors="replace",  # a binary blob (the cover) or a Latin-1 name is no crash
            env={**os.environ, **(env or {})},
        )
    except FileNotFoundError:
        raise NarrativeError("git is not installed", hint="install git and try again") from None
    except ValueError:  # a NUL inside an argument: no program can receive it
        raise NarrativeError(f"git {args[0]}: an argument contains a NUL byte") from None
    if done.returncode != 0:
        raise NarrativeError(f"git {args[0]} failed: {done.stderr.strip() or done.stdout.strip()}")
    return done.stdout


def is_repo(root: Path) -> bool:
    try:
        return git(root, "rev-parse", "--is-inside-work-tree").strip() == "true"
    except NarrativeError:
        return False


def identity_env(root: Path, fallback_name: str = "narrative") -> dict[str, str]:
    """Commit as the configured git user; a fresh machine has none, so fall back instead of failing."""
    env = {}
    for key, var, default in (("user.name", "NAME", fallback_name), ("user.email", "EMAIL", FALLBACK_EMAIL)):
        try:
            git(root, "config", key)
        except NarrativeError:
            env[f"GIT_AUTHOR_{var}"] = env[f"GIT_COMMITTER_{var}"] = default
    return env


def init_repo(root: Path) -> None:
    git(root, "init", "-q", "--initial-branch=main")


@dataclass
class Prepared:
    """A commit object written but not yet the branch head: `land` (ops/transaction.py) moves HEAD."""

    head: str | None  # the parent; HEAD must still be this when the commit lands
    sha: str
    paths: list[str]  # the work-tree paths the commit records, to bring the index in line
    summary: str


def head_commit(root: Path) -> str | None:
    return _try(root, "rev-parse", "-q", "--verify", "HEAD^{commit}").strip() or None


def stage_tree(root: Path, paths: list[str]) -> tuple[str | None, str]:
    """(parent commit or None, tree) for HEAD plus the current contents of `paths`.

    Built in a private index, so the user's own index (and whatever they staged) is never touched
    while a commit is being made; the name is this process's own, so two commands never share it."""
    head = head_commit(root)
    index = Path(root, git(root, "rev-parse", "--git-path", f"narrative-index-{os.getpid()}").strip()).resolve()
    env = {"GIT_INDEX_FILE": str(index)}
    try:
        git(root, "read-tree", head or "--empty", env=env)
        if paths:
            git(root, "add", "-A", "--", *paths, env=env)
        tree = git(root, "write-tree", env=env).strip()
    finally:
        index.unlink(missing_ok=True)
    return head, tree


def tree_of(root: Path, commit: str | None) -> str:
    return git(root, "rev-parse", f"{commit}^{{tree}}").strip() if commit else EMPTY_TREE


def prepare_commit(root: Path, paths: list[str], message: str, fallback_name: str = "narrative",
                   staged: tuple[str | None, str] | None = None) -> Prepared:
    """An unsigned commit of HEAD plus exactly `paths` (added, changed or removed); HEAD does not move.
    `staged` is stage_tree's (head, tree) when the caller has already built it."""
    head, tree = staged or stage_tree(root, paths)
    if tree == tree_of(root, head):
        raise NarrativeError("nothing to commit: the files are unchanged")
    args = ["commit-tree", "--no-gpg-sign", tree, *(["-p", head] if head else [])]
    sha = git(root, *args, "-F", "-", input=message, env=identity_env(root, fallback_name)).strip()
    return Prepared(head, sha, sorted(paths), message.split("\n", 1)[0])


def stage_commit(root: Path, prepared: Prepared) -> None:
    """Make the index hold the commit's version of its paths (HEAD is unchanged)."""
    if prepared.paths:
        git(root, "reset", "-q", prepared.sha, "--", *prepared.paths)


def unstage(root: Path, paths: list[str]) -> None:
    """Make the index hold HEAD's version of `paths` again."""
    if paths and head_commit(root):
        git(root, "reset", "-q", "--", *paths)
    elif paths:
        git(root, "rm", "-q", "--cached", "--ignore-unmatch", "-r", "--", *paths)


def move_head(root: Path, prepared: Prepared) -> None:
    """HEAD -> the prepared commit, only if HEAD is still its parent (compare-and-swap)."""
    git(root, "update-ref", "-m", f"narrative: {prepared.summary}"[:200], "HEAD", prepared.sha,
        prepared.head or ZERO)


def land_directly(root: Path, prepared: Prepared) -> str:
    """Index, then HEAD, without the lock and journal: for a project nobody else can see yet
    (`init` builds it in a folder it removes on failure) and for test fixtures."""
    stage_commit(root, prepared)
    move_head(root, prepared)
    return prepared.sha


def current_user(root: Path) -> str:
    # `git var` knows GIT_AUTHOR_EMAIL and the config alike, as the commit itself will.
    ident = _try(root, "var", "GIT_AUTHOR_IDENT").strip()
    if "<" in ident and ">" in ident:
        email = ident.split("<", 1)[1].split(">", 1)[0].strip()
        if email:
            return email
    for key in ("user.email", "user.name"):
        value = _try(root, "config", key)
        if value:
            return value.strip()
    return os.environ.get("USER", "unknown")


def _try(root: Path, *args: str) -> str:
    try:
        return git(root, *args)
    except NarrativeError:
        return ""
