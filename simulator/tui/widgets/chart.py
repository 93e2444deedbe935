"""The debrief's chart: the officer's pressure and the debtor's temper, turn by turn.

Drawn with plotext (through textual-plotext, which follows the app's theme) so the turns
and levels carry axes; the line of the previous contact's peak shows at a glance whether
this call pressed harder than the last. The legend is a caption under the plot rather than
plotext's own: plotext counts a Chinese character as one cell, and its legend and labels
then push the plot's rows out of shape. Each series has its own marker, so the caption
needs no colour to tell them apart.
"""

from __future__ import annotations

from textual_plotext import PlotextPlot

from scoring.turns import Turn

from ..i18n import t

# hidden variables worth drawing, when the persona has them (all on a 0-10 scale)
TEMPER = {"anger": "•", "trust": "+"}
PRESSURE_MARKER = "hd"  # plotext's half-block marker, drawn as ▞ / ▄ / ▀


LEVEL_BLOCKS = "▁▂▃▄▅▆▇█"  # the ladder's levels 0-7, one block each


def call_levels(turns: list[Turn]) -> list[int | None]:
    """The pressure level the call is at after each turn: a neutral reply keeps the level
    already reached (None before any pressing reply)."""
    level: int | None = None
    out = []
    for x in turns:
        level = x.pressure if x.pressure is not None else level
        out.append(level)
    return out


def strip(turns: list[Turn]) -> str:
    """The chart's pressure series in one line, a block per turn as tall as its level: the
    debrief's key figure where the full chart does not fit (80x24)."""
    return "".join("·" if lv is None else LEVEL_BLOCKS[lv] for lv in call_levels(turns))


def drawn_temper(turns: list[Turn]) -> list[str]:
    return [name for name in TEMPER if turns and name in turns[0].variables]


def legend(turns: list[Turn], previous_peak: int | None, lang: str) -> str:
    """The chart's caption: what each marker is, in the UI's language."""
    parts = [f"▞ {t('pressure', lang)}"]
    parts += [f"{TEMPER[name]} {t(f'var_{name}', lang)}" for name in drawn_temper(turns)]
    if previous_peak is not None:
        parts.append(f"── {t('last_peak', lang)}")
    parts.append(f"→ {t('chart_turn', lang)}")
    return " · ".join(parts)


class CallChart(PlotextPlot):
    def __init__(self, turns: list[Turn], previous_peak: int | None, lang: str, **kw) -> None:
        super().__init__(**kw)
        self.turns = turns
        self.previous_peak = previous_peak
        self.lang = lang

    def on_mount(self) -> None:
        plt = self.plt
        xs = [x.n for x in self.turns] or [0]
        levels = [lv or 0 for lv in call_levels(self.turns)]
        plt.plot(xs, levels or [0], marker=PRESSURE_MARKER)
        for name in drawn_temper(self.turns):
            plt.plot(xs, [x.variables.get(name, 0) for x in self.turns], marker=TEMPER[name])
        if self.previous_peak is not None:
            plt.hline(self.previous_peak)
        plt.xticks(xs)
        plt.ylim(0, 10)
        plt.yticks(list(range(0, 11, 2)))  # whole levels: a tick at 8.3 reads as nothing
