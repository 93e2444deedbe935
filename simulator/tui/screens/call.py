"""The call screen: conversation, replies on offer, case file, practice-mode status."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from ..i18n import t
from ..widgets.casefile import CaseFile
from ..widgets.footer import LocalFooter
from ..widgets.status import LivePanel

if TYPE_CHECKING:  # the screen is drawn before the engine is imported (see firstframe.py)
    from scoring.scorer import LiveStatus


@dataclass(frozen=True)
class Line:
    who: str  # "debtor" | "officer"
    text: str


@dataclass(frozen=True)
class CallView:
    """All the call screen shows, as plain strings: built from a session by the app, or
    read back from the first-frame cache before the engine has been imported."""

    title: str
    lang: str
    practice: bool
    lines: tuple[Line, ...]
    menu: tuple[tuple[str, str], ...]  # (reply id, text)
    status: str  # markup of the practice-mode panel; "" in assessment mode
    case: str  # markup of the case file


class CallScreen(Screen):
    """Thin: `show_*` methods set what is seen; `Chosen` and `EndCall` go up to the app."""

    BINDINGS = [
        # priority: handled as the key arrives, not after it has bubbled up from the focused
        # reply list through every container (nothing on this screen types digits).
        *[Binding(str(i), f"pick({i})", show=False, priority=True) for i in range(1, 10)],
        Binding("e", "end_call", "End call"),
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

    def compose(self) -> ComposeResult:
        # Everything the first frame shows is composed here, not mounted afterwards: one
        # layout pass instead of one more per line (startup time, issue 3).
        v = self.view
        yield Header()
        with Horizontal(id="call-body"):
            with Vertical(id="call-main"):
                with VerticalScroll(id="convo"):
                    yield from (self._line(x) for x in v.lines)
                    yield from self._spares()
                yield Static(t("replies", self.lang), id="replies-title", classes="title")
                yield OptionList(*self._options(v.menu), id="replies")
            with VerticalScroll(id="side"):
                if self.practice:
                    yield LivePanel(v.status, id="live")
                yield CaseFile(v.case, id="case")
        yield LocalFooter()

    def on_mount(self) -> None:
        ol = self.query_one("#replies", OptionList)
        if ol.option_count:
            ol.highlighted = 0

    def show_lines(self, lines: list[Line]) -> None:
        convo = self.query_one("#convo", VerticalScroll)
        convo.anchor(False)
        convo.remove_children()
        self.add_lines(lines)

    def add_lines(self, lines: list[Line]) -> None:
        convo = self.query_one("#convo", VerticalScroll)
        if not convo.is_anchored and self._will_overflow(convo, lines):
            # Anchored, the layout pass that places the new lines also scrolls them into
            # view: one frame per turn instead of a layout frame and then a scroll frame.
            # Not before the lines overflow: an anchored short conversation sits at the bottom.
            convo.anchor()
        spares = [w for w in convo.children if isinstance(w, Static) and not w.display]
        for x in lines:
            spare = next((w for w in spares if w.has_class(x.who)), None)
            if spare is not None:  # filled in and shown: no mount, no stylesheet pass
                spares.remove(spare)
                spare.update(self._markup(x))
                spare.display = True
            else:
                convo.mount(self._line(x), before=spares[0] if spares else None)
        convo.scroll_end(animate=False)  # and re-anchors if the officer had scrolled up
        self.call_after_refresh(self._restock)

    def _spares(self) -> list[Static]:
        """A hidden officer line and debtor line, styled ahead of time. Mounting a widget
        runs the stylesheet over it, which was the costliest part of a keypress; a turn
        fills these in instead, and new spares are mounted after the turn is painted."""
        spares = [Static("", classes=f"line {who}") for who in ("officer", "debtor")]
        for w in spares:
            w.display = False
        return spares

    def _restock(self) -> None:
        found = self.query("#convo")
        if not self.is_attached or not found:  # the call ended and the screen went meanwhile
            return
        convo = found.first(VerticalScroll)
        if not any(isinstance(w, Static) and not w.display for w in convo.children):
            convo.mount_all(self._spares())

    def _will_overflow(self, convo: VerticalScroll, lines: list[Line]) -> bool:
        """True if the conversation surely overflows once `lines` are added (a lower bound:
        each line takes at least its width in cells divided by the pane's width)."""
        width = max(1, convo.size.width)
        rows = sum(-(-cell_len(f"{self._who(x)}: {x.text}") // width) for x in lines)
        used = sum(w.outer_size.height for w in convo.children if w.display)
        return convo.size.height > 0 and used + rows > convo.size.height

    def _who(self, x: Line) -> str:
        return t("debtor" if x.who == "debtor" else "you", self.lang)

    def _markup(self, x: Line) -> Content:
        # Assembled, not parsed from markup: this runs on every keypress.
        return Content.assemble((f"{self._who(x)}:", "bold"), f" {x.text}")

    def _line(self, x: Line) -> Static:
        return Static(self._markup(x), classes=f"line {x.who}")

    @staticmethod
    def _options(replies: Iterable[tuple[str, str]]) -> list[Option]:
        # Plain Content: reply text is not markup (and parsing it was part of every keypress).
        return [Option(Content(f"{i}. {text}"), id=rid) for i, (rid, text) in enumerate(replies, 1)]

    def show_menu(self, replies: Sequence[tuple[str, str]]) -> None:
        ol = self.query_one("#replies", OptionList)
        ol.set_options(self._options(replies))
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
