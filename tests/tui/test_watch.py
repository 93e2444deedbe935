"""`play --watch` through the real app: a save updates the call in place, a bad save does not
kill it."""

from __future__ import annotations

from simulator.core.transcript import read_transcript
from simulator.engine.resume import latest_unfinished
from simulator.tui.screens.call import CallScreen
from simulator.tui.watch import create_watch_app
from simulator.tui.widgets.conversation import Conversation

from .test_pilot import pick_scenario, press_replies, press_reply

OLD_EXCUSE = "One of my customers is sitting on 60,000 of mine"
NEW_EXCUSE = "A customer owes me 60,000 and keeps stalling"


def convo_text(app) -> list[str]:
    found = app.screen.query(Conversation)  # none while a reload swaps the screen
    return found.first().transcript() if found else []


def toasts(app) -> str:
    from textual.widgets._toast import Toast

    return "\n".join(str(t.render()) for t in app.screen.query(Toast))


async def wait_for_reload(pilot, app, what) -> None:
    """Let the app's own timer find the save (it waits for saves to settle)."""
    for _ in range(40):
        await pilot.pause(0.1)
        if what():
            return
    raise AssertionError(f"no reload seen; toasts: {toasts(app)}")


async def test_saved_persona_updates_the_call_at_the_same_turn(zhang_copy):
    scen, pers = zhang_copy
    app = create_watch_app(str(scen), seed=1)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        await press_replies(pilot, app, ["straight-to-it", "ask-reason"])
        assert any(OLD_EXCUSE in x for x in convo_text(app))
        # the editor saves by writing a temp file and renaming it over the persona
        tmp = pers.with_name(".zhang.swp")
        tmp.write_text(pers.read_text(encoding="utf-8").replace(OLD_EXCUSE, NEW_EXCUSE),
                       encoding="utf-8")
        tmp.replace(pers)
        await wait_for_reload(pilot, app, lambda: any(NEW_EXCUSE in x for x in convo_text(app))
                              and "still at turn 3" in toasts(app))
        assert isinstance(app.screen, CallScreen)
        assert not any(OLD_EXCUSE in x for x in convo_text(app))
        assert len(app.call.session.turns) == 2  # same turn
        assert "still at turn 3" in toasts(app)
        await press_reply(pilot, app, "ask-customer")  # and the call goes on
        assert len(app.call.session.turns) == 3
    tr = read_transcript(latest_unfinished())
    assert tr.choices == ["straight-to-it", "ask-reason", "ask-customer"]
    assert NEW_EXCUSE in tr.turns[1].debtor_line


async def test_broken_save_shows_the_error_and_keeps_the_call(zhang_copy):
    scen, pers = zhang_copy
    good = pers.read_text(encoding="utf-8")
    app = create_watch_app(str(scen), seed=1)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        await press_replies(pilot, app, ["straight-to-it", "ask-reason"])
        lines = convo_text(app)
        pers.write_text(good.replace("        to: excuse\n", "        to: nowhere\n", 1),
                        encoding="utf-8")
        app.watcher.settle = 0  # check the watcher directly rather than wait for the timer
        app.check_files()
        await pilot.pause()
        shown = toasts(app)
        assert "Save not loaded" in shown and "zhang-wholesaler.yaml:" in shown and "nowhere" in shown
        assert "errors" in app.sub_title
        assert isinstance(app.screen, CallScreen) and convo_text(app) == lines
        await press_reply(pilot, app, "ask-customer")  # the old version still plays
        assert len(app.call.session.turns) == 3
        # the next good save reloads, and removing a reply played truncates the call
        pers.write_text(good.replace("id: ask-customer\n", "id: ask-who\n"), encoding="utf-8")
        app.check_files()
        await pilot.pause()
        assert [t.reply for t in app.call.session.turns] == ["straight-to-it", "ask-reason"]
        shown = toasts(app)
        assert "turn 3" in shown and "'ask-customer'" in shown and "no longer exists" in shown
        assert "errors" not in app.sub_title
        assert "ask-who" in [r.id for r in app.call.session.offered()]


async def test_resume_watch_fits_the_call_to_files_edited_meanwhile(zhang_copy, tmp_path):
    from simulator.engine.resume import JournaledCall

    scen, pers = zhang_copy
    call = JournaledCall.start(str(scen), seed=1)
    call.choose("straight-to-it")
    call.choose("ask-reason")
    call.journal.close()  # the trainer quit; then renamed a reply they had played
    pers.write_text(pers.read_text(encoding="utf-8").replace("id: ask-reason\n", "id: ask-why\n"),
                    encoding="utf-8")
    app = create_watch_app(resume=call.path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CallScreen)
        assert [t.reply for t in app.call.session.turns] == ["straight-to-it"]
        shown = toasts(app)
        assert "Resumed on edited files" in shown and "'ask-reason'" in shown
        assert pers.resolve() in app.watcher.paths
        await press_reply(pilot, app, "ask-why")
    assert read_transcript(call.path).choices == ["straight-to-it", "ask-why"]


async def test_retry_while_a_save_is_broken_keeps_the_app(zhang_copy):
    scen, pers = zhang_copy
    app = create_watch_app(str(scen), seed=1)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        await press_reply(pilot, app, "straight-to-it")
        await pilot.press("e")
        await pilot.pause()
        pers.write_text("states: [\n", encoding="utf-8")
        await pilot.press("r")  # retry from the debrief: the files no longer load
        await pilot.pause()
        assert app.is_running and "Cannot start" in toasts(app)
        assert len(app.call.session.turns) == 1


async def test_an_assessment_picked_under_watch_is_not_reloaded(zhang_copy):
    scen, _ = zhang_copy
    scen.write_text(scen.read_text(encoding="utf-8").replace("mode: practice", "mode: assessment"),
                    encoding="utf-8")
    app = create_watch_app(str(scen), seed=1)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        assert app.watcher.paths == []
        assert "practice calls only" in toasts(app)


async def test_a_call_picked_from_the_list_is_watched(zhang_copy, monkeypatch):
    scen, pers = zhang_copy
    monkeypatch.setenv("COLLECTSIM_PATH", str(scen.parent.parent))  # user folder .../scenarios
    (scen.parent.parent / "scenarios").mkdir()
    mine = scen.parent.parent / "scenarios" / "first-call-mine.yaml"
    mine.write_text(scen.read_text(encoding="utf-8").replace("id: first-call-zhang", "id: first-call-mine")
                    .replace("persona: zhang-wholesaler", f"persona: {pers}"), encoding="utf-8")
    app = create_watch_app(seed=1)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        await pick_scenario(pilot, app, "first-call-mine")
        assert isinstance(app.screen, CallScreen)
        assert {mine.resolve(), pers.resolve()} <= set(app.watcher.paths)
        pers.write_text(pers.read_text(encoding="utf-8").replace("Zhang here, who's calling?",
                                                                 "Zhang, who is this?"), encoding="utf-8")
        app.watcher.settle = 0
        app.check_files()
        await pilot.pause()
        assert any("Zhang, who is this?" in x for x in convo_text(app))
