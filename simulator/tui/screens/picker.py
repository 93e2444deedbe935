"""The scenario picker: a filterable list with the selected case file beside it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Input, OptionList
from textual.widgets.option_list import Option

from simulator.core.scenario import Scenario
from simulator.core.text import render

from ..i18n import t
from ..safe import NL, styled
from ..widgets.casefile import CaseFile
from ..widgets.footer import LocalFooter


class PickerScreen(Screen):
    class Picked(Message):
        def __init__(self, ref: str) -> None:
            super().__init__()
            self.ref = ref

    def __init__(self, scenarios: list[tuple[str, Scenario]], lang: str) -> None:
        super().__init__()
        self.scenarios = scenarios  # (ref to load, model)
        self.lang = lang

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="picker-body"):
            with Vertical(id="picker-left"):
                yield Input(placeholder=t("filter", self.lang), id="filter")
                yield OptionList(id="scenarios")
            with VerticalScroll(id="preview"):
                yield CaseFile(id="case")
        yield LocalFooter()

    def on_mount(self) -> None:
        self._fill("")
        self.query_one("#scenarios", OptionList).focus()

    def _fill(self, text: str) -> None:
        ol = self.query_one("#scenarios", OptionList)
        ol.clear_options()
        text = text.lower()
        for i, (_, sc) in enumerate(self.scenarios):
            title = render(sc.title, self.lang)
            if text in f"{sc.id} {title}".lower():
                ol.add_option(Option(styled((sc.id, "b"), NL, " ", title), id=str(i)))
        if ol.option_count:
            ol.highlighted = 0

    def on_input_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#scenarios", OptionList).focus()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is not None:
            self.query_one(CaseFile).show_scenario(self.scenarios[int(event.option.id)][1], self.lang)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Picked(self.scenarios[int(event.option.id)][0]))
