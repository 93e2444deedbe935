"""The assessor's Ed25519 key pair: the private key signs results and never leaves the
assessor's account; the public key lets anyone check them.

Candidates never run with this key: sittings run under the assessor's account (an ssh
forced command, or `collectsim serve`), see README "Assessments". The key file is created
atomically with its final permissions (0600 from the moment it exists, never empty) and a
key that is empty, short, damaged or readable by others is refused rather than used.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where a key is made or read: see signing.py
    from joserfc.jwk import OKPKey


class KeyProblem(Exception):
    """The assessor's key is missing or unusable: the message says which file and why."""


def key_dir() -> Path:
    override = os.environ.get("COLLECTSIM_HOME")
    if override:
        return Path(override)
    from platformdirs import user_config_path

    return user_config_path("collectsim", appauthor=False)


def key_path() -> Path:
    return Path(os.environ.get("COLLECTSIM_KEY") or key_dir() / "assessor.key")


def public_path(private: Path | None = None) -> Path:
    return (private or key_path()).with_suffix(".pub")


def create_key(path: Path | None = None) -> tuple[Path, bool]:
    """The key at `path`, made if there is none; returns (path, made). Written to a private
    temporary file opened 0600 and exclusively, synced, then hard-linked into place: the
    name appears only once the whole key is there, and a key another process made first wins."""
    path = path or key_path()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if path.exists():
        load_private(path)  # refuse a bad one rather than keep it quietly
        return path, False
    from joserfc.jwk import OKPKey

    key = OKPKey.generate_key("Ed25519")
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, key.as_pem(private=True))
        os.fsync(fd)
    finally:
        os.close(fd)
    made = True
    try:
        os.link(tmp, path)
    except FileExistsError:
        made = False
    finally:
        tmp.unlink()
    if made:
        _write_public(path, load_private(path))
    return path, made


def _write_public(private: Path, key: OKPKey) -> None:
    pub = public_path(private)
    tmp = pub.with_name(f".{pub.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)  # readable, never writable by others
    try:
        os.write(fd, key.as_pem(private=False))
    finally:
        os.close(fd)
    os.replace(tmp, pub)


def load_private(path: Path | None = None) -> OKPKey:
    path = path or key_path()
    try:
        st = path.stat()
        data = path.read_bytes()
    except FileNotFoundError:
        raise KeyProblem(f"{path}: no assessor key here; `collectsim key create` makes one "
                        "(under the assessor's account, never a candidate's)") from None
    except OSError as exc:
        raise KeyProblem(f"{path}: cannot read the assessor key: {exc.strerror}") from None
    if st.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise KeyProblem(f"{path}: the assessor key is readable by others "
                        f"(mode {stat.S_IMODE(st.st_mode):o}); refusing to sign with it")
    if len(data) < 64:
        raise KeyProblem(f"{path}: the assessor key is empty or cut short ({len(data)} bytes); "
                        "refusing to sign with it")
    from joserfc.jwk import OKPKey

    try:
        key = OKPKey.import_key(data)
    except Exception:
        raise KeyProblem(f"{path}: not an Ed25519 private key (PEM); refusing to sign with it") from None
    if key.curve_name != "Ed25519" or not key.is_private:
        raise KeyProblem(f"{path}: not an Ed25519 private key; refusing to sign with it")
    return key


def load_public(path: Path) -> OKPKey:
    """A public key file (PEM) as printed by `collectsim key public`; a private key file is
    accepted too and only its public half used."""
    from joserfc.jwk import OKPKey

    try:
        key = OKPKey.import_key(Path(path).read_bytes())
    except OSError as exc:
        raise KeyProblem(f"{path}: cannot read the public key: {exc.strerror}") from None
    except Exception:
        raise KeyProblem(f"{path}: not an Ed25519 public key (PEM)") from None
    if key.curve_name != "Ed25519":
        raise KeyProblem(f"{path}: not an Ed25519 key")
    return OKPKey.import_key(key.as_pem(private=False))
