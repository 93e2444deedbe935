"""One `transitions` Machine per persona, built once and shared by every call.

Each call is a model attached with `add_model` and removed when the call ends. The machine
does not decide anything: the turn step (`step.py`) evaluates the conditions once and picks
the route, and the session fires that route's own trigger - one per reply branch
(`r:REPLY#K`) and one per interrupt, none with conditions. So the machine's states and
edges are the persona's (and the source of its diagrams) and no condition is read twice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from simulator.core.persona import Persona, Reply, State

if TYPE_CHECKING:
    from transitions import Machine


class CallModel:
    """The per-call model `transitions` moves between states."""

    state: str


def branch_name(reply_id: str, branch: int) -> str:
    return f"r:{reply_id}#{branch}"


def interrupt_name(index: int) -> str:
    return f"interrupt:{index}"


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
    # imported here: a call's first frame is drawn before any machine is built
    from transitions import Machine

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
            for k, branch in enumerate(reply.routes()):
                machine.add_transition(branch_name(reply.id, k), source=state.id, dest=branch.to)
    for i, it in enumerate(persona.interrupts):
        machine.add_transition(interrupt_name(i), source="*", dest=it.to)
    return machine
