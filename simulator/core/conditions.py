"""Structured conditions and effects on a call's hidden variables and flags.

Conditions are data, never code: a trainer writes `{var: anger, gte: 7}`, and this module
evaluates it. Nothing here calls `eval`.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

Identifier = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_-]*$", max_length=64)]

_OPS = ("lt", "lte", "gt", "gte", "eq", "ne")
CODE_HINT = (
    "conditions are data, not code: write a map such as {var: anger, gte: 7} "
    "or {flag: reason_given} instead of an expression"
)


class Strict(BaseModel):
    """Base for content models: unknown fields are errors, so typos surface at load time."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def facet_flag(facet: str, option: str) -> str:
    """The drawn value of a facet, carried among the call's flags. Facets never change
    during a call, so a flag is all they need: the engine, the explorer's situations and
    the transcript see them without a new kind of state. The `:` keeps them apart from
    flags a trainer can name (identifiers have none), so no effect can set or clear one."""
    return f"facet:{facet}={option}"


class Condition(Strict):
    """One test. Exactly one of: a variable comparison, a flag test, a visited-state test,
    a facet test, or `any` (at least one of the nested conditions holds)."""

    var: Identifier | None = Field(None, description="Variable to compare.")
    lt: int | None = None
    lte: int | None = None
    gt: int | None = None
    gte: int | None = None
    eq: int | None = None
    ne: int | None = None
    flag: Identifier | None = Field(None, description="Flag that must be set (or not, with is).")
    is_: bool = Field(True, alias="is", description="With `flag` or `visited`: false negates.")
    visited: Identifier | None = Field(None, description="State the call has already been in.")
    facet: Identifier | None = Field(
        None, description="Facet drawn for this call; holds when its value is one of `in`."
    )
    in_: list[Identifier] | None = Field(
        None, alias="in", min_length=1, description="With `facet`: the values that make it hold."
    )
    any: list[Condition] | None = Field(None, description="Holds if any nested condition holds.")

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @model_validator(mode="before")
    @classmethod
    def _refuse_code(cls, data: Any) -> Any:
        if isinstance(data, str):
            raise ValueError(f"{CODE_HINT} (got {data!r})")
        return data

    @model_validator(mode="after")
    def _one_kind(self) -> Condition:
        kinds = [k for k in ("var", "flag", "visited", "facet", "any") if getattr(self, k) is not None]
        if len(kinds) != 1:
            raise ValueError("a condition needs exactly one of: var, flag, visited, facet, any")
        if (self.facet is None) != (self.in_ is None):
            raise ValueError("a `facet` condition needs `in: [values]` (and `in` goes with `facet`)")
        ops = [op for op in _OPS if getattr(self, op) is not None]
        if self.var is not None and not ops:
            raise ValueError(f"a `var` condition needs a comparison: one of {', '.join(_OPS)}")
        if self.var is None and ops:
            raise ValueError("comparisons (lt, gte, ...) go with `var`")
        return self

    def holds(self, values: dict[str, int], flags: set[str] | frozenset[str], visited: set[str]) -> bool:
        if self.var is not None:
            v = values[self.var]
            return (
                (self.lt is None or v < self.lt)
                and (self.lte is None or v <= self.lte)
                and (self.gt is None or v > self.gt)
                and (self.gte is None or v >= self.gte)
                and (self.eq is None or v == self.eq)
                and (self.ne is None or v != self.ne)
            )
        if self.flag is not None:
            return (self.flag in flags) == self.is_
        if self.visited is not None:
            return (self.visited in visited) == self.is_
        if self.facet is not None:
            return any(facet_flag(self.facet, o) in flags for o in self.in_ or ()) == self.is_
        return any(c.holds(values, flags, visited) for c in self.any or ())

    def variables(self) -> set[str]:
        """Variables this condition reads, for cross-reference checks."""
        own = {self.var} if self.var else set()
        return own.union(*(c.variables() for c in self.any or ()))

    def states(self) -> set[str]:
        own = {self.visited} if self.visited else set()
        return own.union(*(c.states() for c in self.any or ()))

    def facets(self) -> set[tuple[str, str]]:
        """(facet, value) pairs this condition names, for cross-reference checks."""
        own = {(self.facet, o) for o in self.in_ or ()} if self.facet else set()
        return own.union(*(c.facets() for c in self.any or ()))


Conditions = Annotated[
    list[Condition],
    Field(description="All must hold. Each is data such as {var: trust, gte: 5}."),
]


def all_hold(
    conds: list[Condition] | tuple[Condition, ...],
    values: dict[str, int],
    flags: set[str] | frozenset[str],
    visited: set[str],
) -> bool:
    return all(c.holds(values, flags, visited) for c in conds)


class Effect(Strict):
    """A change a reply (or entering a state) makes: add to or set a variable, or set/clear a
    flag; optionally only when conditions hold, so one reply lands differently by context."""

    var: Identifier | None = None
    add: int | None = Field(None, description="Added to the variable, then clamped to its range.")
    set: int | None = Field(None, description="New value of the variable, clamped to its range.")
    flag: Identifier | None = Field(None, description="Flag to set (or clear, with clear: true).")
    clear: bool = False
    when: Conditions = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _refuse_code(cls, data: Any) -> Any:
        if isinstance(data, str):
            raise ValueError(
                f"effects are data, not code: write {{var: anger, add: 2}} or {{flag: x}} (got {data!r})"
            )
        return data

    @model_validator(mode="after")
    def _one_kind(self) -> Effect:
        if (self.var is None) == (self.flag is None):
            raise ValueError("an effect needs exactly one of: var, flag")
        if self.var is not None and (self.add is None) == (self.set is None):
            raise ValueError("a `var` effect needs exactly one of: add, set")
        if self.flag is not None and (self.add is not None or self.set is not None):
            raise ValueError("a `flag` effect takes no add/set (use clear: true to unset)")
        return self

    def variables(self) -> builtins.set[str]:  # `set` is a field here
        return ({self.var} if self.var else builtins.set()).union(*(c.variables() for c in self.when))


Effects = Annotated[list[Effect], Field(description="Applied in order.")]


Predicate = Callable[[dict[str, int], AbstractSet[str], AbstractSet[str]], bool]


def compile_conditions(conds: list[Condition] | tuple[Condition, ...]) -> Predicate | None:
    """`all_hold(conds, ...)` as one closure, or None when there is nothing to test.

    The engine tests conditions on every turn of every call (and the explorer on every
    situation); walking the pydantic models each time costs more than the rest of a turn.
    Conditions stay data: this only pre-reads their fields.
    """
    if not conds:
        return None
    drawn = [_drawn(c) for c in conds]
    if len(conds) > 1 and all(w is not None and len(w) == 1 for w in drawn):
        # facets each drawn as one named option: all of them hold = all their flags are set
        need = frozenset().union(*drawn)  # type: ignore[arg-type]
        return lambda values, flags, visited: need.issubset(flags)
    parts = [_compile_one(c) for c in conds]
    if len(parts) == 1:
        return parts[0]

    def every(values: dict[str, int], flags: AbstractSet[str], visited: AbstractSet[str]) -> bool:
        for p in parts:
            if not p(values, flags, visited):
                return False
        return True

    return every


def _drawn(c: Condition) -> frozenset[str] | None:
    """The flags of the options a plain `facet: ... in: [...]` condition wants (None for any
    other kind): such conditions in `any:` or side by side fold into one set test."""
    if c.var is None and c.flag is None and c.visited is None and c.facet is not None and c.is_:
        return frozenset(facet_flag(c.facet, o) for o in c.in_ or ())
    return None


def _compile_one(c: Condition) -> Predicate:
    if c.var is not None:
        var = c.var
        lo = max((b for b in (c.gte, None if c.gt is None else c.gt + 1) if b is not None), default=None)
        hi = min((b for b in (c.lte, None if c.lt is None else c.lt - 1) if b is not None), default=None)
        if c.eq is not None:  # values are ints, so eq narrows the interval to one point
            lo = c.eq if lo is None else max(lo, c.eq)
            hi = c.eq if hi is None else min(hi, c.eq)
        ne = c.ne
        lo_ = -(1 << 62) if lo is None else lo
        hi_ = (1 << 62) if hi is None else hi
        if ne is None:
            return lambda values, flags, visited: lo_ <= values[var] <= hi_
        return lambda values, flags, visited: lo_ <= values[var] <= hi_ and values[var] != ne
    if c.flag is not None:
        flag, want = c.flag, c.is_
        return lambda values, flags, visited: (flag in flags) == want
    if c.visited is not None:
        state, want = c.visited, c.is_
        return lambda values, flags, visited: (state in visited) == want
    if c.facet is not None:
        wanted, want = frozenset(facet_flag(c.facet, o) for o in c.in_ or ()), c.is_
        return lambda values, flags, visited: (not wanted.isdisjoint(flags)) == want
    drawn = [_drawn(x) for x in c.any or ()]
    if drawn and all(w is not None for w in drawn):  # any of these drawn = any of their flags set
        wanted_any = frozenset().union(*drawn)  # type: ignore[arg-type]
        return lambda values, flags, visited: not wanted_any.isdisjoint(flags)
    subs = [_compile_one(x) for x in c.any or ()]

    def some(values: dict[str, int], flags: AbstractSet[str], visited: AbstractSet[str]) -> bool:
        for p in subs:  # a loop, not any(<generator>): a generator costs more than two tests
            if p(values, flags, visited):
                return True
        return False

    return some
