"""Practice-mode status: the four core tasks, pressure against the last contact, mood.

What the panel shows is plain data, rows of (text, role) pieces: the app builds it from the
engine's `LiveStatus`, the first-frame cache stores it as JSON, and the panel paints it with
the colours its CSS gives each role. Why not markup in a `Static`: parsing and laying out
markup on every turn cost over a millisecond of each keypress (issue 3).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby
from typing import TYPE_CHECKING

from textual.strip import Strip
from textual.widget import Widget

from ..i18n import t
from .wrapping import wrap_pieces

if TYPE_CHECKING:  # the panel is first drawn from cached rows, before the engine loads
    from textual.geometry import Size

    from scoring.scorer import LiveStatus

Row = tuple[tuple[str, str], ...]  # (text, role) pieces; role "" is the panel's own style
ROLES = ("heading", "done", "todo", "within", "beyond", "empty")


def meter(level: int | None, ceiling: int, prev: int | None) -> Row:
    """A cell per pressure level: reached within the last contact's peak, reached beyond it
    (red: this call presses harder), not reached; the last peak's level marked '|'."""
    level = level or 0
    cells = []
    for i in range(1, ceiling + 1):
        if i <= level:
            cells.append(("beyond" if prev is not None and i > prev else "within", "█"))
        else:
            cells.append(("empty", "|" if prev == i else "·"))
    return tuple(("".join(c for _, c in run), role)
                 for role, run in groupby(cells, key=lambda cell: cell[0]))


def status_rows(live: LiveStatus, mood: str, lang: str) -> tuple[Row, ...]:
    rows: list[Row] = [((t("checklist", lang), "heading"),)]
    for name, done in live.core.items():
        rows.append(((" ", ""), ("✔" if done else "☐", "done" if done else "todo"),
                     (f" {t('core.' + name, lang)}", "")))
    prev = "-" if live.previous_peak is None else str(live.previous_peak)
    rows.append(((t("pressure", lang), "heading"),
                 (f" {live.peak or 0}/{live.ceiling} ({t('prev_peak', lang)} {prev})", "")))
    rows.append(((" ", ""), *meter(live.peak, live.ceiling, live.previous_peak)))
    rows.append(((t("mood", lang), "heading"), (f": {mood}", "")))
    return tuple(rows)


class LivePanel(Widget):
    """As tall as its rows wrapped to its width; a turn that keeps that height repaints it
    without a layout of the screen."""

    COMPONENT_CLASSES = {f"live-panel--{role}" for role in ROLES}
    DEFAULT_CSS = """
    LivePanel {
        height: auto;
        & > .live-panel--heading { text-style: bold; }
        & > .live-panel--done { color: $text-success; }
        & > .live-panel--todo { color: $text-muted; }
        & > .live-panel--within { color: $text-warning; }
        & > .live-panel--beyond { color: $text-error; }
        & > .live-panel--empty { color: $text-muted; }
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
        base = self.visual_style.rich_style
        styles = {"": base, **{role: base + self.get_visual_style(f"live-panel--{role}").rich_style
                               for role in ROLES}}
        self._strips = [strip for row in self.rows
                        for strip in wrap_pieces([(text, styles[role]) for text, role in row], width)]
        self._built_width = width
        return self._strips

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._build(width))

    def render_line(self, y: int) -> Strip:
        width = self.content_region.width
        if width != self._built_width:
            self._build(width)
        strip = self._strips[y] if y < len(self._strips) else Strip.blank(width)
        return strip.crop_extend(0, width, self.visual_style.rich_style)

    def show(self, rows: Sequence[Row]) -> None:
        rows = tuple(rows)
        if rows == self.rows:  # an unchanged panel costs no repaint on a keypress
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
