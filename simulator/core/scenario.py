"""The scenario model: one call (or one contact of a campaign) against a persona."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from .clock import TimeOfDay
from .conditions import Identifier, Strict
from .moves import Move
from .persona import CostKind
from .text import Lang, Text

COST_MOVE: dict[str, Move] = {
    "extra_burden": Move.COST_EXTRA_BURDEN,
    "business": Move.COST_BUSINESS,
    "lender_standing": Move.COST_LENDER_STANDING,
    "family": Move.COST_FAMILY,
    "reputation": Move.COST_REPUTATION,
    "credit_record": Move.COST_CREDIT_RECORD,
}


class Debtor(Strict):
    """Who the debtor is. No name: the persona's; no business: made up with Faker from the
    seed. Phone and address are shown when given."""

    name: Text | None = None
    phone: str | None = None
    address: Text | None = None
    business: Text | None = Field(None, description="Business or employer.")


class Loan(Strict):
    amount: int = Field(gt=0, description="Original principal.")
    overdue_amount: int | None = Field(None, gt=0, description="Sum now due; defaults to amount.")
    currency: str = "CNY"
    product: Text = "business loan"
    due_date: dt.date | None = None
    days_overdue: int = Field(ge=1, le=3650)
    penalty_rate: Text | None = Field(None, description="Penalty interest as stated in the contract.")

    @property
    def due(self) -> int:
        return self.overdue_amount or self.amount


class Contact(Strict):
    name: Text
    relation: Text
    informed: bool = Field(False, description="Knows about the loan (may be told of the debt).")
    guarantor: bool = False


class DefaultCostFacts(Strict):
    """The facts of DOMAIN §2 that raise this debtor's cost of default."""

    married: bool | None = None
    children: int | None = Field(None, ge=0)
    owns_home: bool | None = None
    owns_assets: bool | None = None
    local: bool | None = None
    high_standing: bool | None = None
    business_years: int | None = Field(None, ge=0)
    repeat_customers: bool | None = None
    fixed_premises: bool | None = None
    profitable: bool | None = None


class CaseFile(Strict):
    """What the officer knows before the call (DOMAIN §6 preparation)."""

    debtor: Debtor = Field(default_factory=Debtor)
    loan: Loan
    contacts: list[Contact] = Field(default_factory=list)
    facts: DefaultCostFacts = Field(default_factory=DefaultCostFacts)
    leverage: list[CostKind] = Field(
        default_factory=list,
        description="Default costs that bite hardest for this debtor, given the facts.",
    )
    payment_history: Text | None = None
    notes: Text | None = Field(None, description="Briefing the trainee reads before calling.")


class PriorContact(Strict):
    """An earlier contact in the campaign: the rubric needs its peak pressure."""

    day: int = Field(ge=1, description="Days overdue on that contact.")
    channel: Literal["call", "sms", "letter", "visit"] = "call"
    peak_pressure: int = Field(ge=0, le=7)
    outcome: Text
    broken_promise: bool = False


def _both(en: str, zh: str) -> dict[Lang, str]:
    return {"en": en, "zh": zh}


class CallSetup(Strict):
    local_time: TimeOfDay = Field(dt.time(10, 0), description="Debtor's local time, \"HH:MM\" in quotes.")
    date: dt.date | None = None
    knows_officer: bool = Field(
        False, description="Officer and debtor know each other: identity steps may be skipped."
    )
    officer: Text = Field(default_factory=lambda: _both("Sun", "小孙"),
                          description="The officer's name: {officer}.")
    lender: Text = Field(default_factory=lambda: _both("Hengxin Microcredit", "恒信小贷"),
                         description="The lender's name: {lender}.")


class StartOverrides(Strict):
    """How this contact starts: flags already set and variables already moved by earlier
    contacts (a broken promise, a debtor who is angrier than on day one)."""

    flags: list[Identifier] = Field(default_factory=list)
    variables: dict[Identifier, int] = Field(default_factory=dict)


class AssessmentRules(Strict):
    show_debrief: bool = True
    reply_time_limit: int | None = Field(None, ge=5, description="Seconds per reply, if any.")


class Scenario(Strict):
    id: Identifier
    title: Text
    persona: str = Field(description="Persona id (bundled or beside this file) or a relative path.")
    mode: Literal["practice", "assessment"] = "practice"
    seed: int = Field(1, description="Default seed; --seed overrides it.")
    language: Lang = "en"
    profile: Identifier = Field("cn", description="Compliance profile: cn, us, uk.")
    rubric: str = Field("default", description="Rubric id or relative path.")
    pass_mark: int | None = Field(None, ge=0, le=100, description="Overrides the rubric's.")
    weights: dict[Identifier, int] = Field(
        default_factory=dict, description="Overrides of rubric item weights, by item id."
    )
    call: CallSetup = Field(default_factory=CallSetup)
    case: CaseFile
    history: list[PriorContact] = Field(default_factory=list)
    max_turns: int | None = Field(None, ge=1, le=200)
    start: StartOverrides = Field(default_factory=StartOverrides)
    facets: dict[Identifier, Identifier] = Field(
        default_factory=dict, description="Facets pinned to one value (drills, golden lines); "
        "the others are drawn from the seed."
    )
    campaign: Identifier | None = Field(None, description="Campaign this contact belongs to.")
    assessment: AssessmentRules | None = None


def overdue_bucket(days: int) -> str:
    """M1 1-30, M2 31-60, M3 61-90, M4+ beyond (DOMAIN §4)."""
    if days <= 30:
        return "M1"
    if days <= 60:
        return "M2"
    if days <= 90:
        return "M3"
    return "M4+"
