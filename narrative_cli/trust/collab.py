"""Changing the manifest: adopt one, add/remove collaborators, change roles, revoke keys.

Each change is version N+1, signed by the acting OWNER (who must be an OWNER
of N and of N+1). The functions here only plan it (the files and the commit
to make); ops/manifest.py writes manifest.yaml and manifest.sig and commits
them as one transaction, one audited `manage_collaborators` commit. With
owner_threshold > 1 the files are written but not committed: other owners
add their signatures with `narrative manifest sign`, then `narrative commit`
records it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from narrative_cli.errors import Denied, NarrativeError, ProblemsFound, UsageError
from narrative_cli.trust import gate as _gate
from narrative_cli.trust import identity as _identity
from narrative_cli.trust import manifest as mf
from narrative_cli.trust.keys import kid_of_line, ssh_line, parse_public_line

ROLE_NAMES = ("OWNER", "EDITOR", "VIEWER")


@dataclass
class Plan:
    """A manifest change before it is made: the files to write and how to commit them (None: don't)."""

    version: int
    files: dict[str, str]
    note: str
    prepare: Callable[[], object] | None = None
    signatures: int = 0


def project_id(root: Path) -> str:
    from narrative_cli.store.project import load_project

    from narrative_cli.store.project import CONFIG_FILE

    project = load_project(root)
    if project.config is None:  # the identifier the manifest binds to cannot be trusted
        problems = [d for d in project.diagnostics if d.location and d.location.path == CONFIG_FILE]
        raise ProblemsFound(f"{CONFIG_FILE} is not valid", problems,
                            hint="fix it (`narrative validate` shows how), then run this again")
    ident = project.config.identifier
    if not ident:
        raise NarrativeError("narrative.yaml has no identifier", hint="add `identifier: urn:uuid:<uuid>`")
    return str(ident)


def genesis_files(root: Path, signer: _identity.Signer, who: _identity.Identity) -> dict[str, str]:
    from narrative_cli.trust.keys import PublicKey

    model = mf.genesis(project_id(root), PublicKey(who.kid, who.public_key, who.name, who.email))
    text = mf.dump(model)
    return {mf.MANIFEST: text, mf.SIGNATURES: mf.sign(text, signer.private, signer.kid) + "\n"}


def adopt(root: Path, kid: str | None = None) -> Plan:
    """`narrative manifest init`: version 1 with the current identity as the only OWNER."""
    from narrative_cli.history.audit import prepare_signed

    if _gate.governed(root):
        raise UsageError("this project already has a manifest", hint="`narrative manifest show`")
    who = _identity.current(None, kid)
    signer = _identity.unlock(who)
    files = genesis_files(root, signer, who)
    ident = project_id(root)
    return Plan(1, files, f"{who.name or who.kid[:12]} is OWNER",
                lambda: prepare_signed(root, sorted(files), "Adopt a signed manifest (version 1)",
                                       "manage_collaborators", None, [], signer, ident, 1, name=who.name or "narrative"))


def _write_version(root: Path, summary: str, update) -> Plan:
    """Check the actor, build N+1 with `update(model) -> dict of fields`, sign it."""
    files = {mf.MANIFEST: "", mf.SIGNATURES: ""}
    gate = _gate.check(root, "manage_collaborators", _gate.planned_changes(root, files), unlock=False)
    old = gate.manifest
    new = mf.bump(old.model, **update(old.model))
    parsed, problems = mf.parse(mf.dump(new))
    if parsed is None:
        raise UsageError(f"the new manifest would be invalid: {problems[0]}")
    if gate.identity.kid not in parsed.owners():
        raise Denied("refused: after this change you would not be an OWNER, so you cannot sign it",
                     hint="ask another owner to make this change")
    gate.signer = _identity.unlock(gate.identity)
    text = mf.dump(new)
    files = {mf.MANIFEST: text, mf.SIGNATURES: mf.sign(text, gate.signer.private, gate.signer.kid) + "\n"}
    needed = max(old.model.owner_threshold, new.owner_threshold)
    if needed > 1:
        return Plan(new.version, files, f"written, not committed: {needed} owner signatures are needed; other "
                                        "owners run `narrative manifest sign`, then `narrative commit -m MSG`")
    return Plan(new.version, files, summary,
                lambda: _gate.prepare(root, gate, sorted(files), summary, "manage_collaborators", None, []))


def find(model, who: str):
    """A collaborator by kid prefix or exact name."""
    hits = [c for c in model.collaborators if c.kid.startswith(who.lower()) or c.name == who]
    if len(hits) != 1:
        raise UsageError(f"{'no' if not hits else len(hits)} collaborator(s) match '{who}'",
                         hint="`narrative collab list` shows names and kids")
    return hits[0]


def _role(role: str) -> str:
    if role.upper() not in ROLE_NAMES:
        raise UsageError(f"unknown role '{role}'", hint="roles are owner, editor and viewer")
    return role.upper()


def add(root: Path, name: str, public_line: str, role: str, scopes: list[str], email: str = "",
        kind: str = "human") -> Plan:
    key = parse_public_line(public_line)
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    if not isinstance(key, Ed25519PublicKey):
        raise UsageError("only ssh-ed25519 keys are accepted", hint="use `narrative keys export-public`")
    line = ssh_line(key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))
    kid = kid_of_line(line)

    def update(model):
        if any(c.kid == kid for c in model.collaborators):
            raise UsageError(f"key {kid[:12]} is already a collaborator", hint="use `narrative collab role`")
        entry = mf.collaborator(kid, line, name, email, _role(role), kind, scopes)
        return {"collaborators": [c.model_dump() for c in model.collaborators] + [entry]}

    return _write_version(root, f"Add collaborator {name} as {_role(role)}", update)


def remove(root: Path, who: str) -> Plan:
    def update(model):
        gone = find(model, who)
        return {"collaborators": [c.model_dump() for c in model.collaborators if c.kid != gone.kid]}

    return _write_version(root, f"Remove collaborator {who}", update)


def set_role(root: Path, who: str, role: str, scopes: list[str] | None = None) -> Plan:
    def update(model):
        target = find(model, who)
        out = []
        for c in model.collaborators:
            data = c.model_dump()
            if c.kid == target.kid:
                data["role"] = _role(role)
                data["scopes"] = data["scopes"] if scopes is None else list(scopes)
            out.append(data)
        return {"collaborators": out}

    return _write_version(root, f"Set role of {who} to {_role(role)}", update)


def revoke(root: Path, who: str, last_good: str) -> Plan:
    from narrative_cli.history.git import git

    sha = git(root, "rev-parse", "--verify", f"{last_good}^{{commit}}").strip()

    def update(model):
        target = find(model, who)
        return {"collaborators": [c.model_dump() for c in model.collaborators if c.kid != target.kid],
                "revoked": [r.model_dump() for r in model.revoked] + [{"kid": target.kid, "last_good_commit": sha}]}

    return _write_version(root, f"Revoke key of {who} after {sha[:10]}", update)


MAX_RENEW_DAYS = 36500  # a century: past it the date overflows, and nobody means it


def renew(root: Path, days: int) -> Plan:
    if not 1 <= days <= MAX_RENEW_DAYS:
        raise UsageError(f"--days must be between 1 and {MAX_RENEW_DAYS}, not {days}",
                         hint="e.g. --days 365 keeps the manifest valid for a year")
    return _write_version(root, f"Renew manifest for {days} days", lambda model: {"expires": mf.expiry(days)})


def sign_working(root: Path) -> Plan:
    """`narrative manifest sign`: add the current identity's signature to the working manifest.sig."""
    text = _gate.working_manifest_text(root)
    if not mf.is_canonical(text):
        raise UsageError(f"{mf.MANIFEST} is not in canonical form; refusing to sign it",
                         hint="edit it only through `narrative collab ...`, or restore it from Git")
    parsed, _ = mf.parse(text)
    who = _identity.current(parsed)
    if who.kid not in parsed.owners() and who.kid not in _gate.current_manifest(root).owners():
        raise Denied(f"denied: key {who.kid[:4]}… is not an OWNER; only owners sign the manifest")
    signer = _identity.unlock(who)
    sig_path = root / mf.SIGNATURES
    lines = [ln for ln in (sig_path.read_text(encoding="utf-8", errors="replace").splitlines() if sig_path.exists() else []) if ln]
    found, _ = mf.signers(text.encode("utf-8"), "\n".join(lines), parsed, _gate.current_manifest(root))
    if who.kid in found:
        raise UsageError("you have already signed this version")
    lines.append(mf.sign(text, signer.private, signer.kid))
    return Plan(parsed.version, {mf.SIGNATURES: "\n".join(lines) + "\n"}, "signed", signatures=len(lines))


def check_working(root: Path) -> list[str]:
    """`narrative manifest verify`: the working manifest as the next commit would be judged (R7/R12)."""
    sig_path = root / mf.SIGNATURES
    text = _gate.working_manifest_text(root)
    new, problems = mf.parse(text)
    if new is None:
        return problems
    if not mf.is_canonical(text):
        problems.append("not in canonical form")
    try:
        old = _gate.current_manifest(root)
    except NarrativeError:
        old = None
    if old is not None and old.version == new.version and mf.dump(old.model) == text:
        old = _previous_manifest(root, old.version)
    sigs = sig_path.read_text(encoding="utf-8", errors="replace") if sig_path.exists() else ""
    return problems + mf.check_transition(old, new, text.encode("utf-8"), sigs)


def _previous_manifest(root: Path, version: int):
    """The committed manifest of version - 1 (None for version 1), to check the last step."""
    from narrative_cli.history.git import git

    if version == 1:
        return None
    log = git(root, "log", "--format=%H", "--", mf.MANIFEST).split()
    for sha in log:
        try:
            parsed, _ = mf.parse(git(root, "show", f"{sha}:{mf.MANIFEST}"))
        except NarrativeError:
            continue
        if parsed is not None and parsed.version == version - 1:
            return parsed
    return None
