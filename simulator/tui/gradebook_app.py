"""The trainer's gradebook app, `collectsim gradebook`: its own small App so it shares the
stylesheet, help and i18n with the call app without touching its flow.

The results db is opened in a worker thread after the first paint, so the screen appears at
once and SQLAlchemy is imported only then.
"""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.widgets import Input

from simulator.core.langs import next_lang

from .base import CollectsimApp
from .i18n import t
from .screens.gradebook import AttemptScreen, GradebookScreen


class GradebookApp(CollectsimApp):
    HELP_TOPIC = "gb.help_text"
    BINDINGS = [
        Binding("question_mark", "help", "Help"),
        Binding("r", "reload", "Reload"),
        Binding("l", "switch_lang", "中文/EN"),
        Binding("t", "toggle_dark", "Theme", show=False),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, db: str | None = None, candidate: str | None = None,
                 scenario: str | None = None, lang: str | None = None,
                 public_key: Any = None, witness: Any = None) -> None:
        super().__init__()
        self.db = db
        self.public_key, self.witness = public_key, witness  # as `verify` takes them
        self.candidate = candidate
        self.scenario = scenario
        self.lang = lang or "en"
        self.attempts: list[Any] = []
        self.status: dict[int, str] = {}
        self.url = ""

    def on_mount(self) -> None:
        self.sub_title = t("gb.title", self.lang)
        self.push_screen(GradebookScreen(self.lang))
        self.action_reload()

    # -- loading -------------------------------------------------------------------------
    def action_reload(self) -> None:
        self.run_worker(self._load, thread=True, exclusive=True, group="load")

    def _load(self) -> None:
        try:
            from simulator.store import open_store
            from simulator.store.audit import audit_with
            from simulator.store.gradebook import book

            store = open_store(self.db)
            try:
                attempts = store.attempts(candidate=self.candidate, scenario=self.scenario)
                status = audit_with(store, self.public_key, self.witness, attempts).status
            finally:
                store.close()
            data = book(attempts, status)
            from sqlalchemy.engine import make_url

            shown = make_url(store.url).render_as_string(hide_password=True)
        except Exception as exc:  # a bad URL or an unreachable server: say so on screen
            self.call_from_thread(self._failed, f"{type(exc).__name__}: {exc}")
            return
        self.call_from_thread(self._loaded, attempts, status, data, shown)

    def _book_screen(self) -> GradebookScreen | None:
        for s in self.screen_stack:
            if isinstance(s, GradebookScreen):
                return s
        return None

    def _loaded(self, attempts: list[Any], status: dict[int, str], data: Any, url: str) -> None:
        self.attempts, self.status, self.url = attempts, status, url
        screen = self._book_screen()
        if screen is not None:
            screen.show(data, url)

    def _failed(self, message: str) -> None:
        screen = self._book_screen()
        if screen is not None:
            screen.show_error(message)

    # -- messages ------------------------------------------------------------------------
    def on_gradebook_screen_opened(self, msg: GradebookScreen.Opened) -> None:
        from simulator.store.gradebook import attempts_of, detail

        rows = attempts_of(self.attempts, msg.candidate, msg.scenario)
        if rows:
            self.push_screen(AttemptScreen([detail(a, self.status.get(a.id, "unsigned"), rows) for a in rows], self.lang))

    # -- app-wide actions ----------------------------------------------------------------
    def action_switch_lang(self) -> None:
        """UI strings only: names, ids and the recorded lines stay as stored."""
        old = self._book_screen()
        if old is None or isinstance(self.focused, Input):
            return
        self.lang = next_lang(self.lang)
        self.sub_title = t("gb.title", self.lang)
        while len(self.screen_stack) > 2:
            self.pop_screen()
        new = GradebookScreen(self.lang, self.url, old.filter_text, old.book)
        new.sort_col, new.sort_reverse = old.sort_col, old.sort_reverse
        self.switch_screen(new)


def create_gradebook_app(db: str | None = None, candidate: str | None = None,
                         scenario: str | None = None, lang: str | None = None,
                         public_key: Any = None, witness: Any = None) -> GradebookApp:
    """The one way to build the gradebook, for the CLI and the tests alike."""
    return GradebookApp(db=db, candidate=candidate, scenario=scenario, lang=lang,
                        public_key=public_key, witness=witness)
