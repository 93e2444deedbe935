"""The replies on offer: a cursor over numbered replies, chosen by digit, arrows + Enter or click.

Why not Textual's OptionList: the menu changes on every turn, and a changed OptionList asks
for a layout of the whole screen (its height is its content's). This menu has a fixed height
set by CSS and scrolls inside, so a new menu is a repaint (see stripview.py).

Why no scrollbar: a new menu has a new length, so its scrollbar was painted again on almost
every turn, and with it every cut it makes in the menu's lines: about 2 ms of a 15 ms
keypress at 80x24. What it told the user, the cue on the bottom border says in words
("▼ more below", "▲ more above", scrollcue.py); the menu still scrolls with the cursor keys,
the mouse wheel and a click on a reply.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip

from .scrollcue import update_cue
from .stripview import StripView
from .wrapping import wrap_pieces


class ReplyMenu(StripView, can_focus=True):
    """`replies` are (reply id, text) pairs; `Selected` goes up with the id of the one picked."""

    COMPONENT_CLASSES = {"reply-menu--cursor"}
    BINDINGS = [
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("enter", "select", "Select", show=False),
    ]
    DEFAULT_CSS = """
    ReplyMenu {
        height: 10;
        max-height: 45%;
        overflow-x: hidden;
        overflow-y: scroll;  /* scrolls inside its fixed height: a new menu is never a layout */
        scrollbar-size-vertical: 0;  /* see the module's docstring */
        padding: 0 1;
        border: tall $border-blurred;
        background: $surface;
        &:focus {
            border: tall $border;
            background-tint: $foreground 5%;
        }
        & > .reply-menu--cursor {
            color: $block-cursor-blurred-foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .reply-menu--cursor {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
    }
    """

    cursor: reactive[int] = reactive(0, repaint=False)

    class Selected(Message):
        def __init__(self, reply_id: str) -> None:
            super().__init__()
            self.reply_id = reply_id

    def __init__(self, replies: Sequence[tuple[str, str]] = (), *, id: str | None = None,
                 lang: str = "en") -> None:
        super().__init__(id=id)
        self._replies: tuple[tuple[str, str], ...] = tuple(replies)
        self._rows: list[range] = []  # the lines each reply takes, at the built width
        self.lang = lang

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        update_cue(self, self.lang)

    def _size_updated(self, size, virtual_size, container_size, layout: bool = True) -> bool:
        changed = super()._size_updated(size, virtual_size, container_size, layout)
        self.call_after_refresh(update_cue, self, self.lang)
        return changed

    @property
    def replies(self) -> tuple[tuple[str, str], ...]:
        return self._replies

    def set_replies(self, replies: Sequence[tuple[str, str]]) -> None:
        """Offer a new menu, the cursor on its first reply."""
        self._replies = tuple(replies)
        self.set_reactive(ReplyMenu.cursor, 0)
        self.rebuild()
        self.scroll_to(y=0, animate=False, immediate=True)
        update_cue(self, self.lang)

    def reply_at(self, index: int) -> str | None:
        """The id of the reply shown at `index` (0-based), if there is one."""
        return self._replies[index][0] if 0 <= index < len(self._replies) else None

    def build_strips(self, width: int) -> list[Strip]:
        strips: list[Strip] = []
        self._rows = []
        plain = self.visual_style.rich_style
        cursor = self.get_visual_style("reply-menu--cursor").rich_style
        for i, (_, text) in enumerate(self._replies):
            # The meta names the reply, so a click on any of its wrapped lines finds it. The
            # text is data, never markup; wrapped lines hang under the text, not the number.
            style = (cursor if i == self.cursor else plain) + Style.from_meta({"reply": i})
            number = f"{i + 1}. "
            lines = wrap_pieces([(number, style), (text, style)], width, hang=len(number),
                                fill=style)  # filled: the cursor is a full-width bar
            self._rows.append(range(len(strips), len(strips) + len(lines)))
            strips += lines
        return strips

    def watch_cursor(self) -> None:
        self.rebuild()
        if self._rows and self.cursor < len(self._rows):
            rows = self._rows[self.cursor]
            self.scroll_to_region(Region(0, rows.start, 1, len(rows)), animate=False, immediate=True)

    def action_cursor(self, step: int) -> None:
        if self._replies:
            self.cursor = max(0, min(len(self._replies) - 1, self.cursor + step))

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = max(0, len(self._replies) - 1)

    def action_select(self) -> None:
        self.pick(self.cursor)

    def pick(self, index: int) -> None:
        """Choose the reply at `index` (0-based); out of range does nothing."""
        reply_id = self.reply_at(index)
        if reply_id is not None:
            self.cursor = index
            self.post_message(self.Selected(reply_id))

    def on_click(self, event: events.Click) -> None:
        index = event.style.meta.get("reply")
        if isinstance(index, int):
            self.pick(index)
