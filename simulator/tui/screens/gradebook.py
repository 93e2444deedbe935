"""The trainer's gradebook: candidates x scenarios, cohort statistics, item analysis, and one
attempt's stored record. Thin: everything shown is computed by simulator.store.gradebook;
these screens sort, filter and lay it out, and post messages up to the app."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Static, TabbedContent, TabPane

from ..i18n import t
from ..safe import cell, lines, plain, styled
from ..widgets.footer import LocalFooter

if TYPE_CHECKING:  # the store (and SQLAlchemy) is imported only once the db is opened
    from simulator.store.gradebook import Book, Detail, Sheet

BOOK_COLUMNS = ["candidate", "scenario", "score", "result", "attempts", "last", "signature"]


def _sort_key(col: str, status: dict[int, str]):
    """The primary key only: rows are first put in name order, and a stable sort keeps ties
    in that order whichever way the column runs."""
    return {
        "candidate": lambda r: r.candidate.lower(),
        "scenario": lambda r: r.scenario,
        "score": lambda r: -1 if r.total is None else r.total,
        "result": lambda r: (r.passed, -1 if r.total is None else r.total),
        "attempts": lambda r: r.attempts,
        "last": lambda r: (r.ended_at or "", r.attempt),
        "signature": lambda r: r.status == "valid",
    }[col]


def verdict(passed: bool, lang: str) -> tuple[str, str]:
    return (t("pass", lang), "bold green") if passed else (t("fail", lang), "bold red")


def sig_text(status: str, lang: str) -> tuple[str, str]:
    key = {"changed": "tampered", "in progress": "unsigned", "practice": "unsigned"}.get(status, status)
    return (t(f"gb.sig.{key}", lang), "green" if status == "valid" else "bold red reverse")


def pct(v: float | None) -> str:
    return "" if v is None else f"{v * 100:.0f}%"


def stamp(iso: str | None) -> str:
    """2026-11-23T11:38:18.123456+00:00 -> 11-23 11:38 (UTC, as stored; the attempt screen
    shows the full time)."""
    return "" if not iso else iso[5:16].replace("T", " ")


class GradebookScreen(Screen):
    """Tabs: gradebook (filter + sortable table), cohort, item analysis. `show(book)` fills it."""

    BINDINGS = [
        Binding("b", "tab('tab-book')", "Gradebook"),
        Binding("c", "tab('tab-cohort')", "Cohort"),
        Binding("i", "tab('tab-analysis')", "Analysis"),
        Binding("slash", "filter", "Filter"),
        Binding("s", "sort", "Sort"),
        Binding("escape", "leave_filter", show=False),
    ]

    class Opened(Message):
        """The trainer picked a gradebook row: show this pair's attempts."""

        def __init__(self, candidate: str, scenario: str) -> None:
            super().__init__()
            self.candidate = candidate
            self.scenario = scenario

    def __init__(self, lang: str, url: str = "", filter_text: str = "", book: Book | None = None) -> None:
        super().__init__()
        self.lang = lang
        self.url = url
        self.book: Book | None = book
        self.filter_text = filter_text
        self.error: str | None = None
        self.ready = False  # the db may answer before the widgets exist: keep it until then
        self.sort_col = "candidate"
        self.sort_reverse = False

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Header()
        yield Static(t("gb.loading", lang), id="gb-status")
        yield Static("", id="gb-empty")
        with TabbedContent(id="gb-tabs", initial="tab-book"):
            with TabPane(t("gb.book", lang), id="tab-book"):
                yield Input(value=self.filter_text, placeholder=t("gb.filter", lang), id="gb-filter")
                yield DataTable(id="gb-table", cursor_type="row", zebra_stripes=True)
            with TabPane(t("gb.cohort", lang), id="tab-cohort"):
                with VerticalScroll():
                    yield DataTable(id="gb-cohort", cursor_type="row")
                    yield Static(t("gb.item_means", lang), classes="title")
                    yield DataTable(id="gb-means", cursor_type="row", zebra_stripes=True)
            with TabPane(t("gb.analysis", lang), id="tab-analysis"):
                yield Static(t("gb.analysis_hint", lang), id="gb-analysis-hint")
                yield DataTable(id="gb-analysis", cursor_type="row", zebra_stripes=True)
        yield LocalFooter()

    def on_mount(self) -> None:
        self.query_one("#gb-tabs").display = False
        self.query_one("#gb-empty").display = False
        self.ready = True
        if self.error is not None:
            self.show_error(self.error)
        elif self.book is not None:  # loaded early, or rebuilt in the other language
            self.show(self.book, self.url)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Table keys are hidden from the footer until there is a table."""
        if action in ("tab", "filter", "sort"):
            return self.book is not None and bool(self.book.rows)
        return True

    # -- filling -------------------------------------------------------------------------
    def show_error(self, message: str) -> None:
        self.error = message
        if not self.ready:
            return
        self.query_one("#gb-status", Static).update(styled((t("gb.error", self.lang), "red b"), ": ", message))

    def show(self, book: Book, url: str) -> None:
        self.book, self.url, self.error = book, url, None
        if not self.ready:
            return
        lang = self.lang
        empty = not book.rows
        self.query_one("#gb-empty", Static).display = empty
        self.query_one("#gb-tabs").display = not empty
        if empty:
            self.query_one("#gb-empty", Static).update(plain(t("gb.empty", lang).format(url=url)))
        self._show_status()
        self.refresh_bindings()
        if empty:
            return
        self._fill_book()
        self._fill_cohort(book)
        self._fill_analysis(book)
        self.query_one("#gb-table", DataTable).focus()

    def _show_status(self) -> None:
        b = self.book
        if b is None:
            return
        text = t("gb.summary", self.lang).format(
            rows=len(b.rows), candidates=len({r.candidate for r in b.rows}),
            scenarios=len({r.scenario for r in b.rows}), finished=b.finished, in_progress=b.in_progress)
        if self.filter_text.strip():
            text += " · " + t("gb.shown", self.lang).format(shown=len(self.shown_rows()), rows=len(b.rows))
        shown = plain(text)
        if b.tampered:
            shown = lines(shown, styled((t("gb.tampered_count", self.lang).format(n=b.tampered), "red b reverse")))
        self.query_one("#gb-status", Static).update(shown)

    def shown_rows(self) -> list[Sheet]:
        """The rows the filter lets through, in the chosen order."""
        from simulator.store.gradebook import filter_sheets

        assert self.book is not None
        rows = sorted(filter_sheets(self.book.rows, self.filter_text),
                      key=lambda r: (r.candidate.lower(), r.scenario))
        return sorted(rows, key=_sort_key(self.sort_col, self.book.status), reverse=self.sort_reverse)

    def _fill_book(self) -> None:
        assert self.book is not None
        lang = self.lang
        table = self.query_one("#gb-table", DataTable)
        table.clear(columns=True)
        for col in BOOK_COLUMNS:
            label = t(f"gb.{col}", lang)
            if col == self.sort_col:
                label += " ▼" if self.sort_reverse else " ▲"
            table.add_column(label, key=col)
        for r in self.shown_rows():
            table.add_row(
                cell(r.candidate), cell(r.scenario),
                Text("—" if r.total is None else str(r.total), justify="right"),
                cell(*verdict(r.passed, lang)) if r.total is not None else Text("—"),
                Text(str(r.attempts), justify="right"), cell(stamp(r.ended_at)),
                cell(*sig_text(r.status, lang)),
                key=f"{r.candidate}\x00{r.scenario}",
            )

    def _fill_cohort(self, book: Book) -> None:
        lang = self.lang
        table = self.query_one("#gb-cohort", DataTable)
        table.clear(columns=True)
        for col in ("scenario", "n", "mean", "median", "stdev", "min", "max", "pass_rate"):
            table.add_column(t(f"gb.{col}", lang), key=col)
        for scen, c in book.cohort.items():
            table.add_row(cell(scen), *(Text(f"{c[k]:g}", justify="right") for k in
                                  ("candidates", "mean", "median", "stdev", "min", "max")),
                          Text(pct(c["pass_rate"]), justify="right"), key=scen)
        means = self.query_one("#gb-means", DataTable)
        means.clear(columns=True)
        means.add_column(t("gb.item", lang), key="item")
        for scen in book.cohort:
            means.add_column(cell(scen), key=scen)
        items = sorted({i for c in book.cohort.values() for i in c["items"]})
        for item in items:  # one row per rubric item, one column per scenario: compare at a glance
            means.add_row(cell(item), *(Text(pct(c["items"].get(item)), justify="right") for c in book.cohort.values()),
                          key=item)

    def _fill_analysis(self, book: Book) -> None:
        from simulator.store.gradebook import MIN_N

        lang = self.lang
        self.query_one("#gb-analysis-hint", Static).update(
            t("gb.analysis_hint", lang) + " " + t("gb.analysis_min_n", lang).format(n=MIN_N))
        table = self.query_one("#gb-analysis", DataTable)
        table.clear(columns=True)
        # what a trainer acts on first; where it happened after (scrolls off at 80 columns)
        for col in ("flag", "reply", "picked", "pass_if_picked", "pass_if_not", "separation",
                    "scenario", "turn", "state"):
            table.add_column(t(f"gb.{col}", lang), key=col)
        order = {"tempting": 0, "separating": 1, "": 2}
        rows = sorted(book.items, key=lambda r: (order[r["flag"]], r["scenario"], r["turn"], -r["picked"]))
        for i, r in enumerate(rows):
            flag = (Text(t("gb.flag.tempting", lang), style="bold red") if r["flag"] == "tempting" else
                    Text(t("gb.flag.separating", lang), style="bold green") if r["flag"] == "separating" else "")
            sep = "" if r["separation"] is None else f"{r['separation']:+.2f}"
            table.add_row(flag, cell(r["reply"]), Text(f"{r['picked']}/{r['offered']}", justify="right"),
                          Text(pct(r["pass_if_picked"]), justify="right"),
                          Text(pct(r["pass_if_not"]), justify="right"), Text(sep, justify="right"),
                          cell(r["scenario"]), Text(str(r["turn"]), justify="right"), cell(r["state"]),
                          key=str(i))

    # -- interaction ---------------------------------------------------------------------
    def on_input_changed(self, event: Input.Changed) -> None:
        self.filter_text = event.value
        if self.book is not None and self.book.rows:
            self._fill_book()
            self._show_status()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#gb-table", DataTable).focus()

    def action_leave_filter(self) -> None:
        if isinstance(self.focused, Input):
            self.query_one("#gb-table", DataTable).focus()

    def action_filter(self) -> None:
        if self.book is not None and self.book.rows:
            self.query_one(TabbedContent).active = "tab-book"
            self.query_one("#gb-filter", Input).focus()

    def action_tab(self, tab: str) -> None:
        if self.book is None or not self.book.rows:
            return
        self.query_one(TabbedContent).active = tab
        target = {"tab-book": "#gb-table", "tab-cohort": "#gb-cohort", "tab-analysis": "#gb-analysis"}[tab]
        self.query_one(target, DataTable).focus()

    def set_sort(self, col: str) -> None:
        if col == self.sort_col:
            self.sort_reverse = not self.sort_reverse
        else:
            # scores and counts read best-first; names alphabetically
            self.sort_col, self.sort_reverse = col, col in ("score", "result", "attempts", "last")
        self._fill_book()

    def action_sort(self) -> None:
        if self.book is None or not self.book.rows:
            return
        nxt = BOOK_COLUMNS[(BOOK_COLUMNS.index(self.sort_col) + 1) % len(BOOK_COLUMNS)]
        self.set_sort(nxt)

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        if event.data_table.id == "gb-table":
            event.stop()
            self.set_sort(str(event.column_key.value))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "gb-table" and event.row_key.value:
            event.stop()
            candidate, scenario = event.row_key.value.split("\x00")
            self.post_message(self.Opened(candidate, scenario))
        elif event.data_table.id == "gb-cohort" and event.row_key.value:
            event.stop()  # a scenario's statistics -> who is behind them
            self.query_one(TabbedContent).active = "tab-book"
            self.query_one("#gb-filter", Input).value = event.row_key.value
            self.query_one("#gb-table", DataTable).focus()


class AttemptScreen(Screen):
    """One stored attempt as recorded: score, items, findings, identity, transcript.
    Given every attempt of the pair (oldest first); shows the latest, `[` `]` step."""

    BINDINGS = [
        Binding("escape,backspace", "app.pop_screen", "Back"),
        Binding("left_square_bracket", "step(-1)", "Earlier"),
        Binding("right_square_bracket", "step(1)", "Later"),
    ]

    def __init__(self, details: list[Detail], lang: str) -> None:
        super().__init__()
        self.details = details
        self.index = len(details) - 1
        self.lang = lang

    @property
    def detail(self) -> Detail:
        return self.details[self.index]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="at-head")
        with Horizontal(id="at-body"):
            with VerticalScroll(id="at-left"):
                yield Static(t("gb.items_title", self.lang), classes="title")
                yield DataTable(id="at-items", cursor_type="row", zebra_stripes=True)
                yield Static(id="at-findings")
                yield Static(id="at-ident")
            with Vertical(id="at-right"):
                yield Static(t("gb.transcript", self.lang), classes="title")
                yield VerticalScroll(id="at-transcript")
        yield LocalFooter()

    def on_mount(self) -> None:
        self.fill()
        self.query_one("#at-items", DataTable).focus()

    def action_step(self, delta: int) -> None:
        new = self.index + delta
        if 0 <= new < len(self.details):
            self.index = new
            self.fill()

    def fill(self) -> None:
        d, lang = self.detail, self.lang
        head = [styled((d.candidate, "b"), f" · {d.scenario} · {t('gb.attempt', lang)} #{d.attempt} "
                       f"({self.index + 1} {t('gb.of', lang)} {len(self.details)}) · ", (f"{d.total}/100", "b"),
                       f" ({t('pass_mark', lang)} {d.pass_mark})" if d.pass_mark is not None else "",
                       " ", verdict(d.passed, lang),
                       f" · {t('outcome', lang)}: {t(f'outcome.{d.outcome}', lang)}" if d.outcome else "",
                       f" · {t('gb.signature', lang)}: ", sig_text(d.signature, lang))]
        if d.signature != "valid":
            head.append(styled((t("gb.tampered_note", lang), "red b")))
        if len(self.details) > 1:
            steps: list[str | tuple[str, str]] = []
            for i, tot, ok in d.others:
                steps += [(f"#{i} {tot}", "reverse") if i == d.attempt else f"#{i} {tot}", ("✓" if ok else "✗") + " "]
            head.append(styled(*steps, (" [ ]", "dim")))
        self.query_one("#at-head", Static).update(lines(*head))
        self._fill_items(d)
        self._fill_findings(d)
        ident = [f"{t('gb.seed', lang)} {d.seed} · {t('gb.lang', lang)} {d.lang} · {t('gb.mode', lang)} {d.mode}",
                 f"{t('gb.started', lang)} {d.started_at}",
                 f"{t('gb.ended', lang)}   {d.ended_at or '-'}",
                 f"{t('gb.hashes', lang)}:"]
        ident += [f"  {k:<8} {v[:16] or '-'}" for k, v in d.hashes.items()]
        self.query_one("#at-ident", Static).update(lines(*map(plain, ident)))
        self._show_transcript(d)

    def _fill_items(self, d: Detail) -> None:
        table = self.query_one("#at-items", DataTable)
        table.clear(columns=True)
        table.add_column(t("gb.points", self.lang), key="points")
        table.add_column(t("gb.item", self.lang), key="item")
        for i in d.items:
            if not i["applicable"]:
                pts = Text("n/a", style="dim", justify="right")
            else:
                style = "green" if i["points"] >= i["weight"] else "yellow" if i["points"] else "red"
                pts = Text(f"{i['points']:g}/{i['weight']}", style=style, justify="right")
            table.add_row(pts, cell(i["title"] or i["id"]), key=i["id"])

    def _fill_findings(self, d: Detail) -> None:
        lang = self.lang
        rows = [styled((t("auto_fail", lang), "red b"), f" ({t('turn', lang)} {f['turn']}): {f['message'] or ''} ",
                       (f["cite"] or "", "dim")) for f in d.auto_fail]
        rows += [styled((f"{t('penalty', lang)} -{f['points']}", "yellow"),
                        f" ({t('turn', lang)} {f['turn']}): {f['message'] or ''}") for f in d.penalties]
        rows += [styled((t("gb.note", lang), "cyan"), f" ({t('turn', lang)} {f['turn']}): {f['message'] or ''}")
                 for f in d.coaching]
        self.query_one("#at-findings", Static).update(lines(*rows) if rows else styled((t("gb.no_findings", lang), "dim")))

    def _show_transcript(self, d: Detail) -> None:
        box = self.query_one("#at-transcript", VerticalScroll)
        box.remove_children()
        shown = []
        for n, who, text in d.lines:
            if who == "officer":
                body = styled((f"#{n}", "dim"), " ", (f"{t('gb.officer', self.lang)}:", "b cyan"), " ", text)
            else:
                body = styled((f"{t('debtor', self.lang)}:", "b magenta"), " ", text)
            shown.append(Static(body, classes=f"gb-line {who}"))
        box.mount_all(shown)
        box.scroll_home(animate=False)

__all__ = ["AttemptScreen", "GradebookScreen"]
