"""The full-screen apps show data as text (issue 13): escapes in persona text and names are
drawn visibly, never written to the terminal; Textual markup in a title, a line, a mood or
a candidate's name is shown as written, neither parsed (it crashed screens) nor acted on
(`[@click=app.quit]` quit the app when clicked)."""

from __future__ import annotations

import pytest
from conftest import ESCAPES, MARKUP

from simulator.tui.app import create_app
from simulator.tui.gradebook_app import create_gradebook_app
from simulator.tui.screens.debrief import DebriefScreen
from simulator.tui.screens.gradebook import AttemptScreen, GradebookScreen
from simulator.tui.widgets.replymenu import ReplyMenu

VISIBLE = "\\u001b]0;PWNED\\u0007\\u001b[2J"


def terminal_bytes(app) -> str:
    """What the app would write to the terminal for its whole screen now."""
    return app.screen._compositor.render_update(full=True).render_segments(app.console)


def assert_safe(app) -> str:
    out = terminal_bytes(app)
    for raw in ("\x1b]0;PWNED", "\x07", "\x1b[2J"):  # the payload, as bytes a terminal obeys
        assert raw not in out
    return out


async def test_call_and_debrief_show_escapes_and_markup_as_text(hostile_content) -> None:
    app = create_app("evil-call", seed=1)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        out = assert_safe(app)
        assert VISIBLE in out and "[/bold] oops [@click=app.quit]" in out  # the title and first line
        await pilot.click(ReplyMenu, offset=(8, 1))  # the first reply, holding [@click=app.quit]
        await pilot.pause()
        assert app.is_running and len(app.call.session.turns) == 1
        assert_safe(app)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)  # a mood of `tired [/]` crashed it
        moods = str(app.screen.query_one("#moods").render())
        assert f"1:tired [/] {VISIBLE}" in moods
        assert_safe(app)


@pytest.fixture
def hostile_db(hostile_content, tmp_path, monkeypatch) -> str:
    """Three hostile names, each with a sitting sat through the functions `collectsim sit`
    uses: the gradebook counts assessments only."""
    from store.sittings import set_sitting, sit  # tests/store: the sitting helpers

    from simulator.store import Store, keys

    monkeypatch.setenv("COLLECTSIM_HOME", str(tmp_path / "home"))  # the assessor key, made here
    url = f"sqlite:///{tmp_path / 'results.db'}"
    names = ["[/bold] oops", f"Eve {ESCAPES} {MARKUP}", "x [@click=app.quit]y"]
    keys.create_key()
    store = Store(url)
    try:
        codes = set_sitting(store, names, ["evil-call"], attempts=1)
        for who in names:
            sit(store, codes[(who, 1)])
    finally:
        store.close()
    return url


async def test_gradebook_shows_names_as_written(hostile_db) -> None:
    app = create_gradebook_app(db=hostile_db)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, GradebookScreen)  # `[/bold] oops` crashed it
        table = screen.query_one("#gb-table")
        names = {str(table.get_row_at(i)[0]) for i in range(table.row_count)}
        assert names == {"[/bold] oops", f"Eve {VISIBLE} {MARKUP}", "x [@click=app.quit]y"}
        assert_safe(app)
        for row in range(table.row_count):  # clicking each name selects (or opens) it, no more
            await pilot.click("#gb-table", offset=(3, row + 1))
            await pilot.pause()
            assert app.is_running
            if isinstance(app.screen, AttemptScreen):
                await pilot.press("escape")
                await pilot.pause()
        table.move_cursor(row=[str(table.get_row_at(i)[0]) for i in range(table.row_count)].index(
            f"Eve {VISIBLE} {MARKUP}"))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AttemptScreen)
        head = str(app.screen.query_one("#at-head").render())
        assert head.startswith(f"Eve {VISIBLE} {MARKUP} · evil-call")
        lines = [str(w.render()) for w in app.screen.query(".gb-line")]
        assert any(f"Hello{VISIBLE} {MARKUP}" in line for line in lines)
        assert_safe(app)
