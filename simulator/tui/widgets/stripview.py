"""A scrolling view of pre-rendered lines whose content can change without a screen layout.

Why: on the call screen a turn changes the conversation and the menu, never the sizes of the
panes that show them. Textual lays out the whole screen whenever a widget's content size may
have changed (and a layout re-renders every container on screen): measured in a real
terminal, that was most of the time from keypress to repaint (issue 3). These views keep a
fixed size set by CSS, render their lines once per change (and again only when their width
changes), and scroll inside.

The vertical scrollbar's column is always reserved (a subclass's CSS says `overflow-y:
scroll`, or `auto` with `scrollbar-gutter: stable`), or there is none (`scrollbar-size-vertical:
0`), so the width lines are wrapped to does not depend on whether the scrollbar shows.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..textual_private import SizeHooks, resize_scrollbars


class StripView(SizeHooks, ScrollView):
    """Subclasses say what to show by overriding `build_strips(width)`; `rebuild()` after a change."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._strips: list[Strip] = []
        self._built_width = -1
        self._restyle_pending = False

    def build_strips(self, width: int) -> list[Strip]:
        raise NotImplementedError

    @property
    def line_count(self) -> int:
        return len(self._strips)

    def _build(self, width: int) -> Size:
        self._strips = self.build_strips(width)
        self._built_width = width
        size = Size(width, len(self._strips))
        # Set without the layout that assigning `virtual_size` asks for: this view's own size
        # does not depend on its content.
        self.set_reactive(ScrollView.virtual_size, size)
        return size

    def rebuild(self) -> None:
        """Render the lines again and repaint the ones that changed, without a layout."""
        if self._built_width <= 0:  # not laid out yet: built when it is (_size_updated)
            return
        old, before = self.virtual_size, self._strips
        size = self._build(self._built_width)
        shown = self.scrollable_content_region.height
        if size != old and max(size.height, old.height) > shown:
            # Only when the scrollbar changes: while everything fits it is an empty track,
            # and sizing it repaints it whole (the conversation's first turns)
            resize_scrollbars(self, size)
        # only what is in view, so a status line that changed repaints that line and not
        # the case file under it (fewer lines rendered and sent to the terminal)
        top = round(self.scroll_y)
        bottom = top + shown
        for start, stop in changed_runs(before, self._strips):
            start, stop = max(start, top), min(stop, bottom)
            if start < stop:
                self.refresh_lines(start, stop - start)

    def notify_style_update(self) -> None:
        # The lines were rendered in the old styles (a theme switch, a pseudo-class change):
        # render them again once, after this round of style updates.
        super().notify_style_update()
        if self._built_width > 0 and not self._restyle_pending:
            self._restyle_pending = True
            self.call_later(self._restyle)

    def _restyle(self) -> None:
        self._restyle_pending = False
        self.rebuild()

    def before_size_set(self, size: Size) -> None:
        # Built during the layout that sizes this view, before Textual sizes the scrollbars
        # from its virtual size: the first frame shows the lines and the right scrollbar.
        width = size.width - self.styles.gutter.width - self.styles.scrollbar_size_vertical
        if width > 0 and width != self._built_width:
            self._build(width)

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if 0 <= index < len(self._strips):
            return self._strips[index].crop_extend(0, width, self.visual_style.rich_style)
        return Strip.blank(width, self.visual_style.rich_style)


def changed_runs(old: list[Strip], new: list[Strip]) -> list[tuple[int, int]]:
    """The runs [start, stop) of line indices where `new` differs from `old`. Lines after a
    change in the number of lines all count as changed (they moved)."""
    # `is` first: most lines are the very strips they were (a conversation's earlier turns)
    if len(old) != len(new):
        common = min(len(old), len(new))
        start = next((i for i in range(common) if old[i] is not new[i] and old[i] != new[i]), common)
        return [(start, max(len(old), len(new)))]
    runs: list[tuple[int, int]] = []
    i, n = 0, len(new)
    while i < n:
        if old[i] is new[i] or old[i] == new[i]:
            i += 1
            continue
        j = i + 1
        while j < n and old[j] is not new[j] and old[j] != new[j]:
            j += 1
        runs.append((i, j))
        i = j
    return runs
