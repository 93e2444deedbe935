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


def test_two_copies_of_one_call_cannot_both_write_a_turn(db_url):
    """The same user's call open on two servers (or two tabs): the first to play a turn
    keeps it; the other is told the call went on elsewhere and writes nothing."""
    import pytest

    from simulator.core.transcript import CallMovedOn

    line = golden_choices(SCENARIO)
    store = Store(db_url)
    try:
        call = StoreCall.start(store, "Li Wei", SCENARIO, seed=SEED, lang="en")
        call.choose(line[0])
        (open_,) = unfinished_practice(store, "Li Wei")
        here, there = StoreCall.resume(store, open_), StoreCall.resume(store, open_)
        here.choose(line[1])
        with pytest.raises(CallMovedOn, match="turn 2 .* already saved"):
            there.choose(line[1])
        assert [t.reply for t in store.turns(open_.id)] == line[:2]  # one turn 2, the winner's
        here.choose(line[2])
        assert len(store.turns(open_.id)) == 3
    finally:
        store.close()


async def test_the_tab_that_lost_the_call_says_so_and_stops(tmp_path):
    """Two browser tabs (or servers) on one user's call: the app whose turn was already taken
    shows why and plays no further turn, instead of ending in a traceback."""
    from tui.test_watch import toasts

    from simulator.web.app import WebCollectApp

    line = golden_choices(SCENARIO)
    store = Store(f"sqlite:///{tmp_path / 'r.db'}")
    try:
        call = StoreCall.start(store, "Li Wei", SCENARIO, seed=SEED, lang="en")
        call.choose(line[0])
        (open_,) = unfinished_practice(store, "Li Wei")
        app = WebCollectApp(store, "Li Wei")
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            await pilot.pause()
            assert len(app.call.session.turns) == 1  # this tab opened at turn 2
            StoreCall.resume(store, open_).choose(line[1])  # then the other tab played turn 2
            ids = [r.id for r in app.call.session.offered()]
            await pilot.press(str(ids.index(line[1]) + 1))
            await pilot.pause()
            assert app.call is None and app.is_running
            for _ in range(30):  # the toast mounts a moment later
                if "went on in another tab" in toasts(app):
                    break
                await pilot.pause(0.1)
            assert "went on in another tab" in toasts(app)
            await pilot.press("1")  # nothing more is played or written
            await pilot.pause()
        assert len(store.turns(open_.id)) == 2
    finally:
        store.close()


PRACTICE_TAB = """
import sys
from simulator.store import Store
from simulator.web.app import WebCollectApp
from simulator.web.storecall import StoreCall, unfinished_practice
store = Store(sys.argv[1])
call = StoreCall.start(store, "Li Wei", "first-call-zhang", seed=1)
call.choose(call.session.offered()[0].id)
StoreCall.resume(store, unfinished_practice(store, "Li Wei")[0])
store.close()
print(sorted({m.split('.')[0] for m in sys.modules} & {"joserfc", "cryptography"}))
"""


def test_a_practice_tab_loads_no_signing_library(tmp_path):
    """Each browser tab is its own process (30 of them on one server): a practice call is
    stored, never signed, so the signing library (joserfc, and cryptography under it: ~4 MB
    of private memory per process) stays out of it."""
    import os
    import subprocess
    import sys

    url = f"sqlite:///{tmp_path / 'store.db'}"
    env = {**os.environ, "COLLECTSIM_HOME": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", PRACTICE_TAB, url], capture_output=True, text=True,
                         env=env, check=True)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr
