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
        text = working_manifest_text(root)
    manifest, problems = parse(text)
    if manifest is None:
        raise NarrativeError(f"{MANIFEST} is not valid: {problems[0]}", path=MANIFEST,
                             hint="`narrative manifest verify` lists every problem")
    return manifest


def working_manifest_text(root: Path) -> str:
    """The manifest file in the folder; a project without one is not governed, which is no crash."""
    from narrative_cli.store.files import read_text

    if not (root / MANIFEST).exists() and not (root / MANIFEST).is_symlink():
        raise NarrativeError(f"no {MANIFEST}: this project has no collaborators or roles yet", path=None,
                             hint="`narrative manifest init` makes you its owner")
    text, problems = read_text(root / MANIFEST, root)
    if text is None:
        raise NarrativeError(f"{MANIFEST} cannot be read: {problems[0].message}", path=MANIFEST,
                             hint=problems[0].hint)
    return text


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


def prepare(root: Path, gate: Gate, paths: list[str], summary: str, action: str, entity: str | None,
            fields: list[str], staged: tuple[str | None, str] | None = None):
    """The signed commit of `paths`, written but not yet landed (ops/transaction.py lands it)."""
    from narrative_cli.history.audit import prepare_signed

    return prepare_signed(root, paths, summary, action, entity, fields, gate.signer, gate.manifest.project_id,
                          gate.manifest.version, name=gate.identity.name or "narrative", staged=staged)
