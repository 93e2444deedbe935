"""HMAC-SHA256 over a canonical JSON of every stored field: a changed grade shows."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from pathlib import Path
from typing import Any


def key_path() -> Path:
    override = os.environ.get("COLLECTSIM_HOME")
    if override:
        return Path(override) / "hmac.key"
    from platformdirs import user_config_path

    return user_config_path("collectsim", appauthor=False) / "hmac.key"


def load_key() -> bytes:
    """$COLLECTSIM_HMAC_KEY, else the trainer's key file (created with a random key once)."""
    env = os.environ.get("COLLECTSIM_HMAC_KEY")
    if env:
        return env.encode()
    p = key_path()
    if not p.exists():
        p.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = p.with_suffix(f".{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)  # private from the start
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_hex(32))
        try:
            os.link(tmp, p)  # atomic and never overwrites a key another process made
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    return p.read_text().strip().encode()


def canonical(fields: dict[str, Any]) -> bytes:
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def sign(fields: dict[str, Any], key: bytes) -> str:
    return hmac.new(key, canonical(fields), hashlib.sha256).hexdigest()


def matches(fields: dict[str, Any], signature: str | None, key: bytes) -> bool:
    return signature is not None and hmac.compare_digest(sign(fields, key), signature)
