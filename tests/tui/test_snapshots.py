"""Snapshots at 100x30 of the picker, the call screen (English and Chinese) and the debrief.
Update with `pytest tests/tui --snapshot-update` after an intended change, and look at them."""

from __future__ import annotations

from simulator.tui.app import create_app

from .test_pilot import SEED, expert_line, press_replies, press_reply

SIZE = (100, 30)


def test_picker(snap_compare):
    async def filter_to_zhang(pilot):  # independent of how much content is bundled
        await pilot.pause()
        pilot.app.screen.query_one("#filter").value = "zhang"
        await pilot.pause()

    assert snap_compare(create_app(lang="en"), terminal_size=SIZE, run_before=filter_to_zhang)


def test_call_screen(snap_compare):
    async def two_turns(pilot):
        await pilot.pause()
        await press_replies(pilot, pilot.app, expert_line()[:2])

    assert snap_compare(create_app("first-call-zhang", seed=SEED), terminal_size=SIZE,
                        run_before=two_turns)


def test_call_screen_chinese(snap_compare):
    async def one_turn(pilot):
        await pilot.pause()
        await press_reply(pilot, pilot.app, expert_line()[0])

    assert snap_compare(create_app("first-call-zhang", seed=SEED, lang="zh"), terminal_size=SIZE,
                        run_before=one_turn)


def test_debrief(snap_compare):
    async def whole_call(pilot):
        await pilot.pause()
        await press_replies(pilot, pilot.app, expert_line())

    assert snap_compare(create_app("first-call-zhang", seed=SEED), terminal_size=SIZE,
                        run_before=whole_call)


def _debrief_at(snap_compare, size) -> bool:
    async def whole_call(pilot):
        await pilot.pause()
        await press_replies(pilot, pilot.app, expert_line())

    return snap_compare(create_app("first-call-zhang", seed=SEED), terminal_size=size, run_before=whole_call)


def test_debrief_80x24(snap_compare):
    assert _debrief_at(snap_compare, (80, 24))


def test_debrief_160x48(snap_compare):
    assert _debrief_at(snap_compare, (160, 48))
