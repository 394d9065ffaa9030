"""Audited commits: Narrative-* trailers and the signature over what the commit really is.

The signed payload is rebuilt by the verifier from the commit object and the
real diff, never from trailer text (TRUST.md "Audited commits"). So the
signer computes it the same way: build the tree in a private index, diff it
against the parent, write out the exact commit object it will create (tree,
parents, author, committer, dates, every line of the message), sign the
SHA-256 of those bytes with the rest, and append the signature as the
message's last line. Any other byte of the object changed fails R4.
"""

from __future__ import annotations

import hashlib
import json
import time as _time
from dataclasses import dataclass, field
from pathlib import Path

from narrative_cli.errors import NarrativeError
from narrative_cli.history.git import Prepared
from narrative_cli.trust.roles import PathChange

SIGNATURE_KEY = "Narrative-Signature"
# What a Narrative-Action trailer may say.
ACTIONS = ("create", "edit", "delete", "restore", "purge", "manage_collaborators", "generate_prose", "merge")
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


def split_signed(raw: bytes) -> tuple[bytes, str] | None:
    """(the commit object as it was before it was signed, the token), when the message's last line
    is `Narrative-Signature: <token>`; None otherwise. Only that one line is ever set aside."""
    if not raw.endswith(b"\n") or b"\n\n" not in raw:
        return None
    start = raw.rfind(b"\n", 0, len(raw) - 1) + 1
    line = raw[start:-1]
    prefix = (SIGNATURE_KEY + ": ").encode("ascii")
    if not line.startswith(prefix) or start <= raw.index(b"\n\n") + 1:
        return None
    return raw[:start], line[len(prefix):].decode("utf-8", "replace")


def unsigned_message(message: str) -> str:
    """The message without its last line, the signature (format 1 signed this)."""
    body, _, last = message.rstrip("\n").rpartition("\n")
    return body + "\n" if last.startswith(SIGNATURE_KEY + ":") else message


def payload(project_id: str, tree: str, parents: list[str], manifest_version: int, actor: str, action: str,
            changes: list[PathChange], when: int, message: str, unsigned_object: bytes | None = None) -> bytes:
    """Canonical JSON: sorted keys, no spaces, ASCII, integers only.

    Format 2 (every commit narrative makes) adds `commit_sha256`, the hash of the whole commit object
    without its signature line; format 1 (before 0.2) lacks it and so leaves author and committer
    unsigned (TRUST.md)."""
    body = {
        "action": action, "actor": actor, "manifest_version": manifest_version,
        "changes": [{"new": c.new, "old": c.old, "path": c.path} for c in sorted(changes, key=lambda c: c.path)],
        "message_sha256": hashlib.sha256(unsigned_message(message).encode("utf-8")).hexdigest(),
        "parents": list(parents), "project_id": project_id, "time": int(when), "tree": tree,
    }
    if unsigned_object is not None:
        body["commit_sha256"] = hashlib.sha256(unsigned_object).hexdigest()
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode("ascii")


def commit_object(tree: str, parents: list[str], author: str, committer: str, message: str) -> bytes:
    """A commit object's bytes exactly as git stores them (without git's `commit <size>` header)."""
    head = f"tree {tree}\n" + "".join(f"parent {p}\n" for p in parents) + f"author {author}\ncommitter {committer}\n"
    return (head + "\n" + message).encode("utf-8")


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


def diff(root: Path, old_tree: str, new_tree: str) -> list[PathChange]:
    from narrative_cli.history.git import git

    return parse_raw_diff(git(root, "diff-tree", "-r", "-z", "--no-renames", old_tree, new_tree))


def prepare_signed(root: Path, paths: list[str], summary: str, action: str, entity: str | None,
                   fields: list[str], signer, project_id: str, manifest_version: int,
                   when: int | None = None, name: str = "narrative",
                   staged: tuple[str | None, str] | None = None) -> Prepared:
    """Stage `paths` privately (unless `staged` is stage_tree's result already), sign what the commit
    will really be, and write it; HEAD does not move."""
    from narrative_cli.history.git import git, stage_tree, tree_of
    from narrative_cli.trust import jws

    head, tree = staged or stage_tree(root, paths)
    changes = diff(root, tree_of(root, head), tree)
    if not changes:
        raise NarrativeError("nothing to commit: the files are unchanged")
    when = int(when if when is not None else _time.time())
    parents = [head] if head else []
    message = message_for(summary, signer.kid, action, entity, changes, fields, manifest_version, when)
    author, committer = (f"{who} {when} +0000" for who in identities(root, name))
    unsigned = commit_object(tree, parents, author, committer, message)
    body = payload(project_id, tree, parents, manifest_version, signer.kid, action, changes, when, message, unsigned)
    line = f"{SIGNATURE_KEY}: {jws.sign(body, signer.private, signer.kid, jws.COMMIT_TYP)}\n"
    sha = git(root, "hash-object", "-t", "commit", "-w", "--stdin",
              input=(unsigned + line.encode("ascii")).decode("utf-8")).strip()
    return Prepared(head, sha, sorted(paths), summary)


def identities(root: Path, name: str) -> tuple[str, str]:
    """`Name <email>` of the author and the committer, as git would write them (config, then env)."""
    from narrative_cli.history.git import git, identity_env

    env = identity_env(root, name)
    author, committer = (git(root, "var", var, env=env).strip().rsplit(" ", 2)[0]
                         for var in ("GIT_AUTHOR_IDENT", "GIT_COMMITTER_IDENT"))
    return author, committer


def commit_signed(root: Path, paths: list[str], summary: str, action: str, entity: str | None,
                  fields: list[str], signer, project_id: str, manifest_version: int,
                  when: int | None = None, name: str = "narrative") -> str:
    """Prepare and land a signed commit at once, without the write lock or journal.

    For building histories in tests and benches; commands go through ops/transaction.py."""
    from narrative_cli.history.git import land_directly

    return land_directly(root, prepare_signed(root, paths, summary, action, entity, fields, signer, project_id,
                                              manifest_version, when, name))
