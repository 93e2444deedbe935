"""The app and its one factory, `create_app`, used by `collectsim play` and by the tests.

The app owns the journaled call and turns screen messages into engine calls; screens only
display what they are handed.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from simulator.core.langs import next_lang
from simulator.core.transcript import CallMovedOn

from . import speed
from .base import CollectsimApp
from .i18n import t
from .screens.call import CallScreen
from .view import CallView, Line, call_view, menu_and_status

if TYPE_CHECKING:  # the engine is imported on first use: after the first frame, if it can
    from textual.timer import Timer

    from simulator.engine.resume import JournaledCall
    from simulator.engine.session import Session

    from .firstframe import Loader


class CollectApp(CollectsimApp):
    BINDINGS = [
        Binding("question_mark", "help", "Help"),
        Binding("l", "switch_lang", "中文/EN"),
        Binding("t", "toggle_dark", "Theme"),
        Binding("h", "history", "History"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, scenario: str | None = None, seed: int | None = None,
                 lang: str | None = None, resume: Path | None = None,
                 sessions: Path | None = None, preview: CallView | None = None) -> None:
        super().__init__()
        self.scenario_ref = scenario
        self.seed = seed
        self.lang_override = lang
        self.resume_path = resume
        self.sessions = sessions
        self.launch_lang = lang  # the command line's --lang: part of the first-frame key
        self.call: JournaledCall | None = None
        self.debriefed: Session | None = None  # the call the debrief on screen shows
        # The opening screen read from the first-frame cache (firstframe.py); until
        # `hydrate` has run, it is shown without a session behind it.
        self.preview = preview
        self._loader: Loader | None = None
        self._settle: Timer | None = None

    @property
    def lang(self) -> str:
        if self.preview is not None:
            return self.preview.lang
        if self.call is not None:
            return self.call.session.lang
        return self.lang_override or "en"

    # -- starting ----------------------------------------------------------------------
    def on_mount(self) -> None:
        if self.resume_path is not None:
            from simulator.engine.resume import JournaledCall

            self.open_call(JournaledCall.resume(self.resume_path))
        elif self.scenario_ref and self.preview is not None:
            self.sub_title = self.preview.title  # the screen is the default one, see below
        elif self.scenario_ref:
            if self.call is None:  # normally started by get_default_screen
                self.start(self.scenario_ref, self.seed)
            else:
                self.open_call(self.call, shown=True)
            self.call_after_refresh(self.remember_first_frame, self.call)
        else:
            self.show_picker()

    def show_picker(self) -> None:
        from simulator.core.library import list_files
        from simulator.engine.bundle import load_scenario_alone

        items = []
        for _, path in list_files("scenarios"):
            try:
                items.append((str(path), load_scenario_alone(path)))
            except Exception:  # a broken user file is for `collectsim validate` to explain
                continue
        from .screens.picker import PickerScreen

        self.push_screen(PickerScreen(items, self.lang))

    def start(self, ref: str, seed: int | None) -> None:
        from simulator.engine.resume import JournaledCall

        self.open_call(JournaledCall.start(ref, seed=seed, lang=self.lang_override,
                                           folder=self.sessions))

    def hydrate(self) -> None:
        """Take over the real call started behind a screen drawn from the first-frame cache.
        The screen stays if the session shows the same; otherwise it is replaced, and the
        cache entry too. Anything that needs the session calls this first: it waits for
        the loader if a key came early."""
        if self.preview is None:
            return
        if self._loader is None:
            self._begin_loading()
        shown = self.preview
        self.call = self._loader.result()  # type: ignore[union-attr]
        self.preview = None
        if self.call.session.ended or self.call_view() != shown:
            self.open_call(self.call)
            self.remember_first_frame(self.call)
        speed.startup_done(self.call.session)  # see speed.py, 2.

    def get_default_screen(self) -> Screen:
        """`play SCENARIO` opens on the call screen itself, composed and painted with the app
        rather than pushed from on_mount (whose first frame Textual renders and drops): from
        the remembered view if there is one, else from a call started here."""
        if self.scenario_ref and self.resume_path is None:
            if self.preview is not None:
                return CallScreen(self.preview)
            from simulator.engine.resume import JournaledCall

            self.call = JournaledCall.start(self.scenario_ref, seed=self.seed,
                                            lang=self.lang_override, folder=self.sessions)
            if not self.call.session.ended:
                return CallScreen(self.call_view())
        return super().get_default_screen()

    def post_display_hook(self) -> None:
        """Start loading the engine once the opening frames have gone out: 20 ms after the
        last display of the startup burst (loading sooner would slow those frames down)."""
        super().post_display_hook()
        if self.preview is not None and self._loader is None and isinstance(self.screen, CallScreen):
            self._settle = speed.settle_then(self, self._begin_loading, self._settle)  # speed.py, 3.

    def _begin_loading(self) -> None:
        if self._loader is not None or self.preview is None:
            return
        from .firstframe import Loader

        def start() -> JournaledCall:
            from simulator.engine.resume import JournaledCall

            call = JournaledCall.start(self.scenario_ref or "", seed=self.seed,
                                       lang=self.lang_override, folder=self.sessions)
            call.session.ready()  # the machine, built here off the UI thread (speed.py, 2.)
            return call

        self._loader = Loader(start, lambda: self.call_from_thread(self.hydrate))
        self._loader.begin()

    def remember_first_frame(self, call: JournaledCall | None) -> None:
        """After the first frame: write what it showed, for the next `play` of this call."""
        speed.startup_done(call.session if call is not None else None)  # see speed.py, 2.
        if call is None or call is not self.call or call.session.turns or call.session.ended:
            return
        from . import firstframe

        firstframe.remember(self.scenario_ref or "", self.seed, self.launch_lang, call.session)

    def call_view(self) -> CallView:
        """What the call screen shows for the current session."""
        return call_view(self.call.session)  # type: ignore[union-attr]

    def open_call(self, call: JournaledCall, shown: bool = False) -> None:
        """Show `call` (its debrief if it has ended); `shown`: its screen is already up."""
        from simulator.core.text import render

        self.call = call
        s = call.session
        self.sub_title = render(s.scenario.title, s.lang)
        if s.ended:
            self.show_debrief()
            return
        if not shown:
            self.switch_or_push(CallScreen(self.call_view()))

    def terminal_lost(self) -> None:
        """Every journaled turn on disk before the process ends (the last fsync may still
        be pending)."""
        if self.call is not None and self.call.journal is not None:
            speed.fsync(self.call.journal.path)

    def switch_or_push(self, screen: Screen) -> None:
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def refresh_call(self, screen: CallScreen) -> None:
        menu, status = menu_and_status(self.call.session)  # type: ignore[union-attr]
        screen.show_menu(menu)
        screen.show_status(status)

    # -- messages from screens ---------------------------------------------------------
    def on_picker_screen_picked(self, msg) -> None:
        from simulator.core.errors import ContentError

        try:
            self.start(msg.ref, self.seed)
        except ContentError as exc:  # its persona, rubric or profile is broken: say where
            self.notify(str(exc), severity="error", timeout=30)

    def on_call_screen_chosen(self, msg: CallScreen.Chosen) -> None:
        self.hydrate()
        if self.call is None or self.call.session.ended:
            return
        try:
            with speed.turn_without_pauses(self, self.call.journal):  # see speed.py, 4.
                turn = self.call.choose(msg.reply_id)
        except CallMovedOn:  # the same call is being played in another tab: that one wins
            self.call = None
            self.notify(t("moved_on", self.lang), severity="error", timeout=60)
            return
        screen = self.screen
        if isinstance(screen, CallScreen):
            with self.batch_update():  # lines, menu and status land in one frame
                screen.add_lines([Line("officer", turn.officer_line), Line("debtor", turn.debtor_line)])
                self.refresh_call(screen)
        if self.call.session.ended:
            self.show_debrief()

    def on_call_screen_end_call(self, msg: CallScreen.EndCall) -> None:
        self.hydrate()
        if self.call is None or self.call.session.ended:
            return
        if self.call.session.turns:
            self._end_call(True)
        else:  # nothing played yet: ask first
            from .screens.casefile import ConfirmEndScreen

            self.push_screen(ConfirmEndScreen(self.lang), self._end_call)

    def _end_call(self, yes: bool | None) -> None:
        if yes and self.call is not None and not self.call.session.ended:
            self.call.end()
            self.show_debrief()

    def show_debrief(self, session: Session | None = None, push: bool = False) -> None:
        """The debrief of the call just played, or of `session` (a past call replayed)."""
        from .analysis import mood_series
        from .screens.debrief import DebriefScreen

        s = self.debriefed = session or self.call.session  # type: ignore[union-attr]
        screen = DebriefScreen(s.report(s.lang), s.opening.line, list(s.turns), mood_series(s), s.lang)
        self.push_screen(screen) if push else self.switch_or_push(screen)

    def on_history_screen_open(self, msg) -> None:
        """A past call replayed from its transcript (same scenario, seed and choices), so its
        debrief has the road not taken too; content changed since says so instead."""
        from simulator.engine import new_session
        from simulator.engine.resume import past_calls

        calls = past_calls(self.sessions)
        if not 0 <= msg.index < len(calls):
            return
        tr = calls[msg.index].transcript
        h = tr.header
        try:
            s = new_session(h.ref, seed=h.seed, lang=self.lang)
            s.replay(tr.choices)
            if not s.ended and tr.outcome:
                s.end_call()
        except Exception as exc:  # noqa: BLE001 - a past call whose content changed or went missing
            self.notify(f"{h.scenario}: {exc}", severity="error")
            return
        self.show_debrief(s, push=True)

    def on_debrief_screen_road_requested(self, msg) -> None:
        from .analysis import roads

        s = self.debriefed
        if s is None:
            return
        self.screen.show_road(msg.turn, roads(s, msg.turn))  # type: ignore[attr-defined]

    def on_debrief_screen_retry(self, msg) -> None:
        s = self.debriefed
        if s is None:
            return
        seed = random.randrange(1, 10**6) if msg.new_seed else s.seed
        self.lang_override = s.lang
        ref = str(s.bundle.sources["scenario"].path) if "scenario" in s.bundle.sources else s.scenario.id
        self.start(ref, seed)

    # -- app-wide actions --------------------------------------------------------------
    def action_history(self) -> None:
        from simulator.engine.resume import history_rows

        from .screens.history import HistoryScreen

        self.push_screen(HistoryScreen(history_rows(self.sessions), self.lang))

    def action_switch_lang(self) -> None:
        """Persona text is re-rendered by replaying the same choices in the other language
        (same seed, so the same lines are picked); UI strings follow."""
        self.hydrate()
        new = next_lang(self.lang)
        self.lang_override = new
        if self.call is None:
            if isinstance(self.screen, Screen) and type(self.screen).__name__ == "PickerScreen":
                self.pop_screen()
                self.show_picker()
            return
        from simulator.engine.session import Session

        old = self.call.session
        s = Session(old.bundle, seed=old.seed, lang=new, facets=old.facets).replay([x.reply for x in old.turns])
        if old.ended and not s.ended and old.outcome is not None:
            s.end_call(old.outcome)
        self.call.session = s
        self.open_call(self.call)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand(t("help", self.lang), "The four core tasks, the call flow, keys", self.action_help)
        yield SystemCommand(t("language", self.lang), "Switch language: English, 简体中文, Español, 繁體中文", self.action_switch_lang)
        yield SystemCommand(t("history", self.lang), "Past calls and their scores", self.action_history)
        yield SystemCommand("Light/dark theme", "Toggle the theme", self.action_toggle_dark)
        if isinstance(screen, CallScreen):
            yield SystemCommand(t("end_call", self.lang), "Hang up and see the debrief", screen.action_end_call)


def create_app(scenario: str | None = None, seed: int | None = None, lang: str | None = None,
               resume: Path | None = None, sessions: Path | None = None,
               preview: CallView | None = None) -> CollectApp:
    """The one way to build the app, for the CLI and the tests alike. `preview` is the
    remembered opening screen of this call, if any (firstframe.py)."""
    return CollectApp(scenario=scenario, seed=seed, lang=lang, resume=resume, sessions=sessions,
                      preview=preview)
