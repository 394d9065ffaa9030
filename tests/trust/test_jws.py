"""Detached, unencoded-payload JWS: header pins are checked before pyjwt ever sees the token."""

from __future__ import annotations

import base64
import json

import pytest

from narrative_cli.trust import jws


def _b64(obj) -> str:
    return base64.urlsafe_b64encode(json.dumps(obj).encode()).rstrip(b"=").decode()


def test_round_trip_header_is_exactly_the_contract(keyring):
    ada = keyring["ada"]
    token = jws.sign(b"bytes as stored", ada.signer.private, ada.kid, jws.MANIFEST_TYP)
    assert token.split(".")[1] == ""
    assert jws.header(token, jws.MANIFEST_TYP) == {"alg": "EdDSA", "b64": False, "crit": ["b64"], "kid": ada.kid,
                                                    "typ": "narrative-manifest+jws"}
    public = keys_public(ada)
    jws.verify(token, b"bytes as stored", public, jws.MANIFEST_TYP, ada.kid)
    with pytest.raises(jws.JwsError, match="invalid signature"):
        jws.verify(token, b"bytes as storeD", public, jws.MANIFEST_TYP, ada.kid)


def keys_public(key):
    return key.signer.private.public_key()


@pytest.mark.parametrize("change,message", [
    ({"alg": "HS256"}, "JWS alg 'HS256' is not EdDSA"),
    ({"alg": "none"}, "JWS alg 'none' is not EdDSA"),
    ({"typ": "JWT"}, "JWS typ 'JWT' is not narrative-manifest+jws"),
    ({"b64": True}, "is not exactly"),
    ({"crit": ["b64", "exp"]}, "is not exactly"),
    ({"x5u": "http://evil"}, "JWS header has unexpected fields: x5u"),
])
def test_header_pins(change, message):
    head = {"alg": "EdDSA", "b64": False, "crit": ["b64"], "kid": "k", "typ": jws.MANIFEST_TYP, **change}
    with pytest.raises(jws.JwsError) as err:
        jws.header(f"{_b64(head)}..c2ln", jws.MANIFEST_TYP)
    assert message in err.value.message


def test_kid_must_match_the_signer(keyring):
    ada, eve = keyring["ada"], keyring["eve"]
    token = jws.sign(b"x", ada.signer.private, ada.kid, jws.MANIFEST_TYP)
    with pytest.raises(jws.JwsError, match="does not match the signer"):
        jws.verify(token, b"x", keys_public(eve), jws.MANIFEST_TYP, eve.kid)
