"""An option list whose prompts are wrapped here, for hanging indents and Chinese.

Textual wraps an option's prompt at spaces only and starts every wrapped line at the left
edge: in the debrief, Chinese lines began with '。' and labels such as "你:" were left alone
on a line, and a tip's second line lost its indent. Each prompt here is a list of
paragraphs, wrapped by wrapping.py to the list's width (and again when that changes), so
Textual has nothing left to wrap.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from .scrollcue import update_cue
from .wrapping import wrap_runs

# (pieces of (text, style), indent of every line, extra indent of the lines after the first)
Paragraph = tuple[Sequence[tuple[str, str]], int, int]
SCROLLBAR_ROOM = 2  # wrapped as if the scrollbar showed: its arrival must not re-wrap
FIRST_GUESS = 60  # the width before the list is first sized


def wrap_prompt(paragraphs: Sequence[Paragraph], width: int) -> Content:
    lines = [Content.assemble(" " * lead, *runs)
             for pieces, indent, hang in paragraphs
             for lead, runs in wrap_runs(pieces, width, indent=indent, hang=hang)]
    return Content("\n").join(lines)


class WrappedOptionList(OptionList):
    """`items` are (option id, paragraphs); the highlight survives a re-wrap."""

    def __init__(self, items: Sequence[tuple[str, Sequence[Paragraph]]], *, id: str | None = None,
                 lang: str = "en") -> None:
        self._entries = list(items)
        self.lang = lang
        self._wrapped_at = FIRST_GUESS
        super().__init__(*self._wrapped_options(FIRST_GUESS), id=id)

    def _wrapped_options(self, width: int) -> list[Option]:
        return [Option(wrap_prompt(paragraphs, width), id=oid) for oid, paragraphs in self._entries]

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        update_cue(self, self.lang)

    def on_resize(self) -> None:
        self.call_after_refresh(update_cue, self, self.lang)
        width = self.content_region.width - SCROLLBAR_ROOM
        if width > 0 and width != self._wrapped_at:
            self._wrapped_at = width
            highlighted = self.highlighted
            self.set_options(self._wrapped_options(width))
            self.highlighted = highlighted
