"""Practice-mode status: the four core tasks, pressure against the last contact, mood."""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING

from ..i18n import t
from ..view import Row

if TYPE_CHECKING:  # the panel is first drawn from cached rows, before the engine loads
    from scoring.scorer import LiveStatus


def meter(level: int | None, ceiling: int, prev: int | None) -> Row:
    """A cell per pressure level: reached within the last contact's peak, reached beyond it
    (this call presses harder), not reached; the last peak's level marked '|'."""
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
    return _rows(live, _pressure(live.peak, live, lang), mood, lang)


def tallest_status(live: LiveStatus, lang: str) -> tuple[Row, ...]:
    """The status as long as it can get in this call: the longest pressure line any peak
    gives against this call's limit and last contact, and the longest mood. The panel keeps
    room for it, so a turn that lengthens a line moves nothing under it (widgets/side.py).
    Longest in characters: the candidates are in one language, and a pick that wraps to a
    line fewer than another would only cost that turn a repaint of what is under it."""
    from simulator.core.move_reference import LADDER
    from simulator.engine.mood import MOOD_LABELS

    from ..analysis import mood_label

    pressure = max((_pressure(level, live, lang) for level in (None, *LADDER)), key=len)
    mood = max((mood_label(name, lang) for name in MOOD_LABELS), key=len)
    return _rows(live, pressure, mood, lang)


def _pressure(peak: int | None, live: LiveStatus, lang: str) -> str:
    from scoring.messages import pressure_shown, say  # here: the first frame draws without it

    return say(pressure_shown(peak, live.ceiling, live.previous_peak), lang)


def _rows(live: LiveStatus, pressure: str, mood: str, lang: str) -> tuple[Row, ...]:
    rows: list[Row] = [((t("checklist", lang), "heading"),)]
    for name, done in live.core.items():
        rows.append(((" ", ""), ("✔" if done else "☐", "done" if done else "todo"),
                     (f" {t('core.' + name, lang)}", "")))
    rows.append(((t("pressure", lang), "heading"), (" " + pressure, "")))
    rows.append(((" ", ""), *meter(live.peak, live.ceiling, live.previous_peak)))
    rows.append(((t("mood", lang), "heading"), (f": {mood}", "")))
    return tuple(rows)

