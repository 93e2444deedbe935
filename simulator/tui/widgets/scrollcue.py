"""A cue on a list's bottom border when it holds more than it shows (issue 19: at 80x24 a
new hire saw two or three of six replies and nothing said there were more)."""

from __future__ import annotations

from textual.widget import Widget

from ..i18n import t


def cue_text(scroll_y: float, max_scroll_y: float, lang: str) -> str:
    """'▼ more below', '▲ more above' or both; empty when everything shows."""
    above, below = scroll_y > 0, scroll_y < max_scroll_y
    parts = ([f"▲ {t('more_above', lang)}"] if above else []) + ([f"▼ {t('more_below', lang)}"] if below else [])
    return " · ".join(parts)


def update_cue(widget: Widget, lang: str) -> None:
    """Set `widget`'s border subtitle from its scroll position (a repaint, never a layout)."""
    text = cue_text(widget.scroll_y, widget.max_scroll_y, lang)
    if widget.border_subtitle != text:
        widget.border_subtitle = text
