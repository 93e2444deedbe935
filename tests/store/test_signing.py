"""Stored results are signed; changing any single field in SQL is caught by verify."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from simulator.cli.main import main
from simulator.engine import new_session
from simulator.engine.policies import make_policy, play
from simulator.store import Store
from simulator.store.models import SIGNED_FIELDS


def _record(store: Store, candidate: str = "ann") -> int:
    s = new_session("first-call-zhang")
    play(s, make_policy("expert", s.seed))
    return store.record(candidate, s.records(), s.report().model_dump(mode="json"))


def _tampered_value(field: str, old):
    if field == "id":
        return old + 1000
    if isinstance(old, int):
        return old + 1
    if field == "status":
        return "in_progress"
    if old is None:
        return "x"
    return old[:-1] + ("X" if old[-1:] != "X" else "Y")


def test_intact_records_verify(db_url: str, capsys) -> None:
    store = Store(db_url)
    _record(store)
    _record(store, "bob")
    assert list(store.tampered()) == []
    assert main(["verify", "--db", db_url]) == 0
    assert "2 records checked, 0 do not match" in capsys.readouterr().out


@pytest.mark.parametrize("field", [*SIGNED_FIELDS, "signature"])
def test_single_field_tampering_is_caught(db_url: str, field: str, capsys) -> None:
    store = Store(db_url)
    keep = _record(store, "keep")
    victim = _record(store, "victim")
    with store.engine.begin() as c:
        if field == "id":  # the turn journal's foreign key pins the id; unpin it first
            c.execute(text("DELETE FROM turns WHERE attempt_id = :i"), {"i": victim})
        old = c.execute(text(f"SELECT {field} FROM attempts WHERE id = :i"), {"i": victim}).scalar()
        c.execute(text(f"UPDATE attempts SET {field} = :v WHERE id = :i"),
                  {"v": _tampered_value(field, old), "i": victim})
    bad = list(store.tampered())
    assert len(bad) == 1 and bad[0][0].id != keep, field
    assert main(["verify", "--db", db_url]) == 1
    out = capsys.readouterr().out
    assert "1 do not match" in out and "keep" not in out


def test_signature_needs_the_trainers_key(db_url: str, monkeypatch) -> None:
    monkeypatch.setenv("COLLECTSIM_HMAC_KEY", "key-one")
    _record(Store(db_url))
    monkeypatch.setenv("COLLECTSIM_HMAC_KEY", "key-two")
    assert len(list(Store(db_url).tampered())) == 1
