"""The per-commit rules of `narrative verify` (TRUST.md R1-R7, R10-R12).

Each check returns findings; it never raises and never runs git: everything it
needs (commit objects, diffs, blobs, parsed manifests) was fetched in batches
by verify.py and handed over in a `Context`.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field

from narrative_cli.history import audit
from narrative_cli.history.gitbatch import Commit
from narrative_cli.trust import jws, roles
from narrative_cli.trust.manifest import MANIFEST, SIGNATURES, Manifest, check_transition, dump

FUTURE_SLACK = 300
MAX_BYTES = 1024 * 1024
KEY_MARKERS = (b"PRIVATE KEY-----", b"openssh-key-v1", b'"format": "narrative-key/1"', b'"ciphertext"')


@dataclass
class Finding:
    commit: str
    rule: str
    message: str
    kid: str | None = None
    role: str | None = None
    manifest: int | None = None
    path: str | None = None

    def format(self) -> str:
        bits = [self.commit[:10], self.rule]
        if self.kid:
            bits.append(f"kid={self.kid[:12]}")
        bits.append(f"role={self.role or '-'}")
        if self.manifest is not None:
            bits.append(f"manifest={self.manifest}")
        if self.path:
            bits.append(f"path={self.path}")
        return " ".join(bits) + f": {self.message}"

    def to_json(self) -> dict:
        return {"commit": self.commit, "rule": self.rule, "kid": self.kid, "role": self.role,
                "manifest_version": self.manifest, "path": self.path, "message": self.message}


@dataclass
class Context:
    blobs: dict[str, bytes]  # blob id -> content (governed text files, manifests, small files)
    sizes: dict[str, int]  # blob id -> size
    dir_names: dict[str, list[str]]  # "commit:dir" -> entry names, for case collisions
    now: int
    revoked: dict[str, str]  # kid -> last good commit (from the manifest at the verified head)
    revoked_ok: dict[str, set[str]] = field(default_factory=dict)  # kid -> ancestors of last good commit


class Judge:
    """Findings for one commit, pre-filled with who/what so each rule only says why."""

    def __init__(self, commit: Commit, manifest: Manifest | None):
        self.commit, self.manifest, self.kid, self.role = commit, manifest, None, None
        self.findings: list[Finding] = []

    def add(self, rule: str, message: str, path: str | None = None) -> None:
        version = self.manifest.version if self.manifest else None
        self.findings.append(Finding(self.commit.sha, rule, message, self.kid, self.role, version, path))


@dataclass
class ManifestStep:
    """What a commit did to the manifest: the new version (or why it is unreadable) and its signatures."""

    new: Manifest | None = None
    problems: list[str] = field(default_factory=list)
    data: bytes = b""
    sig_text: str = ""


def check_commit(commit: Commit, manifest: Manifest, step: ManifestStep, ctx: Context,
                 genesis: bool = False) -> list[Finding]:
    """All rules for one non-merge commit judged by `manifest` (the one at its parent; for the
    genesis commit, the manifest it creates)."""
    judge = Judge(commit, manifest)
    record = audit.parse_trailers(commit.message)
    judge.kid = record.actor
    collab = manifest.find(record.actor) if record.actor else None
    judge.role = collab.role if collab else None
    if _signature(judge, record, collab, manifest, ctx):
        check_paths(judge, commit, ctx)
        return judge.findings
    _declared(judge, record, commit)
    if collab is not None:
        for path, missing in roles.denials(collab.role, collab.scopes, record.action, commit.changes):
            judge.add("R6", f"{record.action}: {roles.describe(missing)}", path or None)
        if record.action not in audit_actions():
            judge.add("R6", f"unknown action {record.action!r}")
    _manifest_change(judge, commit, None if genesis else manifest, step)
    if commit.time > ctx.now + FUTURE_SLACK:
        judge.add("R10", f"commit time {commit.time} is in the future")
    check_paths(judge, commit, ctx)
    return judge.findings


def audit_actions() -> tuple[str, ...]:
    return audit.ACTIONS


def _signature(judge: Judge, record, collab, manifest: Manifest, ctx: Context) -> bool:
    """R1-R4; True when the commit cannot be attributed at all (so the later rules are moot)."""
    if len(record.signatures) != 1 or not record.actor or not record.action or record.duplicates:
        what = ("missing" if not record.signatures else "duplicated" if len(record.signatures) > 1
                else "malformed (" + (", ".join(record.duplicates) + " repeated" if record.duplicates
                                      else "no Narrative-Actor or Narrative-Action") + ")")
        judge.add("R1", f"signature trailer {what}")
        return True
    token = record.signatures[0]
    if token.count(".") != 2:
        judge.add("R1", "signature trailer malformed (not a compact JWS)")
        return True
    if collab is None or record.actor in manifest.revoked():
        judge.add("R3", f"actor {record.actor[:12]} is not a collaborator in manifest version {manifest.version}")
        return True
    last_good = ctx.revoked.get(record.actor)
    if last_good is not None and judge.commit.sha not in ctx.revoked_ok.get(record.actor, set()):
        judge.add("R3", f"key was revoked; its last good commit is {last_good[:10]}")
        return True
    try:
        trailer_version = int(record.manifest or "")
    except ValueError:
        trailer_version = -1
    split = audit.split_signed(judge.commit.raw)
    if split is None or split[1] != token:
        judge.add("R4", "the signature is not the message's last line (lines were added after it)")
        return True
    error = None
    for body in _signed_bodies(judge.commit, manifest, record, split[0]):
        try:
            jws.verify(token, body, manifest.public(record.actor), jws.COMMIT_TYP, record.actor)
            break
        except jws.JwsError as exc:
            error = error or exc
    else:
        judge.add("R4" if error.payload_mismatch else "R2", _why(error, judge.commit, record, trailer_version, manifest))
        return True
    if trailer_version != manifest.version or record.time != str(judge.commit.time):
        judge.add("R4", "Narrative-Manifest or Narrative-Time trailer differs from the commit")
    return False


def _signed_bodies(commit: Commit, manifest: Manifest, record, unsigned: bytes) -> list[bytes]:
    """What the signature may cover: format 2 (the whole commit object), then format 1 (TRUST.md).
    Each signature verifies against only the one body it was made for."""
    common = (manifest.project_id, commit.tree, commit.parents, manifest.version, record.actor, record.action,
              commit.changes, commit.time, commit.message)
    return [audit.payload(*common, unsigned_object=unsigned), audit.payload(*common)]


def _why(exc: jws.JwsError, commit: Commit, record, trailer_version: int, manifest: Manifest) -> str:
    if not exc.payload_mismatch:
        return exc.message
    if trailer_version != manifest.version:
        return f"signed for manifest version {trailer_version}, but the parent has version {manifest.version}"
    return ("the signed payload (tree, parents, project, manifest version, message, author or committer) "
            "differs from this commit")


def _declared(judge: Judge, record, commit: Commit) -> None:
    """R5: the Narrative-Change trailers must list exactly the real changes."""
    declared = {audit.parse_change_line(line) for line in record.changes}
    real = set(commit.changes)
    for change in sorted(real - declared, key=lambda c: c.path):
        judge.add("R5", "changed but not declared in a Narrative-Change trailer", change.path)
    for change in sorted((c for c in declared - real if c), key=lambda c: c.path):
        judge.add("R5", "declared in a Narrative-Change trailer but not changed that way", change.path)
    if None in declared:
        judge.add("R5", "malformed Narrative-Change trailer")


def _manifest_change(judge: Judge, commit: Commit, old: Manifest | None, step: ManifestStep) -> None:
    touched = {c.path for c in commit.changes}
    if MANIFEST not in touched:
        if SIGNATURES in touched:
            judge.add("R7", "manifest.sig changed without a new manifest version", SIGNATURES)
        return
    if step.new is None:
        for problem in step.problems:
            judge.add("R12", problem, MANIFEST)
        if not step.problems:
            judge.add("R7", "the manifest was removed", MANIFEST)
        return
    if dump(step.new.model).encode("utf-8") != step.data:
        judge.add("R12", "manifest.yaml is not in canonical form", MANIFEST)
    for problem in check_transition(old, step.new, step.data, step.sig_text):
        judge.add("R7", problem, MANIFEST)


def check_paths(judge: Judge, commit: Commit, ctx: Context) -> None:
    """R11 (unsafe entries) and R12 (hostile or invalid YAML) for what the commit adds or changes."""
    seen: set[str] = set()
    for change in commit.changes:
        if change.new is None:
            continue
        for problem in unsafe_entry(change.path, commit.modes.get(change.path, ""), ctx.sizes.get(change.new, 0)):
            judge.add("R11", problem, change.path)
        content = ctx.blobs.get(change.new)
        if content is not None and _looks_like_private_key(change.path, content):
            judge.add("R11", "a private key is committed", change.path)
        if change.old is None:
            _case_collision(judge, commit, change.path, ctx, seen)
        if content is not None and change.path != MANIFEST and commit.modes.get(change.path, "100644") != "120000":
            for problem in governed_yaml_problems(change.path, content):
                judge.add("R12", problem, change.path)


def unsafe_entry(path: str, mode: str, size: int) -> list[str]:
    out = []
    if mode == "120000":
        out.append("symbolic link")
    elif mode == "160000":
        out.append("gitlink (submodule)")
    parts = path.split("/")
    if any(p in ("", ".", "..") for p in parts) or "\\" in path or any(ord(ch) < 32 or ord(ch) == 127 for ch in path):
        out.append("unsafe path ('..', '.', empty segment, backslash or control character)")
    if unicodedata.normalize("NFC", path) != path:
        out.append("file name is not in Unicode NFC form")
    if size > MAX_BYTES and not path.startswith("assets/"):
        out.append(f"file is {size} bytes, over the 1 MiB limit")
    return out


def _looks_like_private_key(path: str, content: bytes) -> bool:
    if path.endswith((".key", ".pem")):
        return True
    head = content[:8192]
    return any(marker in head for marker in KEY_MARKERS[:2]) or (
        b"narrative-key/1" in head and KEY_MARKERS[3] in head)


def _case_collision(judge: Judge, commit: Commit, path: str, ctx: Context, seen: set[str]) -> None:
    folder, _, name = path.rpartition("/")
    key = f"{commit.sha}:{folder}"
    if key in seen:
        return
    names = ctx.dir_names.get(key, [])
    folded: dict[str, str] = {}
    for entry in names:
        other = folded.setdefault(unicodedata.normalize("NFC", entry).casefold(), entry)
        if other != entry:
            judge.add("R11", f"names differ only by case: {other} and {entry}", f"{folder}/{entry}".lstrip("/"))
    seen.add(key)


def governed_yaml_problems(path: str, content: bytes) -> list[str]:
    """R12: anchors, aliases, tags, duplicate keys, depth, and the schema of canon/scene/chapter/project files."""
    from narrative_cli.history.schemas import problems_for

    return problems_for(path, content)


def as_json(findings: list[Finding]) -> str:
    return json.dumps([f.to_json() for f in findings])
