"""The debrief names pressure in the ladder's own words, shows the chart's key figure on the
first screen at 80x24, names the words that ended the call and lists what the profile does
not grade (issue 19: pressure shown one way everywhere, feedback that names things)."""

from __future__ import annotations

import re
from contextlib import asynccontextmanager

from scoring.messages import rung, say
from simulator.engine import new_session
from simulator.tui.screens.debrief import DebriefScreen
from simulator.tui.widgets.chart import strip

from .test_debrief_lists import lines_of
from .test_pilot import SEED, expert_line, opened, press_replies


@asynccontextmanager
async def expert_debrief(size: tuple[int, int]):
    """The debrief of the expert line at `size`, and the same call played without the UI."""
    line = expert_line()
    played = new_session("first-call-zhang", seed=SEED).replay(line)
    async with opened(size=size) as (app, pilot):
        await press_replies(pilot, app, line)
        assert isinstance(app.screen, DebriefScreen)
        yield app.screen, played


async def test_the_transcript_names_each_rung_in_the_ladders_words_never_pN():
    async with expert_debrief((100, 30)) as (screen, played):
        text = " ".join(x.strip() for x in lines_of(screen.query_one("#transcript")))
        assert not re.search(r"#\d+ p[-\d]", text)  # the old raw 'p2' / 'p-' marks are gone
        for t in played.turns:
            if t.pressure is not None:
                assert f"Pressure: {say(rung(t.pressure), 'en')}" in text
        assert "Pressure: money consequences (2)" in text or "Pressure: credit consequences (3)" in text


async def test_the_key_figure_is_on_the_first_screen_at_80x24():
    async with expert_debrief((80, 24)) as (screen, played):
        verdict = screen.query_one("#verdict")
        shown = str(verdict.render())
        assert strip(played.turns) in shown and len(strip(played.turns)) == len(played.turns)
        assert played.report().pressure.split(",")[0] in shown.replace("\n", " ")
        assert "g: full chart" in shown.replace("\n", " ")
        assert verdict.region.bottom <= 24 - 1  # above the footer, without scrolling


async def test_an_ending_names_the_words_the_officer_said():
    s = new_session("first-call-zhang", seed=SEED)
    first = expert_line()[0]
    s.choose(first)
    said = s.say("threaten-police")
    async with opened(size=(100, 30)) as (app, pilot):
        await press_replies(pilot, app, [first, "threaten-police"])
        screen = app.screen
        assert isinstance(screen, DebriefScreen)
        verdict = " ".join(str(screen.query_one("#verdict").render()).split())
        assert f'you said "{" ".join(said.split())}"' in verdict and "threaten-police" not in verdict


async def test_the_rules_the_profile_does_not_grade_are_listed():
    async with expert_debrief((120, 40)) as (screen, played):
        assert played.profile.unchecked  # cn lists what one call cannot show
        items = " ".join(" ".join(x.split()) for x in lines_of(screen.query_one("#items")))
        assert f"Not graded under profile {played.profile.id}" in items
        for u in played.profile.unchecked:
            assert " ".join(str(u.rule).split()) in items and " ".join(str(u.why).split()) in items
