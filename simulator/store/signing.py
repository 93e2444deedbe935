"""Results signed as compact JWS (Ed25519, RFC 7515 / RFC 9864), as xAPI signs statements:
the payload is a small canonical JSON naming what it vouches for (ids, scores, sha256 of
the transcript, report and turn chain), so anyone with the public key can check a record
and read what was signed without this program."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # joserfc (and cryptography under it) is imported by the functions that sign:
    # a practice tab's process stores calls but signs nothing, and each of the 30 would carry it
    from joserfc.jwk import OKPKey

ALG = "Ed25519"


def canonical(obj: Any) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def sha256(data: str | bytes) -> str:
    return hashlib.sha256(data.encode() if isinstance(data, str) else data).hexdigest()


def sign(payload: dict[str, Any], key: OKPKey) -> str:
    from joserfc import jws

    header = {"alg": ALG, "kid": key.thumbprint(), "typ": "collectsim+jws"}
    return jws.serialize_compact(header, canonical(payload), key, algorithms=[ALG])


def verified(token: str | None, key: OKPKey) -> dict[str, Any] | None:
    """The payload `token` signs, if its signature checks out with `key`; else None."""
    if not token:
        return None
    from joserfc import jws

    try:
        obj = jws.deserialize_compact(token, key, algorithms=[ALG])
        payload = json.loads(obj.payload)
    except Exception:
        return None
    return payload if isinstance(payload, dict) else None


def chain_next(prev: str, record_text: str) -> str:
    """One link of an attempt's turn chain: each turn's hash covers every turn before it."""
    return sha256(prev + "\n" + record_text)
