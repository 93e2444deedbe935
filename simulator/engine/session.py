"""A call in progress: the API scripts, tests, the CLI and the TUI all drive.

    session = new_session("first-call-zhang", seed=1)
    while not session.ended:
        reply = session.offered()[0]
        turn = session.choose(reply.id)

Seeded and deterministic: the same scenario, seed and choices give the same call.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from scoring.model import Profile, Rubric, ScoringContext
from scoring.scorer import LiveStatus, Scorer
from scoring.turns import Turn
from simulator import __version__
from simulator.core.persona import Outcome, Persona, Reply, State
from simulator.core.text import render
from simulator.core.transcript import Header, end_record

from .bundle import Bundle, load_scenario
from .compiled import EffectStep, ReplyPlan, StatePlan, apply_effects, plan_for
from .machine import CallModel
from .mood import mood_of


class CallOver(RuntimeError):
    """Raised when a reply is chosen after the call has ended."""


class UnknownReply(ValueError):
    """Raised when the chosen reply is not on offer now."""


@dataclass(frozen=True, slots=True)
class Opening:
    state: str
    line: str
    variant: int


def scoring_context(bundle: Bundle) -> ScoringContext:
    s, p = bundle.scenario, bundle.persona
    return ScoringContext(
        scenario=s.id,
        rubric=s.rubric,
        profile=s.profile,
        days_overdue=s.case.loan.days_overdue,
        debtor_class=p.debtor_class,
        is_debtor=p.is_debtor,
        third_party_informed=p.knows_about_debt,
        knows_officer=s.call.knows_officer,
        local_time=s.call.local_time,
        previous_peak=max((c.peak_pressure for c in s.history), default=None),
        first_contact=not s.history,
        leverage=list(s.case.leverage),
        pass_mark=s.pass_mark,
        weights=dict(s.weights),
    )


class Session:
    """One call against one persona."""

    def __init__(
        self,
        bundle: Bundle,
        seed: int | None = None,
        lang: str | None = None,
        attach: bool = True,
    ):
        """`attach=False` is for a session that is only analysed (linted, explored): it is
        not made a model of the persona's `transitions` machine, like a fork, and the
        machine is not even built unless a fork of it is played."""
        self.bundle = bundle
        self.persona: Persona = bundle.persona
        self.scenario = bundle.scenario
        self.seed = self.scenario.seed if seed is None else seed
        self.lang = lang or self.scenario.language
        self.rubric: Rubric = bundle.rubric
        self.profile: Profile = bundle.profile
        self.context = scoring_context(bundle)
        self.scorer = Scorer(self.rubric, self.profile, self.context)
        self.max_turns = self.scenario.max_turns or self.persona.max_turns
        self.rng: random.Random | None = random.Random(self.seed)
        self.quiet = False  # a search fork: no debtor lines, no random draws
        self.plan = plan_for(self.persona, self.lang)
        self._plans = self.plan.states
        self._menu: tuple[ReplyPlan, ...] | None = None
        self._menu_ids: tuple[str, ...] = ()
        self._offered: list[Reply] | None = None
        self._fire: dict | None = None
        values = {}
        for name, var in self.persona.variables.items():
            start = var.start
            values[name] = start if isinstance(start, int) else self.rng.randint(*start)
        for name, value in self.scenario.start.variables.items():
            var = self.persona.variables[name]
            values[name] = min(var.max, max(var.min, value))
        self.model = CallModel(values, frozenset(self.scenario.start.flags), set())
        self.model.state = self.persona.initial
        self.attached = False
        if attach:
            self.machine.add_model(self.model, initial=self.persona.initial)
            self.attached = True
        self.turns: list[Turn] = []
        self.outcome: Outcome | None = None
        self.started_at = dt.datetime.now(dt.UTC)
        sp = self._plans[self.model.state]
        self._enter(sp)
        variant, line = self._line(sp)
        self.opening = Opening(sp.state.id, line, variant)
        self._check_end(sp, None)

    # -- what the UI reads -------------------------------------------------------------
    @property
    def machine(self):
        return self.plan.machine

    @property
    def state(self) -> State:
        return self._plans[self.model.state].state

    @property
    def ended(self) -> bool:
        return self.outcome is not None

    @property
    def values(self) -> dict[str, int]:
        return dict(self.model.values)

    def offered(self) -> list[Reply]:
        """Replies on offer now, in the persona's order."""
        if self.ended:
            return []
        if self._offered is None:
            self._offered = [p.reply for p in self._menu_plans()]
        return self._offered

    def _menu_plans(self) -> tuple[ReplyPlan, ...]:
        """Computed once per turn: the choice, the end check and the UI all read it."""
        menu = self._menu
        if menu is None:
            m = self.model
            sp = self._plans[m.state]
            menu = sp.static_menu
            if menu is None:
                v, f, vis = m.values, m.flags, m.visited
                menu = tuple(p for p in sp.replies if p.when is None or p.when(v, f, vis))
                self._menu_ids = tuple(p.reply.id for p in menu)
            else:
                self._menu_ids = sp.static_ids  # type: ignore[assignment]
            self._menu = menu
        return menu

    def mood(self) -> str:
        override = self.state.mood
        return render(override, self.lang) if override is not None else mood_of(self.model.values)

    def live(self) -> LiveStatus:
        return self.scorer.live()

    def report(self, lang: str | None = None):
        return self.scorer.report(lang or self.lang)

    # -- playing -----------------------------------------------------------------------
    def choose(self, reply_id: str) -> Turn:
        if self.ended:
            raise CallOver("the call has ended")
        menu = self._menu_plans()
        try:
            plan = menu[self._menu_ids.index(reply_id)]
        except ValueError:
            raise UnknownReply(f"reply '{reply_id}' is not on offer in state '{self.model.state}'") from None
        return self._play(plan, self._menu_ids)

    def end_call(self, outcome: Outcome = Outcome.ABANDONED) -> None:
        """The officer hangs up from the UI; the last turn carries no ending, so record it."""
        if not self.ended:
            self.outcome = outcome
            self.scorer.outcome = outcome.value
            self._detach()

    def _play(self, plan: ReplyPlan, menu: tuple[str, ...]) -> Turn:
        m = self.model
        fire = self._fire
        if fire is None:  # the machine's events by trigger name; the machine is built now
            fire = self._fire = self.plan.events
        self._menu = self._offered = None
        before = m.state
        flags_before = m.flags
        if plan.effects:
            self._apply(plan.effects)
        if plan.branches is not None:  # the branch `transitions` will take, on the same values
            v, f, vis = m.values, m.flags, m.visited
            branch = next(fx for when, fx, _ in plan.branches if when is None or when(v, f, vis))
            fire[plan.trigger].trigger(m)
            if branch:
                self._apply(branch)
        else:
            fire[plan.trigger].trigger(m)
        sp = self._plans[m.state]
        state = sp.state
        m.visited.add(state.id)  # = self._enter(sp), inline: this runs on every turn
        if sp.on_enter:
            self._apply(sp.on_enter)
        events = []
        if self.plan.interrupts and state.ending is None:
            v, f, vis = m.values, m.flags, m.visited
            for when, to, trigger in self.plan.interrupts:
                if to != m.state and (when is None or when(v, f, vis)):
                    fire[trigger].trigger(m)
                    sp = self._plans[m.state]
                    state = sp.state
                    self._enter(sp)
                    events.append(f"interrupt:{to}")
                    break
        if m.state != before:
            events.append("state_change")
        if sp.commitment is not None:
            events.append("commitment")
        lines = sp.lines
        if self.quiet or sp.conditional_lines:
            line = self._line(sp)[1]
        else:  # = self._line(sp), inline for the common case
            line = lines[self.rng.randrange(len(lines))][1] if len(lines) > 1 else lines[0][1]  # type: ignore[union-attr]
        n = len(self.turns) + 1
        ending = self._check_end(sp, n)
        if ending is Outcome.HANG_UP:
            events.append("hang_up")
        flags = m.flags
        reply = plan.reply
        turn = Turn(
            n, before, m.state, reply.id, plan.moves, reply.pressure, flags,
            flags - flags_before if flags is not flags_before else frozenset(),
            sp.commitment, ending.value if ending else None, dict(m.values), plan.text, line,
            menu, tuple(events),
        )
        self.turns.append(turn)
        self.scorer.observe(turn)
        return turn

    def _apply(self, effects: tuple[EffectStep, ...]) -> None:
        m = self.model
        m.flags = apply_effects(effects, m.values, m.flags, m.visited)

    def _enter(self, sp: StatePlan) -> None:
        self.model.visited.add(sp.state.id)
        if sp.on_enter:
            self._apply(sp.on_enter)

    def _line(self, sp: StatePlan) -> tuple[int, str]:
        lines = sp.lines
        if self.quiet:
            return 0, ""
        if len(lines) == 1:
            return 0, lines[0][1]
        if sp.conditional_lines:
            m = self.model
            lines = tuple(x for x in lines if x[2] is None or x[2](m.values, m.flags, m.visited)) or lines
        i, text, _ = lines[self.rng.randrange(len(lines))] if len(lines) > 1 else lines[0]  # type: ignore[union-attr]
        return i, text

    def _check_end(self, sp: StatePlan, n: int | None) -> Outcome | None:
        ending = sp.state.ending
        if ending is not None:
            self.outcome = ending.outcome
        elif n is not None and n >= self.max_turns:
            self.outcome = Outcome.TURN_LIMIT
        elif not self._menu_plans():
            self.outcome = Outcome.STUCK
        if self.outcome is not None:
            self._detach()
        return self.outcome

    def _detach(self) -> None:
        if self.attached:
            self.machine.remove_model(self.model)
            self.attached = False

    # -- forking (previews, the expert policy, the explorer) ---------------------------
    def fork(self, quiet: bool = False) -> Session:
        """A copy that can be played on without touching this call (not attached to the
        machine: `transitions` moves an unattached model just the same).

        A quiet fork is for searches (the expert, the explorer): it plays the same states,
        scores and endings but draws no debtor lines, so it need not copy the random
        generator; its turns carry empty debtor lines."""
        new = object.__new__(Session)
        new.__dict__.update(self.__dict__)
        m = self.model
        new.model = CallModel(dict(m.values), m.flags, set(m.visited))
        new.model.state = m.state
        new.attached = False
        new.turns = list(self.turns)
        new.scorer = self.scorer.copy()
        if quiet or self.quiet:
            new.quiet, new.rng = True, None
        else:
            rng = random.Random()
            rng.setstate(self.rng.getstate())  # type: ignore[union-attr]
            new.rng = rng
        return new

    def replay(self, reply_ids: list[str]) -> Session:
        """Play a list of choices (resuming a journal, checking a script)."""
        for rid in reply_ids:
            self.choose(rid)
        return self

    def preview(self, reply_id: str) -> tuple[Turn, Session]:
        """What this reply would do now, without doing it."""
        other = self.fork()
        return other.choose(reply_id), other

    def situation(self) -> tuple:
        """Everything that can still change how the call goes and scores."""
        m = self.model
        return (m.state, tuple(m.values.values()), m.flags, frozenset(m.visited),
                len(self.turns), self.scorer.key())

    # -- transcript --------------------------------------------------------------------
    def header(self) -> dict[str, Any]:
        src = self.bundle.sources.get("scenario")
        return Header(
            scenario=self.scenario.id, scenario_path=str(src.path) if src else None,
            persona=self.persona.id, seed=self.seed, lang=self.lang, mode=self.scenario.mode,
            started_at=self.started_at.isoformat(timespec="seconds"), hashes=self.bundle.hashes(),
            context=self.context.model_dump(mode="json"), collectsim=__version__,
            opening={"state": self.opening.state, "line": self.opening.line},
        ).to_json()

    def footer(self) -> dict[str, Any]:
        return end_record(self.outcome.value if self.outcome else None, len(self.turns),
                          dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))

    def records(self) -> list[dict[str, Any]]:
        out = [self.header(), *(t.to_json() for t in self.turns)]
        if self.ended:
            out.append(self.footer())
        return out


def new_session(ref: str, seed: int | None = None, lang: str | None = None) -> Session:
    """Start a call on a scenario given by id or path."""
    return Session(load_scenario(ref), seed=seed, lang=lang)
