"""`collectsim sit`: a candidate's assessment, full screen. It asks for the one-time code,
then plays each call of the sitting on the call screen in assessment mode (the case file,
no checklist or mood) with the reply countdown in the header when replies are timed, and
ends on a "recorded" screen. It runs under the assessor's account (ssh forced command or
`collectsim serve`), so it takes no per-candidate arguments: the code says who and what.
Every turn is committed and witnessed before the next is shown (sitting.py, store/db.py).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Header, Input, Static

from .base import CollectsimApp
from .screens.call import CallScreen
from .view import CallView, Line

if TYPE_CHECKING:
    from simulator.store.db import Store
    from simulator.store.sitting import Part


class CodeScreen(Screen):
    """Type the one-time code. Errors are shown here, in words, never as a traceback."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="code-box"):
            yield Static("Type the one-time code your assessor gave you, then Enter.", id="code-prompt")
            yield Input(placeholder="XXXX-XXXX-XXXX", id="code", max_length=40)
            yield Static("", id="code-error")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.app.enter_code(event.value)  # type: ignore[attr-defined]

    def show_error(self, text: str) -> None:
        self.query_one("#code-error", Static).update(text)
        self.query_one("#code", Input).value = ""


class DoneScreen(Screen):
    BINDINGS = [Binding("q", "app.quit", "Quit"), Binding("enter", "app.quit", "Quit", show=False)]

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self.text, id="done", markup=False)


class SitApp(CollectsimApp):
    TITLE = "collectsim assessment"

    def __init__(self, db: str | None = None, lang: str | None = None) -> None:
        super().__init__()
        self.db = db
        self.lang = lang or "en"
        self.store: Store | None = None
        self.spec: dict[str, Any] = {}
        self.parts: list[Part] = []
        self.current: Part | None = None
        self.deadline: float | None = None
        self.summaries: list[str] = []

    def on_mount(self) -> None:
        self.push_screen(CodeScreen())
        self.set_interval(0.5, self._tick)

    # -- the code ----------------------------------------------------------------------
    def enter_code(self, code: str) -> None:
        from simulator.store import open_store
        from simulator.store.db import StoreError
        from simulator.store.keys import KeyProblem
        from simulator.store.sitting import open_sitting

        try:
            if self.store is None:
                self.store = open_store(self.db)
            claim, self.parts = open_sitting(self.store, code.strip(), self.lang if self.lang != "en" else None)
        except (StoreError, KeyProblem) as exc:
            screen = self.screen
            if isinstance(screen, CodeScreen):
                screen.show_error(str(exc))
            return
        self.spec = claim.sitting
        self.title = f"{claim.candidate}: {claim.sitting['name']}"
        self.next_part()

    # -- the calls ---------------------------------------------------------------------
    def next_part(self) -> None:
        from simulator.store.sitting import finish

        for part in self.parts:
            if part.finished:
                continue
            if part.session.ended:  # it ended on its last journaled turn: seal it now
                self._sealed(part, finish(self.store, part))  # type: ignore[arg-type]
                continue
            self.current = part
            self.switch_screen(CallScreen(view(part)))
            self._restart_clock()
            return
        self.current = None
        self.deadline = None
        self.sub_title = ""
        text = "Your results are recorded. You may close this window.\n\n" + "\n\n".join(self.summaries)
        self.switch_screen(DoneScreen(text))

    def _restart_clock(self) -> None:
        from simulator.store.sitting import time_limit

        limit = time_limit(self.spec, self.current.session) if self.current else None
        self.deadline = time.monotonic() + limit if limit else None
        self._tick()

    def _tick(self) -> None:
        """The countdown in the header; at zero the debtor hangs up."""
        if self.current is None or self.deadline is None:
            return
        left = self.deadline - time.monotonic()
        if left <= 0:
            from simulator.core.persona import Outcome

            self.current.session.end_call(Outcome.HANG_UP)
            self._end_current()
            return
        self.sub_title = f"⏱ {int(left + 0.999)} s to reply"

    def on_call_screen_chosen(self, msg: CallScreen.Chosen) -> None:
        part = self.current
        if part is None or part.session.ended:
            return
        turn = part.session.choose(msg.reply_id)
        self.store.journal(part.attempt_id, turn.to_json())  # type: ignore[union-attr]
        screen = self.screen
        if part.session.ended:
            self._end_current()
            return
        if isinstance(screen, CallScreen):
            with self.batch_update():
                screen.add_lines([Line("officer", turn.officer_line), Line("debtor", turn.debtor_line)])
                screen.show_menu(menu(part.session))
        self._restart_clock()

    def on_call_screen_end_call(self, msg: CallScreen.EndCall) -> None:
        if self.current is not None and not self.current.session.ended:
            self.current.session.end_call()
            self._end_current()

    def _end_current(self) -> None:
        from simulator.store.sitting import finish

        part, self.current, self.deadline = self.current, None, None
        if part is not None:
            self._sealed(part, finish(self.store, part))  # type: ignore[arg-type]
        self.next_part()

    def _sealed(self, part: Part, report: Any) -> None:
        rules = part.session.scenario.assessment
        shown = rules is None or rules.show_debrief
        self.summaries.append(report.summary() if shown else f"{part.session.scenario.id}: recorded")

    def on_unmount(self) -> None:
        if self.store is not None:
            self.store.close()


def menu(session) -> list[tuple[str, str]]:

    return [(r.id, session.say(r)) for r in session.offered()]


def view(part: Part) -> CallView:
    """The call screen in assessment mode: conversation, replies and case file; no status."""
    from simulator.core.text import render

    from .view import case_rows

    s = part.session
    lines = [Line("debtor", s.opening.line)]
    for x in s.turns:
        lines += [Line("officer", x.officer_line), Line("debtor", x.debtor_line)]
    return CallView(title=render(s.scenario.title, s.lang), lang=s.lang, practice=False,
                    lines=tuple(lines), menu=tuple(menu(s)), status=(), case=case_rows(s.scenario, s.lang))


def create_sit_app(db: str | None = None, lang: str | None = None) -> SitApp:
    """The one way to build the assessment app, for the CLI, `serve` and the tests."""
    return SitApp(db=db, lang=lang)
