"""Every stored field of an assessment result is covered by the assessor's signatures:
changing any one of them in SQL is caught by verify (and the record stops counting)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from simulator.cli.main import main
from simulator.store import Store, keys, witness
from simulator.store.audit import audit
from simulator.store.models import Attempt

from .sittings import set_sitting, sit

FIELDS = [c.name for c in Attempt.__table__.columns if c.name not in ("id", "signature")]


def _tampered_value(field: str, old):
    if isinstance(old, int):
        return old + 1
    if field == "status":
        return "in_progress"
    if field == "mode":
        return "practice"
    return old[:-1] + ("X" if old[-1:] != "X" else "Y")


@pytest.mark.parametrize("field", FIELDS)
def test_single_field_tampering_is_caught(db_url: str, field: str, capsys) -> None:
    keys.create_key()
    store = Store(db_url)
    codes = set_sitting(store, ["keep", "victim"], ["first-call-zhang"], 1)
    sit(store, codes[("keep", 1)])
    [victim] = sit(store, codes[("victim", 1)])
    with store.engine.begin() as c:
        old = c.execute(text(f"SELECT {field} FROM attempts WHERE id = :i"), {"i": victim}).scalar()
        c.execute(text(f"UPDATE attempts SET {field} = :v WHERE id = :i"),
                  {"v": _tampered_value(field, old), "i": victim})
    r = audit(store, keys.load_public(keys.public_path()), witness.witness_path())
    bad = {aid for aid, s in r.status.items() if s != "valid"}
    assert bad == {victim}, field
    assert main(["verify", "--db", db_url]) == 1
    out = capsys.readouterr().out
    assert f"attempt {victim}:" in out and "keep /" not in out
