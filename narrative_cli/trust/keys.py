"""Ed25519 signing keys, encrypted at rest with argon2id + AES-256-GCM (TRUST.md "Identity").

A key file is one JSON object. Every field except the ciphertext is the
AEAD's associated data, so editing the name, the KDF parameters or the kid
makes decryption fail instead of silently changing meaning. Unlocking checks
the KDF bounds *before* running argon2: a tampered file can neither
downgrade the work factor nor ask for gigabytes of memory.
"""

from __future__ import annotations

import base64
import datetime as _dt
import hashlib
import json
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from narrative_cli.errors import NarrativeError, UsageError

FORMAT = "narrative-key/1"
KDF_DEFAULTS = {"alg": "argon2id", "t": 3, "m": 65536, "p": 4}
# No downgrade below RFC 9106's low-memory profile, no memory bomb above 1 GiB.
KDF_BOUNDS = {"t": (3, 16), "m": (65536, 1048576), "p": (1, 16)}
HEADER_FIELDS = ("format", "kid", "public_key", "name", "email", "created", "kdf", "cipher", "nonce")


class KeyError_(NarrativeError):
    """A key file that cannot be unlocked: wrong passphrase, damaged or tampered."""


@dataclass(frozen=True)
class PublicKey:
    kid: str
    public_key: str  # "ssh-ed25519 AAAA..."
    name: str
    email: str
    path: Path | None = None


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def raw_public(private) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def kid_of_raw(raw: bytes) -> str:
    """Key id = hex SHA-256 of the raw 32-byte Ed25519 public key."""
    return hashlib.sha256(raw).hexdigest()


def ssh_line(raw: bytes) -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    key = Ed25519PublicKey.from_public_bytes(raw)
    return key.public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH).decode("ascii")


def parse_public_line(line: str):
    """An OpenSSH public key line -> a `cryptography` public key object (any type; callers pin)."""
    from cryptography.hazmat.primitives import serialization

    parts = line.strip().split()
    if len(parts) < 2:
        raise UsageError(f"not a public key line: {line[:40]!r}", hint="paste the output of `narrative keys export-public`")
    try:
        return serialization.load_ssh_public_key(f"{parts[0]} {parts[1]}".encode("ascii"))
    except (ValueError, UnicodeEncodeError, TypeError) as exc:
        raise UsageError(f"not a valid public key: {exc}") from None


def kid_of_line(line: str) -> str:
    from cryptography.hazmat.primitives import serialization

    key = parse_public_line(line)
    try:
        raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    except ValueError:
        raise UsageError(f"unsupported key type {line.split()[0]!r}; narrative keys are ssh-ed25519") from None
    return kid_of_raw(raw)


def home() -> Path:
    return Path(os.environ.get("NARRATIVE_HOME") or Path.home() / ".config" / "narrative")


def keys_dir() -> Path:
    return home() / "keys"


def _derive(passphrase: str, kdf: dict, salt: bytes) -> bytes:
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(passphrase.encode("utf-8"), salt, time_cost=kdf["t"], memory_cost=kdf["m"],
                           parallelism=kdf["p"], hash_len=32, type=Type.ID)


def _aad(header: dict) -> bytes:
    return json.dumps({k: header[k] for k in HEADER_FIELDS}, sort_keys=True, separators=(",", ":")).encode("utf-8")


def encrypt_seed(seed: bytes, header: dict, passphrase: str) -> dict:
    """A complete key-file object for `seed` under `passphrase` (fresh salt and nonce every time)."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, nonce = os.urandom(16), os.urandom(12)
    header = {**header, "format": FORMAT, "kdf": {**KDF_DEFAULTS, "salt": b64(salt)},
              "cipher": "aes-256-gcm", "nonce": b64(nonce)}
    key = _derive(passphrase, header["kdf"], salt)
    header["ciphertext"] = b64(AESGCM(key).encrypt(nonce, seed, _aad(header)))
    return header


def generate(name: str, email: str, passphrase: str, directory: Path | None = None) -> PublicKey:
    """Create a key pair, store the encrypted private half, return the public half."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    if not passphrase:
        raise UsageError("an empty passphrase is not allowed", hint="choose a passphrase of a few words")
    private = Ed25519PrivateKey.generate()
    seed = private.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                 serialization.NoEncryption())
    raw = raw_public(private)
    now = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    header = {"kid": kid_of_raw(raw), "public_key": ssh_line(raw), "name": name, "email": email, "created": now}
    data = encrypt_seed(seed, header, passphrase)
    path = write_key_file(data, directory)
    return PublicKey(data["kid"], data["public_key"], name, email, path)


def write_key_file(data: dict, directory: Path | None = None) -> Path:
    """Atomic 0600 write into a 0700 folder that must not be inside a Git work tree."""
    folder = directory or keys_dir()
    refuse_work_tree(folder)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    guard_folder(folder)
    path = folder / f"{data['kid']}.key"
    _write_atomic(path, (json.dumps(data, indent=2, sort_keys=True) + "\n").encode("utf-8"))
    return path


def _write_atomic(path: Path, content: bytes) -> None:
    tmp = path.parent / f".{path.name}.tmp{os.getpid()}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def warn(text: str) -> None:
    """A warning that must reach the user whichever command triggered it (one line, stderr)."""
    sys.stderr.write(f"narrative: warning: {text}\n")


def guard_folder(folder: Path) -> None:
    """A key folder open to group or others is narrowed to 0700, with a warning (ssh-style).

    Others could list, and with write access replace, the key files. Narrowing is safe (nobody
    else should be in there); if it cannot be done (not our folder), refuse."""
    if os.name != "posix":
        return
    mode = stat.S_IMODE(os.stat(folder).st_mode)
    if not mode & 0o077:
        return
    try:
        os.chmod(folder, 0o700)
    except OSError as exc:
        raise KeyError_(f"key folder {folder} is open to others (mode {mode:04o}) and cannot be narrowed: "
                        f"{exc.strerror}", hint=f"run `chmod 700 {folder}` as its owner") from None
    warn(f"key folder {folder} was open to others (mode {mode:04o}); narrowed it to 0700")


def guard_file(path: Path) -> None:
    """A private key file open to group or others is refused, as ssh refuses one.

    Not narrowed silently: whoever could read it may already hold a copy to attack the passphrase
    offline, and only the user can judge that. Checked on the file itself, not a symlink to it."""
    if os.name != "posix":
        return
    mode = stat.S_IMODE(os.stat(path).st_mode)
    if mode & 0o077:
        raise KeyError_(f"UNPROTECTED PRIVATE KEY FILE: {path} is open to others (mode {mode:04o}); "
                        "refusing to use it",
                        hint=f"run `chmod 600 {path}`; if others may have copied it, make a new key "
                             "and have an owner replace the old one")


def load(path: Path) -> dict:
    """A key file from disk, after the folder and file permission checks."""
    guard_folder(path.parent)
    guard_file(path)
    return read_key_file(path.read_text(encoding="utf-8", errors="replace"), str(path))


def refuse_work_tree(folder: Path) -> None:
    """Private keys never go where `git add -A` could pick them up."""
    probe = folder.resolve()
    for parent in (probe, *probe.parents):
        if (parent / ".git").exists():
            raise UsageError(f"refusing to store a private key inside the Git work tree {parent}",
                             hint="set NARRATIVE_HOME to a folder outside any repository")


def read_key_file(text: str, origin: str) -> dict:
    """Parse and shape-check a key file before anything expensive happens."""
    try:
        data = json.loads(text)
    except ValueError:
        raise KeyError_(f"{origin}: key file is damaged (not JSON)", hint="restore it from your backup") from None
    try:
        ok = (isinstance(data, dict) and all(k in data for k in HEADER_FIELDS) and data.get("format") == FORMAT and data.get("cipher") == "aes-256-gcm"
              and all(isinstance(data.get(k), str) for k in ("kid", "public_key", "nonce", "ciphertext"))
              and isinstance(data.get("kdf"), dict) and data["kdf"].get("alg") == "argon2id"
              and len(unb64(data["kdf"]["salt"])) == 16 and len(unb64(data["nonce"])) == 12
              and len(unb64(data["ciphertext"])) == 48)
    except (ValueError, TypeError, KeyError, AttributeError):
        ok = False
    if not ok:
        raise KeyError_(f"{origin}: key file is damaged or not a narrative key", hint="restore it from your backup")
    _check_bounds(data["kdf"], origin)
    return data


def _check_bounds(kdf: dict, origin: str) -> None:
    for name, (low, high) in KDF_BOUNDS.items():
        value = kdf.get(name)
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise KeyError_(f"{origin}: key file asks for argon2 {name}={value!r}, outside {low}..{high}",
                            hint="the file was edited or damaged; restore it from your backup")


def unlock(data: dict, passphrase: str, origin: str):
    """Decrypt the seed and prove it belongs to the kid and public key in the file."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    key = _derive(passphrase, data["kdf"], unb64(data["kdf"]["salt"]))
    try:
        seed = AESGCM(key).decrypt(unb64(data["nonce"]), unb64(data["ciphertext"]), _aad(data))
    except InvalidTag:
        raise KeyError_(f"wrong passphrase for key {data['kid'][:12]} (or the key file was altered)") from None
    private = Ed25519PrivateKey.from_private_bytes(seed)
    raw = raw_public(private)
    if kid_of_raw(raw) != data["kid"] or ssh_line(raw) != data["public_key"].strip():
        raise KeyError_(f"{origin}: decrypted key does not match its kid and public key",
                        hint="the file was tampered with; restore it from your backup")
    return private


def list_keys(directory: Path | None = None) -> list[PublicKey]:
    folder = directory or keys_dir()
    found = []
    for path in sorted(folder.glob("*.key")) if folder.is_dir() else []:
        try:
            data = read_key_file(path.read_text(encoding="utf-8"), str(path))
        except (KeyError_, OSError, UnicodeDecodeError):
            continue
        found.append(PublicKey(data["kid"], data["public_key"], data.get("name", ""), data.get("email", ""), path))
    return found


def find_key(prefix: str, directory: Path | None = None) -> PublicKey:
    """A key by kid or unambiguous kid prefix."""
    matches = [k for k in list_keys(directory) if k.kid.startswith(prefix.lower())]
    if len(matches) != 1:
        what = "no key" if not matches else f"{len(matches)} keys"
        raise UsageError(f"{what} matching '{prefix}' in {directory or keys_dir()}",
                         hint="`narrative keys list` shows your keys")
    return matches[0]


def change_passphrase(key: PublicKey, old: str, new: str) -> None:
    """Re-encrypt with a fresh salt and nonce; the old file stays until the new one is in place.

    Then prove it from the disk: the file as re-read opens with `new` to the same key and no
    longer opens with `old`. If that proof fails the previous bytes are put back."""
    from cryptography.hazmat.primitives import serialization

    if not new:
        raise UsageError("an empty new passphrase is not allowed; nothing was changed",
                         hint="choose a passphrase of a few words")
    if new == old:
        raise UsageError("the new passphrase is the same as the current one; nothing was changed",
                         hint="set NARRATIVE_NEW_KEY_PASSPHRASE to the new passphrase (or type it when asked)")
    data = load(key.path)
    before = key.path.read_bytes()
    private = unlock(data, old, str(key.path))
    seed = private.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                 serialization.NoEncryption())
    header = {k: data[k] for k in ("kid", "public_key", "name", "email", "created")}
    path = write_key_file(encrypt_seed(seed, header, new), key.path.parent)
    try:
        _prove_change(path, raw_public(private), old, new)
    except BaseException:
        _write_atomic(path, before)
        raise


def _prove_change(path: Path, raw: bytes, old: str, new: str) -> None:
    origin = str(path)
    data = read_key_file(path.read_text(encoding="utf-8"), origin)
    if raw_public(unlock(data, new, origin)) != raw:
        raise KeyError_(f"{origin}: the re-encrypted key is not the same key; the old file was put back")
    try:
        unlock(data, old, origin)
    except KeyError_:
        return
    raise KeyError_(f"{origin}: the old passphrase still opens the re-encrypted key; the old file was put back")
