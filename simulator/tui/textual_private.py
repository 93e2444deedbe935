"""Every use of Textual's private API, in one adapter, for the Textual version pinned in
pyproject.toml. tests/tui/test_textual_private.py fails loudly, naming the member, when an
upgrade renames one or changes its parameters: fix it here, nowhere else.

Why each is needed (the public API has no equivalent; speed.py says what the speed buys):

* `Widget._size_updated(size, virtual_size, container_size, layout)`: called during the
  layout that sizes a widget, before Textual sizes its scrollbars from its virtual size.
  `SizeHooks` turns it into two public-looking hooks, so a strip view renders its lines at
  the new width in time for the first frame (`on_resize` comes a frame late) and the
  conversation keeps its newest line in view across a resize.
* `ScrollView._scroll_update(virtual_size)`: sizes the scrollbars as a resize does. Assigning
  `virtual_size` would do it too, but asks for a layout of the whole screen on every turn.
* `Screen._refresh_layout(size, scroll)`: the screen's layout; `count_layouts` counts the
  calls, so a test can show a turn is painted without one.
* `App.post_display_hook()`: public, but documented as "used in tests"; the app starts
  loading the engine from it once the first frames are out (speed.py, 3.).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.geometry import Size
    from textual.screen import Screen
    from textual.scroll_view import ScrollView

# (owner, member, parameters after self): what this module relies on.
RELIED_ON = (
    ("textual.widget:Widget", "_size_updated", ("size", "virtual_size", "container_size", "layout")),
    ("textual.scroll_view:ScrollView", "_scroll_update", ("virtual_size",)),
    ("textual.screen:Screen", "_refresh_layout", ("size", "scroll")),
    ("textual.app:App", "post_display_hook", ()),
)


class SizeHooks:
    """Mixin for a Widget: `before_size_set(size)` runs during the layout that gives the
    widget its size, before Textual sizes its scrollbars; `after_size_set()` right after."""

    def before_size_set(self, size: Size) -> None:
        pass

    def after_size_set(self) -> None:
        pass

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size,
                      layout: bool = True) -> bool:
        self.before_size_set(size)
        resized: bool = super()._size_updated(size, virtual_size, container_size, layout)  # type: ignore[misc]
        self.after_size_set()
        return resized


def resize_scrollbars(view: ScrollView, virtual_size: Size) -> None:
    """Scrollbars sized for `virtual_size` as a resize sizes them, without a screen layout
    (one happens only if a scrollbar appears or goes)."""
    view._scroll_update(virtual_size)


@contextmanager
def count_layouts(screen: Screen[Any]) -> Iterator[list[int]]:
    """Inside the block, every layout of `screen` appends to the list yielded."""
    layouts: list[int] = []
    original = screen._refresh_layout

    def counted(*a: Any, **k: Any) -> None:
        layouts.append(1)
        original(*a, **k)

    screen._refresh_layout = counted  # type: ignore[method-assign]
    try:
        yield layouts
    finally:
        del screen._refresh_layout  # the class's own method again
