"""One `transitions` Machine per persona, built once and shared by every call.

Each call is a model attached with `add_model` and removed when the call ends. Triggers are
the reply ids (prefixed `r:`), so the same reply id may appear in several states; a reply's
branches become transitions tried in order, their conditions evaluated as data.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from transitions import EventData, Machine

from simulator.core.conditions import Condition, compile_conditions
from simulator.core.persona import Persona, Reply, State


class CallModel:
    """The per-call model `transitions` moves between states."""

    state: str

    def __init__(self, values: dict[str, int], flags: frozenset[str], visited: set[str]):
        self.values = values
        self.flags = flags
        self.visited = visited


def trigger_name(reply_id: str) -> str:
    return f"r:{reply_id}"


def interrupt_name(index: int) -> str:
    return f"interrupt:{index}"


def _condition(conds: list[Condition]) -> Callable[[EventData], bool]:
    test = compile_conditions(conds)
    assert test is not None

    def holds(ev: EventData) -> bool:
        m: Any = ev.model
        return test(m.values, m.flags, m.visited)

    return holds


def replies_in(persona: Persona, state: State) -> list[Reply]:
    """Every reply a state can offer (its own, then the persona's global ones)."""
    if state.ending is not None:
        return []
    if state.global_replies and persona.global_replies:
        return [*state.replies, *persona.global_replies]
    return list(state.replies)


def machine_for(persona: Persona) -> Machine:
    """The persona's machine, built on first use and kept on the persona (personas are
    immutable), so every call on it shares one machine."""
    return persona.derived("machine", lambda: _build(persona))


def _build(persona: Persona) -> Machine:
    machine = Machine(
        model=None,
        states=[s.id for s in persona.states],
        initial=persona.initial,
        auto_transitions=False,
        send_event=True,
        ignore_invalid_triggers=False,
    )
    for state in persona.states:
        for reply in replies_in(persona, state):
            for branch in reply.routes():
                machine.add_transition(
                    trigger_name(reply.id),
                    source=state.id,
                    dest=branch.to,
                    conditions=[_condition(branch.when)] if branch.when else None,
                )
    for i, it in enumerate(persona.interrupts):
        machine.add_transition(
            interrupt_name(i), source="*", dest=it.to, conditions=[_condition(it.when)]
        )
    return machine
