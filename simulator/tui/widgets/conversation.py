"""The conversation so far: debtor and officer lines, told apart, newest kept in view."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from textual.content import Content
from textual.geometry import Spacing
from textual.strip import Strip
from textual.visual import Padding, Visual

from ..i18n import t
from .stripview import StripView


@dataclass(frozen=True)
class Line:
    who: str  # "debtor" | "officer"
    text: str


class Conversation(StripView):
    """Each line is wrapped once, when it arrives (and again if the width changes); a new turn
    appends its lines and scrolls to the end without a screen layout (see stripview.py)."""

    COMPONENT_CLASSES = {"conversation--debtor", "conversation--officer"}
    DEFAULT_CSS = """
    Conversation {
        height: 1fr;
        overflow-x: hidden;
        overflow-y: scroll;  /* there from the start: its arrival would be a layout */
        padding: 0 1;
        & > .conversation--debtor { color: $text; background: $boost; }
        & > .conversation--officer { color: $accent; }
    }
    """
    OFFICER_INDENT = 4

    def __init__(self, lines: Iterable[Line] = (), lang: str = "en", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lang = lang
        self.lines: list[Line] = list(lines)
        self._rendered: list[list[Strip]] = []  # strips per line, at the built width

    def content_of(self, line: Line) -> Content:
        who = t("debtor" if line.who == "debtor" else "you", self.lang)
        return Content.assemble((f"{who}:", "bold"), f" {line.text}")

    def transcript(self) -> list[str]:
        """Each line as shown ("Debtor: ..."), unwrapped."""
        return [self.content_of(x).plain for x in self.lines]

    def _strips_of(self, line: Line, width: int) -> list[Strip]:
        visual: Visual = self.content_of(line)
        if line.who == "officer":
            visual = Padding(visual, Spacing(0, 0, 0, self.OFFICER_INDENT))
        style = self.get_visual_style(f"conversation--{line.who}")
        return Visual.to_strips(self, visual, width, None, style, apply_selection=False)

    def build_strips(self, width: int) -> list[Strip]:
        if width != self._built_width or len(self._rendered) > len(self.lines):
            self._rendered = []
        self._rendered += [self._strips_of(x, width) for x in self.lines[len(self._rendered):]]
        return [strip for strips in self._rendered for strip in strips]

    def show_lines(self, lines: Iterable[Line]) -> None:
        """Replace the whole conversation (a reload, or the other language)."""
        self.lines = list(lines)
        self._rendered = []
        self.rebuild()
        self.scroll_end(animate=False, immediate=True)

    def add_lines(self, lines: Iterable[Line]) -> None:
        """Append a turn's lines and bring the newest into view."""
        self.lines += lines
        self.rebuild()
        self.scroll_end(animate=False, immediate=True)

    def _size_updated(self, size, virtual_size, container_size, layout: bool = True) -> bool:
        at_end = self.scroll_y >= self.max_scroll_y  # a resize keeps the newest line in view
        resized = super()._size_updated(size, virtual_size, container_size, layout)
        if at_end:
            self.scroll_end(animate=False)
        return resized
