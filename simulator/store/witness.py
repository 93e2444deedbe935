"""The assessor's witness log: one line per signed event (a sitting set, an attempt begun, a
turn journaled, an attempt sealed), appended beside the private key.

Signatures show that a record was not changed; they cannot show that a record is still
there. Whoever can write to the database can delete a later FAIL, or the last turn of an
unfinished call, and every remaining signature still checks out. The witness lives in the
assessor's account, out of reach of anyone who can only reach the database, and `verify`
asks the store for every event it lists.
"""

from __future__ import annotations

import fcntl
import json
import os
from pathlib import Path
from typing import Any

from .keys import key_path


def witness_path(private: Path | None = None) -> Path:
    return (private or key_path()).with_suffix(".witness.jsonl")


def append(path: Path, event: dict[str, Any]) -> None:
    """One line, appended under an exclusive lock and synced (many sittings write at once)."""
    line = (json.dumps(event, sort_keys=True, separators=(",", ":")) + "\n").encode()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.write(fd, line)
        os.fsync(fd)
    finally:
        os.close(fd)


def read(path: Path, store_id: str) -> list[dict[str, Any]]:
    """This store's events. A torn last line (a crash mid-append) is skipped."""
    try:
        lines = path.read_bytes().splitlines()
    except FileNotFoundError:
        return []
    out = []
    for raw in lines:
        try:
            ev = json.loads(raw)
        except ValueError:
            continue
        if isinstance(ev, dict) and ev.get("store") == store_id:
            out.append(ev)
    return out
