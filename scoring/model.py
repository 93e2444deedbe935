"""Rubric, compliance profile and scoring context, as data models.

Rubrics and profiles are YAML files a trainer can read and override; the checks they name
are a fixed vocabulary implemented in `scoring.checks`.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from simulator.core.clock import TimeOfDay
from simulator.core.conditions import Identifier, Strict
from simulator.core.moves import RED_LINE_MOVES, Move
from simulator.core.text import Text

CheckName = Literal[
    "demand_today",
    "learn_reason",
    "pros_and_cons",
    "get_commitment",
    "costs_fit",
    "commitment_quality",
    "identity_first",
    "demand_before_reason",
    "demand_again",
    "close_properly",
    "pressure_within",
    "pressure_ceiling",
    "pressure_across",
    "anti_patterns",
    "uses_moves",
    "avoids_moves",
]


class Item(Strict):
    id: Identifier
    check: CheckName
    weight: int = Field(ge=0, le=100)
    title: Text
    tip: Text = Field(description="One-line coaching tip shown when the item is missed.")
    group: Literal["core", "flow", "pressure", "conduct"] = "core"
    required: bool = Field(False, description="A pass needs this item fully earned.")
    moves: list[Move] = Field(default_factory=list, description="For uses_moves/avoids_moves.")
    per_use: float = Field(0.5, ge=0, le=1, description="anti_patterns: fraction lost per use.")


class Ceiling(Strict):
    max_days: int
    level: int = Field(ge=0, le=7)


class Rubric(Strict):
    id: Identifier
    title: Text
    pass_mark: int = Field(70, ge=0, le=100)
    items: list[Item] = Field(min_length=1)
    red_lines: list[Move] = Field(default_factory=lambda: sorted(RED_LINE_MOVES))
    pressure_ceiling: list[Ceiling] = Field(
        default_factory=lambda: [
            Ceiling(max_days=5, level=4),
            Ceiling(max_days=10, level=5),
            Ceiling(max_days=30, level=6),
            Ceiling(max_days=100000, level=7),
        ],
        description="Highest proportionate pressure by days overdue (DOMAIN §4).",
    )
    class_adjust: dict[Literal["A", "B", "C", "D"], int] = Field(
        default_factory=lambda: {"A": -1, "B": 0, "C": 1, "D": 1},  # type: ignore[arg-type]
        description="Added to the ceiling by debtor class: little pressure for A, more for C/D.",
    )

    def ceiling(self, days_overdue: int, debtor_class: str) -> int:
        base = next((c.level for c in self.pressure_ceiling if days_overdue <= c.max_days), 7)
        adjust = next((v for k, v in self.class_adjust.items() if k == debtor_class), 0)
        return max(0, min(7, base + adjust))


class Hours(Strict):
    start: TimeOfDay
    end: TimeOfDay

    def allows(self, t: dt.time) -> bool:
        return self.start <= t < self.end


class ProfileRule(Strict):
    id: Identifier
    cite: str = Field(description="The rule's source, shown to the trainee.")
    description: Text
    moves: list[Move] = Field(min_length=1)
    severity: Literal["auto_fail", "penalty", "coach"]
    points: int = Field(0, ge=0, le=100, description="Points off the total, for penalties.")
    after_flag: Identifier | None = Field(
        None, description="Applies only once this flag is set (e.g. inability_shown)."
    )


class Unchecked(Strict):
    rule: Text = Field(description="The rule as DOMAIN §10 or the source states it, with its clause.")
    why: Text = Field(description="Why a one-call simulator cannot check it (the debrief shows it, "
                      "so a coach knows what was not graded).")


class Profile(Strict):
    id: Identifier
    name: Text
    identity_cite: str = Field(
        "", description="The clause behind right-party verification: no word of the debt before the "
        "person is confirmed as the debtor (a red line in every profile).")
    contact_hours: Hours | None = None
    hours_cite: str = ""
    first_contact_disclosure: bool = Field(
        False, description="The first debt move of a first contact needs disclose_collection first."
    )
    disclosure_cite: str = ""
    third_party_debt_talk: Literal["never", "informed_only"] = "informed_only"
    third_party_cite: str = ""
    rules: list[ProfileRule] = Field(default_factory=list)
    unchecked: list[Unchecked] = Field(
        default_factory=list, description="Rules of the jurisdiction this simulator cannot check, and why.")


# Fields of a ScoringContext that name or describe the call but that no check reads (the
# debtor's drawn facets reach the rubric only as `leverage`): two contexts that differ only
# in these score every call alike, so the fold's memos are shared across them.
NOT_SCORED = frozenset({"scenario", "facets"})


class ScoringContext(BaseModel):
    """What the rubric needs from the scenario; embedded in every transcript header so a
    transcript can be re-scored without the scenario file."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    scenario: str
    rubric: str = "default"
    profile: str = "cn"
    days_overdue: int
    debtor_class: Literal["A", "B", "C", "D"]
    is_debtor: bool = True
    third_party_informed: bool = False
    knows_officer: bool = False
    local_time: dt.time = dt.time(10, 0)
    previous_peak: int | None = None
    first_contact: bool = True
    leverage: list[str] = Field(default_factory=list)  # the drawn facets' costs when they name any
    facets: dict[str, str] = Field(default_factory=dict)  # drawn for this call (persona facets)
    pass_mark: int | None = None
    weights: dict[str, int] = Field(default_factory=dict)
