"""A web call journaled in the store, on SQLite and the real PostgreSQL: resumed at the same
turn, sealed with the headless engine's score, and kept to its own user."""

from __future__ import annotations

from simulator.engine import new_session
from simulator.engine.golden import golden_choices, golden_seed
from simulator.store import Store
from simulator.web.storecall import StoreCall, store_history, unfinished_practice

SCENARIO = "first-call-zhang"
SEED = golden_seed(SCENARIO)


def test_a_stored_call_resumes_at_its_turn_and_seals_with_the_engines_score(db_url):
    line = golden_choices(SCENARIO)
    store = Store(db_url)
    try:
        call = StoreCall.start(store, "Li Wei", SCENARIO, seed=SEED, lang="en")  # the golden line's debtor
        for rid in line[:3]:
            call.choose(rid)
        before = call.session.situation()
        StoreCall.start(store, "Wang Fang", SCENARIO, seed=8)  # someone else's call

        (open_,) = unfinished_practice(store, "Li Wei")
        again = StoreCall.resume(store, open_)
        assert again.session.situation() == before and again.attempt_id == call.attempt_id
        for rid in line[3:]:
            if not again.session.ended:
                again.choose(rid)
        assert again.session.ended and unfinished_practice(store, "Li Wei") == []

        headless = new_session(SCENARIO, seed=SEED, lang="en").replay(line[:len(again.session.turns)])
        (row,) = store_history(store, "Li Wei")
        assert (row.total, row.passed, row.turns) == (headless.report().total,
                                                      headless.report().passed, len(headless.turns))
        (theirs,) = store_history(store, "Wang Fang")
        assert theirs.total is None and theirs.turns == 0
    finally:
        store.close()
