"""Rubric checks as folds over the call's turns.

Each check sees the turns one at a time (`observe`) and can say at any moment what it
would award (`result`). The same objects give the live checklist during a call, the final
report, the explorer and bulk grading (scoring/fold.py memoises them), so none can
disagree. State is kept in immutable values so a check can be copied cheaply. A result's
`detail` is message codes (scoring/messages.py), worded only when a front end shows them.

A required item passes when its core is done (DOMAIN §5, "substantially done"): `core`
says so, and a missing sub-point costs points without failing the call.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import partial
from operator import attrgetter
from typing import Any, ClassVar, NamedTuple

from simulator.core.moves import ANTI_PATTERN_MOVES, DEBT_MOVES, DEFAULT_COST_MOVES, Move
from simulator.core.persona import missing_parts

from .messages import Msg, msg, rung, word
from .model import Item, Rubric, ScoringContext
from .slots import slot_copier
from .turns import Turn

# The moves the checks and the red lines test for, as module constants: on Python 3.11 every
# attribute read on an Enum class goes through EnumType.__getattr__ (gone in 3.12), ~4x a
# global, and these are read on every turn of every call. The same members, not copies.
ACCEPT_ON_SPOT = Move.ACCEPT_ON_SPOT
ASK_REASON = Move.ASK_REASON
ASK_WHEN_CAN_PAY = Move.ASK_WHEN_CAN_PAY
BENEFIT_ON_TIME = Move.BENEFIT_ON_TIME
CONFIRM_IDENTITY = Move.CONFIRM_IDENTITY
DEMAND_TODAY = Move.DEMAND_TODAY
DISCLOSE_COLLECTION = Move.DISCLOSE_COLLECTION
DISCLOSE_DEBT_THIRD_PARTY = Move.DISCLOSE_DEBT_THIRD_PARTY
FIX_CALLBACK = Move.FIX_CALLBACK
FIX_VISIT = Move.FIX_VISIT
INTRODUCE_SELF = Move.INTRODUCE_SELF
REFER_TO_MANAGEMENT = Move.REFER_TO_MANAGEMENT


class Verdict(NamedTuple):  # immutable, and several times cheaper to make than a frozen dataclass
    fraction: float  # of the item's weight, 0..1
    evidence: tuple[int, ...] = ()  # turns that prove (or disprove) it
    detail: tuple[Msg, ...] = ()  # what was missed, naming the turn and the part
    applicable: bool = True
    core: bool | None = None  # the item's core is done (None: only when fully earned)

    @property
    def done(self) -> bool:
        return self.fraction >= 1 if self.core is None else self.core


# Details without parameters, made once: the live checklist asks the core checks for their
# verdict after every turn, and a message is an immutable value.
_DEMAND_NEVER = (msg("demand.never"),)
_REASON_NEVER = (msg("reason.never"),)
_COMMIT_NONE = (msg("commit.none"),)
_PROS_MISSING = (msg("pros.no_cost"), msg("pros.no_benefit"), msg("pros.no_again"))


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
    on_flags: frozenset[str] = frozenset()  # turns that newly set any of these flags
    # Flags it reads of a turn's `flags` or `new_flags` besides `on_flags`: the fold's memo
    # keys (scoring/fold.py) hold only the flags some check or rule reads, so that calls
    # whose debtors carry other flags (their drawn facets) share their steps.
    reads_flags: frozenset[str] = frozenset()
    on_commitment: bool = False  # turns that reach a commitment
    on_ending: bool = False  # turns that end the call

    _key_of: ClassVar[Callable[[Check], Hashable]]

    def __init_subclass__(cls, **kw: Any) -> None:
        super().__init_subclass__(**kw)
        cls.copy = slot_copier(cls)  # type: ignore[method-assign,assignment]
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
        """Its core done so far (the live checklist asks this every turn: keep it cheap)."""
        return self.result().done

    def key(self) -> Hashable:
        """The state that can still change the score (evidence excluded). Turn numbers enter
        a key as `n != 0`, not `bool(n)`: the same value without a builtin call, and the live
        checklist asks a key on every turn."""
        return type(self)._key_of(self)

    def copy(self) -> Check:
        """A shallow copy: state is immutable values, so sharing them is safe. Explicit
        rather than copy.copy, which goes through __reduce_ex__ and is several times slower
        (the explorer and the expert search copy checks on every step)."""
        raise NotImplementedError  # set on each subclass by __init_subclass__ (scoring/slots.py)


class DemandToday(Check):
    """Core: the demand for today made at once - before the reason is asked and before any
    'when can you pay?' (DOMAIN §5 task 1, §6 step 3) - to the debtor: a demand counts once
    the person is known to be the debtor (acquainted, identity confirmed, or the debtor's
    reason heard). A later slip costs under the beginner's mistakes, once."""

    __slots__ = ("first", "pending", "before", "what", "heard", "ev")
    moves = frozenset({ASK_WHEN_CAN_PAY, DEMAND_TODAY, ASK_REASON, CONFIRM_IDENTITY})
    on_flags = frozenset({"reason_given"})

    def __init__(self, *a: Any) -> None:
        super().__init__(*a)
        self.first = self.pending = self.before = 0
        self.what = ""
        self.heard = self.ctx.knows_officer or not self.ctx.is_debtor
        self.ev: tuple[int, ...] = ()

    def observe(self, t: Turn) -> None:
        if DEMAND_TODAY in t.moves:
            self.ev += (t.n,)
            if not self.first and not self.before:
                self.pending = self.pending or t.n
        elif not (self.before or self.first or self.pending) and (ASK_REASON in t.moves or ASK_WHEN_CAN_PAY in t.moves):
            self.before = t.n
            self.what = "when" if ASK_WHEN_CAN_PAY in t.moves else "reason"
        if not self.heard and (CONFIRM_IDENTITY in t.moves or "reason_given" in t.flags):
            self.heard = True
        if self.heard and not self.first:
            if self.pending:
                self.first = self.pending
            elif DEMAND_TODAY in t.moves:
                self.first = t.n

    def key(self) -> Hashable:
        return (self.first != 0, self.pending != 0, self.before != 0, self.what, self.heard)

    def result(self) -> Verdict:
        if self.first and not self.before:
            return Verdict(1, self.ev)
        if self.first:
            return Verdict(0.5, (self.before, *self.ev), (msg("demand.late", turn=self.first, before=self.before,
                                                              what=word(f"demand.what.{self.what}")),))
        if self.pending:
            return Verdict(0, self.ev, (msg("demand.unheard", turn=self.pending),))
        return Verdict(0, (), _DEMAND_NEVER)


class LearnReason(Check):
    """Core: the reason heard. Not asking for it costs a quarter."""

    __slots__ = ("asked", "given", "ev")
    moves = frozenset({ASK_REASON})
    on_flags = frozenset({"reason_given"})

    def __init__(self, *a: Any) -> None:
        super().__init__(*a)
        self.asked = self.given = 0
        self.ev: tuple[int, ...] = ()

    def observe(self, t: Turn) -> None:
        if ASK_REASON in t.moves and not self.asked:
            self.asked = t.n
            self.ev += (t.n,)
        if "reason_given" in t.new_flags and not self.given:
            self.given = t.n
            self.ev += (t.n,)

    def key(self) -> Hashable:
        return (self.asked != 0, self.given != 0)

    def result(self) -> Verdict:
        if self.given and self.asked:
            return Verdict(1, self.ev)
        if self.given:
            return Verdict(0.75, self.ev, (msg("reason.volunteered", turn=self.given),), core=True)
        return Verdict(0, self.ev, _REASON_NEVER)


class ProsAndCons(Check):
    """Core: a cost of default stated and the demand for today renewed after the reason or
    the costs (DOMAIN §5 task 3, §6 step 5). The benefit of paying on time is a sub-point.
    The renewed demand is scored here only: a rubric should not also weigh demand_again."""

    __slots__ = ("cost", "benefit", "again", "reason_at", "ev")
    moves = DEFAULT_COST_MOVES | {BENEFIT_ON_TIME, DEMAND_TODAY}
    on_flags = frozenset({"reason_given"})

    def __init__(self, *a: Any) -> None:
        super().__init__(*a)
        self.cost = self.reason_at = 0
        self.benefit = self.again = False
        self.ev: tuple[int, ...] = ()

    def observe(self, t: Turn) -> None:
        # the reason out on an earlier turn: asked before the turn is taken in, not by
        # comparing turn numbers (a memoised state carries another call's, scoring/fold.py)
        reason_before = self.reason_at != 0
        if not self.reason_at and "reason_given" in t.new_flags:
            self.reason_at = t.n
        if not t.moves.isdisjoint(DEFAULT_COST_MOVES):
            self.cost = self.cost or t.n
            self.ev += (t.n,)
        if BENEFIT_ON_TIME in t.moves and not self.benefit:
            self.benefit = True
            self.ev += (t.n,)
        if not self.again and DEMAND_TODAY in t.moves and (reason_before or self.cost):
            self.again = True
            self.ev += (t.n,)

    def key(self) -> Hashable:
        return (self.cost != 0, self.benefit, self.again, self.reason_at != 0)

    def result(self) -> Verdict:
        frac = (0.5 if self.cost else 0) + (0.2 if self.benefit else 0) + (0.3 if self.again else 0)
        missing = tuple([m for m, ok in zip(_PROS_MISSING, (self.cost, self.benefit, self.again), strict=True) if not ok])
        return Verdict(round(frac, 2), self.ev, missing, core=bool(self.cost) and self.again)


class GetCommitment(Check):
    """Core: the call ends on a commitment with an amount and a named day (DOMAIN §5 task 4).
    A missing method costs points under commitment_quality, which names every part."""

    __slots__ = ("at", "missing", "ended", "ev")
    on_commitment = on_ending = True

    def __init__(self, *a: Any) -> None:
        super().__init__(*a)
        self.at = 0
        self.missing: tuple[str, ...] = ()
        self.ended: str | None = None
        self.ev: tuple[int, ...] = ()

    def observe(self, t: Turn) -> None:
        if t.commitment is not None:
            self.at = t.n
            self.missing = missing_parts(t.commitment)
            self.ev = (t.n,)
        if t.ending:
            self.ended = t.ending

    def key(self) -> Hashable:
        return (self.at != 0, self.missing, self.ended)

    def result(self) -> Verdict:
        if not self.at:
            return Verdict(0, (), _COMMIT_NONE)
        core = tuple([p for p in self.missing if p != "method"])
        if self.ended not in (None, "commitment"):
            return Verdict(0, self.ev, (msg("commit.not_closed", turn=self.at, outcome=word(f"outcome.{self.ended}")),))
        if core:
            return Verdict(0, self.ev, (msg("commit.lacks", turn=self.at, parts=tuple(word(f"part.{p}") for p in core)),
                                        msg("commit.shared")))
        return Verdict(1, self.ev, core=self.ended == "commitment")


class CommitmentQuality(Check):
    __slots__ = ("at", "missing")
    on_commitment = True

    def __init__(self, *a: Any) -> None:
        super().__init__(*a)
        self.at = 0
        self.missing: tuple[str, ...] = ("amount", "day", "method")

    def observe(self, t: Turn) -> None:
        if t.commitment is not None:
            self.at = t.n
            self.missing = missing_parts(t.commitment)

    def key(self) -> Hashable:
        return self.missing

    def result(self) -> Verdict:
        frac = round(1 - len(self.missing) / 3, 2)
        if not self.missing:
            return Verdict(1, (self.at,))
        if not self.at:
            return Verdict(0, (), _COMMIT_NONE)
        return Verdict(frac, (self.at,), (msg("commit.lacks", turn=self.at,
                                              parts=tuple(word(f"part.{p}") for p in self.missing)),))


class CostsFit(Check):
    """A cost that bites for this debtor (DOMAIN §2), read from the scenario's leverage; a
    debtor drawn per call (`living`) puts the drawn facet in the same field."""

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
        costs = tuple(word(f"cost.{k}") for k in sorted(self.ctx.leverage))
        return Verdict(0, (), (msg("costs.none_bite", costs=costs),))


class IdentityFirst(Check):
    """Say who you are and confirm the right party before the debt. The debt before the
    confirmation is also a red line (scoring/compliance.py); the detail says so."""

    __slots__ = ("confirmed", "introduced", "debt_at")
    moves = DEBT_MOVES | {CONFIRM_IDENTITY, INTRODUCE_SELF}

    def __init__(self, *a: Any) -> None:
        super().__init__(*a)
        self.confirmed = self.introduced = False
        self.debt_at = 0

    def observe(self, t: Turn) -> None:
        if self.debt_at:
            return
        self.introduced = self.introduced or INTRODUCE_SELF in t.moves
        if not t.moves.isdisjoint(DEBT_MOVES):
            self.debt_at = t.n  # a confirmation asked in the same breath as the debt is too late
            return
        self.confirmed = self.confirmed or CONFIRM_IDENTITY in t.moves

    def key(self) -> Hashable:
        return (self.confirmed, self.introduced, self.debt_at != 0)

    def result(self) -> Verdict:
        if self.ctx.knows_officer:
            return Verdict(1, applicable=False, detail=(msg("flow.known"),))
        early = bool(self.debt_at) and not self.confirmed
        frac = (0 if early or not self.confirmed else 0.6) + (0.4 if self.introduced else 0)
        missing: tuple[Msg, ...] = ()
        if early:
            missing += (msg("flow.no_identity", turn=self.debt_at),)
        elif not self.confirmed:
            missing += (msg("flow.never_identity"),)
        if not self.introduced:
            missing += (msg("flow.no_intro"),)
        return Verdict(frac, (self.debt_at,) if self.debt_at else (), missing)


class DemandBeforeReason(Check):
    """For rubrics that weigh the order apart; the default rubric's demand_today includes it."""

    __slots__ = ("first_demand", "first_reason", "in_order")
    moves = frozenset({DEMAND_TODAY, ASK_REASON})

    def __init__(self, *a: Any) -> None:
        super().__init__(*a)
        self.first_demand = self.first_reason = 0
        self.in_order = False

    def observe(self, t: Turn) -> None:
        if DEMAND_TODAY in t.moves and not self.first_demand:
            self.first_demand = t.n
            # the order as a fact, not by turn numbers (a memoised state carries another
            # call's, scoring/fold.py); a demand in the reason's own turn comes first
            self.in_order = not self.first_reason
        if ASK_REASON in t.moves and not self.first_reason:
            self.first_reason = t.n

    def key(self) -> Hashable:
        return (self.first_demand != 0, self.first_reason != 0, self.in_order)

    def result(self) -> Verdict:
        d, r = self.first_demand, self.first_reason
        if d and self.in_order:
            return Verdict(1, (d,))
        if d:
            return Verdict(0, (r, d), (msg("flow.reason_first", reason=r, turn=d),))
        return Verdict(0, (), (msg("flow.no_demand"),))


class DemandAgain(Check):
    """For rubrics that weigh it apart; the default rubric scores it under pros_and_cons."""

    __slots__ = ("again", "ev")
    moves = frozenset({DEMAND_TODAY})
    reads_flags = frozenset({"reason_given"})

    def __init__(self, *a: Any) -> None:
        super().__init__(*a)
        self.again = False
        self.ev: tuple[int, ...] = ()

    def observe(self, t: Turn) -> None:
        # the reason must have come out on an earlier turn than this demand
        earlier = "reason_given" in t.flags and "reason_given" not in t.new_flags
        if earlier and not self.again and DEMAND_TODAY in t.moves:
            self.again = True
            self.ev = (t.n,)

    def result(self) -> Verdict:
        if self.again:
            return Verdict(1, self.ev)
        return Verdict(0, (), (msg("flow.no_again"),))


class CloseProperly(Check):
    __slots__ = ("referred", "next_step", "ev")
    moves = frozenset({REFER_TO_MANAGEMENT, FIX_CALLBACK, FIX_VISIT})

    def __init__(self, *a: Any) -> None:
        super().__init__(*a)
        self.referred = self.next_step = False
        self.ev: tuple[int, ...] = ()

    def observe(self, t: Turn) -> None:
        if REFER_TO_MANAGEMENT in t.moves and not self.referred:
            self.referred = True
            self.ev += (t.n,)
        if (FIX_CALLBACK in t.moves or FIX_VISIT in t.moves) and not self.next_step:
            self.next_step = True
            self.ev += (t.n,)

    def result(self) -> Verdict:
        frac = (0.5 if self.referred else 0) + (0.5 if self.next_step else 0)
        missing = tuple(msg(code) for code, ok in (("flow.no_refer", self.referred),
                                                    ("flow.no_next", self.next_step)) if not ok)
        return Verdict(frac, self.ev, missing)


def is_retreat(t: Turn, posture: int) -> bool:
    """Falling back (DOMAIN §4): after pressing, a reply that accepts the delay or drops to
    a courteous level 0. A renewed demand or a restatement at a lower ladder level after an
    escalation is not one: consequences once stated stay stated (AUTHORING.md, pressure)."""
    return posture >= 1 and (ACCEPT_ON_SPOT in t.moves or t.pressure == 0)


class PressureWithin(Check):
    """Negotiate first, then rise; each retreat costs in proportion to what it gives back."""

    __slots__ = ("first", "posture", "peak", "lost", "retreats", "early", "reason_asked", "ev")
    moves = frozenset({ASK_REASON, ACCEPT_ON_SPOT})
    on_pressure = True

    def __init__(self, *a: Any) -> None:
        super().__init__(*a)
        self.first = self.posture = self.peak = -1
        self.lost = 0.0
        self.retreats: tuple[tuple[int, int, int, str], ...] = ()
        self.early: tuple[int, int] | None = None
        self.reason_asked = False
        self.ev: tuple[int, ...] = ()

    def observe(self, t: Turn) -> None:
        if ASK_REASON in t.moves:
            self.reason_asked = True
        if is_retreat(t, self.posture):
            level = t.pressure or 0
            how = "accept" if ACCEPT_ON_SPOT in t.moves else "soften"
            self.lost += 0.5 * (self.posture - level) / self.posture
            self.retreats += ((t.n, self.posture, level, how),)
            self.ev += (t.n,)
            self.posture = level
            return
        p = t.pressure
        if p is None:
            return
        if self.first < 0:
            self.first = p
            self.ev += (t.n,) if p > 1 else ()
        if p >= 3 and not self.reason_asked and self.early is None:
            self.early = (t.n, p)
            self.ev += (t.n,)
        if p > self.posture:
            self.posture = p
        if p > self.peak:
            self.peak = p

    def key(self) -> Hashable:
        return (self.first, self.posture, self.peak, round(self.lost, 6), self.early is not None,
                self.reason_asked)

    def result(self) -> Verdict:
        if self.peak < 0:
            return Verdict(0, (), (msg("pressure.none"),))
        problems: tuple[Msg, ...] = tuple(
            msg("pressure.retreat", turn=n, posture=rung(posture), level=rung(level), how=word(f"retreat.{how}"))
            for n, posture, level, how in self.retreats)
        frac = 1.0 - self.lost
        if self.first > 1:
            frac -= 0.5
            problems += (msg("pressure.opened_high", level=rung(self.first), turn=self.ev[0]),)
        if self.early is not None:
            frac -= 0.5
            problems += (msg("pressure.early", turn=self.early[0], level=rung(self.early[1])),)
        if self.peak <= self.first:
            frac -= 0.5
            problems += (msg("pressure.flat", level=rung(self.first)),)
        return Verdict(round(max(0.0, frac), 2), self.ev, problems)


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
            return Verdict(0, self.ev, (msg("pressure.over", level=rung(self.over), turn=self.ev[0], ceiling=rung(self._ceiling),
                                            days=self.ctx.days_overdue, cls=self.ctx.debtor_class),))
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
            return Verdict(1, applicable=False, detail=(msg("pressure.first_contact"),))
        if self.peak > prev:
            return Verdict(1, self.ev)
        return Verdict(0, self.ev, (msg("pressure.not_harder", peak=rung(max(self.peak, 0)), previous=rung(prev)),))


class AntiPatterns(Check):
    """Each beginner's mistake named with its turn, each costing `per_use` once."""

    __slots__ = ("uses", "ev")
    moves = ANTI_PATTERN_MOVES

    def __init__(self, *a: Any) -> None:
        super().__init__(*a)
        self.uses: tuple[tuple[int, str], ...] = ()
        self.ev: tuple[int, ...] = ()

    def observe(self, t: Turn) -> None:
        bad = t.moves & ANTI_PATTERN_MOVES
        if bad:
            self.uses += tuple((t.n, str(m)) for m in sorted(bad))
            self.ev += (t.n,)

    def key(self) -> Hashable:
        return len(self.uses)

    def result(self) -> Verdict:
        frac = max(0.0, 1 - len(self.uses) * self.item.per_use)
        return Verdict(frac, self.ev, tuple(msg("mistakes.at", turn=n, what=word(f"mistake.{m}"))
                                            for n, m in self.uses))


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
        return Verdict(0, (), (msg("moves.never", moves=tuple(word(f"move.{m}") for m in self.item.moves)),))


class AvoidsMoves(Check):
    __slots__ = ("hit", "what", "ev")

    def watched_moves(self) -> frozenset[str]:
        return frozenset(self.item.moves)

    def __init__(self, *a: Any) -> None:
        super().__init__(*a)
        self.hit = 0
        self.what: tuple[str, ...] = ()
        self.ev: tuple[int, ...] = ()

    def observe(self, t: Turn) -> None:
        if not self.hit and not t.moves.isdisjoint(self.item.moves):
            self.hit = t.n
            self.what = tuple(sorted(t.moves & set(self.item.moves)))
            self.ev = (t.n,)

    def key(self) -> Hashable:
        return self.hit != 0

    def result(self) -> Verdict:
        if self.hit:
            return Verdict(0, self.ev, (msg("moves.forbidden", turn=self.hit,
                                            moves=tuple(word(f"move.{m}") for m in self.what)),))
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
