"""The conversation pane and the reply menu: every line in order, the newest in view, replies
picked by digit, arrows, Enter or click, and a turn painted without a layout of the screen."""

from __future__ import annotations

from scoring.messages import pressure_shown, say
from simulator.tui.textual_private import count_layouts
from simulator.tui.widgets.conversation import Conversation
from simulator.tui.widgets.replymenu import ReplyMenu
from simulator.tui.widgets.side import SidePanel

from .test_pilot import expert_line, opened, press_replies, press_reply


def visible_text(view) -> list[str]:
    """What the view shows on screen now, line by line."""
    return [view.render_line(y).text for y in range(view.content_region.height)]


async def offer(pilot, app, replies) -> ReplyMenu:
    """Put `replies` on the call screen's menu and return it."""
    menu = app.screen.query_one(ReplyMenu)
    menu.set_replies(replies)
    await pilot.pause()
    return menu


def spoken(app) -> list[str]:
    s = app.call.session
    lines = [s.opening.line]
    for x in s.turns:
        lines += [x.officer_line, x.debtor_line]
    return lines


async def test_lines_stay_in_order_and_the_last_is_in_view():
    async with opened() as (app, pilot):
        await press_replies(pilot, app, expert_line()[:5])
        convo = app.screen.query_one(Conversation)
        assert [x.text for x in convo.lines] == spoken(app)
        assert convo.max_scroll_y > 0 and convo.scroll_y == convo.max_scroll_y
        shown = " ".join(" ".join(visible_text(convo)).split())
        last_words = " ".join(spoken(app)[-1].split()[-3:])
        assert last_words in shown


async def test_a_resize_rewraps_the_conversation_and_keeps_the_end_in_view():
    async with opened() as (app, pilot):
        await press_replies(pilot, app, expert_line()[:4])
        convo = app.screen.query_one(Conversation)
        narrow = convo.line_count
        await pilot.resize_terminal(160, 24)
        await pilot.pause()
        assert convo.line_count < narrow  # wider: fewer wrapped lines
        assert convo.scroll_y == convo.max_scroll_y


async def test_a_turn_is_painted_without_a_layout_of_the_screen():
    """The call screen's keypress budget (issue 3) rests on this: a turn changes what the
    panes show, never their sizes. The first turn too, though it changes how many lines the
    status takes (the pressure line wraps differently at the rung it reaches)."""
    async with opened() as (app, pilot):
        with count_layouts(app.screen) as layouts:
            await press_replies(pilot, app, expert_line()[:4])
            assert len(app.call.session.turns) == 4
            assert layouts == []
            app.screen.refresh(layout=True)  # and the counter does see a layout when one happens
            await pilot.pause()
            assert layouts


def side_lines(side: SidePanel) -> list[str]:
    """Every line of the side column, scrolled into view or not."""
    return [strip.text.rstrip() for strip in side._strips]


def meter_at(lines: list[str]) -> int:
    return next(i for i, x in enumerate(lines) if x.strip() and set(x.strip()) <= set("█·|"))


async def test_a_status_that_grows_moves_nothing_under_it():
    """The first reply lengthens the pressure line by a line at 80x24: it grows into the
    room kept under it, so the lines under it (the meter, the mood, the case file) stay
    where they were, and the column keeps its length (no repaint of the case file, nor of
    the scrollbar); the new pressure line shows whole."""
    async with opened() as (app, pilot):
        side = app.screen.query_one(SidePanel)
        first = side_lines(side)
        pressure = next(i for i, x in enumerate(first) if x.startswith("Pressure"))
        meter = meter_at(first)

        await press_reply(pilot, app, expert_line()[0])
        after = side_lines(side)
        assert len([x for x in after[pressure:meter] if x]) > len([x for x in first[pressure:meter] if x])
        assert meter_at(after) == meter
        assert len(after) == len(first) and after[meter + 1:] == first[meter + 1:]
        live = app.call.session.live()
        words = say(pressure_shown(live.peak, live.ceiling, live.previous_peak), "en").split()
        assert " ".join(words) in " ".join(" ".join(after[pressure:meter]).split())


async def test_reply_text_is_not_read_as_markup():
    async with opened() as (app, pilot):
        menu = await offer(pilot, app, [("x", "pay [b]today[/b]")])
        assert "1. pay [b]today[/b]" in visible_text(menu)[0]


async def test_arrows_and_enter_pick_the_reply_under_the_cursor():
    async with opened() as (app, pilot):
        offered = [r.id for r in app.call.session.offered()]
        await pilot.press("down", "down", "up", "down", "enter")
        await pilot.pause()
        assert app.call.session.turns[0].reply == offered[2]


async def test_a_click_picks_the_reply_clicked_even_on_a_wrapped_line():
    async with opened() as (app, pilot):
        ids = [r.id for r in app.call.session.offered()][:3]
        menu = await offer(pilot, app, [(ids[0], "short"), (ids[1], "long " * 30), (ids[2], "last")])
        rows = menu._rows[1]
        assert len(rows) > 1  # the long reply wraps
        await pilot.click(ReplyMenu, offset=(5, 1 + rows.stop - 1))  # its last line (+ border)
        await pilot.pause()
        assert app.call.session.turns[0].reply == ids[1]


async def test_the_cursor_scrolls_a_long_menu():
    async with opened() as (app, pilot):
        menu = await offer(pilot, app, [(f"r{i}", f"reply number {i}") for i in range(9)])
        menu.focus()
        await pilot.press("end")
        await pilot.pause()
        assert menu.max_scroll_y > 0 and menu.scroll_y == menu.max_scroll_y
        assert "9. reply number 8" in " ".join(visible_text(menu))
        await pilot.press("home")
        await pilot.pause()
        assert menu.scroll_y == 0


async def test_the_gc_paused_for_a_turn_runs_again_after_its_paint():
    import gc

    async with opened() as (app, pilot):
        assert gc.isenabled()
        await press_reply(pilot, app, expert_line()[0])
        assert len(app.call.session.turns) == 1
        assert gc.isenabled()


async def test_the_first_reply_starts_no_thread_and_frames_wait_less_for_the_gil():
    """speed.py, 4. and 5.: the fsync's worker is running before the first key, and a thread
    that wants the GIL (Textual's writer, with a frame to write) gets it within 0.5 ms."""
    import sys
    import threading

    from simulator.tui import speed

    async with opened() as (app, pilot):
        assert sys.getswitchinterval() <= speed.SWITCH_INTERVAL
        threads = threading.active_count()
        await press_reply(pilot, app, expert_line()[0])
        await pilot.pause(0.05)  # its fsync has been handed to the worker
        assert len(app.call.session.turns) == 1
        assert threading.active_count() == threads


async def test_the_persona_machine_is_built_before_the_first_key():
    """speed.py, 2.: the first reply does not wait for importing transitions and building
    the persona's machine, with or without the first-frame cache."""
    for _ in range(2):  # the first launch fills the cache the second opens from
        async with opened() as (app, pilot):
            app.hydrate()
            await pilot.pause()
            assert app.call.session._follow is not None
            assert not app.call.session.turns


async def test_the_scrollbar_is_repainted_only_once_the_conversation_overflows():
    """While every line fits, the conversation's scrollbar is an empty track: a turn leaves
    it alone (repainting it cost a fifth of a first keypress's render); once the lines
    overflow, it is sized to them."""
    async with opened() as (app, pilot):
        convo = app.screen.query_one(Conversation)
        bar = convo.vertical_scrollbar
        renders: list[int] = []
        render = bar.render
        bar.render = lambda: (renders.append(1), render())[1]  # type: ignore[method-assign]
        line = iter(expert_line())
        await press_reply(pilot, app, next(line))
        assert 1 < convo.line_count <= convo.scrollable_content_region.height
        assert renders == []
        while convo.max_scroll_y == 0:
            await press_reply(pilot, app, next(line))
        assert renders
        assert bar.window_virtual_size == convo.virtual_size.height == convo.line_count


async def test_the_status_panel_follows_the_engine_turn_by_turn():
    async with opened(size=(100, 30)) as (app, pilot):
        panel = app.screen.query_one(SidePanel)
        assert "☐ Demand payment today" in " ".join(visible_text(panel))
        for reply in expert_line()[:3]:
            await press_reply(pilot, app, reply)
            live = app.call.session.live()
            shown = visible_text(panel)
            for label, name in (("Demand payment today", "demand_today"),
                                ("Learn the reason", "learn_reason"),
                                ("State pros and cons", "pros_and_cons"),
                                ("End on a commitment", "get_commitment")):
                mark = "✔" if live.core[name] else "☐"
                assert f"{mark} {label}" in " ".join(shown)
            words = say(pressure_shown(live.peak, live.ceiling, live.previous_peak), "en")
            assert f"Pressure {words}" in " ".join(" ".join(shown).split())  # the ladder's words
        assert any(live.core.values()) and not all(live.core.values())


async def test_a_theme_switch_recolours_what_is_already_shown():
    async with opened() as (app, pilot):
        screen = app.screen
        views = [screen.query_one(Conversation), screen.query_one(ReplyMenu),
                 screen.query_one(SidePanel)]

        def colours():
            return [[seg.style.bgcolor for seg in view.render_line(0)] for view in views]

        before = colours()
        await pilot.press("t")
        await pilot.pause()
        after = colours()
        assert all(set(a).isdisjoint(b) for a, b in zip(before, after, strict=True))


async def test_the_cursor_bar_is_dimmed_when_the_menu_loses_focus():
    async with opened() as (app, pilot):
        menu = app.screen.query_one(ReplyMenu)
        assert menu.has_focus
        focused = menu.render_line(0)
        app.screen.query_one(Conversation).focus()
        await pilot.pause()
        blurred = menu.render_line(0)
        assert focused.text == blurred.text
        assert {s.style.bgcolor for s in focused}.isdisjoint({s.style.bgcolor for s in blurred})


def test_only_the_lines_that_changed_are_repainted():
    from textual.strip import Strip

    from simulator.tui.widgets.stripview import changed_runs

    a, b, c = Strip.blank(3), Strip.blank(4), Strip.blank(5)
    assert changed_runs([a, b, c], [a, b, c]) == []  # nothing
    assert changed_runs([a, b, c], [a, c, c]) == [(1, 2)]  # one line in the middle
    assert changed_runs([a, b, c, a], [c, b, a, a]) == [(0, 1), (2, 3)]  # two, apart
    assert changed_runs([a, b, c], [b, c, c]) == [(0, 2)]  # two together
    assert changed_runs([a, b, c], [a, b]) == [(2, 3)]  # a line gone at the end
    assert changed_runs([a, b], [c, a, b]) == [(0, 3)]  # one more at the top moves all below
    assert changed_runs([], [a]) == [(0, 1)]


async def test_a_turn_is_on_file_before_its_answer_shows_and_synced_off_the_ui_thread(monkeypatch):
    """The journal's guarantee (a call survives Ctrl-C, a closed terminal, a crash) with the
    disk's flush off the keypress: the record is written before the lines are added, the
    fsync follows on another thread."""
    import threading

    from simulator.core.transcript import read_transcript
    from simulator.tui import speed
    from simulator.tui.screens.call import CallScreen

    seen: list[int] = []
    synced: list[bool] = []
    add_lines = CallScreen.add_lines

    def on_screen(screen, lines):
        seen.append(len(read_transcript(screen.app.call.journal.path).turns))
        add_lines(screen, lines)

    monkeypatch.setattr(CallScreen, "add_lines", on_screen)
    monkeypatch.setattr(speed, "fsync", lambda path: synced.append(threading.current_thread() is threading.main_thread()))
    async with opened() as (app, pilot):
        await press_replies(pilot, app, expert_line()[:2])
        for _ in range(50):  # the worker thread's fsync lands after the paint
            if len(synced) == 2:
                break
            await pilot.pause(0.01)
    assert seen == [1, 2]
    assert synced == [False, False]
