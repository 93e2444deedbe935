
"""Play calls by key presses through the real app and compare with the headless engine."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from textual.pilot import Pilot

from scoring.messages import rung, say
from simulator.core.text import render
from simulator.core.transcript import read_transcript
from simulator.engine import new_session
from simulator.engine.golden import golden_choices, golden_seed
from simulator.engine.resume import latest_unfinished, sessions_dir
from simulator.tui.app import CollectApp, create_app
from simulator.tui.screens.call import CallScreen
from simulator.tui.screens.debrief import DebriefScreen
from simulator.tui.widgets.chart import CallChart

SEED = golden_seed("first-call-zhang")  # the debtor the golden expert line was written for


def expert_line() -> list[str]:
    return golden_choices("first-call-zhang")


@asynccontextmanager
async def opened(ref: str = "first-call-zhang", seed: int = SEED, size: tuple[int, int] = (80, 24),
                 lang: str | None = None) -> AsyncIterator[tuple[CollectApp, Pilot]]:
    """The app on `ref`'s call in a terminal of `size`, started."""
    app = create_app(ref, seed=seed, lang=lang)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        yield app, pilot


async def press_reply(pilot, app, reply_id: str) -> None:
    ids = [r.id for r in app.call.session.offered()]
    await pilot.press(str(ids.index(reply_id) + 1))
    await pilot.pause()


async def press_replies(pilot, app, reply_ids) -> None:
    for rid in reply_ids:
        await press_reply(pilot, app, rid)


async def end_call_after(pilot, app, reply_ids):
    """Play `reply_ids`, hang up with `e`, and return the debrief screen."""
    await press_replies(pilot, app, reply_ids)
    await pilot.press("e")
    await pilot.pause()
    assert isinstance(app.screen, DebriefScreen)
    return app.screen


async def pick_scenario(pilot, app, name: str) -> None:
    """On the picker: filter by `name` and open the first match."""
    app.screen.query_one("#filter").value = name
    await pilot.pause()
    app.screen.query_one("#scenarios").focus()
    await pilot.press("enter")
    await pilot.pause()


async def test_expert_line_by_keys_scores_as_headless():
    line = expert_line()
    headless = new_session("first-call-zhang", seed=SEED).replay(line).report()
    async with opened(size=(100, 30)) as (app, pilot):
        assert isinstance(app.screen, CallScreen)
        await press_replies(pilot, app, line)
        assert isinstance(app.screen, DebriefScreen)
        assert app.screen.report.total == headless.total
        assert app.screen.report.passed == headless.passed
        shown = str(app.screen.query_one("#verdict").render())
        assert f"{headless.total}/100" in shown
        chart = app.screen.query_one(CallChart)  # drawn from the call's own turns
        assert [x.reply for x in chart.turns] == line and chart.previous_peak == headless.previous_peak
    tr = read_transcript(next(sessions_dir().glob("*.jsonl")))
    assert tr.finished and tr.choices == line


async def test_arrows_and_enter_pick_the_highlighted_reply():
    async with opened() as (app, pilot):
        second = app.call.session.offered()[1].id
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.call.session.turns[0].reply == second


async def test_killed_mid_call_resumes_at_same_turn():
    line = expert_line()
    async with opened() as (app, pilot):
        await press_replies(pilot, app, line[:3])
        before = app.call.session.situation()
    # the app is gone without an end record, as after a crash or a closed terminal
    path = latest_unfinished()
    assert path is not None and len(read_transcript(path).turns) == 3
    app2 = create_app(resume=path)
    async with app2.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app2.screen, CallScreen)
        assert app2.call.session.situation() == before
        await press_replies(pilot, app2, line[3:])
        assert isinstance(app2.screen, DebriefScreen)
    tr = read_transcript(path)
    assert tr.finished and tr.choices == line


async def test_end_call_key_goes_to_debrief_and_road_not_taken():
    async with opened(size=(100, 30)) as (app, pilot):
        screen = await end_call_after(pilot, app, expert_line()[:1])
        assert screen.report.outcome == "abandoned"
        assert "you ended the call" in str(screen.query_one("#verdict").render())
        screen.post_message(DebriefScreen.RoadRequested(1))
        await pilot.pause()
        road = "\n".join(screen.query_one("#road").text())
        first = new_session("first-call-zhang", seed=SEED)
        offered = first.offered()
        failing = [r for r in offered if first.preview(r.id)[1].scorer.compliance.auto_fails()]
        # a reply that fails the call shows FAIL, never a score
        assert len(offered) > 1 and road.count("→") == len(offered) - len(failing)
        assert road.count("score FAIL") == len(failing) >= 1
        assert "None" not in road  # a neutral reply shows no pressure level, not Python's None


async def test_road_not_taken_says_which_replies_fail_the_call():
    line = expert_line()
    s = new_session("first-call-zhang", seed=SEED)
    for reply in line:  # the first turn on the expert line offering a threat
        if "threaten-police" in [r.id for r in s.offered()]:
            break
        s.choose(reply)
    n = len(s.turns) + 1
    async with opened(size=(100, 30)) as (app, pilot):
        screen = await end_call_after(pilot, app, line[:n])
        screen.post_message(DebriefScreen.RoadRequested(n))
        await pilot.pause()
        road = "\n".join(screen.query_one("#road").text())
        threat = render(next(r.text for r in s.offered() if r.id == "threaten-police"), "en")
        after_threat = road.split(threat)[1].split("\n")[:3]
        assert any("fails the call" in x for x in after_threat)
        failing = [r.id for r in s.offered() if s.preview(r.id)[1].scorer.compliance.auto_fails()]
        assert road.count("fails the call") == len(failing) >= 1
        # pressure against the ceiling in the ladder's words, as in the call
        assert f"limit {say(rung(s.live().ceiling), 'en')}" in road


async def test_the_debrief_says_why_points_were_lost_and_has_its_own_help():
    async with opened(size=(100, 30)) as (app, pilot):
        screen = await end_call_after(pilot, app, expert_line()[:1])
        items = screen.query_one("#items")
        shown = " ".join(str(items.get_option_at_index(i).prompt) for i in range(items.option_count))
        shown = " ".join(shown.split())  # as wrapped to the list's width
        lost = [i for i in screen.report.items if i.applicable and i.fraction < 1 and i.detail]
        assert lost and all(f"Why: {' '.join(i.detail.split())}" in shown for i in lost)
        await pilot.press("question_mark")
        await pilot.pause()
        assert "road not taken" in str(app.screen.query_one("#help Static").render())


async def test_language_switch_rerenders_persona_text():
    async with opened(size=(100, 30)) as (app, pilot):
        await press_reply(pilot, app, expert_line()[0])
        await pilot.press("l")
        await pilot.pause()
        s = app.call.session
        assert s.lang == "zh" and len(s.turns) == 1
        zh = new_session("first-call-zhang", seed=SEED, lang="zh").replay(expert_line()[:1])
        assert s.turns[0].debtor_line == zh.turns[0].debtor_line


async def test_ctrl_c_quits_at_once_and_the_call_resumes():
    line = expert_line()
    async with opened() as (app, pilot):
        await press_replies(pilot, app, line[:2])
        assert app.return_code is None
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert app.return_code == 0  # quitting, not a hint about another key
    path = latest_unfinished()
    assert path is not None and read_transcript(path).choices == line[:2]
