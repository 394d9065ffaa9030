"""`narrative commit`: record the edits made in an editor (or with git mv/rm/add) as one audited commit.

Whatever the index holds (a `git mv`, a `git rm`, a `git add`) and whatever
the work tree holds, the commit is HEAD plus every changed path, built in a
private index and landed by the transaction path like every other write.
"""

from __future__ import annotations

from pathlib import Path

from narrative_cli.errors import NarrativeError, UsageError


def commit_worktree(root: Path, message: str) -> tuple[str, list[str]]:
    from narrative_cli.ops.transaction import transaction

    if not message.strip():
        raise UsageError("give a message with -m")
    if any(line.startswith("Narrative-") for line in message.splitlines()):
        raise UsageError("the message may not contain Narrative-* trailer lines; narrative writes them itself")
    with transaction(root) as tx:
        paths = _changed_paths(root)
        if not paths:
            raise NarrativeError("nothing to commit: no file differs from the last commit")
        return tx.land(_prepare(root, paths, message.strip())), paths


def _changed_paths(root: Path) -> list[str]:
    from narrative_cli.history.record import changed_paths

    return changed_paths(root)


def _prepare(root: Path, paths: list[str], message: str):
    from narrative_cli.history import audit, git
    from narrative_cli.history.record import action_for, blob_text, entity_of, field_lines, renamed
    from narrative_cli.trust import gate

    staged = head, tree = git.stage_tree(root, paths)  # built once: the diff and the commit both use it
    changes = audit.diff(root, git.tree_of(root, head), tree)
    moved = renamed(changes)
    fields = [line for c in changes if c.path not in moved
              for line in field_lines(c.path, blob_text(root, c.old), blob_text(root, c.new))]
    action = action_for(changes)
    entities = sorted({e for c in changes if (e := entity_of(c.path))})
    entity = entities[0] if len(entities) == 1 else None
    if not gate.governed(root):
        body = [f"Narrative-Action: {action}"] + ([f"Narrative-Entity: {entity}"] if entity else [])
        body += [f"Narrative-Field: {f}" for f in fields]
        return git.prepare_commit(root, paths, message + "\n\n" + "\n".join(body) + "\n", staged=staged)
    checked = gate.check(root, action, changes)
    _manifest_ready(root, paths)
    return gate.prepare(root, checked, paths, message, action, entity, fields, staged)


def _manifest_ready(root: Path, paths: list[str]) -> None:
    """Refuse to commit a manifest change that `verify` would reject (R7/R12), e.g. one owner of two signed."""
    from narrative_cli.trust.collab import check_working
    from narrative_cli.trust.manifest import MANIFEST, SIGNATURES

    if not {MANIFEST, SIGNATURES} & set(paths):
        return
    problems = check_working(root)
    if problems:
        raise UsageError(f"the manifest change does not verify yet: {problems[0]}",
                         hint="the other owners run `narrative manifest sign`; "
                              "`narrative manifest verify` says when it is ready")
