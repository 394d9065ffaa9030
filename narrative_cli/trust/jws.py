"""Compact JWS with a detached, unencoded payload (RFC 7797), alg EdDSA only.

pyjwt does the cryptography; everything an attacker controls in the header is
pinned here first: alg, typ, b64, crit and the set of header fields, and the
public key must be an Ed25519 key (pyjwt's EdDSA would also accept Ed448).
A signature made for one purpose (a manifest) can therefore never pass as
another (a commit), and `alg: none` or HS256 never reach pyjwt at all.

Commit signatures carry one informative header field, `p256` (hex SHA-256 of
the signed payload). It is covered by the signature and lets the verifier
say *why* a signature fails: a payload that differs from the commit (R4:
copied or rebased) versus a signature that is simply wrong (R2).
"""

from __future__ import annotations

import base64
import hashlib
import json

MANIFEST_TYP = "narrative-manifest+jws"
COMMIT_TYP = "narrative-commit+jws"
BASE_FIELDS = {"alg", "b64", "crit", "kid", "typ"}
EXTRA_FIELDS = {MANIFEST_TYP: set(), COMMIT_TYP: {"p256"}}


class JwsError(Exception):
    """Why a signature was refused; `payload_mismatch` marks a valid-looking signature for other bytes."""

    def __init__(self, message: str, payload_mismatch: bool = False):
        super().__init__(message)
        self.message = message
        self.payload_mismatch = payload_mismatch


def sign(payload: bytes, private, kid: str, typ: str) -> str:
    from jwt import api_jws

    headers = {"b64": False, "crit": ["b64"], "kid": kid, "typ": typ}
    if typ == COMMIT_TYP:
        headers["p256"] = hashlib.sha256(payload).hexdigest()
    return api_jws.encode(payload, private, algorithm="EdDSA", headers=headers, is_payload_detached=True)


def header(token: str, typ: str) -> dict:
    """The protected header, refused unless it is exactly what narrative writes."""
    parts = token.split(".")
    if len(parts) != 3 or parts[1] != "" or not parts[0] or not parts[2]:
        raise JwsError("not a compact JWS with a detached payload")
    try:
        head = json.loads(base64.urlsafe_b64decode(parts[0] + "=" * (-len(parts[0]) % 4)))
    except (ValueError, UnicodeDecodeError):
        raise JwsError("JWS header is not base64url JSON") from None
    if not isinstance(head, dict):
        raise JwsError("JWS header is not an object")
    if head.get("alg") != "EdDSA":
        raise JwsError(f"JWS alg {head.get('alg')!r} is not EdDSA")
    if head.get("typ") != typ:
        raise JwsError(f"JWS typ {head.get('typ')!r} is not {typ}")
    if head.get("b64") is not False or head.get("crit") != ["b64"]:
        raise JwsError(f"JWS crit {head.get('crit')!r} / b64 {head.get('b64')!r} is not exactly [\"b64\"] / false")
    extra = set(head) - BASE_FIELDS - EXTRA_FIELDS.get(typ, set())
    if extra:
        raise JwsError(f"JWS header has unexpected fields: {', '.join(sorted(extra))}")
    if not isinstance(head.get("kid"), str):
        raise JwsError("JWS header has no kid")
    return head


def require_ed25519(public) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    if not isinstance(public, Ed25519PublicKey):
        raise JwsError(f"key type {type(public).__name__.replace('PublicKey', '') or '?'} is not Ed25519")


def verify(token: str, payload: bytes, public, typ: str, kid: str) -> dict:
    """Check header pins, key type, kid, then the signature over `payload`. Returns the header."""
    import jwt
    from jwt import api_jws

    head = header(token, typ)
    require_ed25519(public)
    if head["kid"] != kid:
        raise JwsError(f"JWS kid {head['kid'][:12]} does not match the signer {kid[:12]}")
    if "p256" in head and head["p256"] != hashlib.sha256(payload).hexdigest():
        raise JwsError("the signature was made for a different payload", payload_mismatch=True)
    try:
        api_jws.decode_complete(token, public, algorithms=["EdDSA"], detached_payload=payload)
    except jwt.InvalidTokenError as exc:
        raise JwsError(f"invalid signature ({exc})") from None
    return head
