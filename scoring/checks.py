"""Rubric checks as folds over the call's turns.

Each check sees the turns one at a time (`observe`) and can say at any moment what it
would award (`result`). The same objects give the live checklist during a call and the
final report after it, so the two can never disagree. State is kept in immutable values so
a check can be copied cheaply (the explorer and the expert policy fork calls).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import partial
from operator import attrgetter
from typing import Any, ClassVar, NamedTuple

from simulator.core.moves import ANTI_PATTERN_MOVES, DEBT_MOVES, DEFAULT_COST_MOVES, Move

from .model import Item, Rubric, ScoringContext
from .turns import Turn, is_concrete

M = Move


class Verdict(NamedTuple):  # immutable, and several times cheaper to make than a frozen dataclass
    fraction: float  # of the item's weight, 0..1
    evidence: tuple[int, ...] = ()  # turns that prove (or disprove) it
    detail: str = ""
    applicable: bool = True


def _one_slot(name: str, c: Check) -> Hashable:
    return (getattr(c, name),)


def _no_slots(c: Check) -> Hashable:
    return ()


class Check:
    """Base: subclasses keep state in immutable attributes and implement observe/result."""

    __slots__ = ("item", "ctx", "rubric")
    # Which turns a check must see, so the scorer can skip the rest (a turn's moves and
    # pressure are fixed per reply, so the plan is cached per reply kind):
    moves: frozenset[str] = frozenset()  # turns making any of these moves
    on_pressure: bool = False  # turns with a pressure level
    on_change: bool = False  # turns that set flags, reach a commitment or end the call

    _all_slots: tuple[str, ...] = ("item", "ctx", "rubric")
    _get_all = staticmethod(attrgetter("item", "ctx", "rubric"))
    _key_of: ClassVar[Callable[[Check], Hashable]]

    def __init_subclass__(cls, **kw: Any) -> None:
        super().__init_subclass__(**kw)
        cls._all_slots = tuple(dict.fromkeys(s for k in reversed(cls.__mro__) for s in getattr(k, "__slots__", ())))
        cls._get_all = staticmethod(attrgetter(*cls._all_slots))
        own = tuple(x for x in cls.__dict__.get("__slots__", ()) if not x.startswith("ev"))
        key_of: Callable[[Check], Hashable]
        if len(own) > 1:
            key_of = attrgetter(*own)
        elif own:
            key_of = partial(_one_slot, own[0])
        else:
            key_of = _no_slots
        cls._key_of = staticmethod(key_of)

    def __init__(self, item: Item, ctx: ScoringContext, rubric: Rubric):
        self.item = item
        self.ctx = ctx
        self.rubric = rubric

    def watched_moves(self) -> frozenset[str]:
        return self.moves

    def observe(self, t: Turn) -> None:
        raise NotImplementedError

    def result(self) -> Verdict:
        raise NotImplementedError

    def done(self) -> bool:
        """Fully earned so far (the live checklist asks this every turn: keep it cheap)."""
        return self.result().fraction >= 1

    def key(self) -> Hashable:
        """The state that can still change the score (evidence excluded)."""
        return type(self)._key_of(self)

    def copy(self) -> Check:
        """A shallow copy: state is immutable values, so sharing them is safe. Explicit
        rather than copy.copy, which goes through __reduce_ex__ and is several times slower
        (the explorer and the expert search copy checks on every step)."""
        new = object.__new__(type(self))
        for name, value in zip(self._all_slots, self._get_all(self), strict=True):
            setattr(new, name, value)
        return new


class DemandToday(Check):
    __slots__ = ("demanded", "asked_when", "ev")
    moves = frozenset({M.ASK_WHEN_CAN_PAY, M.DEMAND_TODAY})

    def __init__(self, *a: Any) -> None:
        super().__init__(*a)
        self.demanded = False
        self.asked_when = 0
        self.ev: tuple[int, ...] = ()

    def observe(self, t: Turn) -> None:
        if M.ASK_WHEN_CAN_PAY in t.moves:
            self.asked_when = self.asked_when or t.n
        if M.DEMAND_TODAY in t.moves:
            self.demanded = True
            self.ev += (t.n,)

    def done(self) -> bool:
        return self.demanded and not self.asked_when

    def key(self) -> Hashable:
        return (self.demanded, bool(self.asked_when))

    def result(self) -> Verdict:
        if self.asked_when:
            return Verdict(0, (self.asked_when,), f"asked 'when can you pay?' at turn {self.asked_when}")
        if self.demanded:
            return Verdict(1, self.ev)
        return Verdict(0, (), "never demanded payment today")


class LearnReason(Check):
    __slots__ = ("asked", "given", "ev")
    moves = frozenset({M.ASK_REASON})
    on_change = True

    def __init__(self, *a: Any) -> None:
        super().__init__(*a)
        self.asked = self.given = False
        self.ev: tuple[int, ...] = ()

    def observe(self, t: Turn) -> None:
        if M.ASK_REASON in t.moves and not self.asked:
            self.asked = True
            self.ev += (t.n,)
        if "reason_given" in t.new_flags and not self.given:
            self.given = True
            self.ev += (t.n,)

    def done(self) -> bool:
        return self.asked and self.given

    def result(self) -> Verdict:
        if self.asked and self.given:
            return Verdict(1, self.ev)
        if self.given:
            return Verdict(0.5, self.ev, "the debtor volunteered the reason; you never asked")
        return Verdict(0, self.ev, "the reason for non-payment never came out")


class ProsAndCons(Check):
    __slots__ = ("costs", "benefit", "again", "first_cost", "ev")
    moves = DEFAULT_COST_MOVES | {M.BENEFIT_ON_TIME, M.DEMAND_TODAY}

    def __init__(self, *a: Any) -> None:
        super().__init__(*a)
        self.costs = 0
        self.benefit = False
        self.again = False
        self.first_cost = 0
        self.ev: tuple[int, ...] = ()

    def observe(self, t: Turn) -> None:
        cost = not t.moves.isdisjoint(DEFAULT_COST_MOVES)
        if cost:
            self.costs += 1
            self.first_cost = self.first_cost or t.n
            self.ev += (t.n,)
        if M.BENEFIT_ON_TIME in t.moves:
            self.benefit = True
            self.ev += (t.n,)
        if self.first_cost and M.DEMAND_TODAY in t.moves and not self.again:
            self.again = True
            self.ev += (t.n,)

    def done(self) -> bool:
        return bool(self.costs) and self.benefit and self.again

    def key(self) -> Hashable:
        return (min(self.costs, 1), self.benefit, self.again, bool(self.first_cost))

    def result(self) -> Verdict:
        frac = (0.4 if self.costs else 0) + (0.3 if self.benefit else 0) + (0.3 if self.again else 0)
        missing = [
            w for w, ok in (
                ("no default cost stated", self.costs),
                ("no benefit of paying on time", self.benefit),
                ("no renewed demand after the costs", self.again),
            ) if not ok
        ]
        return Verdict(round(frac, 2), self.ev, "; ".join(missing))


class GetCommitment(Check):
    __slots__ = ("last", "ended", "ev")
    on_change = True

    def __init__(self, *a: Any) -> None:
        super().__init__(*a)
        self.last = 0  # 0 no promise, 1 vague, 2 concrete
        self.ended: str | None = None
        self.ev: tuple[int, ...] = ()

    def observe(self, t: Turn) -> None:
        if t.commitment is not None:
            self.last = 2 if is_concrete(t.commitment) else 1
            self.ev = (t.n,)
        if t.ending:
            self.ended = t.ending

    def done(self) -> bool:
        return self.last == 2 and self.ended == "commitment"

    def result(self) -> Verdict:
        if self.last == 2 and self.ended == "commitment":
            return Verdict(1, self.ev)
        if self.last == 1:
            return Verdict(0, self.ev, "the promise was vague: no amount, named day and method")
        if self.last:
            return Verdict(0, self.ev, f"a promise was made but the call ended as '{self.ended}'")
        return Verdict(0, (), "the call ended without a commitment")


class CommitmentQuality(Check):
    __slots__ = ("parts", "ev")
    on_change = True

    def __init__(self, *a: Any) -> None:
        super().__init__(*a)
        self.parts = (False, False, False)
        self.ev: tuple[int, ...] = ()

    def observe(self, t: Turn) -> None:
        c = t.commitment
        if c is not None:
            self.parts = (
                c.get("amount") is not None,
                c.get("date_kind") == "named",
                c.get("method") not in (None, "unspecified"),
            )
            self.ev = (t.n,)

    def result(self) -> Verdict:
        names = ("an amount", "a named day", "a method")
        missing = [n for n, ok in zip(names, self.parts, strict=True) if not ok]
        frac = sum(self.parts) / 3
        return Verdict(round(frac, 2), self.ev, ("missing " + ", ".join(missing)) if missing else "")


class CostsFit(Check):
    __slots__ = ("hit", "ev", "_wanted")

    def __init__(self, *a: Any) -> None:
        super().__init__(*a)
        from simulator.core.scenario import COST_MOVE

        self.hit = False
        self.ev: tuple[int, ...] = ()
        self._wanted = frozenset(COST_MOVE[k] for k in self.ctx.leverage if k in COST_MOVE)

    def key(self) -> Hashable:
        return self.hit

    def watched_moves(self) -> frozenset[str]:
        return self._wanted

    def observe(self, t: Turn) -> None:
        if not self.hit and not t.moves.isdisjoint(self._wanted):
            self.hit = True
            self.ev = (t.n,)

    def result(self) -> Verdict:
        if not self._wanted:
            return Verdict(1, applicable=False)
        if self.hit:
            return Verdict(1, self.ev)
        names = ", ".join(sorted(k.replace("_", " ") for k in self.ctx.leverage))
        return Verdict(0, (), f"none of the costs that bite for this debtor ({names})")


class IdentityFirst(Check):
    __slots__ = ("confirmed", "introduced", "debt_at", "score")
    moves = DEBT_MOVES | {M.CONFIRM_IDENTITY, M.INTRODUCE_SELF}

    def __init__(self, *a: Any) -> None:
        super().__init__(*a)
        self.confirmed = self.introduced = False
        self.debt_at = 0
        self.score = 0.0

    def observe(self, t: Turn) -> None:
        if self.debt_at:
            return
        self.confirmed = self.confirmed or M.CONFIRM_IDENTITY in t.moves
        self.introduced = self.introduced or M.INTRODUCE_SELF in t.moves
        if not t.moves.isdisjoint(DEBT_MOVES):
            self.debt_at = t.n

    def key(self) -> Hashable:
        return (self.confirmed, self.introduced, bool(self.debt_at))

    def result(self) -> Verdict:
        if self.ctx.knows_officer:
            return Verdict(1, applicable=False, detail="officer and debtor know each other")
        frac = (0.6 if self.confirmed else 0) + (0.4 if self.introduced else 0)
        ev = (self.debt_at,) if self.debt_at else ()
        missing = []
        if not self.confirmed:
            missing.append("identity not confirmed before the debt was discussed")
        if not self.introduced:
            missing.append("you did not say who you are")
        return Verdict(frac, ev, "; ".join(missing))


class DemandBeforeReason(Check):
    __slots__ = ("first_demand", "first_reason")
    moves = frozenset({M.DEMAND_TODAY, M.ASK_REASON})

    def __init__(self, *a: Any) -> None:
        super().__init__(*a)
        self.first_demand = self.first_reason = 0

    def observe(self, t: Turn) -> None:
        if M.DEMAND_TODAY in t.moves and not self.first_demand:
            self.first_demand = t.n
        if M.ASK_REASON in t.moves and not self.first_reason:
            self.first_reason = t.n

    def key(self) -> Hashable:
        return (bool(self.first_demand), bool(self.first_reason),
                bool(self.first_demand) and (not self.first_reason or self.first_demand <= self.first_reason))

    def result(self) -> Verdict:
        d, r = self.first_demand, self.first_reason
        if d and (not r or d <= r):
            return Verdict(1, (d,))
        if d:
            return Verdict(0, (r, d), "asked for the reason before demanding payment today")
        return Verdict(0, (), "no demand for payment today")


class DemandAgain(Check):
    __slots__ = ("reason_seen", "again", "ev")
    moves = frozenset({M.DEMAND_TODAY})

    def __init__(self, *a: Any) -> None:
        super().__init__(*a)
        self.reason_seen = self.again = False
        self.ev: tuple[int, ...] = ()

    def observe(self, t: Turn) -> None:
        # the reason must have come out on an earlier turn than this demand
        earlier = "reason_given" in t.flags and "reason_given" not in t.new_flags
        if earlier and not self.again and M.DEMAND_TODAY in t.moves:
            self.again = True
            self.ev = (t.n,)
        self.reason_seen = self.reason_seen or "reason_given" in t.flags

    def result(self) -> Verdict:
        if self.again:
            return Verdict(1, self.ev)
        return Verdict(0, (), "after hearing the reason you did not demand payment today again")


class CloseProperly(Check):
    __slots__ = ("referred", "next_step", "ev")
    moves = frozenset({M.REFER_TO_MANAGEMENT, M.FIX_CALLBACK, M.FIX_VISIT})

    def __init__(self, *a: Any) -> None:
        super().__init__(*a)
        self.referred = self.next_step = False
        self.ev: tuple[int, ...] = ()

    def observe(self, t: Turn) -> None:
        if M.REFER_TO_MANAGEMENT in t.moves and not self.referred:
            self.referred = True
            self.ev += (t.n,)
        if (M.FIX_CALLBACK in t.moves or M.FIX_VISIT in t.moves) and not self.next_step:
            self.next_step = True
            self.ev += (t.n,)

    def result(self) -> Verdict:
        frac = (0.5 if self.referred else 0) + (0.5 if self.next_step else 0)
        missing = [w for w, ok in (("did not refer the proposal to management", self.referred),
                                    ("no call-back or visit fixed", self.next_step)) if not ok]
        return Verdict(frac, self.ev, "; ".join(missing))


class PressureWithin(Check):
    """Negotiate first, then rise; never fall back."""

    __slots__ = ("first", "last", "peak", "fell", "early", "reason_asked", "ev")
    moves = frozenset({M.ASK_REASON})
    on_pressure = True

    def __init__(self, *a: Any) -> None:
        super().__init__(*a)
        self.first = self.last = self.peak = -1
        self.fell = self.early = 0
        self.reason_asked = False
        self.ev: tuple[int, ...] = ()

    def observe(self, t: Turn) -> None:
        if M.ASK_REASON in t.moves:
            self.reason_asked = True
        p = t.pressure
        if p is None:
            return
        if self.first < 0:
            self.first = p
        if p < self.last and not self.fell:
            self.fell = t.n
            self.ev += (t.n,)
        if p >= 3 and not self.reason_asked and not self.early:
            self.early = t.n
            self.ev += (t.n,)
        self.last = p
        self.peak = max(self.peak, p)

    def key(self) -> Hashable:
        return (self.first, self.last, self.peak, bool(self.fell), bool(self.early), self.reason_asked)

    def result(self) -> Verdict:
        if self.peak < 0:
            return Verdict(0, (), "no pressure at all: the call never demanded anything")
        problems = []
        frac = 1.0
        if self.fell:
            frac = 0
            problems.append(f"pressure fell back at turn {self.fell}")
        if self.first > 1:
            frac -= 0.5
            problems.append(f"opened at pressure {self.first}: negotiate first")
        if self.early:
            frac -= 0.5
            problems.append(f"heavy pressure at turn {self.early} before learning the reason")
        if self.peak <= self.first:
            frac -= 0.5
            problems.append("pressure never rose during the call")
        return Verdict(max(0.0, frac), self.ev, "; ".join(problems))


class PressureCeiling(Check):
    __slots__ = ("over", "ev", "_ceiling")
    on_pressure = True

    def __init__(self, *a: Any) -> None:
        super().__init__(*a)
        self.over = 0
        self.ev: tuple[int, ...] = ()
        self._ceiling = self.rubric.ceiling(self.ctx.days_overdue, self.ctx.debtor_class)

    def observe(self, t: Turn) -> None:
        if t.pressure is not None and t.pressure > self._ceiling and not self.over:
            self.over = t.pressure
            self.ev = (t.n,)

    def key(self) -> Hashable:
        return self.over

    def result(self) -> Verdict:
        if self.over:
            return Verdict(0, self.ev, f"level {self.over} is past the ceiling of {self._ceiling} "
                           f"for day {self.ctx.days_overdue}, class {self.ctx.debtor_class}")
        return Verdict(1)


class PressureAcross(Check):
    __slots__ = ("peak", "ev")
    on_pressure = True

    def __init__(self, *a: Any) -> None:
        super().__init__(*a)
        self.peak = -1
        self.ev: tuple[int, ...] = ()

    def observe(self, t: Turn) -> None:
        if t.pressure is not None and t.pressure > self.peak:
            self.peak = t.pressure
            self.ev = (t.n,)

    def result(self) -> Verdict:
        prev = self.ctx.previous_peak
        if prev is None:
            return Verdict(1, applicable=False, detail="first contact")
        if self.peak > prev:
            return Verdict(1, self.ev)
        return Verdict(0, self.ev, f"peak pressure {max(self.peak, 0)} did not exceed the last contact's {prev}")


class AntiPatterns(Check):
    __slots__ = ("uses", "ev")
    moves = ANTI_PATTERN_MOVES

    def __init__(self, *a: Any) -> None:
        super().__init__(*a)
        self.uses = 0
        self.ev: tuple[int, ...] = ()

    def observe(self, t: Turn) -> None:
        bad = t.moves & ANTI_PATTERN_MOVES
        if bad:
            self.uses += len(bad)
            self.ev += (t.n,)

    def result(self) -> Verdict:
        frac = max(0.0, 1 - self.uses * self.item.per_use)
        return Verdict(frac, self.ev, f"{self.uses} beginner's mistake(s)" if self.uses else "")


class UsesMoves(Check):
    __slots__ = ("hit", "ev")

    def watched_moves(self) -> frozenset[str]:
        return frozenset(self.item.moves)

    def __init__(self, *a: Any) -> None:
        super().__init__(*a)
        self.hit = False
        self.ev: tuple[int, ...] = ()

    def observe(self, t: Turn) -> None:
        if not self.hit and not t.moves.isdisjoint(self.item.moves):
            self.hit = True
            self.ev = (t.n,)

    def result(self) -> Verdict:
        if self.hit:
            return Verdict(1, self.ev)
        return Verdict(0, (), "never: " + ", ".join(m.replace("_", " ") for m in self.item.moves))


class AvoidsMoves(Check):
    __slots__ = ("hit", "ev")

    def watched_moves(self) -> frozenset[str]:
        return frozenset(self.item.moves)

    def __init__(self, *a: Any) -> None:
        super().__init__(*a)
        self.hit = 0
        self.ev: tuple[int, ...] = ()

    def observe(self, t: Turn) -> None:
        if not self.hit and not t.moves.isdisjoint(self.item.moves):
            self.hit = t.n
            self.ev = (t.n,)

    def key(self) -> Hashable:
        return bool(self.hit)

    def result(self) -> Verdict:
        if self.hit:
            return Verdict(0, self.ev, f"turn {self.hit} did what this item forbids")
        return Verdict(1)


CHECKS: dict[str, type[Check]] = {
    "demand_today": DemandToday,
    "learn_reason": LearnReason,
    "pros_and_cons": ProsAndCons,
    "get_commitment": GetCommitment,
    "costs_fit": CostsFit,
    "commitment_quality": CommitmentQuality,
    "identity_first": IdentityFirst,
    "demand_before_reason": DemandBeforeReason,
    "demand_again": DemandAgain,
    "close_properly": CloseProperly,
    "pressure_within": PressureWithin,
    "pressure_ceiling": PressureCeiling,
    "pressure_across": PressureAcross,
    "anti_patterns": AntiPatterns,
    "uses_moves": UsesMoves,
    "avoids_moves": AvoidsMoves,
}

__all__ = ["CHECKS", "Check", "Verdict"]
