"""Retry, history, the command palette, the picker and the plain mode."""

from __future__ import annotations

import subprocess
import sys

from simulator.engine.resume import past_calls
from simulator.tui.app import CollectApp, create_app
from simulator.tui.screens.call import CallScreen
from simulator.tui.screens.history import HistoryScreen
from simulator.tui.screens.picker import PickerScreen

from .test_pilot import end_call_after, expert_line, pick_scenario, press_reply
from .test_watch import toasts


async def test_retry_same_seed_starts_a_fresh_journaled_call():
    app = create_app("first-call-zhang", seed=7)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await end_call_after(pilot, app, expert_line()[:1])
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, CallScreen)
        assert app.call.session.seed == 7 and not app.call.session.turns
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert app.screen.query_one("#history").row_count == 2
    calls = past_calls()
    assert len(calls) == 2 and sum(c.transcript.finished for c in calls) == 1


async def test_palette_lists_the_app_actions():
    app = create_app("first-call-zhang", seed=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for want in ("Help", "简体中文", "History", "Light/dark theme", "End call"):
            assert want in titles


async def test_picker_filters_and_opens_the_call():
    app = create_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        app.screen.query_one("#filter").value = "zhang"
        await pilot.pause()
        case = app.screen.query_one("#case")
        shown = " ".join(case.render_line(y).text for y in range(case.size.height))
        assert "M1" in shown and "50,000" in shown
        app.screen.query_one("#filter").value = "no-such-scenario"
        await pilot.pause()
        assert app.screen.query_one("#scenarios").option_count == 0
        await pick_scenario(pilot, app, "zhang")
        assert isinstance(app.screen, CallScreen)


def plain_cli(home) -> tuple[list[str], dict[str, str], int]:
    """The command, its environment, and the number that plays `straight-to-it` first."""
    from simulator.engine.session import new_session

    pick = [r.id for r in new_session("first-call-zhang").offered()].index("straight-to-it") + 1
    return [sys.executable, "-m", "simulator.cli.main"], {"COLLECTSIM_HOME": str(home), "PATH": "/usr/bin:/bin"}, pick


def test_plain_mode_and_history_command(tmp_path, isolated_user_dir):
    run, env, pick = plain_cli(isolated_user_dir)
    out = subprocess.run([*run, "play", "first-call-zhang", "--plain"], input=f"{pick}\nq\n",
                         capture_output=True, text=True, env=env, timeout=60)
    assert out.returncode == 0 and "give me a week" in out.stdout and "/100" in out.stdout
    hist = subprocess.run([*run, "history"], capture_output=True, text=True, env=env, timeout=60)
    assert "first-call-zhang" in hist.stdout and "1 turns" in hist.stdout


def test_plain_call_survives_closed_input_and_resumes(tmp_path, isolated_user_dir):
    """A closed pipe or a dropped ssh is not a hang-up: the call stays open for --resume."""
    run, env, pick = plain_cli(isolated_user_dir)
    cut = subprocess.run([*run, "play", "first-call-zhang", "--plain"], input=f"{pick}\n",
                         capture_output=True, text=True, env=env, timeout=60)
    assert cut.returncode == 3 and "saved at turn 2" in cut.stdout and "/100" not in cut.stdout
    again = subprocess.run([*run, "play", "--resume", "--plain"], input="q\n",
                           capture_output=True, text=True, env=env, timeout=60)
    assert again.returncode == 0 and "give me a week" in again.stdout and "/100" in again.stdout

async def test_footer_key_labels_follow_the_language():
    from simulator.tui.widgets.footer import LocalFooter

    def labels(app) -> set[str]:
        return {k.description for k in app.screen.query_one(LocalFooter).children if getattr(k, "description", "")}

    app = create_app(lang="zh")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        assert {"帮助", "退出"} <= labels(app) and "Help" not in labels(app)
        # l goes round every language: Spanish, Traditional Chinese, then English
        for want in ({"Ayuda", "Salir"}, {"說明", "離開"}, {"Help", "Quit"}):
            await pilot.press("l")
            await pilot.pause()
            assert want <= labels(app)


async def test_history_screen_speaks_the_calls_language():
    app = create_app("first-call-zhang", seed=1, lang="zh")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await press_reply(pilot, app, expert_line()[0])
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        table = app.screen.query_one("#history")
        assert [str(c.label) for c in table.columns.values()] == ["开始", "场景", "轮数", "得分"]
        assert str(table.get_row_at(0)[3]).endswith("未通过")


async def test_a_browser_tab_starts_with_the_keyboard_and_later_blurs_still_count():
    """Textual's web driver posts a blur as the app starts, which the page never answers
    with a focus: the app ignores that one (else the first key restyles the whole screen),
    not the blurs the browser sends later."""
    from pathlib import Path

    from textual import events

    import simulator.tui

    class InATab(CollectApp):
        CSS_PATH = str(Path(simulator.tui.__file__).parent / CollectApp.CSS_PATH)

        @property
        def is_web(self) -> bool:
            return True

    app = InATab(scenario="first-call-zhang", seed=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.post_message(events.AppBlur())  # what WebDriver.start_application_mode posts
        await pilot.pause()
        assert app.app_focus
        app.post_message(events.AppBlur())  # the trainee went to another window
        await pilot.pause()
        assert not app.app_focus


async def test_a_scenario_whose_persona_is_broken_is_listed_and_says_why_when_picked(tmp_path, monkeypatch):
    """The picker reads scenarios alone (a tab on it must not hold every persona); a broken
    persona is found when its call starts, and the trainer is told the file and field."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    (tmp_path / "personas").mkdir()
    (tmp_path / "scenarios").mkdir()
    persona = (root / "personas" / "zhang-wholesaler.yaml").read_text(encoding="utf-8")
    persona = persona.replace("id: zhang-wholesaler", "id: torn-zhang").replace("max_turns:", "max_turns: many #", 1)
    (tmp_path / "personas" / "torn-zhang.yaml").write_text(persona, encoding="utf-8")
    scen = (root / "scenarios" / "first-call-zhang.yaml").read_text(encoding="utf-8")
    scen = scen.replace("id: first-call-zhang", "id: torn-call").replace("persona: zhang-wholesaler", "persona: torn-zhang")
    (tmp_path / "scenarios" / "torn-call.yaml").write_text(scen, encoding="utf-8")
    monkeypatch.setenv("COLLECTSIM_PATH", str(tmp_path))
    app = create_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        await pick_scenario(pilot, app, "torn-call")
        assert isinstance(app.screen, PickerScreen)  # no call, no crash
        for _ in range(30):  # the toast mounts a moment later
            if "torn-zhang.yaml" in toasts(app):
                break
            await pilot.pause(0.1)
        assert "torn-zhang.yaml" in toasts(app) and "max_turns" in toasts(app)
        await pick_scenario(pilot, app, "first-call-zhang")
        assert isinstance(app.screen, CallScreen)  # the others still play
