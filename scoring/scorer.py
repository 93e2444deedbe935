"""The scorer: runs a rubric's checks and the compliance profile over a call's turns."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, NamedTuple

from simulator.core.text import render

from .checks import CHECKS, Check, Verdict
from .compliance import Compliance, Finding
from .messages import Msg, msg, pressure_shown, say, say_all, word
from .model import Profile, Rubric, ScoringContext
from .report import FindingReport, ItemReport, ScoreReport, UncheckedReport
from .slots import slot_copier
from .turns import Turn

CORE_CHECKS = ("demand_today", "learn_reason", "pros_and_cons", "get_commitment")
_NO_FLAGS: frozenset[str] = frozenset()


class LiveStatus(NamedTuple):
    """What practice mode shows during the call. Immutable, and shared: every call on a
    rubric in the same situation gets the same one (`Scorer.live`)."""

    core: Mapping[str, bool]  # check name -> done so far (read-only)
    peak: int | None
    last: int | None
    previous_peak: int | None
    ceiling: int


class Scorer:
    # Copies share check objects until one of them observes a turn that a shared check must
    # see (copy on write): the explorer and the expert search copy at every step, and a
    # turn touches only a few checks. `owned[i]` says checks[i] is this scorer's own.
    __slots__ = ("rubric", "profile", "ctx", "checks", "compliance", "turns", "outcome", "peak",
                 "last", "core", "done_now", "ceiling", "plans", "owned", "owns_compliance", "vars", "end",
                 "watch_flags", "reads_flags", "previous_peak", "weights", "required")

    def __init__(self, rubric: Rubric, profile: Profile, ctx: ScoringContext, start: dict[str, int] | None = None):
        """`start`: the debtor's variables before the first reply (how an ending at turn 1
        says what rose); a transcript's header keeps them."""
        self.rubric = rubric
        self.profile = profile
        self.ctx = ctx
        self.checks: list[Check] = [CHECKS[i.check](i, ctx, rubric) for i in rubric.items]
        self.compliance = Compliance(rubric, profile, ctx)
        self.core = tuple((i, c.item.check) for i, c in enumerate(self.checks) if c.item.check in CORE_CHECKS)
        # the live checklist, kept as turns arrive: a core check's verdict can only change
        # on a turn it observes, so only those are asked again (the live view reads it
        # after every turn; asking all four each time cost as much as scoring the turn)
        self.done_now = tuple(self.checks[i].done() for i, _ in self.core)
        self.ceiling = rubric.ceiling(ctx.days_overdue, ctx.debtor_class)
        self.previous_peak = ctx.previous_peak  # read by `live` after every turn: a slot, not a model field
        # each check's weight in this call and whether it must be done to pass, read once:
        # a verdict reads them for every check, and bulk grading asks one per end state
        self.weights = tuple(ctx.weights.get(c.item.id, c.item.weight) for c in self.checks)
        self.required = tuple(c.item.required for c in self.checks)
        self.plans = _plans_for(rubric, ctx)
        self.watch_flags = frozenset().union(*(c.on_flags for c in self.checks))
        # every flag that can change the score: what the fold's memo keys keep of a turn
        self.reads_flags = self.watch_flags.union(*(c.reads_flags for c in self.checks),
                                                  self.compliance.reads_flags)
        self.owned = [True] * len(self.checks)
        self.owns_compliance = True
        self.turns = 0
        self.outcome: str | None = None
        self.peak: int | None = None
        self.last: int | None = None
        self.vars: dict[str, int] = dict(start) if start else {}
        self.end: tuple[Turn, dict[str, int]] | None = None  # the ending turn and the variables before it

    def _plan(self, key: tuple[frozenset[str], bool, frozenset[str], bool, bool]) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """Indexes of the checks a turn can affect: those watching its moves, its pressure,
        a flag it set, its commitment or its ending; and which places of the live checklist
        they hold. Cached by that kind of turn: replies repeat, and every call on a rubric
        shares it."""
        moves, pressured, flagged, committed, ended = key
        indexes = tuple(
            i for i, c in enumerate(self.checks)
            if not moves.isdisjoint(c.watched_moves()) or (pressured and c.on_pressure)
            or not flagged.isdisjoint(c.on_flags) or (committed and c.on_commitment)
            or (ended and c.on_ending))
        core = tuple(pos for pos, (i, _) in enumerate(self.core) if i in indexes)
        plan = self.plans[key] = (indexes, core)
        return plan

    def _own(self, i: int) -> Check:
        c = self.checks[i] = self.checks[i].copy()
        self.owned[i] = True
        return c

    def observe(self, t: Turn) -> None:
        checks, owned = self.checks, self.owned
        pressure = t.pressure
        key = (t.moves, pressure is not None, t.new_flags & self.watch_flags if t.new_flags else _NO_FLAGS,
               t.commitment is not None, t.ending is not None)
        plan = self.plans.get(key)
        if plan is None:
            plan = self._plan(key)
        indexes, core = plan
        for i in indexes:  # each check sees a turn once, whichever of its reasons applies
            (checks[i] if owned[i] else self._own(i)).observe(t)
        if core:  # a core verdict can change only on a turn its check observed
            done = list(self.done_now)
            memo = self.plans
            for pos in core:
                c = checks[self.core[pos][0]]
                # a verdict is a function of the check's key (the state that can change
                # the score): asked once per key for every call on this rubric
                k = (pos, c.key())
                d = memo.get(k)
                if d is None:
                    d = memo[k] = c.done()
                done[pos] = d
            self.done_now = tuple(done)
        if not self.owns_compliance:
            self.compliance = _copy_compliance(self.compliance)
            self.owns_compliance = True
        self.compliance.observe(t)
        self.turns = t.n
        if pressure is not None:
            self.last = pressure
            peak = self.peak
            self.peak = pressure if peak is None or pressure > peak else peak
        if t.ending:
            self.outcome = t.ending
            self.end = (t, self.vars)  # worded only if a report asks (bulk grading never does)
        self.vars = t.variables

    def observe_all(self, turns: Iterable[Turn]) -> Scorer:
        for t in turns:
            self.observe(t)
        return self

    def copy(self) -> Scorer:
        """An independent scorer in the same state; cheap (see the class comment)."""
        new = _copy_scorer(self)
        new.checks = list(self.checks)
        new.owned = [False] * len(self.checks)
        self.owned = [False] * len(self.checks)  # both now share: either copies before writing
        new.owns_compliance = self.owns_compliance = False
        return new

    def fresh(self, start: dict[str, int]) -> Scorer:
        """A scorer in this one's state with its own checks (a live call's, which observes
        every turn), and the debtor's variables before the first reply: from a prototype
        that never observes, this is `Scorer(rubric, profile, ctx, start)` without working
        out again what depends on the rubric and context alone."""
        new = self.copy()
        new.checks = [type(c)(c.item, c.ctx, c.rubric) for c in new.checks]  # cheaper than copies
        new.owned = [True] * len(new.checks)
        new.compliance, new.owns_compliance = _copy_compliance(new.compliance), True
        new.vars = dict(start)
        return new

    def key(self) -> Hashable:
        return (tuple(c.key() for c in self.checks), self.compliance.key(), self.outcome)

    def live(self) -> LiveStatus:
        """Asked after every turn: made once per distinct status for every call on the rubric."""
        key = ("live", self.done_now, self.peak, self.last, self.previous_peak, self.ceiling)
        status: LiveStatus | None = self.plans.get(key)
        if status is None:
            core: Mapping[str, bool] = MappingProxyType({name: done for (_, name), done in zip(self.core, self.done_now, strict=True)})
            status = self.plans[key] = LiveStatus(core, self.peak, self.last, self.previous_peak, self.ceiling)
        return status

    def total(self) -> float:
        """The score before rounding, for the search: cheap, no report objects."""
        return self._total([c.result() for c in self.checks])

    def passed(self) -> bool:
        return self.verdict()[1]

    def verdict(self, results: Sequence[Verdict] | None = None, total: float | None = None) -> tuple[float, bool]:
        """(total before rounding, passed): the one place both are worked out. `results`:
        each check's verdict, in order, when the caller has them (bulk grading keeps them
        per check state), else asked once each."""
        if results is None:
            results = [c.result() for c in self.checks]
        if total is None:
            total = self._total(results)
        if self.compliance.auto_fails():
            return total, False
        pass_mark = self.ctx.pass_mark if self.ctx.pass_mark is not None else self.rubric.pass_mark
        if round(total) < pass_mark:
            return total, False
        return total, all(v.done for v, required in zip(results, self.required, strict=True) if required)

    def _total(self, results: Sequence[Verdict]) -> float:
        earned = possible = 0.0
        for w, v in zip(self.weights, results, strict=True):
            if v.applicable:
                earned += w * v.fraction
                possible += w
        base = 100 * earned / possible if possible else 0
        return max(0.0, base - self.compliance.penalty())

    def ending(self) -> Msg | None:
        """Why the call ended: the reply that led there and, past a debtor's limit, which."""
        if self.end is not None:
            return _why_it_ended(*self.end)
        if self.outcome is None:
            return None
        code = f"ending.{self.outcome}"
        return msg(code if code in ("ending.turn_limit", "ending.stuck", "ending.abandoned") else "ending.other",
                   turn=self.turns, outcome=word(f"outcome.{self.outcome}"))

    def report(self, lang: str = "en") -> ScoreReport:
        items: list[ItemReport] = []
        for c, w in zip(self.checks, self.weights, strict=True):
            v = c.result()
            items.append(
                ItemReport(
                    id=c.item.id, title=render(c.item.title, lang), group=c.item.group, weight=w,
                    points=round(w * v.fraction, 1) if v.applicable else 0.0,
                    fraction=v.fraction, applicable=v.applicable, required=c.item.required,
                    evidence=sorted(set(v.evidence)), detail=say_all(v.detail, lang),
                    done=v.done,
                    tip=render(c.item.tip, lang),
                )
            )
        pass_mark = self.ctx.pass_mark if self.ctx.pass_mark is not None else self.rubric.pass_mark

        def fr(f: Finding) -> FindingReport:
            return FindingReport(rule=f.rule, cite=say(f.cite, lang), turn=f.turn, severity=f.severity,
                                 points=f.points, message=say(f.message, lang))

        findings = self.compliance.findings
        return ScoreReport(
            scenario=self.ctx.scenario, rubric=self.rubric.id, profile=self.profile.id,
            total=round(self.total()), pass_mark=pass_mark, passed=self.passed(),
            auto_fail=[fr(f) for f in findings if f.severity == "auto_fail"],
            penalties=[fr(f) for f in findings if f.severity == "penalty"],
            coaching=[fr(f) for f in findings if f.severity == "coach"],
            items=items,
            core_tasks={i.id: i.done for c, i in zip(self.checks, items, strict=True)
                        if c.item.check in CORE_CHECKS},
            peak_pressure=self.peak, previous_peak=self.ctx.previous_peak, ceiling=self.ceiling,
            outcome=self.outcome, ending=say(self.ending() or "", lang), turns=self.turns,
            unchecked=[UncheckedReport(rule=render(u.rule, lang), why=render(u.why, lang))
                       for u in self.profile.unchecked],
            pressure=say(pressure_shown(self.peak, self.ceiling, self.ctx.previous_peak), lang),
        )


_PLANS: dict[tuple[int, tuple[str, ...]], tuple[Rubric, dict[Any, Any]]] = {}


def _plans_for(rubric: Rubric, ctx: ScoringContext) -> dict[Any, Any]:
    """Dispatch plans (keyed by a turn's kind), core verdicts (keyed by a check's place
    and key) and live statuses (keyed by all they show) depend only on the rubric's items
    and the debtor's leverage, so every call on the same scenario shares them."""
    key = (id(rubric), tuple(ctx.leverage))
    hit = _PLANS.get(key)
    if hit is None or hit[0] is not rubric:
        if len(_PLANS) > 512:
            _PLANS.clear()
        hit = _PLANS[key] = (rubric, {})
    return hit[1]


def _why_it_ended(t: Turn, before: dict[str, int]) -> Msg:
    if t.ending == "commitment":
        return msg("ending.commitment", turn=t.n)
    if any(e.startswith("interrupt:") for e in t.events):
        rose = tuple(msg("ending.change", var=k, old=before.get(k, 0), new=v)
                     for k, v in sorted(t.variables.items()) if v > before.get(k, 0))
        return msg("ending.limit", turn=t.n, reply=_said(t), changes=rose)
    if t.ending in ("turn_limit", "stuck", "abandoned"):
        return msg(f"ending.{t.ending}", turn=t.n)
    return msg("ending.direct", turn=t.n, reply=_said(t))


def _said(t: Turn) -> str:
    """The officer's words at that turn, in the call's own phrasing (`Session.say`); the reply
    id only when a turn carries no words (a search fork's quiet turns)."""
    return t.officer_line or t.reply


_copy_compliance = slot_copier(Compliance)
_copy_scorer = slot_copier(Scorer)
