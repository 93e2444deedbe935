"""The call screen's side column: the practice-mode status above the case file, in one view.

Why one view and not a column of panels as tall as their rows: the status changes height
during a call (the pressure line takes one line or two, depending on the name of the rung
reached; the first turn of most calls is such a turn), and a panel that changes height asks
for a layout of the whole screen, which cost about as much again as the rest of the
keypress. Here the column has a fixed size and scrolls inside, so a new status is a repaint
(see stripview.py).

Why the status keeps room for its tallest (`room`: each status row at its longest in this
call; a shorter row is followed by blank lines): a status that grew by a line pushed the
whole case file down, so every line of the column and its scrollbar were painted again, a
fifth of a keypress at 80x24. Now a turn repaints the status lines that changed, and
nothing under them moves.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.strip import Strip

from .rows import Row, role_styles, row_strips
from .stripview import StripView

ROLES = ("heading", "done", "todo", "within", "beyond", "empty")


class SidePanel(StripView):
    """`status`: the practice-mode rows (none in assessment mode); `case`: the case file's."""

    COMPONENT_CLASSES = {f"side-panel--{role}" for role in ROLES}
    DEFAULT_CSS = """
    SidePanel {
        height: 1fr;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-gutter: stable;  /* the wrap width does not depend on the scrollbar */
        & > .side-panel--heading { text-style: bold; }
        & > .side-panel--done { color: $text-success; }
        & > .side-panel--todo { color: $text-muted; }
        & > .side-panel--within { color: $text-warning; }
        & > .side-panel--beyond { color: $text-error; }
        & > .side-panel--empty { color: $text-muted; }
    }
    """

    def __init__(self, status: Sequence[Row] = (), case: Sequence[Row] = (), *,
                 room: Sequence[Row] = (), id: str | None = None) -> None:
        super().__init__(id=id)
        self.status: tuple[Row, ...] = tuple(status)
        self.case: tuple[Row, ...] = tuple(case)
        self.room: tuple[Row, ...] = tuple(room)  # the status at its tallest in this call
        self._wrapped: dict[Row, list[Strip]] = {}  # each row's lines, at the built width
        self._wrapped_width = -1

    def rows(self) -> tuple[Row, ...]:
        """What the column shows: the status, a blank line, the case file."""
        return (*self.status, (("", ""),), *self.case) if self.status else self.case

    def text(self) -> list[str]:
        """The rows as plain text, unwrapped."""
        return ["".join(part for part, _ in row) for row in self.rows()]

    def show_status(self, rows: Sequence[Row]) -> None:
        rows = tuple(rows)
        if rows != self.status:  # unchanged: no repaint
            self.status = rows
            self.rebuild()

    def build_strips(self, width: int) -> list[Strip]:
        # A turn changes a few status rows: the others, and the case file under them, keep
        # the lines they were wrapped to.
        if width != self._wrapped_width:
            self._wrapped, self._wrapped_width = {}, width
        rows = self.rows()
        new = {row for row in (*rows, *self.room) if row not in self._wrapped}
        if new:
            styles = role_styles(self, "side-panel", ROLES)
            self._wrapped.update({row: row_strips([row], styles, width) for row in new})
        if len(self._wrapped) > 2 * (len(rows) + len(self.room)):  # rows of turns gone by
            self._wrapped = {row: self._wrapped[row] for row in (*rows, *self.room)}
        wrapped = self._wrapped
        if len(self.room) != len(self.status):  # no room given (assessment mode)
            return [strip for row in rows for strip in wrapped[row]]
        strips: list[Strip] = []
        for row, tallest in zip(self.status, self.room, strict=True):  # each row, then its room
            strips += wrapped[row]
            strips += [Strip([])] * (len(wrapped[tallest]) - len(wrapped[row]))
        return strips + [strip for row in rows[len(self.status):] for strip in wrapped[row]]

    def notify_style_update(self) -> None:
        self._wrapped = {}  # a new theme: every row in its new colours
        super().notify_style_update()
