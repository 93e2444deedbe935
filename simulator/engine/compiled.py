"""A persona pre-read for play: what the engine needs on every turn, looked up, not walked.

Built once per persona (and language) and shared by every call on it. Nothing here decides
anything the YAML does not say: conditions become closures over their own fields
(`compile_conditions`), menus that cannot change are kept ready, and texts are rendered once.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from simulator.core.conditions import Condition, Effect, Predicate, compile_conditions
from simulator.core.persona import Commitment, Persona, Reply, State
from simulator.core.text import render

from .machine import Edges, branch_name, edges_for, interrupt_name, machine_for, replies_in

if TYPE_CHECKING:  # imported when a machine is built: a first frame needs none
    from transitions import Machine

# (var or None, add, set, flag, clear, lo, hi, predicate or None): one effect, pre-read
EffectStep = tuple[str | None, int | None, int | None, str | None, bool, int, int, Predicate | None]


@dataclass(frozen=True, slots=True)
class ReplyPlan:
    """A reply pre-read. `id` and `pressure` repeat the reply's own: the turn reads them on
    every turn, and reading a pydantic model's fields costs several times a slot's."""

    reply: Reply
    id: str
    pressure: int | None
    moves: frozenset[str]
    effects: tuple[EffectStep, ...]
    # (when, effects, to, trigger) per route; a reply with `to` has one route, no `when`.
    # The trigger is the `transitions` event for that route, fired once the step has chosen.
    routes: tuple[tuple[Predicate | None, tuple[EffectStep, ...], str, str], ...]
    when: Predicate | None
    texts: tuple[str, ...]  # the phrasings, in the plan's language
    crc_key: bytes  # the reply's id, as the seeded pick of a phrasing hashes it


@dataclass(frozen=True, slots=True)
class StatePlan:
    state: State
    id: str  # the state's (read on every turn, like ReplyPlan.id)
    outcome: str | None  # its ending's outcome, if it ends the call
    replies: tuple[ReplyPlan, ...]
    static_menu: tuple[ReplyPlan, ...] | None  # when no reply has a condition
    static_ids: tuple[str, ...] | None
    on_enter: tuple[EffectStep, ...]
    lines: tuple[tuple[int, str, Predicate | None], ...]  # (variant index, text, when)
    conditional_lines: bool
    commitment: dict[str, Any] | None


@dataclass(frozen=True, slots=True)
class PersonaPlan:
    persona: Persona
    lang: str
    states: dict[str, StatePlan]
    interrupts: tuple[tuple[Predicate | None, str, str], ...]  # (when, to, trigger)
    max_turns: int
    keep: frozenset[str]  # states some `visited:` condition asks about: all a call remembers

    @property
    def machine(self) -> Machine:
        """The persona's `transitions` machine, built when a call is first played (the
        explorer and lint read the plan alone, and never need it)."""
        return machine_for(self.persona)

    @property
    def edges(self) -> Edges:
        return edges_for(self.persona)


def conditions_of(p: Persona) -> Iterator[Condition]:
    """Every condition anywhere in the persona (replies, branches, effects, lines,
    arrivals, interrupts)."""
    for s in p.states:
        for e in s.on_enter:
            yield from e.when
        for line in s.say:
            if not isinstance(line, (str, dict)):
                yield from line.when
        for r in s.replies:
            yield from _reply_conditions(r)
    for r in p.global_replies:
        yield from _reply_conditions(r)
    for it in p.interrupts:
        yield from it.when


def _reply_conditions(r: Reply) -> Iterator[Condition]:
    yield from r.when
    for e in r.effects:
        yield from e.when
    for b in r.branches or ():
        yield from b.when
        for e in b.effects:
            yield from e.when


def visited_that_matter(p: Persona) -> frozenset[str]:
    """States named by `visited:` conditions: only they make the path matter, so a call
    remembers only them (and search keys stay small on personas that never ask)."""
    return frozenset().union(*(c.states() for c in conditions_of(p)))


def variables_that_matter(p: Persona) -> frozenset[str]:
    """Variables some condition reads. One no condition reads cannot change what happens
    next (menus, branches, endings, scores), so two situations that differ only in it
    are the same situation to a search. Kept on the persona: every search asks."""
    return p.derived("variables_that_matter",
                     lambda: frozenset().union(*(c.variables() for c in conditions_of(p))))


def _effects(persona: Persona, effects: list[Effect]) -> tuple[EffectStep, ...]:
    out = []
    for e in effects:
        var = persona.variables[e.var] if e.var is not None else None
        out.append((e.var, e.add, e.set, e.flag, e.clear,
                    var.min if var else 0, var.max if var else 0, compile_conditions(e.when)))
    return tuple(out)


def apply_effects(effects: tuple[EffectStep, ...], values: dict[str, int], flags: frozenset[str],
                  visited: set[str] | frozenset[str]) -> frozenset[str]:
    """Apply effects in order to `values` (in place); returns the flags after them (flags
    stay frozensets, so turns can share them without copying)."""
    for var, add, set_, flag, clear, lo, hi, when in effects:
        if when is not None and not when(values, flags, visited):
            continue
        if var is not None:
            v = set_ if set_ is not None else values[var] + (add or 0)
            values[var] = lo if v < lo else hi if v > hi else v
        elif flag is None:  # validated: an effect names a var or a flag
            continue
        elif clear:
            flags = flags - {flag}
        elif flag not in flags:
            flags = flags | {flag}
    return flags


def commitment_json(c: Commitment | None, lang: str) -> dict[str, Any] | None:
    if c is None:
        return None
    return {
        "amount": c.amount,
        "date": render(c.date, lang) if c.date is not None else None,
        "date_kind": c.date_kind,
        "method": c.method,
        "concrete": c.concrete,
    }


def _build(persona: Persona, lang: str) -> PersonaPlan:
    states: dict[str, StatePlan] = {}
    for st in persona.states:
        plans = []
        for r in replies_in(persona, st):
            routes = tuple((compile_conditions(b.when), _effects(persona, b.effects), b.to,
                            branch_name(r.id, k)) for k, b in enumerate(r.routes()))
            plans.append(ReplyPlan(r, r.id, r.pressure, frozenset(r.moves), _effects(persona, r.effects), routes,
                                   compile_conditions(r.when), tuple(render(t, lang) for t in r.texts),
                                   r.id.encode()))
        lines: list[tuple[int, str, Predicate | None]] = []
        for i, v in enumerate(st.say):
            if isinstance(v, (str, dict)):
                lines.append((i, render(v, lang), None))
            else:
                lines.append((i, render(v.text, lang), compile_conditions(v.when)))
        replies = tuple(plans)
        static = all(p.when is None for p in replies)
        states[st.id] = StatePlan(
            st, st.id, st.ending.outcome.value if st.ending is not None else None, replies, replies if static else None,
            tuple(p.reply.id for p in replies) if static else None,
            _effects(persona, st.on_enter), tuple(lines), any(w is not None for *_, w in lines),
            commitment_json(st.commitment, lang),
        )
    interrupts = tuple((compile_conditions(it.when), it.to, interrupt_name(i))
                       for i, it in enumerate(persona.interrupts))
    return PersonaPlan(persona, lang, states, interrupts, persona.max_turns, visited_that_matter(persona))


def plan_for(persona: Persona, lang: str) -> PersonaPlan:
    """The persona's plan in `lang`, built on first use and kept on the persona."""
    return persona.derived(("plan", lang), lambda: _build(persona, lang))
