"""Schema versioning, the per-turn journal's uniqueness, and twenty simultaneous finishes."""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing as mp

import pytest
from sqlalchemy import inspect, text

from simulator.core.transcript import CallMovedOn
from simulator.engine import new_session
from simulator.engine.policies import make_policy, play
from simulator.store import Store, keys, witness
from simulator.store.audit import audit
from simulator.store.engine import make_engine
from simulator.store.migrate import LATEST, current_version, migrate
from simulator.store.sitting import finish, open_sitting, scenario_entry, sitting_seed

from .sittings import problems, set_sitting, sit


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
    eng = make_engine(db_url)
    assert migrate(eng, upto=2) == 2
    with eng.begin() as c:  # a result written by the version-2 code
        c.execute(text("INSERT INTO attempts (sitting, position, candidate, scenario, mode, seed, lang, "
                       "started_at, persona_hash, scenario_hash, rubric_hash, status, total) VALUES "
                       "('s', 0, 'ann', 'first-call-zhang', 'practice', 1, 'en', 'now', '', '', '', "
                       "'finished', 80)"))
        assert "sittings" not in inspect(c).get_table_names()
    eng.dispose()
    store = Store(db_url)  # opening migrates
    assert store.version == LATEST
    with store.engine.connect() as c:
        assert {"sittings", "codes", "meta"} <= set(inspect(c).get_table_names())
    [a] = store.attempts()
    assert a.candidate == "ann" and a.total == 80 and a.seq is None


def test_a_turn_cannot_be_journaled_twice(db_url: str) -> None:
    keys.create_key()
    store = Store(db_url)
    code = set_sitting(store, ["ann"], ["first-call-zhang"], 1)[("ann", 1)]
    s = _played()
    [aid] = sit(store, code, stop_after=0)
    store.journal(aid, s.turns[0].to_json())
    with pytest.raises(CallMovedOn, match="turn 1 .* already saved"):  # a second copy of the call
        store.journal(aid, s.turns[0].to_json())
    assert len(store.turns(aid)) == 1


def test_a_two_scenario_sitting_begins_whole_or_not_at_all(db_url: str) -> None:
    """Both attempts of a two-scenario sitting are written in one commit: a failure before it
    leaves neither, and the code unused."""
    keys.create_key()
    store = Store(db_url)
    code = set_sitting(store, ["ann"], ["first-call-zhang", "hostile-day20"], 1)[("ann", 1)]
    claim = store.claim(code)
    h = new_session("first-call-zhang").header()
    broken = {**new_session("hostile-day20").header()}
    del broken["seed"]  # the second attempt cannot be written: the whole commit rolls back
    with pytest.raises(KeyError):
        store.begin(claim, [h, broken])
    assert store.attempts() == [] and all(c.used_at is None for c in store.codes())
    ids = sit(store, code, stop_after=1)
    assert len(ids) == 2 and [a.position for a in store.attempts()] == [0, 1]


def _finish_at_once(url: str, n: int, barrier) -> None:
    barrier.wait(timeout=60)  # twenty processes open the fresh store (and migrate it) at once
    store = Store(url)
    code = set_sitting(store, [f"cand-{n:02d}"], ["first-call-zhang"], 1, name=f"s{n}")[(f"cand-{n:02d}", 1)]
    _, parts = open_sitting(store, code)
    [part] = parts
    play(part.session, make_policy("expert", part.session.seed))
    for t in part.session.turns:
        store.journal(part.attempt_id, t.to_json())
    barrier.wait(timeout=60)  # and all finish at once
    finish(store, part)
    store.close()


def test_twenty_candidates_finishing_at_once_on_a_fresh_store_lose_nothing(db_url: str) -> None:
    keys.create_key()
    ctx = mp.get_context("fork")
    barrier = ctx.Barrier(20)
    procs = [ctx.Process(target=_finish_at_once, args=(db_url, n, barrier)) for n in range(20)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(180)
    assert [p.exitcode for p in procs] == [0] * 20
    store = Store(db_url)
    done = store.attempts(status="finished")
    assert sorted(a.candidate for a in done) == [f"cand-{n:02d}" for n in range(20)]
    assert all(a.total == 100 for a in done)
    r = audit(store, keys.load_public(keys.public_path()), witness.witness_path())
    assert r.problems == [] and list(r.status.values()) == ["valid"] * 20
    with store.engine.connect() as c:
        assert c.execute(text("SELECT COUNT(*) FROM turns")).scalar() == 20 * len(_played().turns)
        assert c.execute(text("SELECT COUNT(*) FROM schema_version")).scalar() == LATEST


def test_each_code_draws_its_own_debtor_from_the_band_the_sitting_signed(db_url: str) -> None:
    keys.create_key()
    store = Store(db_url)
    t = dt.datetime.now(dt.UTC)
    band = [3, 5, 9]
    names = [f"cand{i}" for i in range(12)]
    _, codes = store.create_sitting("drawn", names, [scenario_entry("first-call-zhang", band)], 1,
                                    (t - dt.timedelta(minutes=1)).isoformat(), (t + dt.timedelta(hours=1)).isoformat())
    for _, _, code in codes[:6]:
        sit(store, code, "random")
    played = [a for a in store.attempts() if a.mode == "assessment"]
    assert len(played) == 6 and {a.seed for a in played} <= set(band)
    (sitting,) = store.sittings()
    spec = json.loads(sitting.spec)
    drawn = [sitting_seed(spec, a.code_hash or "", 0) for a in played]
    assert drawn == [a.seed for a in played]  # the seed played is the one signed for that code
    assert len({sitting_seed(spec, h, 0) for hs in spec["candidates"].values() for h in hs}) > 1
    assert problems(store) == []
    store.close()
