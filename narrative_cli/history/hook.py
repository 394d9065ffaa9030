"""`narrative install-hook pre-receive`: make the remote refuse what `verify` rejects.

This is where enforcement really happens (TRUST.md "Honest limits"): the CLI's
local refusals are a convenience, the server hook (or a required CI check) is
what keeps an unverifiable commit out of the shared history.
"""

from __future__ import annotations

import os
import shlex
import shutil
from pathlib import Path

from narrative_cli.errors import UsageError

HOOK = """#!/bin/sh
# Installed by `narrative install-hook pre-receive`: refuse any push whose history
# does not verify (TRUST.md rules R1-R13 and the merge rule). Branch deletions pass.
zero=0000000000000000000000000000000000000000
status=0
while read old new ref; do
  [ "$new" = "$zero" ] && continue
  {narrative} verify --repo . --rev "$new" --ref "$ref" || status=1
done
[ $status -ne 0 ] && echo "narrative: push refused; run \\`narrative verify\\` locally for details" >&2
exit $status
"""


def install(repo: Path, kind: str, force: bool = False) -> Path:
    from narrative_cli.history.git import git

    if kind != "pre-receive":
        raise UsageError(f"unknown hook '{kind}'", hint="the only hook is pre-receive")
    hooks = Path(repo, git(repo, "rev-parse", "--git-path", "hooks").strip())
    hooks = hooks if hooks.is_absolute() else (repo / hooks)
    path = hooks / "pre-receive"
    if path.exists() and not force:
        raise UsageError(f"{path} exists", hint="use --force to replace it")
    exe = shutil.which("narrative") or "narrative"
    hooks.mkdir(parents=True, exist_ok=True)
    path.write_text(HOOK.replace("{narrative}", shlex.quote(exe)))
    os.chmod(path, 0o755)
    return path
