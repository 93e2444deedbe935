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

from scoring.library import load_profile, load_rubric
from scoring.model import Profile, Rubric, ScoringContext
from scoring.scorer import LiveStatus, Scorer
from scoring.turns import Turn
from simulator import __version__
from simulator.core.conditions import all_hold
from simulator.core.library import Bundle, load_scenario
from simulator.core.persona import Branch, Commitment, Outcome, Persona, Reply, State
from simulator.core.text import render

from .machine import CallModel, interrupt_name, machine_for, replies_in, trigger_name
from .mood import mood_of

TRANSCRIPT_FORMAT = 1


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


def _commitment_json(c: Commitment | None, lang: str) -> dict[str, Any] | None:
    if c is None:
        return None
    return {
        "amount": c.amount,
        "date": render(c.date, lang) if c.date is not None else None,
        "date_kind": c.date_kind,
        "method": c.method,
        "concrete": c.concrete,
    }


class Session:
    """One call against one persona."""

    def __init__(
        self,
        bundle: Bundle,
        seed: int | None = None,
        lang: str | None = None,
        rubric: Rubric | None = None,
        profile: Profile | None = None,
    ):
        self.bundle = bundle
        self.persona: Persona = bundle.persona
        self.scenario = bundle.scenario
        self.seed = self.scenario.seed if seed is None else seed
        self.lang = lang or self.scenario.language
        here = bundle.sources["scenario"].path.parent if "scenario" in bundle.sources else None
        self.rubric = rubric or load_rubric(self.scenario.rubric, near=here).model
        self.profile = profile or load_profile(self.scenario.profile).model
        self.context = scoring_context(bundle)
        self.scorer = Scorer(self.rubric, self.profile, self.context)
        self.max_turns = self.scenario.max_turns or self.persona.max_turns
        self.rng = random.Random(self.seed)
        self.machine = machine_for(self.persona)
        self._states = {st.id: st for st in self.persona.states}
        self._replies = {st.id: replies_in(self.persona, st) for st in self.persona.states}
        self._menu: list[Reply] | None = None
        values = {}
        for name, var in self.persona.variables.items():
            start = var.start
            values[name] = start if isinstance(start, int) else self.rng.randint(*start)
        for name, value in self.scenario.start.variables.items():
            var = self.persona.variables[name]
            values[name] = min(var.max, max(var.min, value))
        self.model = CallModel(values, frozenset(self.scenario.start.flags), set())
        self._commitments = {
            st.id: _commitment_json(st.commitment, self.lang) for st in self.persona.states
        }
        self.machine.add_model(self.model, initial=self.persona.initial)
        self.attached = True
        self.turns: list[Turn] = []
        self.outcome: Outcome | None = None
        self.started_at = dt.datetime.now(dt.UTC)
        state = self.state
        self._enter(state)
        variant, line = self._line(state)
        self.opening = Opening(state.id, line, variant)
        self._check_end(state, None)

    # -- what the UI reads -------------------------------------------------------------
    @property
    def state(self) -> State:
        return self._states[self.model.state]

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
        if self._menu is None:  # computed once per turn: the choice and the UI both read it
            m = self.model
            self._menu = [r for r in self._replies[m.state]
                          if not r.when or all_hold(r.when, m.values, m.flags, m.visited)]
        return self._menu

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
        menu = self.offered()
        reply = next((r for r in menu if r.id == reply_id), None)
        if reply is None:
            raise UnknownReply(f"reply '{reply_id}' is not on offer in state '{self.model.state}'")
        return self._play(reply, tuple(r.id for r in menu))

    def end_call(self, outcome: Outcome = Outcome.ABANDONED) -> None:
        """The officer hangs up from the UI; the last turn carries no ending, so record it."""
        if not self.ended:
            self.outcome = outcome
            self.scorer.outcome = outcome.value
            self._detach()

    def _play(self, reply: Reply, menu: tuple[str, ...]) -> Turn:
        m = self.model
        self._menu = None
        before = m.state
        flags_before = m.flags
        self._apply(reply.effects)
        branch = self._branch(reply)
        self.machine.events[trigger_name(reply.id)].trigger(m)
        if branch is not None:
            self._apply(branch.effects)
        state = self._states[m.state]
        self._enter(state)
        events = []
        if not state.ending and self.persona.interrupts:
            for i, it in enumerate(self.persona.interrupts):
                if it.to != m.state and all_hold(it.when, m.values, m.flags, m.visited):
                    self.machine.events[interrupt_name(i)].trigger(m)
                    state = self._states[m.state]
                    self._enter(state)
                    events.append(f"interrupt:{it.to}")
                    break
        if m.state != before:
            events.append("state_change")
        if state.commitment is not None:
            events.append("commitment")
        variant, line = self._line(state)
        n = len(self.turns) + 1
        ending = self._check_end(state, n)
        if ending == Outcome.HANG_UP:
            events.append("hang_up")
        flags = m.flags
        turn = Turn(
            n=n,
            state_before=before,
            state_after=m.state,
            reply=reply.id,
            moves=frozenset(reply.moves),
            pressure=reply.pressure,
            flags=flags,
            new_flags=flags - flags_before if flags is not flags_before else frozenset(),
            commitment=self._commitments[state.id],
            ending=ending.value if ending else None,
            variables=dict(m.values),
            officer_line=render(reply.text, self.lang),
            debtor_line=line,
            offered=menu,
            events=tuple(events),
        )
        self.turns.append(turn)
        self.scorer.observe(turn)
        return turn

    def _branch(self, reply: Reply) -> Branch | None:
        """The branch `transitions` will take: the first whose conditions hold, evaluated
        on the same values, so its effects can follow the move."""
        if reply.branches is None:
            return None
        m = self.model
        return next(b for b in reply.branches if not b.when or all_hold(b.when, m.values, m.flags, m.visited))

    def _apply(self, effects) -> None:
        m = self.model
        for e in effects:
            if e.when and not all_hold(e.when, m.values, m.flags, m.visited):
                continue
            if e.var is not None:
                var = self.persona.variables[e.var]
                v = e.set if e.set is not None else m.values[e.var] + (e.add or 0)
                m.values[e.var] = min(var.max, max(var.min, v))
            elif e.clear:  # flags stay a frozenset: turns share it without copying
                m.flags = m.flags - {e.flag}
            elif e.flag not in m.flags:
                m.flags = m.flags | {e.flag}

    def _enter(self, state: State) -> None:
        self.model.visited.add(state.id)
        if state.on_enter:
            self._apply(state.on_enter)

    def _line(self, state: State) -> tuple[int, str]:
        say = state.say
        if len(say) == 1 and isinstance(say[0], (str, dict)):
            return 0, render(say[0], self.lang)
        m = self.model
        choices = [
            (i, v) for i, v in enumerate(state.say)
            if isinstance(v, (str, dict)) or not v.when or all_hold(v.when, m.values, m.flags, m.visited)
        ] or list(enumerate(state.say))
        i, v = choices[self.rng.randrange(len(choices))] if len(choices) > 1 else choices[0]
        text = v if isinstance(v, (str, dict)) else v.text
        return i, render(text, self.lang)

    def _check_end(self, state: State, n: int | None) -> Outcome | None:
        if state.ending is not None:
            self.outcome = state.ending.outcome
        elif n is not None and n >= self.max_turns:
            self.outcome = Outcome.TURN_LIMIT
        elif not self.offered():
            self.outcome = Outcome.STUCK
        if self.outcome is not None:
            self._detach()
        return self.outcome

    def _detach(self) -> None:
        if self.attached:
            self.machine.remove_model(self.model)
            self.attached = False

    # -- forking (previews, the expert policy, the explorer) ---------------------------
    def fork(self) -> Session:
        """A copy that can be played on without touching this call (not attached to the
        machine: `transitions` moves an unattached model just the same)."""
        new = object.__new__(Session)
        new.__dict__.update(self.__dict__)
        m = self.model
        new.model = CallModel(dict(m.values), m.flags, set(m.visited))
        new.model.state = m.state
        new.attached = False
        new.turns = list(self.turns)
        new._menu = None
        new.scorer = self.scorer.copy()
        rng = random.Random()
        rng.setstate(self.rng.getstate())
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
        return {
            "type": "header",
            "format": TRANSCRIPT_FORMAT,
            "collectsim": __version__,
            "scenario": self.scenario.id,
            "scenario_path": str(self.bundle.sources["scenario"].path) if "scenario" in self.bundle.sources else None,
            "persona": self.persona.id,
            "seed": self.seed,
            "lang": self.lang,
            "mode": self.scenario.mode,
            "started_at": self.started_at.isoformat(timespec="seconds"),
            "hashes": self.bundle.hashes(),
            "context": self.context.model_dump(mode="json"),
            "opening": {"state": self.opening.state, "line": self.opening.line},
        }

    def footer(self) -> dict[str, Any]:
        return {
            "type": "end",
            "outcome": self.outcome.value if self.outcome else None,
            "turns": len(self.turns),
            "ended_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        }

    def records(self) -> list[dict[str, Any]]:
        out = [self.header(), *(t.to_json() for t in self.turns)]
        if self.ended:
            out.append(self.footer())
        return out


def new_session(ref: str, seed: int | None = None, lang: str | None = None) -> Session:
    """Start a call on a scenario given by id or path."""
    return Session(load_scenario(ref), seed=seed, lang=lang)
