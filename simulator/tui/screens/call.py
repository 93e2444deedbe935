"""The call screen: conversation, replies on offer, case file, practice-mode status."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Static

from ..i18n import t
from ..view import CallView, Line, Row
from ..widgets.conversation import Conversation
from ..widgets.footer import LocalFooter
from ..widgets.replymenu import ReplyMenu
from ..widgets.side import SidePanel


class CallScreen(Screen):
    """Thin: `show_*` methods set what is seen; `Chosen` and `EndCall` go up to the app."""

    BINDINGS = [
        # priority: handled as the key arrives, not after it has bubbled up from the focused
        # reply list through every container (nothing on this screen types digits).
        *[Binding(str(i), f"pick({i})", show=False, priority=True) for i in range(1, 10)],
        Binding("e", "end_call", "End call"),
        Binding("c", "case_file", "Case file"),
    ]
    AUTO_FOCUS = "#replies"

    class Chosen(Message):
        def __init__(self, reply_id: str) -> None:
            super().__init__()
            self.reply_id = reply_id

    class EndCall(Message):
        pass

    def __init__(self, view: CallView) -> None:
        super().__init__()
        self.view = view
        self.lang = view.lang
        self.practice = view.practice
        # Held, not queried: a turn reaches all three, and a first query walks the DOM and
        # matches selectors (~1 ms of the call's first keypress).
        self.convo = Conversation(view.lines, self.lang, id="convo")
        self.menu = ReplyMenu(view.menu, id="replies", lang=self.lang)
        self.side = SidePanel(view.status if self.practice else (), view.case,
                              room=view.status_room if self.practice else (), id="side")

    def compose(self) -> ComposeResult:
        # Everything the first frame shows is composed here, not mounted afterwards (startup
        # time, issue 3). A turn changes what the panes show, never their sizes, so it is
        # painted without a layout of the screen (keypress time, same issue).
        yield Header()
        with Horizontal(id="call-body"):
            with Vertical(id="call-main"):
                yield self.convo
                yield Static(t("replies", self.lang), id="replies-title", classes="title")
                yield self.menu
            yield self.side
        yield LocalFooter()

    def add_lines(self, lines: list[Line]) -> None:
        self.convo.add_lines(lines)

    def show_menu(self, replies: Sequence[tuple[str, str]]) -> None:
        self.menu.set_replies(replies)

    def show_status(self, rows: Sequence[Row]) -> None:
        if self.practice:
            self.side.show_status(rows)

    def on_reply_menu_selected(self, event: ReplyMenu.Selected) -> None:
        event.stop()
        self.post_message(self.Chosen(event.reply_id))

    def action_pick(self, n: int) -> None:
        reply_id = self.menu.reply_at(n - 1)
        if reply_id is not None:  # straight up: a digit moves no cursor, so repaints nothing
            self.post_message(self.Chosen(reply_id))

    def action_end_call(self) -> None:
        self.post_message(self.EndCall())

    def action_case_file(self) -> None:
        from .casefile import CaseFileScreen

        self.app.push_screen(CaseFileScreen(self.view.case, self.lang))
