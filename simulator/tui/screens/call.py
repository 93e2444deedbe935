"""The call screen: conversation, replies on offer, case file, practice-mode status."""

from __future__ import annotations

from dataclasses import dataclass

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from scoring.scorer import LiveStatus
from simulator.core.scenario import Scenario

from ..i18n import t
from ..widgets.casefile import CaseFile
from ..widgets.status import LivePanel


@dataclass(frozen=True)
class Line:
    who: str  # "debtor" | "officer"
    text: str


class CallScreen(Screen):
    """Thin: `show_*` methods set what is seen; `Chosen` and `EndCall` go up to the app."""

    BINDINGS = [
        *[Binding(str(i), f"pick({i})", show=False) for i in range(1, 10)],
        Binding("e", "end_call", "End call"),
    ]

    class Chosen(Message):
        def __init__(self, reply_id: str) -> None:
            super().__init__()
            self.reply_id = reply_id

    class EndCall(Message):
        pass

    def __init__(self, scenario: Scenario, lang: str, practice: bool, lines: list[Line],
                 menu: list[tuple[str, str]], live: LiveStatus, mood: str) -> None:
        super().__init__()
        self.scenario = scenario
        self.lang = lang
        self.practice = practice
        self._initial = (lines, menu, live, mood)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="call-body"):
            with Vertical(id="call-main"):
                yield VerticalScroll(id="convo")
                yield Static(t("replies", self.lang), id="replies-title", classes="title")
                yield OptionList(id="replies")
            with VerticalScroll(id="side"):
                if self.practice:
                    yield LivePanel(id="live")
                yield CaseFile(id="case")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(CaseFile).show(self.scenario, self.lang)
        lines, menu, live, mood = self._initial
        self.show_lines(lines)
        self.show_menu(menu)
        self.show_status(live, mood)
        self.query_one("#replies", OptionList).focus()

    def show_lines(self, lines: list[Line]) -> None:
        convo = self.query_one("#convo", VerticalScroll)
        convo.remove_children()
        convo.mount_all(self._line(x) for x in lines)
        convo.scroll_end(animate=False)

    def add_lines(self, lines: list[Line]) -> None:
        convo = self.query_one("#convo", VerticalScroll)
        convo.mount_all(self._line(x) for x in lines)
        convo.scroll_end(animate=False)

    def _line(self, x: Line) -> Static:
        who = t("debtor" if x.who == "debtor" else "you", self.lang)
        return Static(f"[b]{who}:[/b] {escape(x.text)}", classes=f"line {x.who}")

    def show_menu(self, replies: list[tuple[str, str]]) -> None:
        ol = self.query_one("#replies", OptionList)
        ol.clear_options()
        ol.add_options(Option(f"{i}. {text}", id=rid) for i, (rid, text) in enumerate(replies, 1))
        if replies:
            ol.highlighted = 0

    def show_status(self, live: LiveStatus, mood: str) -> None:
        if self.practice:
            self.query_one(LivePanel).show(live, mood, self.lang)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Chosen(event.option.id))

    def action_pick(self, n: int) -> None:
        ol = self.query_one("#replies", OptionList)
        if 1 <= n <= ol.option_count:
            opt = ol.get_option_at_index(n - 1)
            if opt.id:
                self.post_message(self.Chosen(opt.id))

    def action_end_call(self) -> None:
        self.post_message(self.EndCall())
