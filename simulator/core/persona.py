"""The persona model: a debtor as a state machine, written by trainers in YAML."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Any, Literal, TypeVar

from pydantic import Field, PrivateAttr, model_validator

from .conditions import Conditions, Effects, Identifier, Strict
from .moves import LADDER_FLOOR, Move
from .text import Text

T = TypeVar("T")

REQUIRED_VARIABLES = ("willingness", "ability", "anger", "trust", "pressure")


class Archetype(StrEnum):
    FORGETFUL = "forgetful"
    HOSTILE = "hostile"
    EVASIVE = "evasive"
    VICTIM = "victim"
    ENTITLED = "entitled"
    STUBBORN = "stubborn"
    SOPHISTICATED = "sophisticated"
    SERIAL_PROMISER = "serial_promiser"
    THIRD_PARTY = "third_party"


class Outcome(StrEnum):
    """How a call ends."""

    COMMITMENT = "commitment"
    CALLBACK = "callback"  # no commitment, but a fixed next contact
    REFUSED = "refused"
    HANG_UP = "hang_up"
    COMPLAINT = "complaint"
    MESSAGE_LEFT = "message_left"  # third party will pass the message on
    TURN_LIMIT = "turn_limit"  # the engine ran out of turns
    STUCK = "stuck"  # no reply was on offer (a content bug lint should catch)
    ABANDONED = "abandoned"  # the officer ended the call from the UI


class Variable(Strict):
    """A hidden variable. `start` may be a range [lo, hi], drawn from the call's seed."""

    min: int = 0
    max: int = 10
    start: int | tuple[int, int] = Field(
        description="Starting value, or [lo, hi] to draw one from the seed."
    )
    description: str | None = None

    @model_validator(mode="after")
    def _in_range(self) -> Variable:
        lo, hi = (self.start, self.start) if isinstance(self.start, int) else self.start
        if self.min > self.max:
            raise ValueError("min is above max")
        if not (self.min <= lo <= hi <= self.max):
            raise ValueError(f"start must lie within [{self.min}, {self.max}] and lo <= hi")
        return self


class Commitment(Strict):
    """What the debtor commits to when the call enters a state. The rubric judges it:
    a concrete commitment names an amount, a specific day and a method."""

    amount: int | Literal["full"] | None = Field(
        None, description="Amount promised, or 'full' for the whole overdue sum."
    )
    date: Text | None = Field(None, description="The day as the debtor said it.")
    date_kind: Literal["named", "vague"] = Field(
        "vague", description="'named' for a specific day; 'vague' for 'end of month', 'when paid'."
    )
    method: Literal["lump_sum", "instalments", "unspecified"] = "unspecified"
    source: Text | None = Field(None, description="Where the money comes from.")

    @property
    def concrete(self) -> bool:
        return not missing_parts(self.__dict__)


def missing_parts(c: Mapping[str, Any]) -> tuple[str, ...]:
    """The one definition of a concrete commitment (DOMAIN §5 task 4): which of an amount,
    a named day and a method a commitment (a model's fields or a transcript's dict) lacks."""
    missing: tuple[str, ...] = () if c.get("amount") is not None else ("amount",)
    if c.get("date_kind") != "named":
        missing += ("day",)
    if c.get("method") in (None, "unspecified"):
        missing += ("method",)
    return missing  # built without a generator: two checks ask on every committing turn


CostKind = Literal[
    "extra_burden", "business", "lender_standing", "family", "reputation", "credit_record"
]


class FacetOption(Strict):
    """One value a facet can take in a call, drawn with probability weight / total."""

    id: Identifier
    weight: float = Field(1, gt=0, description="Relative chance of being drawn.")
    text: Text | None = Field(
        None, description="What {facet.NAME} says when this value is drawn (default: the id)."
    )
    leverage: list[CostKind] = Field(
        default_factory=list,
        description="Costs of default that bite when this value is drawn: the rubric's "
        "costs-that-bite check reads them instead of the scenario's `case.leverage`.",
    )


class Facet(Strict):
    """Something about the debtor that differs from call to call (the real reason, the cost
    that bites, whether the first story is true...), drawn from the call's seed."""

    label: Text = Field(description="What the facet is, as the case file names it.")
    shown: bool = Field(
        False, description="The case file shows the drawn value (the officer would know it); "
        "otherwise the officer finds it out only by asking."
    )
    options: list[FacetOption] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> Facet:
        ids = [o.id for o in self.options]
        if len(set(ids)) != len(ids):
            raise ValueError("facet option ids must be unique")
        return self


class Line(Strict):
    """A debtor line variant, offered only when its conditions hold."""

    text: Text
    when: Conditions = Field(default_factory=list)


LineVariant = Annotated[Text | Line, Field(description="Text, or {text, when}.")]


class Branch(Strict):
    """Where a reply leads. Branches are tried in order; the first whose `when` holds wins."""

    to: Identifier
    when: Conditions = Field(default_factory=list)
    effects: Effects = Field(default_factory=list)


class Reply(Strict):
    """An officer reply on offer: its words, the moves it makes and its pressure level."""

    id: Identifier
    text: Text | list[Text] = Field(
        description="What the officer says; a list gives phrasings that make the same moves "
        "(the call's seed picks one)."
    )
    moves: list[Move] = Field(min_length=1, description="Moves from the fixed vocabulary.")
    pressure: int | None = Field(
        None,
        ge=0,
        le=7,
        description="Pressure-ladder level 0-7; omit for a neutral reply (listening, asking).",
    )
    when: Conditions = Field(default_factory=list, description="Offered only when these hold.")
    effects: Effects = Field(default_factory=list, description="Applied before choosing a branch.")
    to: Identifier | None = Field(None, description="Next state (or use branches).")
    branches: list[Branch] | None = None

    @model_validator(mode="after")
    def _target(self) -> Reply:
        if (self.to is None) == (self.branches is None):
            raise ValueError("a reply needs exactly one of: to, branches")
        if self.branches is not None:
            if not self.branches:
                raise ValueError("branches must not be empty")
            if self.branches[-1].when:
                raise ValueError(
                    "the last branch must have no `when`, so the call always goes somewhere"
                )
        floor = max((LADDER_FLOOR.get(m, 0) for m in self.moves), default=0)
        if floor and (self.pressure is None or self.pressure < floor):
            raise ValueError(
                f"moves {', '.join(self.moves)} are pressure level {floor} or more; "
                f"set pressure: {floor} (or higher)"
            )
        return self

    @property
    def texts(self) -> list[Text]:
        """Every phrasing of this reply."""
        return list(self.text) if isinstance(self.text, list) else [self.text]

    def routes(self) -> list[Branch]:
        """Where the reply leads: its branches, or one branch to its `to`."""
        if self.branches is not None:
            return self.branches
        return self._to_route

    @cached_property
    def _to_route(self) -> list[Branch]:
        # Made once per reply: lint's graph checks ask for routes tens of thousands of times.
        # model_construct: `to` was validated with the reply (set when there are no branches),
        # and a validated Branch would build Branch's validator on every cold start for this.
        # The defaults are passed, not left to pydantic: it would call inspect.signature(list)
        # for each (~0.1 ms apiece, for every reply of every persona loaded).
        return [Branch.model_construct({"to"}, to=self.to, when=[], effects=[])]  # type: ignore[arg-type]


class Ending(Strict):
    outcome: Outcome
    note: Text | None = None


class State(Strict):
    """A point in the call: what the debtor says on arriving, and the replies on offer."""

    id: Identifier
    say: list[LineVariant] = Field(min_length=1, description="Debtor line variants.")
    on_enter: Effects = Field(default_factory=list, description="Applied on arrival.")
    commitment: Commitment | None = None
    mood: Text | None = Field(None, description="Overrides the mood shown to the trainee.")
    ending: Ending | None = Field(None, description="Entering this state ends the call.")
    replies: list[Reply] = Field(default_factory=list)
    global_replies: bool = Field(True, description="Offer the persona's global replies here.")


class Interrupt(Strict):
    """Checked after every turn: when it holds, the debtor jumps to `to` (e.g. hangs up)."""

    when: Conditions = Field(min_length=1)
    to: Identifier


class Persona(Strict):
    """A debtor persona: identity, archetype, class, hidden variables and the state machine."""

    id: Identifier
    name: Text
    archetype: Archetype
    debtor_class: Literal["A", "B", "C", "D"] = Field(
        description="Willingness x ability (DOMAIN §1): A willing+able ... D neither."
    )
    summary: Text | None = None
    is_debtor: bool = Field(True, description="False when the person answering is a third party.")
    knows_about_debt: bool = Field(
        False, description="A third party who already knows of the loan (an informed contact)."
    )
    variables: dict[Identifier, Variable]
    facets: dict[Identifier, Facet] = Field(
        default_factory=dict, description="What is drawn per call: conditions test them with "
        "{facet: NAME, in: [values]}, texts say them with {facet.NAME}."
    )
    flags: list[Identifier] = Field(
        default_factory=list, description="Flags this persona sets, declared so typos are caught."
    )
    initial: Identifier
    max_turns: int = Field(30, ge=1, le=200)
    states: list[State] = Field(min_length=1)
    global_replies: list[Reply] = Field(
        default_factory=list, description="Replies offered in every non-ending state."
    )
    interrupts: list[Interrupt] = Field(default_factory=list)

    _by_id: dict[str, State] = PrivateAttr(default_factory=dict)
    # what the engine derives from the persona (its machine, its plan per language), kept
    # on the persona so it lives exactly as long as the persona does
    _derived: dict[object, object] = PrivateAttr(default_factory=dict)

    def __eq__(self, other: object) -> bool:
        """Equal content is an equal persona, whatever has been derived from either."""
        if not isinstance(other, Persona):
            return NotImplemented
        return type(self) is type(other) and self.__dict__ == other.__dict__

    def __getstate__(self) -> dict[Any, Any]:
        """Pickled without what was derived (machines and plans hold closures)."""
        state = super().__getstate__()
        private = state.get("__pydantic_private__")
        if private and private.get("_derived"):
            state["__pydantic_private__"] = {**private, "_derived": {}}
        return state

    def derived(self, key: object, build: Callable[[], T]) -> T:
        """`build()` once per key for this persona object."""
        cache = self.__pydantic_private__["_derived"]  # type: ignore[index]
        hit: T | None = cache.get(key)
        if hit is None:
            hit = cache[key] = build()
        return hit

    def model_post_init(self, context: Any, /) -> None:
        self._by_id = {s.id: s for s in self.states}

    def state(self, state_id: str) -> State:
        # straight to pydantic's private store: `self._by_id` goes through __getattr__,
        # several times slower, and the graph checks call this thousands of times
        by_id: dict[str, State] = self.__pydantic_private__["_by_id"]  # type: ignore[index]
        return by_id[state_id]
