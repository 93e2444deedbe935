"""The debrief's chart: the officer's pressure and the debtor's temper, turn by turn.

Drawn with plotext (through textual-plotext, which follows the app's theme) so the turns
and levels carry axes; the line of the previous contact's peak shows at a glance whether
this call pressed harder than the last.
"""

from __future__ import annotations

from textual_plotext import PlotextPlot

from scoring.turns import Turn

from ..i18n import t

# hidden variables worth drawing, when the persona has them (all on a 0-10 scale)
TEMPER = ("anger", "trust")


class CallChart(PlotextPlot):
    def __init__(self, turns: list[Turn], previous_peak: int | None, lang: str, **kw) -> None:
        super().__init__(**kw)
        self.turns = turns
        self.previous_peak = previous_peak
        self.lang = lang

    def on_mount(self) -> None:
        plt = self.plt
        xs = [x.n for x in self.turns] or [0]
        level, levels = 0, []
        for x in self.turns:  # a neutral reply keeps the level the call is at
            level = x.pressure if x.pressure is not None else level
            levels.append(level)
        plt.plot(xs, levels or [0], label=t("pressure", self.lang), marker="hd")
        for name in TEMPER:
            if self.turns and name in self.turns[0].variables:
                plt.plot(xs, [x.variables.get(name, 0) for x in self.turns], label=t(f"var_{name}", self.lang),
                         marker="dot")
        if self.previous_peak is not None:
            plt.hline(self.previous_peak)
            plt.text(t("last_peak", self.lang), x=xs[0], y=self.previous_peak)
        plt.xlabel(t("chart_turn", self.lang))
        plt.xticks(xs)
        plt.ylim(0, 10)
