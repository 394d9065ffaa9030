"""Fixtures and builders shared by tests/trust and tests/history.

argon2id at the production cost (64 MiB, t=3) takes ~0.2 s per key, so every
key is generated and unlocked once per session and its file copied into
each test's $NARRATIVE_HOME. Production parameters are never lowered.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

PASS = "correct horse battery staple"


@dataclass
class Key:
    name: str
    kid: str
    public_key: str
    path: Path
    signer: object  # identity.Signer

    @property
    def text(self) -> str:
        return self.path.read_text()


@pytest.fixture(scope="session")
def keyring(tmp_path_factory) -> dict[str, Key]:
    from narrative_cli.trust import identity, keys

    folder = tmp_path_factory.mktemp("session-keys")
    ring = {}
    for name in ("ada", "bea", "eve", "vic", "rex"):
        made = keys.generate(name.title(), f"{name}@example.org", PASS, directory=folder)
        data = keys.read_key_file(made.path.read_text(), str(made.path))
        ring[name] = Key(name, made.kid, made.public_key, made.path,
                             identity.Signer(made.kid, keys.unlock(data, PASS, "test")))
    return ring


@pytest.fixture
def use_key(monkeypatch):
    """Make `key` the only key in $NARRATIVE_HOME (as if on that person's machine)."""
    from narrative_cli.trust.keys import keys_dir

    monkeypatch.setenv("CI", "true")
    monkeypatch.setenv("NARRATIVE_KEY_PASSPHRASE", PASS)

    def install(key: Key) -> Path:
        folder = keys_dir()
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True, mode=0o700)
        shutil.copy(key.path, folder / key.path.name)
        return folder / key.path.name

    return install


def git(root: Path, *args: str, input: str | None = None) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True, input=input).stdout


def head(root: Path) -> str:
    return git(root, "rev-parse", "HEAD").strip()


def manifest_model(root: Path):
    from narrative_cli.trust.manifest import parse

    return parse((root / "manifest.yaml").read_text())[0].model


def signed_commit(root: Path, key: Key, files: dict[str, str | None], action: str = "edit",
                  summary: str = "change", version: int | None = None, when: int | None = None) -> str:
    """Write files and make one signed commit exactly as the CLI would (any role: no local check)."""
    from narrative_cli.history.audit import commit_signed
    from narrative_cli.trust.manifest import parse

    for rel, text in files.items():
        path = root / rel
        if text is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
    current = parse(git(root, "show", "HEAD:manifest.yaml"))[0]
    return commit_signed(root, sorted(files), summary, action, None, [], key.signer, current.project_id,
                         version if version is not None else current.version, when=when)


def new_version(root: Path, signers: list[Key], actor: Key | None = None, raw: str | None = None,
                **changes) -> str:
    """Commit manifest N+1 (or `raw` text) signed by `signers`, as `actor` (default: first signer)."""
    from narrative_cli.trust import manifest as mf

    model = manifest_model(root)
    text = raw if raw is not None else mf.dump(mf.bump(model, **changes))
    sig = "".join(mf.sign(text, k.signer.private, k.kid) + "\n" for k in signers)
    return signed_commit(root, actor or signers[0], {"manifest.yaml": text, "manifest.sig": sig},
                         action="manage_collaborators", summary="manifest")


def member(key: Key, role: str, scopes: list[str] | None = None) -> dict:
    from narrative_cli.trust.manifest import collaborator

    return collaborator(key.kid, key.public_key, key.name.title(), f"{key.name}@example.org", role,
                        scopes=scopes)


def with_members(root: Path, *entries: dict) -> list[dict]:
    current = [c.model_dump() for c in manifest_model(root).collaborators]
    kids = {e["kid"] for e in entries}
    return [c for c in current if c["kid"] not in kids] + list(entries)


@pytest.fixture
def governed(tmp_path, keyring, use_key):
    """A new project whose genesis manifest makes Ada OWNER, plus Eve EDITOR and Vic VIEWER (version 2)."""
    from narrative_cli.ops.init import create_project

    use_key(keyring["ada"])
    root = create_project(tmp_path / "book", "Book", "Ada")
    new_version(root, [keyring["ada"]],
                collaborators=with_members(root, member(keyring["eve"], "EDITOR"), member(keyring["vic"], "VIEWER")))
    return root


def rules_of(root: Path, **kwargs) -> list[str]:
    from narrative_cli.history.verify import verify

    return sorted({f.rule for f in verify(root, full=True, **kwargs).findings})


def findings(root: Path, **kwargs):
    from narrative_cli.history.verify import verify

    return verify(root, full=True, **kwargs).findings


def key_json(key: Key) -> str:
    return json.dumps(json.loads(key.text))
