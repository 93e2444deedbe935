"""Whole calls in Spanish and Traditional Chinese through the real app: the persona's lines
come from the translators' catalogues, the screens from the UI strings, and the debrief
opens in the same language."""

from __future__ import annotations

import pytest

from simulator.core.text import render
from simulator.engine.bundle import load_scenario
from simulator.engine.policies import best_line
from simulator.tui.screens.call import CallScreen
from simulator.tui.screens.debrief import DebriefScreen

from .test_pilot import opened, press_replies


@pytest.mark.parametrize(
    "lang,scenario,size,words",
    [
        ("es", "hostile-day3", (80, 24), ("APROBADO", "Evaluación")),
        ("zh-Hant", "first-call-zhang", (120, 40), ("通過", "復盤")),
    ],
)
async def test_whole_call_and_debrief(lang, scenario, size, words):
    persona = load_scenario(scenario).persona
    async with opened(scenario, size=size, lang=lang) as (app, pilot):
        assert isinstance(app.screen, CallScreen)
        opening = app.call.session.opening.line
        state = persona.state(persona.initial)
        variant = state.say[app.call.session.opening.variant]
        assert opening == render(getattr(variant, "text", variant), lang) and "‹" not in opening
        line, _value = best_line(app.call.session)  # the expert's line for this very call
        await press_replies(pilot, app, line)
        assert isinstance(app.screen, DebriefScreen)
        verdict = str(app.screen.query_one("#verdict").render())
        assert all(w in verdict for w in words), verdict
        said = [t.debtor_line for t in app.call.session.turns]
        assert said and not any(s.startswith("‹") for s in said)  # every line translated
