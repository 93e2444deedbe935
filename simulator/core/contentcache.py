"""A per-user cache of validated content, so a second start skips YAML parsing and validation.

Why: parsing a persona, scenario, rubric and profile and validating them with pydantic costs
more than the whole first frame of the TUI. The result only depends on the file's bytes and on
the code that validates them, so it is pickled under a key made of both:

    sha256(model class, code token, sha256 of the file's bytes)

* editing a file changes its hash, so its entry is simply never asked for again;
* changing the models (or pydantic, or Python) changes the code token, same effect;
* an unreadable, truncated or foreign entry is ignored, deleted and rebuilt by the caller.

Only pickles this code wrote are read: entries live in the user's own cache folder
(`user_cache_dir()/content`, created private), are written atomically with mode 0600, and an
entry is not read unless it is owned by the current user and writable by nobody else. The
cache holds nothing that cannot be rebuilt from the YAML; deleting the folder is always safe.
`COLLECTSIM_NO_CACHE=1` turns it off.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

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


def write_private(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically, in a private folder with mode 0600, or not at all
    (an OSError is raised; a cache caller ignores it: a failure only costs speed)."""
    import tempfile  # slow to import, and only writing needs it (reading is the fast path)

    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)  # mode 0600
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        _discard(Path(tmp))
        raise


@lru_cache(maxsize=1)
def code_token() -> str:
    """Changes whenever the validating code, pydantic or Python changes."""
    import pickle

    import pydantic

    h = hashlib.sha256(f"{sys.version}\0{pydantic.VERSION}\0{pickle.HIGHEST_PROTOCOL}".encode())
    for pattern in _CODE:
        for f in sorted(_ROOT.glob(pattern)):
            h.update(f.name.encode() + b"\0" + f.read_bytes())
    return h.hexdigest()


def _entry(model: type, digest: str) -> Path:
    name = f"{model.__module__}.{model.__qualname__}\0{code_token()}\0{digest}"
    return cache_dir() / (hashlib.sha256(name.encode()).hexdigest() + ".pickle")


def _trusted(fd: int) -> bool:
    st = os.fstat(fd)
    mine = not hasattr(os, "getuid") or st.st_uid == os.getuid()
    return stat.S_ISREG(st.st_mode) and mine and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def get(model: type, digest: str) -> Any | None:
    """The cached validated model for this file content, or None (missing, stale or bad)."""
    if not enabled():
        return None
    import pickle  # here, not at the top: the first-frame cache shares this module's helpers

    path = _entry(model, digest)
    try:
        with open(path, "rb") as f:
            if not _trusted(f.fileno()):
                return None
            obj = pickle.load(f)
    except FileNotFoundError:
        return None
    except Exception:  # truncated, corrupt, or from code that no longer exists: rebuild
        _discard(path)
        return None
    if type(obj) is not model:
        _discard(path)
        return None
    return obj


def put(model: type, digest: str, obj: Any) -> None:
    """Store `obj` (validated from content with this digest); failures only cost speed."""
    if not enabled():
        return
    import pickle

    try:
        write_private(_entry(model, digest), pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL))
    except Exception:
        return


def _discard(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
