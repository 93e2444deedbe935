"""A call in progress: the API scripts, tests, the CLI and the TUI all drive.

    session = new_session("first-call-zhang", seed=1)
    while not session.ended:
        reply = session.offered()[0]
        turn = session.choose(reply.id)

Seeded and deterministic: the same scenario, seed and choices give the same call.
"""

from __future__ import annotations

import datetime as dt
import functools
import random
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from scoring.model import Profile, Rubric, ScoringContext
from scoring.scorer import LiveStatus, Scorer
from scoring.turns import Turn
from simulator import __version__
from simulator.core.conditions import Predicate
from simulator.core.persona import Outcome, Persona, Reply, State
from simulator.core.text import fill, render
from simulator.core.transcript import Header, end_record

from .bundle import Bundle, load_scenario
from .compiled import ReplyPlan, StatePlan, plan_for
from .facets import draw_facets, drawn_leverage, facet_flags, text_values
from .machine import CallModel
from .mood import mood_of
from .step import start as start_call
from .step import step as step_call

SHUFFLES = 64  # orders kept per menu length; the seed and turn pick one


@functools.cache
def shuffles(n: int) -> tuple[tuple[int, ...], ...]:
    """Fixed random orders of n replies: picking one is cheaper than shuffling every turn,
    and 64 of them leave no place on the menu better than another."""
    rng = random.Random(f"menu:{n}")
    return tuple(tuple(rng.sample(range(n), n)) for _ in range(SHUFFLES))


_FILLED: dict[tuple[tuple[str, str], ...], dict[str, str]] = {}


def filled_cache(words: dict[str, str]) -> dict[str, str]:
    """Texts with these words filled in, shared by every call that says the same words (a
    fork, and calls on the same case and facets): a placeholder costs a regex pass, once."""
    key = tuple(words.items())
    hit = _FILLED.get(key)
    if hit is None:
        if len(_FILLED) > 256:
            _FILLED.clear()
        hit = _FILLED[key] = {}
    return hit


class CallOver(RuntimeError):
    """Raised when a reply is chosen after the call has ended."""


class UnknownReply(ValueError):
    """Raised when the chosen reply is not on offer now."""


@dataclass(frozen=True, slots=True)
class Opening:
    state: str
    line: str
    variant: int
    variables: dict[str, int]  # the debtor's, before the first reply (the debrief's "from")


def scoring_context(bundle: Bundle, facets: dict[str, str] | None = None) -> ScoringContext:
    s, p = bundle.scenario, bundle.persona
    facets = facets if facets is not None else draw_facets(p, s.seed, s.facets)
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
        leverage=drawn_leverage(p, facets, list(s.case.leverage)),
        facets=dict(facets),
        pass_mark=s.pass_mark,
        weights=dict(s.weights),
    )


class Drawn(NamedTuple):
    """What a call's draw decides before its first turn: the same for every call on this
    scenario with these facets in this language, so it is made once and shared (nothing in
    it is changed after it is made; each call copies the scorer)."""

    context: ScoringContext
    words: dict[str, str]  # what placeholders say (`text_values`)
    flags: frozenset[str]  # the scenario's starting flags and the drawn facets'
    scorer: Scorer  # before the first turn; never observes one itself


def drawn_for(bundle: Bundle, facets: dict[str, str], lang: str) -> Drawn:
    """Starting a call cost as much as its first eight turns, mostly in work that depends
    only on the content, the facets and the language (the scoring context, the words, the
    rubric's scorer): kept for every call that draws alike. Kept on the persona, so it goes
    when the persona goes (lint walks thousands of them), and keyed on the other loaded
    content objects, which the loader shares between calls (a `Bundle` is made per call)."""
    cache: dict[tuple[Any, ...], tuple[tuple[Any, ...], Drawn]] = bundle.persona.derived("drawn", dict)
    parts = (bundle.scenario, bundle.rubric, bundle.profile)
    key = (*map(id, parts), tuple(facets.items()), lang)
    hit = cache.get(key)
    if hit is None or any(a is not b for a, b in zip(hit[0], parts, strict=True)):
        if len(cache) > 256:
            cache.clear()
        s, p = bundle.scenario, bundle.persona
        context = scoring_context(bundle, facets)
        drawn = Drawn(context, text_values(s, p, facets, lang),
                      frozenset(s.start.flags) | facet_flags(facets),
                      Scorer(bundle.rubric, bundle.profile, context))
        hit = cache[key] = (parts, drawn)
    return hit[1]


class Session:
    """One call against one persona: the turn step (`step.py`) decides, the persona's
    `transitions` machine follows, the rubric scores, and the session keeps the record and
    the words (line variants, phrasings, the menu's shown order, placeholders)."""

    def __init__(
        self,
        bundle: Bundle,
        seed: int | None = None,
        lang: str | None = None,
        facets: dict[str, str] | None = None,
    ):
        """`facets` pins facets over the scenario's pins (golden lines, drills). The
        persona's `transitions` machine is built when a call on it first plays a turn: a
        session that is only analysed (linted, explored) never needs it."""
        self.bundle = bundle
        self.persona: Persona = bundle.persona
        self.scenario = bundle.scenario
        self.seed = self.scenario.seed if seed is None else seed
        self.lang = lang or self.scenario.language
        self.rubric: Rubric = bundle.rubric
        self.profile: Profile = bundle.profile
        self.facets = draw_facets(self.persona, self.seed, {**self.scenario.facets, **(facets or {})})
        drawn = drawn_for(bundle, self.facets, self.lang)
        self.context = drawn.context
        self.max_turns = self.scenario.max_turns or self.persona.max_turns
        self.rng: random.Random | None = random.Random(self.seed)
        self.quiet = False  # a search fork: no debtor lines, no random draws
        self.plan = plan_for(self.persona, self.lang)
        self.words = drawn.words
        self._phrasing: dict[int, str] = {}
        self._filled = filled_cache(self.words)  # text -> with the call's words
        self._said: tuple[str, ...] = ()  # the debtor's lines so far (filled once: `in` meets the same objects)
        self._seed_crc = zlib.crc32(f"{self.seed}:".encode())
        self._follow: Callable[[str, CallModel], None] | None = None
        values = {}
        for name, var in self.persona.variables.items():
            start = var.start
            values[name] = start if isinstance(start, int) else self.rng.randint(*start)
        for name, value in self.scenario.start.variables.items():
            var = self.persona.variables[name]
            values[name] = min(var.max, max(var.min, value))
        self.scorer = drawn.scorer.fresh(values)
        self.call, self._menu = start_call(self.plan, values, drawn.flags)
        self._shown: list[Reply] | None = None
        self.model = CallModel()
        self.model.state = self.call.state  # moved by the machine as the step decides
        self.turns: list[Turn] = []
        self.outcome: Outcome | None = None
        self.started_at = dt.datetime.now(dt.UTC)
        sp = self.plan.states[self.call.state]
        variant, line = self._line(sp)
        self.opening = Opening(sp.state.id, line, variant, dict(self.call.values))
        self._settle()

    # -- what the UI reads -------------------------------------------------------------
    @property
    def machine(self):
        return self.plan.machine

    @property
    def state(self) -> State:
        return self.plan.states[self.call.state].state

    @property
    def ended(self) -> bool:
        return self.outcome is not None

    @property
    def values(self) -> dict[str, int]:
        return dict(self.call.values)

    def offered(self) -> list[Reply]:
        """Replies on offer now, in the order shown (seeded per call and turn, so neither
        the first place nor the persona's order gives the best reply away)."""
        if self._shown is None:
            self._shown = [p.reply for p in self._shown_plans()]
        return self._shown

    def in_persona_order(self) -> list[Reply]:
        """Replies on offer now, in the order the persona lists them (for officers that
        must not depend on the shown order, and for analyses)."""
        return [p.reply for p in self._menu]

    def _shown_plans(self) -> tuple[ReplyPlan, ...]:
        menu = self._menu
        return tuple([menu[i] for i in self._order()])

    def _order(self) -> tuple[int, ...]:
        """The shown order of this turn's menu (indexes into it): the seed and turn pick it."""
        return shuffles(len(self._menu))[hash((self.seed, len(self.turns))) & (SHUFFLES - 1)]

    def say(self, reply: Reply | str) -> str:
        """What the officer says with this reply in this call: its phrasing for the seed,
        in the call's language, placeholders filled in."""
        rid = reply if isinstance(reply, str) else reply.id
        for plan in self._menu:
            if plan.id == rid:
                return self._phrasing.get(id(plan)) or self._say(plan)
        raise UnknownReply(f"reply '{rid}' is not on offer in state '{self.call.state}'")

    def _say(self, plan: ReplyPlan) -> str:
        texts = plan.texts
        # crc32 of "seed:reply-id", continued from the seed's part (zlib's running checksum)
        pick = texts[zlib.crc32(plan.crc_key, self._seed_crc) % len(texts)] if len(texts) > 1 else texts[0]
        text = self._phrasing[id(plan)] = self._fill(pick)
        return text

    def known(self) -> list[tuple[str, str]]:
        """(label, value) of the drawn facets the case file shows (`shown: true`): what an
        officer would know before calling. The others are found only by asking."""
        out = []
        for name, facet in self.persona.facets.items():
            if facet.shown:
                out.append((render(facet.label, self.lang), self.words[f"facet.{name}"]))
        return out

    def mood(self) -> str:
        override = self.state.mood
        return render(override, self.lang) if override is not None else mood_of(self.call.values)

    def live(self) -> LiveStatus:
        return self.scorer.live()

    def report(self, lang: str | None = None):
        return self.scorer.report(lang or self.lang)

    # -- playing -----------------------------------------------------------------------
    def choose(self, reply_id: str) -> Turn:
        if self.outcome is not None:
            raise CallOver("the call has ended")
        for plan in self._menu:
            if plan.id == reply_id:
                break
        else:
            raise UnknownReply(f"reply '{reply_id}' is not on offer in state '{self.call.state}'")
        if self.quiet:
            menu = tuple([p.id for p in self._menu])
            said = ""
        else:
            shown = self._menu
            menu = tuple([shown[i].id for i in self._order()])
            said = self._phrasing.get(id(plan)) or self._say(plan)
        call, happened = step_call(self.plan, self.call, plan, self.max_turns)
        if self.quiet:  # a search's fork: an analysis, not a call, so no machine follows it
            self.model.state = call.state
        else:
            follow = self._follow or self.ready()
            for trigger in happened.triggers:  # the route the step chose; no condition is read
                follow(trigger, self.model)
        self.call, self._menu, self._shown = call, happened.menu, None
        sp = happened.arrived
        line = self._line(sp)[1]
        turn = Turn(
            call.turns, happened.before, call.state, plan.id, plan.moves, plan.pressure, call.flags,
            happened.new_flags, sp.commitment, call.outcome, call.values,  # a Call's values never change
            said, line, menu, happened.events,
        )
        self.turns.append(turn)
        self.scorer.observe(turn)
        if call.outcome is not None:
            self._settle()
        return turn

    def ready(self) -> Callable[[str, CallModel], None]:
        """Build the persona's `transitions` machine now, if the call's first reply has not
        (importing transitions and building the machine take ~7 ms): a front end does this
        while the officer reads the opening, so the first key does not wait for it. An
        analysed session (lint, explore) never needs it and never builds it."""
        if self._follow is None:
            self._follow = self.plan.edges.follow
        return self._follow

    def end_call(self, outcome: Outcome = Outcome.ABANDONED) -> None:
        """The officer hangs up from the UI; the last turn carries no ending, so record it."""
        if not self.ended:
            self.outcome = outcome
            self.scorer.outcome = outcome.value

    def _settle(self) -> None:
        if self.call.outcome is not None:
            self.outcome = Outcome(self.call.outcome)

    def _line(self, sp: StatePlan) -> tuple[int, str]:
        lines: Sequence[tuple[int, str, Predicate | None]] = sp.lines
        if self.quiet:
            return 0, ""
        if sp.conditional_lines:
            c = self.call
            values, flags, visited = c.values, c.flags, c.visited
            lines = [x for x in lines if x[2] is None or x[2](values, flags, visited)] or lines
        if len(lines) > 1 and self.turns:  # a revisited state answers with a line not yet said
            said, fill_ = self._said, self._fill
            lines = [x for x in lines if fill_(x[1]) not in said] or lines
        # choice(seq) draws as seq[randrange(len(seq))] does, in one call instead of three
        i, text, _ = self.rng.choice(lines) if len(lines) > 1 else lines[0]  # type: ignore[union-attr]
        line = self._fill(text)
        self._said += (line,)  # a new tuple: a fork shares the old one
        return i, line

    def _fill(self, text: str) -> str:
        if "{" not in text:
            return text
        filled = self._filled.get(text)
        if filled is None:  # the call's words never change: fill each text once
            filled = self._filled[text] = fill(text, self.words)
        return filled

    # -- forking (previews, the expert policy, the explorer) ---------------------------
    def fork(self, quiet: bool = False) -> Session:
        """A copy that can be played on without touching this call (its own model, which
        the machine moves independently).

        A quiet fork is for searches (the expert, the explorer): it plays the same states,
        scores and endings but draws no debtor lines, so it need not copy the random
        generator; its turns carry empty lines, and its model is not moved by the persona's
        machine (the step decides the state either way; following the machine would cost a
        search its build, ~2 ms per persona, and a callback run per turn)."""
        new = object.__new__(Session)
        new.__dict__.update(self.__dict__)
        new.model = CallModel()
        new.model.state = self.model.state
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
        c = self.call
        return (c.state, tuple(c.values.values()), c.flags, c.visited, len(self.turns), self.scorer.key())

    # -- transcript --------------------------------------------------------------------
    def header(self) -> dict[str, Any]:
        src = self.bundle.sources.get("scenario")
        return Header(
            scenario=self.scenario.id, scenario_path=str(src.path) if src else None,
            persona=self.persona.id, seed=self.seed, lang=self.lang, mode=self.scenario.mode,
            started_at=self.started_at.isoformat(timespec="seconds"), hashes=self.bundle.hashes(),
            context=self.context.model_dump(mode="json"), collectsim=__version__,
            opening={"state": self.opening.state, "line": self.opening.line, "variables": self.opening.variables},
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
