"""The conversation so far: debtor and officer lines, told apart, newest kept in view."""

from __future__ import annotations

from collections.abc import Iterable

from rich.style import Style
from textual.geometry import Size
from textual.strip import Strip

from ..i18n import t
from ..view import Line
from .stripview import StripView
from .wrapping import wrap_pieces


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
        self._at_end = True

    def label(self, line: Line) -> str:
        return t("debtor" if line.who == "debtor" else "you", self.lang) + ":"

    def transcript(self) -> list[str]:
        """Each line as shown ("Debtor: ..."), unwrapped."""
        return [f"{self.label(x)} {x.text}" for x in self.lines]

    def _strips_of(self, line: Line, width: int, styles: dict[str, Style]) -> list[Strip]:
        style = styles[line.who]
        # The text is data, never markup: plain pieces, the speaker's label in bold.
        pieces = [(self.label(line), style + Style(bold=True)), (f" {line.text}", style)]
        indent = self.OFFICER_INDENT if line.who == "officer" else 0
        return wrap_pieces(pieces, width, indent=indent, fill=style)

    def build_strips(self, width: int) -> list[Strip]:
        if width != self._built_width or len(self._rendered) > len(self.lines):
            self._rendered = []
        if len(self._rendered) < len(self.lines):
            styles = {who: self.get_visual_style(f"conversation--{who}").rich_style
                      for who in ("debtor", "officer")}
            self._rendered += [self._strips_of(x, width, styles)
                               for x in self.lines[len(self._rendered):]]
        return [strip for strips in self._rendered for strip in strips]

    def notify_style_update(self) -> None:
        self._rendered = []  # a new theme: every line in its new colours
        super().notify_style_update()

    def add_lines(self, lines: Iterable[Line]) -> None:
        """Append a turn's lines and bring the newest into view."""
        self.lines += lines
        self.rebuild()
        self.scroll_end(animate=False, immediate=True)

    def before_size_set(self, size: Size) -> None:
        self._at_end = self.scroll_y >= self.max_scroll_y  # a resize keeps the newest line in view
        super().before_size_set(size)

    def after_size_set(self) -> None:
        if self._at_end:
            self.scroll_end(animate=False)
