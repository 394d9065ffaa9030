"""`narrative install-hook pre-commit`: validate and check what is about to be committed.

The hook copies the staged files (the index, not the working tree) into a
temporary folder and runs `narrative validate` and `narrative check` there,
so an unstaged fix cannot hide a broken staged file. For people who use the
pre-commit framework, `.pre-commit-hooks.yaml` offers the same two checks.
"""

from __future__ import annotations

import shlex
from pathlib import Path

from narrative_cli.errors import UsageError
from narrative_cli.history.git import git, is_repo
from narrative_cli.store.files import atomic_write

MARKER = "# installed by `narrative install-hook pre-commit`"
PRE_COMMIT = f"""#!/bin/sh
{MARKER}; reinstalling replaces it.
# Validates and checks the staged project, exactly as it will be committed.
# Skip once with `git commit --no-verify`.
set -eu
prefix={{prefix}}
staged="$(mktemp -d "${{TMPDIR:-/tmp}}/narrative-pre-commit.XXXXXX")"
trap 'rm -rf "$staged"' EXIT INT TERM
git checkout-index --all --prefix="$staged/"
narrative validate --project "$staged/$prefix"
narrative check --project "$staged/$prefix"
"""


def hooks_dir(root: Path) -> Path:
    """Where git looks for hooks (core.hooksPath honoured), as an absolute path."""
    found = Path(git(root, "rev-parse", "--git-path", "hooks").strip())
    return found if found.is_absolute() else (root / found).resolve()


def install_pre_commit(root: Path, force: bool = False) -> Path:
    """Write the pre-commit hook; refuse to overwrite a hook narrative did not write unless `force`."""
    if not is_repo(root):
        raise UsageError(f"{root} is not in a Git repository", hint="run `git init` first")
    path = hooks_dir(root) / "pre-commit"
    if path.exists() and MARKER not in path.read_text(encoding="utf-8", errors="replace") and not force:
        raise UsageError(f"{path} exists and was not written by narrative",
                         hint="merge it by hand, or replace it with --force")
    prefix = git(root, "rev-parse", "--show-prefix").strip()
    atomic_write(path, PRE_COMMIT.replace("{prefix}", shlex.quote(prefix)))
    path.chmod(0o755)
    return path
