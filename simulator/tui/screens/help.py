"""Help: the four core tasks, the call flow and the keys; the debrief has its own."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ..i18n import t


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def __init__(self, lang: str, topic: str = "help_text") -> None:
        super().__init__()
        self.lang = lang
        self.topic = topic  # an i18n key: each screen has its own help

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(t(self.topic, self.lang))

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
