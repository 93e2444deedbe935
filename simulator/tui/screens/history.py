"""Past calls with their scores."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header

from ..i18n import t
from ..widgets.footer import LocalFooter


class HistoryScreen(Screen):
    BINDINGS = [Binding("escape,q", "app.pop_screen", "Back")]

    def __init__(self, rows: list[tuple[str, str, str, str]], lang: str) -> None:
        super().__init__()
        self.rows = rows  # (started, scenario, turns, score)
        self.lang = lang

    def compose(self) -> ComposeResult:
        yield Header()
        table: DataTable = DataTable(id="history")
        table.add_columns("started", "scenario", "turns", t("score", self.lang))
        table.add_rows(self.rows)
        yield table
        yield LocalFooter()
