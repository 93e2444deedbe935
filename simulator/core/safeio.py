"""Opening files whose owner or kind we do not control: content to read within limits,
caches to trust only when they are ours, results and keys created private.

Why one module: each rule here was broken by a real attack or accident (issue 13) and each
has exactly one definition. `/dev/zero` or a FIFO named as a persona hung the CLI; a cache
entry that was a symlink to someone else's file was executed; the results database and the
signing key were created readable by everyone, the key for a moment before a chmod.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import ContentError, Problem

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # opening a FIFO must not wait for a writer
_NOCTTY = getattr(os, "O_NOCTTY", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)


def read_content(path: str | Path, display: str, limit: int) -> bytes:
    """The bytes of one regular file of at most `limit` bytes, else a ContentError naming
    the file: devices, FIFOs, sockets and symlink loops are refused without reading."""
    try:
        fd = os.open(path, os.O_RDONLY | _NONBLOCK | _NOCTTY | _CLOEXEC)
    except OSError as exc:
        raise _problem(display, f"cannot read file: {exc.strerror or exc}") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise _problem(display, "cannot read file: it is a folder")
        if not stat.S_ISREG(st.st_mode):
            raise _problem(display, "refused: not a regular file (a device, FIFO or socket)")
        if st.st_size > limit:
            raise _too_big(display, limit)
        chunks, size = [], 0
        while size <= limit:  # a file may grow while read: never hold more than the limit
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise _too_big(display, limit)
        return b"".join(chunks)
    except OSError as exc:
        raise _problem(display, f"cannot read file: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def _problem(display: str, message: str) -> ContentError:
    return ContentError([Problem(display, 1, 1, "", message)])


def _too_big(display: str, limit: int) -> ContentError:
    return _problem(display, f"refused: the file is larger than {limit // 1024:,} KiB "
                             "(raise it with COLLECTSIM_LIMITS=file_kb=N)")


def _private(st: os.stat_result) -> bool:
    """Ours and writable by nobody else: what another user cannot have written or swapped."""
    mine = not hasattr(os, "getuid") or st.st_uid == os.getuid()
    return mine and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def read_trusted(folder: Path, name: str, limit: int = 64 << 20) -> bytes | None:
    """The bytes of `folder/name`, or None unless the folder and the file are both ours,
    neither is a symlink, nobody else can write either, and the file is a regular one.

    For caches, whose content we use without parsing it as strictly as content: what is
    read must be what this user's collectsim wrote."""
    try:
        dfd = os.open(folder, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC)
    except OSError:
        return None
    try:
        st = os.fstat(dfd)
        if not (stat.S_ISDIR(st.st_mode) and _private(st)):
            return None
        flags = os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _CLOEXEC
        fd = os.open(name, flags, dir_fd=dfd) if os.open in os.supports_dir_fd else os.open(folder / name, flags)
    except OSError:
        return None
    finally:
        os.close(dfd)
    try:
        st = os.fstat(fd)
        if not (stat.S_ISREG(st.st_mode) and _private(st)) or st.st_size > limit:
            return None
        with os.fdopen(fd, "rb", closefd=False) as f:
            return f.read(limit + 1)
    except OSError:
        return None
    finally:
        os.close(fd)


def private_folder(folder: Path) -> bool:
    """Create `folder` (mode 0700) if missing; True if it is ours and no one else can write it."""
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            pass
        st = os.lstat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and _private(st)


def write_private(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically with mode 0600, in a folder only we can write, or
    not at all (OSError; a cache caller ignores it: a failure only costs speed)."""
    import tempfile  # slow to import, and only writing needs it (reading is the fast path)

    if not private_folder(path.parent):
        raise PermissionError(f"{path.parent} is not a private folder")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)  # mode 0600
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        discard(Path(tmp))
        raise


def create_private(path: Path) -> bool:
    """Create an empty file only this user can read and write, unless it exists already.
    Created with its final mode (never a chmod after: nobody can open it in between).
    True if this call created it."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, 0o600)
    except FileExistsError:
        return False
    os.close(fd)
    return True


def discard(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
