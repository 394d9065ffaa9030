"""The few git operations the write path needs, through the git binary."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from narrative_cli.errors import NarrativeError

FALLBACK_EMAIL = "author@narrative.invalid"


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


def commit_paths(root: Path, paths: list[str], message: str, fallback_name: str = "narrative") -> str:
    """Commit exactly `paths` (added, changed or removed), leaving anything else the user staged alone."""
    git(root, "add", "-A", "--", *paths)
    has_head = bool(_try(root, "rev-parse", "-q", "--verify", "HEAD"))
    args = ["commit", "-q", "--no-verify", "-F", "-"]
    if has_head:
        args += ["--only", "--", *paths]
    git(root, *args, input=message, env=identity_env(root, fallback_name))
    return git(root, "rev-parse", "HEAD").strip()


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
