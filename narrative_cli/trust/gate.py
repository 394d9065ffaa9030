"""The write path's trust step: who is acting, may they, and the signed commit afterwards.

Used by writes.apply (every writing command) and by `narrative commit`. The
manifest that decides is the one committed at HEAD: it is the manifest that
`verify` will judge the new commit by (each commit by the manifest at its parent).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from narrative_cli.errors import NarrativeError
from narrative_cli.trust import identity as _identity
from narrative_cli.trust.manifest import MANIFEST, Manifest, parse
from narrative_cli.trust.roles import PathChange


@dataclass
class Gate:
    manifest: Manifest
    identity: _identity.Identity
    signer: _identity.Signer | None = None


def governed(root: Path) -> bool:
    return (root / MANIFEST).is_file() or bool(_committed_manifest_text(root))


def current_manifest(root: Path) -> Manifest:
    """The manifest at HEAD (or the working file before the first commit that holds one)."""
    text = _committed_manifest_text(root)
    if text is None:
        text = (root / MANIFEST).read_text(encoding="utf-8")
    manifest, problems = parse(text)
    if manifest is None:
        raise NarrativeError(f"{MANIFEST} is not valid: {problems[0]}", path=MANIFEST,
                             hint="`narrative manifest verify` lists every problem")
    return manifest


def _committed_manifest_text(root: Path) -> str | None:
    from narrative_cli.history.git import git, is_repo

    if not (root / ".git").exists() and not is_repo(root):
        return None
    try:
        return git(root, "show", f"HEAD:{MANIFEST}")
    except NarrativeError:
        return None


def blob_id(data: bytes) -> str:
    """Git's blob id for `data`, without running git."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def planned_changes(root: Path, files: dict[str, str | None]) -> list[PathChange]:
    """What a change will do to each path, as blob ids, before anything is written."""
    out = []
    for rel, text in files.items():
        path = root / rel
        old = blob_id(path.read_bytes()) if path.is_file() else None
        new = None if text is None else blob_id(text.encode("utf-8"))
        out.append(PathChange(rel, old, new))
    return out


def check(root: Path, action: str, changes: list[PathChange], unlock: bool = True) -> Gate:
    """Refuse (errors.Denied, exit 3) before writing; unlock the key only once allowed."""
    manifest = current_manifest(root)
    who = _identity.current(manifest)
    _identity.require(manifest, who, action, changes)
    return Gate(manifest, who, _identity.unlock(who) if unlock else None)


def commit(root: Path, gate: Gate, paths: list[str], summary: str, action: str, entity: str | None,
           fields: list[str]) -> str:
    from narrative_cli.history.audit import commit_signed

    return commit_signed(root, paths, summary, action, entity, fields, gate.signer, gate.manifest.project_id,
                         gate.manifest.version, name=gate.identity.name or "narrative")
