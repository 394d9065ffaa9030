"""The signed manifest: canonical YAML, its signatures, and the version chain.

What is signed is the exact bytes of manifest.yaml. So that two owners who
make the same change produce the same bytes (and so that diffs stay
readable), there is exactly one canonical text for a manifest: `dump()`.
`manifest sign` refuses anything else.
"""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass, field

from narrative_cli.model.manifest import Collaborator, ManifestModel, Revoked
from narrative_cli.trust import jws

MANIFEST = "manifest.yaml"
SIGNATURES = "manifest.sig"
SCHEMA = "narrative-manifest/1"
DEFAULT_LIFETIME_DAYS = 365


@dataclass
class Manifest:
    model: ManifestModel
    _keys: dict = field(default_factory=dict, repr=False)

    @property
    def version(self) -> int:
        return self.model.version

    @property
    def project_id(self) -> str:
        return self.model.project_id

    def find(self, kid: str) -> Collaborator | None:
        return next((c for c in self.model.collaborators if c.kid == kid), None)

    def owners(self) -> set[str]:
        return {c.kid for c in self.model.collaborators if c.role == "OWNER"}

    def revoked(self) -> dict[str, str]:
        return {r.kid: r.last_good_commit for r in self.model.revoked}

    def public(self, kid: str):
        """The collaborator's key object (any type: the JWS layer pins Ed25519), cached."""
        from narrative_cli.trust.keys import parse_public_line

        if kid not in self._keys:
            found = self.find(kid)
            self._keys[kid] = parse_public_line(found.public_key) if found else None
        return self._keys[kid]

    def expires_at(self) -> _dt.datetime:
        return _dt.datetime.strptime(self.model.expires, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=_dt.timezone.utc)


def parse(text: str, path: str = MANIFEST) -> tuple[Manifest | None, list[str]]:
    """A manifest, or None and every reason it is not one (hostile YAML, schema, kid mismatches)."""
    from pydantic import ValidationError

    from narrative_cli.store.yamlio import load_yaml

    loaded = load_yaml(text, path)
    if not loaded.ok:
        return None, [d.message for d in loaded.diagnostics if d.is_error]
    try:
        model = ManifestModel.model_validate(loaded.data)
    except ValidationError as exc:
        return None, [f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()]
    problems = _semantic(model)
    return (None, problems) if problems else (Manifest(model), [])


def _semantic(model: ManifestModel) -> list[str]:
    from narrative_cli.errors import UsageError
    from narrative_cli.trust.keys import kid_of_line

    problems = []
    kids = [c.kid for c in model.collaborators]
    if kids != sorted(set(kids)):
        problems.append("collaborators must be sorted by kid, each kid once")
    for collab in model.collaborators:
        try:
            if kid_of_line(collab.public_key) != collab.kid:
                problems.append(f"kid {collab.kid[:12]} is not the SHA-256 of its public key")
        except UsageError as exc:
            problems.append(f"kid {collab.kid[:12]}: {exc.message}")
    return problems


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def dump(model: ManifestModel) -> str:
    """The one canonical text: fixed key order, block style, quoted free text, no anchors or tags."""
    out = [f"schema: {SCHEMA}", f"project_id: {_q(model.project_id)}", f"version: {model.version}",
           f"expires: {_q(model.expires)}", f"owner_threshold: {model.owner_threshold}"]
    out.append("collaborators:" + ("" if model.collaborators else " []"))
    for c in sorted(model.collaborators, key=lambda c: c.kid):
        out += [f"  - kid: {c.kid}", f"    public_key: {_q(c.public_key)}", f"    name: {_q(c.name)}",
                f"    email: {_q(c.email)}", f"    role: {c.role}", f"    kind: {c.kind}"]
        out.append("    scopes:" + ("" if c.scopes else " []"))
        out += [f"      - {_q(s)}" for s in c.scopes]
    out.append("revoked:" + ("" if model.revoked else " []"))
    for r in model.revoked:
        out += [f"  - kid: {r.kid}", f"    last_good_commit: {r.last_good_commit}"]
    return "\n".join(out) + "\n"


def is_canonical(text: str) -> bool:
    manifest, problems = parse(text)
    return manifest is not None and dump(manifest.model) == text


def genesis(project_id: str, owner, lifetime_days: int = DEFAULT_LIFETIME_DAYS) -> ManifestModel:
    """Version 1 with one OWNER: the creating user (`owner` is a keys.PublicKey)."""
    return ManifestModel.model_validate({
        "schema": SCHEMA, "project_id": project_id, "version": 1, "expires": expiry(lifetime_days),
        "owner_threshold": 1,
        "collaborators": [{"kid": owner.kid, "public_key": owner.public_key, "name": owner.name or "owner",
                           "email": owner.email, "role": "OWNER", "kind": "human", "scopes": []}],
        "revoked": [],
    })


def expiry(days: int, now: _dt.datetime | None = None) -> str:
    when = (now or _dt.datetime.now(_dt.timezone.utc)) + _dt.timedelta(days=days)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def bump(model: ManifestModel, **changes) -> ManifestModel:
    """Version N+1 with `changes` applied; collaborators re-sorted so the text stays canonical."""
    data = model.model_dump(by_alias=True)
    data.update(changes)
    data["version"] = model.version + 1
    data["collaborators"] = sorted(data["collaborators"], key=lambda c: c["kid"])
    return ManifestModel.model_validate(data)


def sign(text: str, private, kid: str) -> str:
    return jws.sign(text.encode("utf-8"), private, kid, jws.MANIFEST_TYP)


def signers(data: bytes, sig_text: str, *manifests: Manifest) -> tuple[set[str], list[str]]:
    """Kids whose signature line over `data` verifies with a key listed in one of `manifests`."""
    valid: set[str] = set()
    problems = []
    for number, line in enumerate(sig_text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            kid = jws.header(line.strip(), jws.MANIFEST_TYP)["kid"]
            holder = next((m for m in manifests if m.find(kid)), None)
            if holder is None:
                raise jws.JwsError(f"signer {kid[:12]} is not in the manifest")
            jws.verify(line.strip(), data, holder.public(kid), jws.MANIFEST_TYP, kid)
            valid.add(kid)
        except jws.JwsError as exc:
            problems.append(f"{SIGNATURES} line {number}: {exc.message}")
    return valid, problems


def check_transition(old: Manifest | None, new: Manifest, data: bytes, sig_text: str) -> list[str]:
    """Why N -> N+1 (or genesis when `old` is None) is not a valid step; empty when it is."""
    problems = []
    if old is None and new.version != 1:
        problems.append(f"the first manifest must be version 1, not {new.version}")
    if old is not None:
        if new.version != old.version + 1:
            problems.append(f"version goes from {old.version} to {new.version}; it must be exactly {old.version + 1}")
        if new.project_id != old.project_id:
            problems.append(f"project_id changed from {old.project_id} to {new.project_id}")
    found, sig_problems = signers(data, sig_text, *(m for m in (old, new) if m))
    for label, manifest in (("previous", old), ("new", new)):
        if manifest is None:
            continue
        count = len(found & manifest.owners())
        if count < manifest.model.owner_threshold:
            problems.append(f"needs {manifest.model.owner_threshold} signature(s) from distinct OWNERs of the "
                            f"{label} version {manifest.version}, found {count}")
            problems += sig_problems
            sig_problems = []
    return problems


def collaborator(kid: str, public_key: str, name: str, email: str, role: str, kind: str = "human",
                 scopes: list[str] | None = None) -> dict:
    return {"kid": kid, "public_key": public_key, "name": name, "email": email, "role": role,
            "kind": kind, "scopes": list(scopes or [])}


def revoked_entry(kid: str, sha: str) -> Revoked:
    return Revoked(kid=kid, last_good_commit=sha)
