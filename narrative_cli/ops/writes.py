"""The one path every writing command takes: check, write all files or none, commit.

A command builds a `Change` (which files become what, and why), then calls
`apply`, which runs it as one transaction (ops/transaction.py) under the
project's write lock: every file is written atomically, the touched files
are validated again, the commit lands; if anything fails half way, or the
process is killed, the project ends as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from narrative_cli.errors import NarrativeError, ProblemsFound
from narrative_cli.history.audit import ACTIONS
from narrative_cli.store.files import is_inside



@dataclass
class FieldChange:
    """One field of one entity, for the audit trail: `characters/elena-voss status "alive" -> "dead"`."""

    entity: str
    field: str
    old: object
    new: object


@dataclass
class Change:
    action: str
    summary: str  # first line of the commit message
    files: dict[str, str | None]  # project-relative path -> new text, None removes the file
    entity: str | None = None  # "characters/elena-voss" or a scene path
    fields: list[FieldChange] = field(default_factory=list)


@dataclass
class Applied:
    paths: list[str]
    commit: str | None


def apply(root: Path, change: Change, commit: bool = True) -> Applied:
    """Write `change` into the project at `root` and record it as one commit.

    With a manifest, the current identity's role and scopes are checked
    before anything is written, and the commit is signed (TRUST.md).
    """
    from narrative_cli.ops.transaction import transaction

    if change.action not in ACTIONS:
        raise NarrativeError(f"unknown action '{change.action}'")
    with transaction(root) as tx:
        _check_targets(root, change)
        gate = _gate(root, change, commit)
        tx.write(change.files)
        _revalidate(root, list(change.files))
        prepared = _prepare(root, change, gate) if commit else None
        sha = tx.land(prepared) if prepared else None
    return Applied(sorted(change.files), sha)


def _prepare(root: Path, change: Change, gate):
    from narrative_cli.history import git

    if gate is not None:
        from narrative_cli.trust import gate as trust_gate

        return trust_gate.prepare(root, gate, sorted(change.files), change.summary, change.action,
                                  change.entity, field_lines(change))
    if git.is_repo(root):
        return git.prepare_commit(root, sorted(change.files), commit_message(change))
    return None


def _gate(root: Path, change: Change, commit: bool):
    """None for a project without a manifest (nothing is enforced); else the checked identity."""
    from narrative_cli.trust import gate

    if not gate.governed(root):
        return None
    return gate.check(root, change.action, gate.planned_changes(root, change.files), unlock=commit)


def field_lines(change: Change) -> list[str]:
    return [f"{f.entity} {f.field} {_show(f.old)} -> {_show(f.new)}" for f in change.fields]


def commit_message(change: Change) -> str:
    lines = [change.summary, "", f"Narrative-Action: {change.action}"]
    if change.entity:
        lines.append(f"Narrative-Entity: {change.entity}")
    lines += [f"Narrative-Field: {line}" for line in field_lines(change)]
    return "\n".join(lines) + "\n"


def _show(value: object) -> str:
    import json

    return "-" if value is None else json.dumps(value, ensure_ascii=False, default=str)


def _check_targets(root: Path, change: Change) -> None:
    for rel in change.files:
        path = root / rel
        if rel.startswith("/") or ".." in rel.split("/") or not is_inside(path.parent, root) or path.is_symlink():
            raise NarrativeError(f"refusing to write outside the project: {rel}")


def _revalidate(root: Path, rels: list[str]) -> None:
    """Refuse to leave a file the CLI wrote in a state that does not validate.

    First only the touched files and what they can reference (store/subset.py:
    the same errors a full load finds in them, at a fraction of the cost); only
    when that finds a problem is the whole project reloaded, for the full report."""
    from narrative_cli.checks import validate
    from narrative_cli.store.project import load_project
    from narrative_cli.store.subset import load_subset

    if not _errors_in(validate(load_subset(root, rels)), rels):
        return
    found = _errors_in(validate(load_project(root)), rels)
    if found:
        raise ProblemsFound("the change would leave invalid files; nothing was written", found)


def _errors_in(diagnostics: list, rels: list[str]) -> list:
    """Errors located in a touched file, or pointing at one (the other half of a duplicate prefix)."""
    touched = set(rels)
    return [d for d in diagnostics if d.is_error and (d.location.path in touched
                                                      or any(r.path in touched for r in d.related))]
