"""The conversation pane shows every line in order, however its widgets are reused, and the
latest answer is scrolled into view."""

from __future__ import annotations

from textual.containers import VerticalScroll

from simulator.tui.app import create_app

from .test_pilot import expert_line, press_reply


def shown_lines(screen) -> list[str]:
    return [str(w.render()) for w in screen.query(".line") if w.display]


async def test_lines_stay_in_order_and_the_last_is_in_view():
    app = create_app("first-call-zhang", seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for rid in expert_line()[:5]:
            await press_reply(pilot, app, rid)
        s = app.call.session
        expected = [s.opening.line]
        for x in s.turns:
            expected += [x.officer_line, x.debtor_line]
        shown = shown_lines(app.screen)
        assert len(shown) == len(expected)
        assert all(text in line for text, line in zip(expected, shown, strict=True))
        convo = app.screen.query_one("#convo", VerticalScroll)
        assert convo.max_scroll_y > 0 and convo.scroll_y == convo.max_scroll_y


async def test_reply_text_is_not_read_as_markup():
    app = create_app("first-call-zhang", seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.show_menu([("x", "pay [b]today[/b]")])
        await pilot.pause()
        ol = app.screen.query_one("#replies")
        assert "[b]today[/b]" in str(ol.get_option_at_index(0).prompt)
