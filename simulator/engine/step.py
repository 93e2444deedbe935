"""One definition of a turn: (persona plan, call state, reply) -> (next call state, what
happened). Pure: nothing is mutated, nothing random, no `transitions` model, no rubric.

The live session, the explorer, the expert search, the policies and `--watch` reload all
step through here, so a rule (what an effect does, when an interrupt fires, when a call
ends) is written once. The session then fires the `transitions` events named in
`Happened.triggers` - the route this step chose - and scores the turn; the explorer keys its
search on the returned `Call` and scores through the rubric's fold memo.
"""

from __future__ import annotations

from typing import NamedTuple

from simulator.core.persona import Outcome

from .compiled import PersonaPlan, ReplyPlan, StatePlan, apply_effects

TURN_LIMIT, STUCK = Outcome.TURN_LIMIT.value, Outcome.STUCK.value  # read once: Enum members cost a lookup each


class Call(NamedTuple):
    """Everything that can change what happens next in a call (the rubric's state aside).
    Named tuples, not frozen dataclasses: a turn makes two, and they are built 4x faster.

    `values` is never changed once made (a step copies it); `visited` holds only the
    states some condition asks about (`PersonaPlan.keep`)."""

    state: str
    values: dict[str, int]
    flags: frozenset[str]
    visited: frozenset[str]
    turns: int
    outcome: str | None


class Happened(NamedTuple):
    """What one turn did, for the session's transcript and the rubric (the reply is the
    caller's own)."""

    triggers: tuple[str, ...]  # `transitions` events for the route taken (and an interrupt)
    before: str
    arrived: StatePlan  # the state the call is in now
    new_flags: frozenset[str]
    events: tuple[str, ...]
    menu: tuple[ReplyPlan, ...]  # on offer next; empty when the call has ended


def menu(sp: StatePlan, values: dict[str, int], flags: frozenset[str],
         visited: frozenset[str]) -> tuple[ReplyPlan, ...]:
    """The replies a state offers now, in the persona's order."""
    if sp.static_menu is not None:
        return sp.static_menu
    return tuple(p for p in sp.replies if p.when is None or p.when(values, flags, visited))


def _enter(plan: PersonaPlan, to: str, values: dict[str, int], flags: frozenset[str],
           visited: frozenset[str]) -> tuple[StatePlan, frozenset[str], frozenset[str]]:
    sp = plan.states[to]
    if to in plan.keep and to not in visited:
        visited = visited | {to}
    if sp.on_enter:
        flags = apply_effects(sp.on_enter, values, flags, visited)
    return sp, flags, visited


def _arrive(sp: StatePlan, values: dict[str, int], flags: frozenset[str], visited: frozenset[str],
            turns_left: int | None) -> tuple[str | None, tuple[ReplyPlan, ...]]:
    """How the call ends on arriving in `sp`, if it does (the state's own ending, the turn
    limit, or no reply on offer), and else the menu: the one place a call's end is decided,
    on every turn of every search, so it is kept lean."""
    outcome = sp.outcome
    if outcome is not None:
        return outcome, ()
    offered = sp.static_menu if sp.static_menu is not None else menu(sp, values, flags, visited)  # menu's own fast path, without the call
    if turns_left is not None and turns_left <= 0:
        return TURN_LIMIT, ()
    if not offered:
        return STUCK, ()
    return None, offered


def start(plan: PersonaPlan, values: dict[str, int], flags: frozenset[str]) -> tuple[Call, tuple[ReplyPlan, ...]]:
    """The call on arriving in the persona's initial state, and its first menu."""
    values = dict(values)
    sp, flags, visited = _enter(plan, plan.persona.initial, values, flags, frozenset())
    outcome, offered = _arrive(sp, values, flags, visited, None)
    return Call(sp.id, values, flags, visited, 0, outcome), offered


def step(plan: PersonaPlan, call: Call, rp: ReplyPlan, max_turns: int) -> tuple[Call, Happened]:
    """The call after the officer says `rp` (which must be on offer in `call`)."""
    values = dict(call.values)
    flags = flags0 = call.flags
    visited = call.visited
    if rp.effects:
        flags = apply_effects(rp.effects, values, flags, visited)
    route = rp.routes[0]
    for route in rp.routes:  # the last route has no `when`
        if route[0] is None or route[0](values, flags, visited):
            break
    _, fx, to, trigger = route
    if fx:
        flags = apply_effects(fx, values, flags, visited)
    sp, flags, visited = _enter(plan, to, values, flags, visited)
    triggers: tuple[str, ...] = (trigger,)
    events: tuple[str, ...] = ()
    if plan.interrupts and sp.outcome is None:
        for when, dest, itrigger in plan.interrupts:
            if dest != to and (when is None or when(values, flags, visited)):
                sp, flags, visited = _enter(plan, dest, values, flags, visited)
                triggers += (itrigger,)
                events = (f"interrupt:{dest}",)
                break
    turns = call.turns + 1
    outcome, offered = _arrive(sp, values, flags, visited, max_turns - turns)
    if sp.id != call.state:
        events += ("state_change",)
    if sp.commitment is not None:
        events += ("commitment",)
    if outcome == "hang_up":
        events += ("hang_up",)
    new_flags = flags - flags0 if flags is not flags0 else frozenset()
    return (Call(sp.id, values, flags, visited, turns, outcome),
            Happened(triggers, call.state, sp, new_flags, events, offered))
