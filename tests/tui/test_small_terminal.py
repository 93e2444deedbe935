"""Issue 19 item 4: the call screen and the debrief usable by a new hire at 80x24."""

from __future__ import annotations

from simulator.tui.screens.call import CallScreen
from simulator.tui.screens.casefile import CaseFileScreen, ConfirmEndScreen
from simulator.tui.screens.debrief import DebriefScreen, RoadPanel
from simulator.tui.screens.history import HistoryScreen
from simulator.tui.widgets.replymenu import ReplyMenu

from .test_pilot import expert_line, opened, press_replies


def footer_text(app) -> str:
    return " ".join(b.binding.description for b in app.screen.active_bindings.values() if b.binding.show)


async def test_every_reply_is_reachable_with_a_cue_when_the_list_scrolls():
    async with opened(size=(80, 24)) as (app, pilot):
        await press_replies(pilot, app, expert_line()[:2])
        menu = app.screen.query_one(ReplyMenu)
        assert len(menu.replies) > 3 and menu.max_scroll_y > 0
        assert "more below" in menu.border_subtitle and "more above" not in menu.border_subtitle
        await pilot.press("end")
        await pilot.pause()
        assert menu.cursor == len(menu.replies) - 1 and "more above" in menu.border_subtitle
        assert "more below" not in menu.border_subtitle
    async with opened(size=(160, 48)) as (app, pilot):
        assert app.screen.query_one(ReplyMenu).border_subtitle == ""  # all shown: no cue


async def test_the_case_file_and_briefing_are_on_a_key_the_footer_shows():
    async with opened(size=(80, 24)) as (app, pilot):
        assert "Case file" in footer_text(app)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CaseFileScreen)
        shown = " ".join(str(r) for r in app.screen.rows)
        assert "you know him well" in shown  # the briefing, below the fold on the side panel
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CallScreen)


async def test_e_asks_before_ending_a_call_with_no_turn_played():
    async with opened(size=(80, 24)) as (app, pilot):
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmEndScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, CallScreen) and not app.call.session.ended
        await pilot.press("e", "y")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen) and app.call.session.outcome == "abandoned"
    async with opened(size=(80, 24)) as (app, pilot):  # after a turn: no question
        await press_replies(pilot, app, expert_line()[:1])
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)


async def test_a_red_line_reply_in_the_road_not_taken_fails_and_shows_no_score():
    async with opened(size=(80, 24)) as (app, pilot):
        await press_replies(pilot, app, expert_line())
        debrief = app.screen
        assert isinstance(debrief, DebriefScreen)
        debrief.post_message(DebriefScreen.RoadRequested(2))
        await pilot.pause()
        rows = [" ".join(text for text, _ in row) for row in debrief.query_one(RoadPanel).rows]
        police = next(i for i, r in enumerate(rows) if "police" in r)
        assert "score FAIL" in rows[police + 1] and "→" not in rows[police + 1]
        assert "fails the call" in rows[police + 2]
        assert "Pressure peak lawyer's letter (6), limit reputation and relationships (4)" in rows[police + 1]


async def test_history_rows_open_the_calls_debrief():
    line = expert_line()
    async with opened(size=(80, 24)) as (app, pilot):
        await press_replies(pilot, app, line)
        total = app.screen.report.total
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        assert app.screen.report.total == total and [t.reply for t in app.screen.turns] == line
