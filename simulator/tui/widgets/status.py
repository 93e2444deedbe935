"""Practice-mode status: the four core tasks, pressure against the last contact, mood."""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING

from textual.widgets import Static

from ..i18n import t

if TYPE_CHECKING:  # the panel is first drawn from cached markup, before the engine loads
    from scoring.scorer import LiveStatus


def meter(level: int | None, ceiling: int, prev: int | None) -> str:
    level = level or 0
    cells = []
    for i in range(1, ceiling + 1):
        if i <= level:
            cells.append(("red", "█") if prev is not None and i > prev else ("yellow", "█"))
        else:
            cells.append(("dim", "|") if prev == i else ("dim", "·"))
    # One tag per run of same-styled cells: the panel is re-parsed on every turn.
    return "".join(f"[{style}]{''.join(c for _, c in run)}[/]"
                   for style, run in groupby(cells, key=lambda cell: cell[0]))


def status_markup(live: LiveStatus, mood: str, lang: str) -> str:
    rows = [f"[b]{t('checklist', lang)}[/b]"]
    for name, done in live.core.items():
        mark = "[green]✔[/]" if done else "[dim]☐[/]"
        rows.append(f" {mark} {t('core.' + name, lang)}")
    prev = "-" if live.previous_peak is None else str(live.previous_peak)
    rows.append(f"[b]{t('pressure', lang)}[/b] {live.peak or 0}/{live.ceiling} "
                f"({t('prev_peak', lang)} {prev})")
    rows.append(" " + meter(live.peak, live.ceiling, live.previous_peak))
    rows.append(f"[b]{t('mood', lang)}[/b]: {mood}")
    return "\n".join(rows)


class LivePanel(Static):
    def __init__(self, markup: str = "", **kwargs) -> None:
        super().__init__(markup, **kwargs)
        self._markup = markup

    def show(self, live: LiveStatus, mood: str, lang: str) -> None:
        markup = status_markup(live, mood, lang)
        if markup == self._markup:  # an unchanged panel costs no re-render on a keypress
            return
        self._markup = markup
        # A layout of the screen re-renders every container on it (most of a keypress,
        # issue 3): ask for one only if the panel's height changes.
        height = self.content_size.height
        self.update(markup, layout=False)
        width = self.content_size.width
        if width and self.visual.get_height(self.styles, width) != height:
            self.refresh(layout=True)
