"""The debrief: score, verdict, rubric items with evidence, transcript, road not taken, chart."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static

from scoring.messages import pressure_shown, rung, say
from scoring.report import ScoreReport
from scoring.turns import Turn

from ..analysis import Road
from ..i18n import t
from ..safe import lines, plain, styled
from ..widgets.chart import CallChart, legend, strip
from ..widgets.footer import LocalFooter
from ..widgets.rows import Row, RowsPanel
from ..widgets.wrappedoptions import Paragraph, WrappedOptionList


class RoadPanel(RowsPanel):
    """The road not taken at one turn: each reply on offer and what it would have done."""

    ROLE_PREFIX = "road-panel"
    ROLES = ("heading", "chosen", "fails")
    COMPONENT_CLASSES = {f"road-panel--{role}" for role in ROLES}
    DEFAULT_CSS = """
    RoadPanel {
        & > .road-panel--heading { text-style: bold; }
        & > .road-panel--chosen { color: $text-success; }
        & > .road-panel--fails { color: $text-error; text-style: bold; }
    }
    """


class DebriefScreen(Screen):
    """Given a report and the turns; asks the app for roads not taken, retries."""

    HELP_TOPIC = "help_debrief"
    BINDINGS = [
        Binding("r", "retry", "Retry"),
        Binding("n", "new_seed", "New seed"),
        Binding("g", "chart", "Chart"),
    ]

    class RoadRequested(Message):
        def __init__(self, turn: int) -> None:
            super().__init__()
            self.turn = turn

    class Retry(Message):
        def __init__(self, new_seed: bool) -> None:
            super().__init__()
            self.new_seed = new_seed

    def __init__(self, report: ScoreReport, opening: str, turns: list[Turn],
                 moods: list[str], lang: str) -> None:
        super().__init__()
        self.report = report
        self.opening = opening
        self.turns = turns
        self.moods = moods
        self.lang = lang

    def compose(self) -> ComposeResult:
        r, lang = self.report, self.lang
        verdict = (t("pass", lang), "green b") if r.passed else (t("fail", lang), "red b")
        head = [styled((t("debrief", lang), "b"), f" {r.scenario}: ", (f"{r.total}/100", "b"),
                       f" ({t('pass_mark', lang)} {r.pass_mark}) ", verdict,
                       f" · {t('outcome', lang)}: {t(f'outcome.{r.outcome}', lang)}")]
        if r.ending:
            head.append(styled(f"{t('why_ended', lang)}: {r.ending}"))
        # the chart's key figure, on the first screen at any size: pressure turn by turn
        head.append(styled((t("pressure", lang), "b"), " ", (strip(self.turns), "yellow"),
                           f" {r.pressure} · ", (t("chart_key", lang), "dim")))
        for f in r.auto_fail:
            head.append(styled((t("auto_fail", lang), "red"), f" ({t('turn', lang)} {f.turn}): {f.message} [{f.cite}]"))
        for f in r.penalties:
            head.append(styled(f"{t('penalty', lang)} -{f.points} ({t('turn', lang)} {f.turn}): {f.message}"))
        yield Header()
        yield Static(lines(*head), id="verdict")
        with Horizontal(id="debrief-body"):
            with VerticalScroll(id="debrief-left"):
                yield Static(t("items", lang), classes="title")
                yield WrappedOptionList(self._items(), id="items", lang=lang)
                yield Static(t("road", lang), classes="title")
                yield RoadPanel((((t("road_hint", lang), ""),),), id="road")
                yield Static(t("chart", lang), classes="title")
                yield CallChart(self.turns, self.report.previous_peak, lang, id="chart")
                yield Static(legend(self.turns, self.report.previous_peak, lang), id="chart-legend")
                yield Static(plain(self._mood_row()), id="moods")
            with Vertical(id="debrief-right"):
                yield Static(t("transcript", lang), classes="title")
                yield WrappedOptionList(self._transcript(), id="transcript", lang=lang)
        yield LocalFooter()

    def on_mount(self) -> None:
        self.query_one("#items", OptionList).focus()

    def _items(self) -> list[tuple[str, list[Paragraph]]]:
        lang, out = self.lang, []
        for i in self.report.items:
            pts = f"{t('n_a', lang):>5}" if not i.applicable else f"{i.points:4.1f}/{i.weight}"
            ev = " " + t("turns_ref", lang).format(turns=", ".join(map(str, i.evidence))) if i.evidence else ""
            paragraphs: list[Paragraph] = [(((f"{pts} ", ""), (i.title + ev, "")), 0, len(pts) + 1)]
            if not i.applicable and i.detail:  # why it does not count
                paragraphs.append((((i.detail, "dim"),), 6, 0))
            if i.applicable and i.fraction < 1:
                if i.detail:  # what the scorer saw: why points were lost
                    paragraphs.append((((f"{t('why', lang)}: {i.detail}", ""),), 6, 0))
                if i.tip:
                    paragraphs.append((((f"{t('tip', lang)}: {i.tip}", "dim"),), 6, 0))
            out.append((f"item-{i.id}", paragraphs))
        if self.report.unchecked:  # so a coach knows what the grade does not cover
            out.append(("unchecked", [(((t("unchecked", lang).format(profile=self.report.profile), "b"),), 0, 0)]))
            out += [(f"unchecked-{n}", [((("• ", ""), (u.rule, "")), 1, 2), (((u.why, "dim"),), 3, 0)])
                    for n, u in enumerate(self.report.unchecked)]
        return out

    def _transcript(self) -> list[tuple[str, list[Paragraph]]]:
        lang = self.lang
        out = [("turn-0", [(((f"{t('debtor', lang)}:", "b magenta"), (f" {self.opening}", "")), 3, 0)])]
        for x in self.turns:
            said: list[Paragraph] = [(((f"#{x.n} ", "dim"), (f"{t('you', lang)}:", "b cyan"),
                                       (f" {x.officer_line}", "")), 0, 3)]
            if x.pressure is not None:  # the rung this reply reached, in the ladder's words
                said.append((((f"{t('pressure', lang)}: {say(rung(x.pressure), lang)}", "dim"),), 3, 0))
            said.append((((f"{t('debtor', lang)}:", "b magenta"), (f" {x.debtor_line}", "")), 3, 0))
            out.append((f"turn-{x.n}", said))
        return out

    def _mood_row(self) -> str:
        return " ".join(f"{i}:{m}" for i, m in enumerate(self.moods, 1))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        oid = event.option.id or ""
        if oid.startswith("item-"):
            item = self.report.item(oid[5:])
            if item.evidence:
                self.scroll_to_turn(item.evidence[0])
        elif oid.startswith("turn-") and oid != "turn-0":
            self.post_message(self.RoadRequested(int(oid[5:])))

    def scroll_to_turn(self, n: int) -> None:
        tr = self.query_one("#transcript", OptionList)
        tr.highlighted = n  # option 0 is the opening line
        tr.scroll_to_highlight(top=True)

    def show_road(self, n: int, roads: list[Road]) -> None:
        lang = self.lang
        rows: list[Row] = [((t("turns_ref", lang).format(turns=n).strip("[]"), "heading"),)]
        for r in roads:
            mark = ((f"▶ {t('chosen', lang)} ", "chosen"),) if r.chosen else ()
            rows.append((*mark, (r.text, "")))
            # A reply that crosses a red line fails the call: it never shows a score, let alone
            # a higher one. Pressure as the call screen shows it: level (limit).
            score = t("fail", lang) if r.fails else f"{r.total_before:.0f}→{r.total:.0f}"
            pressure = say(pressure_shown(r.peak, r.ceiling), lang)
            rows.append(((f"   {t('score', lang)} {score} · {t('pressure', lang)} {pressure} · "
                          f"{t('mood', lang)} {r.mood}", "fails" if r.fails else ""),))
            rows += [((f"   ✗ {t('fails_call', lang)}", "fails"), (f": {message}", "")) for message in r.fails]
        road = self.query_one(RoadPanel)
        road.show(rows)
        self.call_after_refresh(road.scroll_visible, top=True, animate=False)

    def action_chart(self) -> None:
        self.query_one("#chart").scroll_visible(top=True, animate=False)

    def action_retry(self) -> None:
        self.post_message(self.Retry(new_seed=False))

    def action_new_seed(self) -> None:
        self.post_message(self.Retry(new_seed=True))
