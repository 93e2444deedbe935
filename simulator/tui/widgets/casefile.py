"""The case file: what the officer knows before and during the call."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..view import case_rows
from .rows import RowsPanel

if TYPE_CHECKING:
    from simulator.core.scenario import Scenario


class CaseFile(RowsPanel):
    """A scenario's case file; the picker changes it with `show_scenario`."""

    ROLE_PREFIX = "case-file"
    ROLES = ("heading",)
    COMPONENT_CLASSES = {f"case-file--{role}" for role in ROLES}
    DEFAULT_CSS = """
    CaseFile > .case-file--heading { text-style: bold; }
    """

    def show_scenario(self, sc: Scenario, lang: str) -> None:
        self.show(case_rows(sc, lang))
