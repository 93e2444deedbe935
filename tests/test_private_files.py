"""Results, journals, the signing key and the caches are created private to the user, with
their final mode from the start (issue 13: the results db was world-readable, the key was
readable until a chmod). os.chmod is made to fail: no file may rely on one."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from simulator.core import contentcache
from simulator.core.library import load_model
from simulator.core.persona import Persona
from simulator.core.transcript import Journal
from simulator.store import keys
from simulator.store.url import resolve_url

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def open_umask(monkeypatch):
    """umask 0: a file created without an explicit mode would be 0666; no chmod allowed."""
    old = os.umask(0)
    monkeypatch.setattr(os, "chmod", lambda *a, **k: pytest.fail("chmod after creation"))
    yield
    os.umask(old)


def mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


def test_results_db_key_journal_and_cache_are_private(open_umask, isolated_user_dir, monkeypatch) -> None:
    monkeypatch.delenv("COLLECTSIM_DB", raising=False)
    monkeypatch.delenv("COLLECTSIM_KEY", raising=False)
    url = resolve_url()
    db = Path(url.removeprefix("sqlite:///"))
    assert mode(db) == 0o600 and mode(db.parent) == 0o700
    private, made = keys.create_key()
    assert made and mode(private) == 0o600 and mode(private.parent) == 0o700
    assert mode(keys.public_path(private)) == 0o644  # public, but no one else may replace it
    journal = Journal(isolated_user_dir / "sessions" / "call.jsonl")
    journal.write({"header": 1})
    journal.close()
    assert mode(isolated_user_dir / "sessions" / "call.jsonl") == 0o600
    assert mode(isolated_user_dir / "sessions") == 0o700
    load_model(Persona, ROOT / "personas" / "zhang-wholesaler.yaml")
    (entry,) = contentcache.cache_dir().glob("*.json")
    assert mode(entry) == 0o600 and mode(entry.parent) == 0o700


def test_an_existing_db_keeps_its_mode(isolated_user_dir, monkeypatch) -> None:
    """A team's shared SQLite file is theirs to set: only a new one is made private."""
    monkeypatch.delenv("COLLECTSIM_DB", raising=False)
    isolated_user_dir.mkdir(parents=True, exist_ok=True)
    db = isolated_user_dir / "results.db"
    db.touch(mode=0o640)
    db.chmod(0o640)
    resolve_url()
    assert mode(db) == 0o640
