"""The case file and briefing on a key: at 80x24 the side panel shows only their top."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ..i18n import t
from ..widgets.casefile import CaseFile
from ..widgets.rows import Row


class CaseFileScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,c,q", "dismiss", "Close")]

    def __init__(self, rows: Sequence[Row], lang: str) -> None:
        super().__init__()
        self.rows = tuple(rows)
        self.lang = lang

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(t("case_hint", self.lang), classes="title")
            yield CaseFile(self.rows, id="case-full")

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)


class ConfirmEndScreen(ModalScreen[bool]):
    """`e` before any turn: a slip of the finger must not end (and score) the call."""

    BINDINGS = [Binding("y", "answer(True)", "End call"), Binding("n,escape", "answer(False)", "Back")]

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(f"{t('end_now_q', self.lang)}\n\n{t('yes_no', self.lang)}", id="confirm-end")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
