"""`collectsim sit` full screen: the code, the call in assessment mode (case file, no live
checklist or mood), the countdown, the result signed and valid."""

from __future__ import annotations

import re
from pathlib import Path

from store.sittings import drill, problems, set_sitting

from simulator.engine import new_session
from simulator.engine.golden import golden_choices
from simulator.store import Store, keys
from simulator.tui.screens.call import CallScreen
from simulator.tui.sit_app import CodeScreen, DoneScreen, create_sit_app


def _numbers(exam: str, scenario: str = "first-call-zhang") -> list[int]:
    """The keys that play `scenario`'s golden expert line on `exam` (its drill)."""
    s = new_session(exam)
    out = []
    for rid in golden_choices(scenario):
        out.append([r.id for r in s.offered()].index(rid) + 1)
        s.choose(rid)
    return out


async def _type_code(pilot, code: str) -> None:
    await pilot.click("#code")
    for ch in code:
        await pilot.press(ch if ch != "-" else "minus")
    await pilot.press("enter")
    await pilot.pause()


async def test_a_candidate_sits_on_the_full_call_screen(tmp_path: Path) -> None:
    keys.create_key()
    db = f"sqlite:///{tmp_path / 'r.db'}"
    store = Store(db)
    exam = drill(tmp_path)  # the debtor the golden line was written for
    code = set_sitting(store, ["Li Wei"], [exam], 1)[("Li Wei", 1)]
    app = create_sit_app(db=db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CodeScreen)
        await _type_code(pilot, "WRONG-CODE-1")
        assert "no sitting has this code" in str(app.screen.query_one("#code-error").render())
        await _type_code(pilot, code.lower())  # case and dashes do not matter
        assert isinstance(app.screen, CallScreen)
        side = " ".join(app.screen.query_one("#side").text())
        assert "50,000" in side and "Core tasks" not in side and "Mood" not in side  # no checklist or mood
        assert any("50,000" in text for row in app.screen.view.case for text, _ in row)  # the case file
        for n in _numbers(exam):
            await pilot.press(str(n))
            await pilot.pause()
        assert isinstance(app.screen, DoneScreen)
        assert "results are recorded" in str(app.screen.query_one("#done").render())
    [a] = store.attempts()
    assert (a.status, a.mode, a.total, a.candidate) == ("finished", "assessment", 100, "Li Wei")
    assert problems(store) == []


def _seconds_shown(app) -> int:
    m = re.fullmatch(r"⏱ (\d+) s to reply", app.sub_title)
    assert m, app.sub_title
    return int(m.group(1))


async def test_the_countdown_shows_and_hangs_up_at_zero(tmp_path: Path) -> None:
    import datetime as dt
    import time

    from simulator.store.sitting import scenario_entry

    keys.create_key()
    db = f"sqlite:///{tmp_path / 'r.db'}"
    store = Store(db)
    t = dt.datetime.now(dt.UTC)
    _, codes = store.create_sitting("timed", ["Ana"], [scenario_entry("first-call-zhang")], 1,
                                    (t - dt.timedelta(minutes=1)).isoformat(),
                                    (t + dt.timedelta(hours=1)).isoformat(), time_limit=30)
    app = create_sit_app(db=db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await _type_code(pilot, codes[0][2])
        assert isinstance(app.screen, CallScreen)
        assert 20 < _seconds_shown(app) <= 30
        app.deadline -= 15
        app._tick()  # what the half-second timer runs (called here: no test races the clock)
        assert _seconds_shown(app) <= 15
        await pilot.press("1")  # a reply starts the clock again
        await pilot.pause()
        assert 20 < _seconds_shown(app) <= 30
        app.deadline = time.monotonic() - 0.1  # the 30 s run out (not waited for: no timed test)
        app._tick()
        await pilot.pause()
        assert isinstance(app.screen, DoneScreen)
    [a] = store.attempts()
    assert a.status == "finished" and '"outcome":"hang_up"' in a.report.replace(" ", "")
    assert len(store.turns(a.id)) == 1
    assert problems(store) == []
