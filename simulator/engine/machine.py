"""One `transitions` Machine per persona, built once and shared by every call.

The machine does not decide anything: the turn step (`step.py`) evaluates the conditions
once and picks the route, and the call's model then follows that route's own edge - one
per reply branch (`r:REPLY#K`) and one per interrupt, none with conditions. So the
machine's states and edges are the persona's (and the source of its diagrams) and no
condition is read twice.

Each call's model is moved by the machine without being added to it (`add_model`):
`transitions` moves any object with a `state` attribute, and adding one cost ~0.6 ms per
call (a bound method per event and state, ~200 of them) and left a reference cycle
behind every call. Nothing read those methods.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from simulator.core.persona import Persona, Reply, State

if TYPE_CHECKING:
    from transitions import Machine
    from transitions.core import Event, Transition
    from transitions.core import State as MachineState


class CallModel:
    """The per-call model `transitions` moves between states."""

    state: str


class Edges:
    """The machine's edges by trigger and source state: how a call's model follows the
    route the step chose. The step has already chosen the one edge to take, so the model
    takes it (`Transition.execute`, with its exit, enter and change callbacks) instead of
    asking the event to look for an edge whose conditions hold, which cost a third of a
    turn's time in `transitions`."""

    def __init__(self, machine: Machine):
        from transitions.core import EventData

        self.machine = machine
        self._event_data = EventData  # an import in `follow` cost a failed lookup per turn
        self._edges: dict[str, dict[str, tuple[Transition, MachineState, Event]]] = {}

    def follow(self, trigger: str, model: CallModel) -> None:
        """Move `model` along `trigger`'s edge out of its state; `MachineError` if the
        machine has no such edge (the step and the machine disagree)."""
        by_source = self._edges.get(trigger)
        edge = by_source.get(model.state) if by_source is not None else None
        if edge is None:
            edge = self._edge(trigger, model.state)
        transition, source, event = edge
        data = self._event_data(source, event, self.machine, model, (), {})
        data.transition = transition  # what callbacks read, as when an event finds its edge
        data.result = transition.execute(data)

    def _edge(self, trigger: str, source: str) -> tuple[Transition, MachineState, Event]:
        from transitions import MachineError

        event = self.machine.events.get(trigger)
        if event is None or source not in event.transitions:
            raise MachineError(f"Can't trigger event {trigger} from state {source}!")
        (transition,) = event.transitions[source]  # routes are unconditional: one edge each
        edge = (transition, self.machine.get_state(source), event)
        self._edges.setdefault(trigger, {})[source] = edge
        return edge


def edges_for(persona: Persona) -> Edges:
    return persona.derived("edges", lambda: Edges(machine_for(persona)))


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
