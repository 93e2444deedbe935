"""A panel of styled rows, wrapped to its width: the call screen's status and case file.

What such a panel shows is plain data, rows of (text, role) pieces: the app builds it from
the engine's models, the first-frame cache stores it as JSON, and the panel paints each role
in the colours its CSS gives the component class `<panel>--<role>`. Text is never read as
markup. Why not markup in a `Static`: re-parsing and laying out markup on every turn cost
over a millisecond of each keypress (issue 3), and Textual's wrapping leaves Chinese
punctuation at the start of a line (see wrapping.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from textual.strip import Strip
from textual.widget import Widget

from ..view import Row
from .wrapping import wrap_pieces

if TYPE_CHECKING:
    from rich.style import Style
    from textual.geometry import Size


def role_styles(widget: Widget, prefix: str, roles: Sequence[str]) -> dict[str, Style]:
    """The style of each role, "" included: `widget`'s own, plus its component class
    `<prefix>--<role>`."""
    base = widget.visual_style.rich_style
    styles = {"": base}
    for role in roles:
        styles[role] = base + widget.get_visual_style(f"{prefix}--{role}").rich_style
    return styles


def row_strips(rows: Sequence[Row], styles: dict[str, Style], width: int) -> list[Strip]:
    """`rows` wrapped to `width`, each piece in its role's style (text, never markup)."""
    return [strip for row in rows
            for strip in wrap_pieces([(text, styles[role]) for text, role in row], width)]


class RowsPanel(Widget):
    """As tall as its rows wrapped to its width. A change that keeps that height repaints
    the panel without a layout of the screen. A subclass names its `ROLES`, and declares a
    component class `<ROLE_PREFIX>--<role>` for each."""

    ROLE_PREFIX: ClassVar[str] = "rows-panel"
    ROLES: ClassVar[tuple[str, ...]] = ()
    DEFAULT_CSS = """
    RowsPanel {
        height: auto;
    }
    """

    def __init__(self, rows: Sequence[Row] = (), *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: tuple[Row, ...] = tuple(rows)
        self._strips: list[Strip] = []
        self._built_width = -1

    def text(self) -> list[str]:
        """The rows as plain text, unwrapped."""
        return ["".join(part for part, _ in row) for row in self.rows]

    def _build(self, width: int) -> list[Strip]:
        self._strips = row_strips(self.rows, role_styles(self, self.ROLE_PREFIX, self.ROLES), width)
        self._built_width = width
        return self._strips

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if width == self._built_width:  # asked more than once per layout; rows unchanged
            return len(self._strips)
        return len(self._build(width))

    def render_line(self, y: int) -> Strip:
        width = self.content_region.width
        if width != self._built_width:
            self._build(width)
        strip = self._strips[y] if y < len(self._strips) else Strip.blank(width)
        return strip.crop_extend(0, width, self.visual_style.rich_style)

    def show(self, rows: Sequence[Row]) -> None:
        rows = tuple(rows)
        if rows == self.rows:  # unchanged: no repaint (most turns leave the case file alone)
            return
        self.rows = rows
        if self._built_width <= 0:
            self.refresh(layout=True)
            return
        height = len(self._strips)
        # A layout of the screen re-renders every container on it (most of a keypress,
        # issue 3): ask for one only if the panel's height changes.
        self.refresh(layout=len(self._build(self._built_width)) != height)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._built_width = -1  # a new theme: rendered again, in its colours, when next painted
