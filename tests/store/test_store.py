"""Schema versioning, the per-turn journal's uniqueness, and twenty simultaneous finishes."""

from __future__ import annotations

import multiprocessing as mp

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.exc import IntegrityError

from simulator.engine import new_session
from simulator.engine.policies import make_policy, play
from simulator.store import Store, resolve_url
from simulator.store.migrate import LATEST, current_version, migrate


def _played():
    s = new_session("first-call-zhang")
    play(s, make_policy("expert", s.seed))
    return s


def test_fresh_db_is_at_latest_version(db_url: str) -> None:
    store = Store(db_url)
    assert store.version == LATEST
    with store.engine.connect() as c:
        assert current_version(c) == LATEST
        assert {"attempts", "turns", "schema_version"} <= set(inspect(c).get_table_names())


def test_old_schema_is_migrated_forward_keeping_data(db_url: str) -> None:
    eng = create_engine(resolve_url(db_url))
    assert migrate(eng, upto=1) == 1
    with eng.connect() as c:
        assert "ix_attempts_cand_scen" not in {i["name"] for i in inspect(c).get_indexes("attempts")}
    s = _played()
    # a result written by the version-1 code
    old = Store.__new__(Store)
    old.url, old.sqlite, old.engine, old._key = db_url, db_url.startswith("sqlite"), eng, None
    aid = old.record("ann", s.records(), s.report().model_dump(mode="json"))
    eng.dispose()
    store = Store(db_url)  # opening migrates
    assert store.version == LATEST
    with store.engine.connect() as c:
        assert "ix_attempts_cand_scen" in {i["name"] for i in inspect(c).get_indexes("attempts")}
    [a] = store.attempts()
    assert a.id == aid and a.status == "finished"
    assert list(store.tampered()) == []


def test_a_turn_cannot_be_journaled_twice(db_url: str) -> None:
    store = Store(db_url)
    s = _played()
    aid = store.start("ann", s.header())
    store.journal(aid, s.turns[0].to_json())
    with pytest.raises(IntegrityError):
        store.journal(aid, s.turns[0].to_json())
    assert len(store.turns(aid)) == 1


def test_resume_finds_the_open_sitting_in_order(db_url: str) -> None:
    store = Store(db_url)
    h = new_session("first-call-zhang").header()
    a = store.start("ann", h, "sit1", 0)
    b = store.start("ann", h, "sit1", 1)
    store.start("bob", h, "sit2", 0)
    assert [x.id for x in store.unfinished_sitting("ann")] == [a, b]
    assert store.unfinished_sitting("carol") == []


def _finish_at_once(url: str, n: int, barrier) -> None:
    store = Store(url)
    s = _played()
    aid = store.start(f"cand-{n:02d}", s.header())
    for t in s.turns:
        store.journal(aid, t.to_json())
    barrier.wait(timeout=60)  # all twenty also create the trainer's key file at once
    store.finish(aid, s.footer(), s.report().model_dump(mode="json"))
    store.close()


def test_twenty_candidates_finishing_at_once_lose_nothing(db_url: str, monkeypatch) -> None:
    monkeypatch.delenv("COLLECTSIM_HMAC_KEY", raising=False)
    Store(db_url).close()  # schema in place; the race is on the results
    ctx = mp.get_context("fork")
    barrier = ctx.Barrier(20)
    procs = [ctx.Process(target=_finish_at_once, args=(db_url, n, barrier)) for n in range(20)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0] * 20
    store = Store(db_url)
    done = store.attempts(status="finished")
    assert sorted(a.candidate for a in done) == [f"cand-{n:02d}" for n in range(20)]
    assert all(a.total == 100 for a in done)
    assert list(store.tampered()) == []
    with store.engine.connect() as c:
        assert c.execute(text("SELECT COUNT(*) FROM turns")).scalar() == 20 * len(_played().turns)
