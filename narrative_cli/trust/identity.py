"""Who is acting: the key to sign with, and its passphrase.

Two steps on purpose. `current()` reads only public data, so the write path
can refuse a VIEWER before asking for a passphrase; `unlock()` runs argon2
once, only when a signature is really needed.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

from narrative_cli.errors import Denied, NarrativeError, UsageError
from narrative_cli.trust import keys


@dataclass
class Identity:
    kid: str
    public_key: str
    name: str
    email: str
    data: dict  # the key file object (still encrypted)
    origin: str


@dataclass
class Signer:
    kid: str
    private: object  # cryptography Ed25519PrivateKey; never written or printed


def non_interactive() -> bool:
    return (os.environ.get("CI", "").lower() == "true" or os.environ.get("NARRATIVE_NON_INTERACTIVE") == "1"
            or not sys.stdin or not sys.stdin.isatty())


def current(manifest=None, kid: str | None = None) -> Identity:
    """NARRATIVE_SIGNING_KEY if set, else the key named by `kid`/NARRATIVE_KEY_ID, else the only
    key in $NARRATIVE_HOME (or the only one the manifest lists)."""
    env_key = os.environ.get("NARRATIVE_SIGNING_KEY")
    if env_key:
        return _identity(keys.read_key_file(env_key, "NARRATIVE_SIGNING_KEY"), "NARRATIVE_SIGNING_KEY")
    wanted = kid or os.environ.get("NARRATIVE_KEY_ID")
    if wanted:
        found = keys.find_key(wanted)
    else:
        found = _only_key(manifest)
    return _identity(keys.load(found.path), str(found.path))


def _only_key(manifest) -> keys.PublicKey:
    files = sorted(keys.keys_dir().glob("*.key")) if keys.keys_dir().is_dir() else []
    if len(files) == 1:  # report a damaged key file instead of pretending there is none
        data = keys.load(files[0])
        return keys.PublicKey(data["kid"], data["public_key"], data.get("name", ""), data.get("email", ""), files[0])
    mine = keys.list_keys()
    if manifest is not None and len(mine) > 1:
        mine = [k for k in mine if manifest.find(k.kid)] or mine
    if not mine:
        raise NarrativeError(f"no signing key in {keys.keys_dir()}",
                             hint="create one with `narrative keys generate --name NAME --email EMAIL`, "
                                  "or set NARRATIVE_SIGNING_KEY")
    if len(mine) > 1:
        raise UsageError(f"{len(mine)} keys in {keys.keys_dir()}; say which one to use",
                         hint="set NARRATIVE_KEY_ID=<kid prefix> (see `narrative keys list`)")
    return mine[0]


def _identity(data: dict, origin: str) -> Identity:
    return Identity(data["kid"], data["public_key"], data.get("name", ""), data.get("email", ""), data, origin)


def passphrase(prompt: str, confirm: bool = False) -> str:
    """From NARRATIVE_KEY_PASSPHRASE, else a hidden prompt; never from argv."""
    value = os.environ.get("NARRATIVE_KEY_PASSPHRASE")
    if value is not None:
        return value
    if non_interactive():
        raise UsageError("no passphrase: this run is non-interactive",
                         hint="set NARRATIVE_KEY_PASSPHRASE (from your CI secret store)")
    import getpass

    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("again: ") != first:
        raise UsageError("the two passphrases differ; nothing was written")
    return first


def new_passphrase() -> str:
    """The new passphrase for `keys change-passphrase`: NARRATIVE_NEW_KEY_PASSPHRASE, else asked twice.

    Never NARRATIVE_KEY_PASSPHRASE: that is the current one, and taking it as the new one
    "changed" a passphrase to itself."""
    value = os.environ.get("NARRATIVE_NEW_KEY_PASSPHRASE")
    if value is None and non_interactive():
        raise UsageError("no new passphrase: this run is non-interactive; nothing was changed",
                         hint="set NARRATIVE_NEW_KEY_PASSPHRASE to the new passphrase")
    if value is None:
        import getpass

        value = getpass.getpass("new passphrase: ")
        if value and getpass.getpass("again: ") != value:
            raise UsageError("the two passphrases differ; nothing was changed")
    if not value:
        raise UsageError("an empty new passphrase is not allowed; nothing was changed",
                         hint="choose a passphrase of a few words")
    return value


def unlock(identity: Identity) -> Signer:
    secret = passphrase(f"passphrase for {identity.name or 'key'} ({identity.kid[:12]}): ")
    return Signer(identity.kid, keys.unlock(identity.data, secret, identity.origin))


def label(identity_kid: str, role: str | None) -> str:
    return f"{role or 'not a collaborator'} (kid {identity_kid[:4]}…)"


def require(manifest, identity: Identity, action: str, changes) -> None:
    """Refuse (exit 3) unless the manifest lets `identity` make every one of `changes`."""
    from narrative_cli.trust import roles

    collab = manifest.find(identity.kid)
    if collab is None or identity.kid in manifest.revoked():
        state = "revoked" if identity.kid in manifest.revoked() else "not a collaborator"
        raise Denied(f"denied: key {identity.kid[:4]}… is {state} in manifest version {manifest.version}",
                     hint="ask an owner to run `narrative collab add` with your `narrative keys export-public`")
    missing = roles.denials(collab.role, collab.scopes, action, changes)
    if missing:
        path, permission = missing[0]
        where = f" ({path})" if path else ""
        raise Denied(f"denied: you are {collab.role} (kid {identity.kid[:4]}…); {roles.describe(permission)}{where}")
