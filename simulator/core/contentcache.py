"""A per-user cache of validated content, so a second start skips YAML parsing and validation.

Why: parsing a persona, scenario, rubric and profile and validating them with pydantic costs
more than the whole first frame of the TUI. The result only depends on the file's bytes and on
the code that validates them, so it is stored under a key made of both:

    sha256(model class, code token, limits in force, sha256 of the file's bytes)

* editing a file changes its hash, so its entry is simply never asked for again;
* changing the models (or pydantic, or Python) changes the code token, same effect;
* an unreadable, truncated or foreign entry is ignored, deleted and rebuilt by the caller.

An entry is data, never code: the first line repeats the entry's key, the rest is the model's
JSON (`model_dump_json`), read back with `model_validate_json`, which re-checks every field in
pydantic's compiled validator (1.3 ms for the largest persona, against 0.7 ms to unpickle and
8.6 ms to parse and validate the YAML; bench/startup.py keeps the warm start in its bounds).
An entry whose first line names another key (a renamed or swapped file) is not used: an entry
cannot make `first-call-zhang` play another persona. Entries are read only from a folder and
a file that are this user's own, not symlinks and writable by nobody else (`safeio`), and
written atomically with mode 0600 in a folder created 0700. Deleting the folder is always
safe; `COLLECTSIM_NO_CACHE=1` turns the cache off.
"""

from __future__ import annotations

import hashlib
import os
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import limits
from .safeio import discard, read_trusted, write_private

FORMAT = 2  # 2: JSON validated on read (1 was pickle, which can run code)

_ROOT = Path(__file__).resolve().parent.parent.parent  # the folder holding simulator/ and scoring/
# The code whose behaviour a cached model depends on: the models and their validation.
_CODE = ("simulator/core/*.py", "scoring/model.py", "scoring/library.py")


def enabled() -> bool:
    return os.environ.get("COLLECTSIM_NO_CACHE", "") in ("", "0")


def cache_dir(kind: str = "content") -> Path:
    """`$COLLECTSIM_HOME/cache/KIND` when set (tests, benches), else the user cache dir's
    KIND folder (this cache and the TUI's first-frame cache share the place and the rules)."""
    home = os.environ.get("COLLECTSIM_HOME")
    if home:
        return Path(home) / "cache" / kind
    from platformdirs import user_cache_path

    return user_cache_path("collectsim", appauthor=False) / kind


@lru_cache(maxsize=1)
def code_token() -> str:
    """Changes whenever the validating code, pydantic or Python changes."""
    import pydantic

    h = hashlib.sha256(f"{FORMAT}\0{sys.version}\0{pydantic.VERSION}".encode())
    for pattern in _CODE:
        for f in sorted(_ROOT.glob(pattern)):
            h.update(f.name.encode() + b"\0" + f.read_bytes())
    return h.hexdigest()


def _key(model: type, digest: str) -> str:
    name = f"{model.__module__}.{model.__qualname__}\0{code_token()}\0{limits.token()}\0{digest}"
    return hashlib.sha256(name.encode()).hexdigest()


def get(model: Any, digest: str) -> Any | None:
    """The cached validated model for this file content, or None (missing, stale or bad)."""
    if not enabled():
        return None
    key = _key(model, digest)
    raw = read_trusted(cache_dir(), key + ".json")
    if raw is None:
        return None
    head, _, body = raw.partition(b"\n")
    if head != key.encode():  # not the entry this name promises: swapped or foreign
        discard(cache_dir() / (key + ".json"))
        return None
    try:
        return model.model_validate_json(body)
    except Exception:  # truncated, corrupt, or from models that changed: rebuild
        discard(cache_dir() / (key + ".json"))
        return None


def put(model: type, digest: str, obj: Any) -> None:
    """Store `obj` (validated from content with this digest); failures only cost speed."""
    if not enabled():
        return
    key = _key(model, digest)
    try:
        write_private(cache_dir() / (key + ".json"), key.encode() + b"\n" + obj.model_dump_json().encode())
    except Exception:
        return
