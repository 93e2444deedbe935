"""Past calls with their scores."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header

from simulator.engine.resume import HistoryRow

from ..i18n import t
from ..widgets.footer import LocalFooter


class HistoryScreen(Screen):
    """Enter (or a click) on a row opens that call's debrief: `Open` goes up with its index."""

    BINDINGS = [Binding("escape,q", "app.pop_screen", "Back")]

    class Open(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, rows: list[HistoryRow], lang: str) -> None:
        super().__init__()
        self.rows = rows
        self.lang = lang

    def compose(self) -> ComposeResult:
        yield Header()
        table: DataTable = DataTable(id="history", cursor_type="row")
        lang = self.lang
        table.add_columns(t("gb.started", lang), t("gb.scenario", lang), t("turns", lang), t("score", lang))
        for r in self.rows:
            if r.total is not None:
                score = f"{r.total} {t('pass' if r.passed else 'fail', lang)}"
            else:
                score = f"? ({r.problem})" if r.problem else t("unfinished", lang)
            table.add_row(r.started, r.scenario, str(r.turns), score)
        yield table
        yield LocalFooter()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.post_message(self.Open(event.cursor_row))
