"""Audited commits: Narrative-* trailers and the signature over what the commit really is.

The signed payload is rebuilt by the verifier from the commit object and the
real diff, never from trailer text (TRUST.md "Audited commits"). So the
signer computes it the same way: build the tree in a private index, diff it
against the parent, sign, then create the commit with `git commit-tree`.
"""

from __future__ import annotations

import hashlib
import json
import time as _time
from dataclasses import dataclass, field
from pathlib import Path

from narrative_cli.errors import NarrativeError
from narrative_cli.trust.roles import PathChange

EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
SIGNATURE_KEY = "Narrative-Signature"
PREFIX = "Narrative-"


@dataclass
class Record:
    """What one audited commit says about itself (the trailer block, parsed)."""

    actor: str | None = None
    action: str | None = None
    entity: str | None = None
    manifest: str | None = None
    time: str | None = None
    signatures: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)


SINGLE = {"Narrative-Actor": "actor", "Narrative-Action": "action", "Narrative-Entity": "entity",
          "Narrative-Manifest": "manifest", "Narrative-Time": "time"}


def parse_trailers(message: str) -> Record:
    record = Record()
    for line in message.splitlines():
        key, sep, value = line.partition(": ")
        if not sep or not key.startswith(PREFIX):
            continue
        if key == SIGNATURE_KEY:
            record.signatures.append(value.strip())
        elif key == "Narrative-Change":
            record.changes.append(value)
        elif key == "Narrative-Field":
            record.fields.append(value)
        elif key in SINGLE:
            if getattr(record, SINGLE[key]) is not None:
                record.duplicates.append(key)
            setattr(record, SINGLE[key], value.strip())
    return record


def unsigned_message(message: str) -> str:
    """The message as it was before the signature line was appended."""
    lines = message.split("\n")
    return "\n".join(line for line in lines if not line.startswith(SIGNATURE_KEY + ":"))


def payload(project_id: str, tree: str, parents: list[str], manifest_version: int, actor: str, action: str,
            changes: list[PathChange], when: int, message: str) -> bytes:
    """Canonical JSON: sorted keys, no spaces, ASCII, integers only."""
    body = {
        "action": action, "actor": actor, "manifest_version": manifest_version,
        "changes": [{"new": c.new, "old": c.old, "path": c.path} for c in sorted(changes, key=lambda c: c.path)],
        "message_sha256": hashlib.sha256(unsigned_message(message).encode("utf-8")).hexdigest(),
        "parents": list(parents), "project_id": project_id, "time": int(when), "tree": tree,
    }
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode("ascii")


def parse_raw_diff(text: str) -> list[PathChange]:
    """`git diff-tree -r -z` raw output -> changes (blob ids; None for absent)."""
    parts = text.split("\0")
    out, i = [], 0
    while i < len(parts) - 1:
        meta = parts[i]
        if not meta.startswith(":"):
            i += 1
            continue
        fields = meta[1:].split()
        old = None if set(fields[2]) == {"0"} else fields[2]
        new = None if set(fields[3]) == {"0"} else fields[3]
        out.append(PathChange(parts[i + 1], old, new))
        i += 2
    return out


def change_line(c: PathChange) -> str:
    return f"{c.path} {c.old or '-'} {c.new or '-'}"


def parse_change_line(line: str) -> PathChange | None:
    bits = line.rsplit(" ", 2)
    if len(bits) != 3:
        return None
    return PathChange(bits[0], None if bits[1] == "-" else bits[1], None if bits[2] == "-" else bits[2])


def message_for(summary: str, actor: str, action: str, entity: str | None, changes: list[PathChange],
                fields: list[str], manifest_version: int, when: int) -> str:
    lines = [summary, "", f"Narrative-Actor: {actor}", f"Narrative-Action: {action}"]
    if entity:
        lines.append(f"Narrative-Entity: {entity}")
    lines += [f"Narrative-Change: {change_line(c)}" for c in sorted(changes, key=lambda c: c.path)]
    lines += [f"Narrative-Field: {f}" for f in fields]
    lines += [f"Narrative-Manifest: {manifest_version}", f"Narrative-Time: {when}"]
    return "\n".join(lines) + "\n"


def stage_tree(root: Path, paths: list[str]) -> tuple[str | None, str]:
    """(parent commit or None, tree) for HEAD plus the current contents of `paths`, via a private index."""
    from narrative_cli.history.git import git

    head = _head(root)
    index = Path(root, git(root, "rev-parse", "--git-path", "narrative-index").strip())
    env = {"GIT_INDEX_FILE": str(index.resolve())}
    try:
        git(root, "read-tree", head or "--empty", env=env)
        if paths:
            git(root, "add", "-A", "--", *paths, env=env)
        tree = git(root, "write-tree", env=env).strip()
    finally:
        index.unlink(missing_ok=True)
    return head, tree


def _head(root: Path) -> str | None:
    from narrative_cli.history.git import git

    try:
        return git(root, "rev-parse", "-q", "--verify", "HEAD^{commit}").strip() or None
    except NarrativeError:
        return None


def diff(root: Path, old_tree: str, new_tree: str) -> list[PathChange]:
    from narrative_cli.history.git import git

    return parse_raw_diff(git(root, "diff-tree", "-r", "-z", "--no-renames", old_tree, new_tree))


def commit_signed(root: Path, paths: list[str], summary: str, action: str, entity: str | None,
                  fields: list[str], signer, project_id: str, manifest_version: int,
                  when: int | None = None, name: str = "narrative") -> str:
    """Stage `paths`, sign what the commit will really contain, create it and move HEAD."""
    from narrative_cli.history.git import git
    from narrative_cli.trust import jws

    head, tree = stage_tree(root, paths)
    changes = diff(root, git(root, "rev-parse", f"{head}^{{tree}}").strip() if head else EMPTY_TREE, tree)
    if not changes:
        raise NarrativeError("nothing to commit: the files are unchanged")
    when = int(when if when is not None else _time.time())
    parents = [head] if head else []
    message = message_for(summary, signer.kid, action, entity, changes, fields, manifest_version, when)
    body = payload(project_id, tree, parents, manifest_version, signer.kid, action, changes, when, message)
    message += f"{SIGNATURE_KEY}: {jws.sign(body, signer.private, signer.kid, jws.COMMIT_TYP)}\n"
    sha = write_commit(root, tree, parents, message, when, name)
    git(root, "update-ref", "HEAD", sha, *([head] if head else []))
    git(root, "reset", "-q", "--", *paths)
    return sha


def write_commit(root: Path, tree: str, parents: list[str], message: str, when: int, name: str) -> str:
    from narrative_cli.history.git import git, identity_env

    stamp = f"{when} +0000"
    env = {**identity_env(root, name), "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    args = ["commit-tree", "--no-gpg-sign", tree]
    for parent in parents:
        args += ["-p", parent]
    return git(root, *args, "-F", "-", input=message, env=env).strip()

