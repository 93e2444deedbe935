"""A persona's state diagram, drawn by the `transitions` diagram support.

The Mermaid engine of `transitions.extensions.GraphMachine` needs no Graphviz; the DOT text
is written from the same graph elements (`_get_elements`), so no Graphviz is needed for it
either. Edges are labelled with reply ids; endings are styled by outcome.
"""

from __future__ import annotations

from simulator.core.persona import Persona
from simulator.engine.machine import replies_in


def _safe(state_id: str) -> str:
    return state_id.replace("-", "_")


def graph_machine(p: Persona, globals_: bool = True, interrupts: bool = True):
    """A GraphMachine (Mermaid engine) mirroring the persona's machine, labelled for people.
    Global replies and interrupts are edges from (nearly) every state: leaving them out
    shows the conversation itself."""
    from transitions.extensions import GraphMachine

    states = [_safe(s.id) for s in p.states]
    m = GraphMachine(model=None, states=states, initial=_safe(p.initial), auto_transitions=False,
                     graph_engine="mermaid", title=p.id, show_state_attributes=False)
    for s in p.states:
        for r in replies_in(p, s):
            if r in p.global_replies:
                continue  # offered everywhere: drawn once below, not from every state
            for br in r.routes():
                m.add_transition(f"r:{r.id}", _safe(s.id), _safe(br.to), label=r.id)
    live = [_safe(s.id) for s in p.states if s.ending is None]
    with_globals = [_safe(s.id) for s in p.states if s.ending is None and s.global_replies]
    for r in p.global_replies if globals_ else ():
        for br in r.routes():
            m.add_transition(f"r:{r.id}", with_globals, _safe(br.to), label=f"{r.id} (global)")
    for i, it in enumerate(p.interrupts if interrupts else ()):
        m.add_transition(f"interrupt:{i}", live, _safe(it.to), label="interrupt")
    return m


def _label(p: Persona) -> dict[str, str]:
    return {_safe(s.id): s.id + (f" ({s.ending.outcome.value})" if s.ending else "") for s in p.states}


def _elements(p: Persona, globals_: bool = True, interrupts: bool = True):
    from transitions.extensions.diagrams_mermaid import Graph

    m = graph_machine(p, globals_, interrupts)
    return m, Graph(m)._get_elements()


def mermaid(p: Persona, globals_: bool = True, interrupts: bool = True) -> str:
    from transitions.extensions.diagrams_mermaid import Graph

    m = graph_machine(p, globals_, interrupts)
    text = Graph(m).get_graph(title=p.id).source
    for name, label in _label(p).items():  # transitions labels states by name; show the ids
        text = text.replace(f'state "{name}" as {name}', f'state "{label}" as {name}')
    return text + "\n"


def dot(p: Persona, globals_: bool = True, interrupts: bool = True) -> str:
    _, (states, transitions) = _elements(p, globals_, interrupts)
    endings = {_safe(s.id) for s in p.states if s.ending}
    labels = _label(p)
    lines = [f'digraph "{p.id}" {{', "  rankdir=LR;", '  node [shape=box, style=rounded];',
             '  "__start" [shape=point];', f'  "__start" -> "{_safe(p.initial)}";']
    for st in states:
        shape = ", shape=doubleoctagon" if st["name"] in endings else ""
        lines.append(f'  "{st["name"]}" [label="{labels[st["name"]]}"{shape}];')
    edges: dict[tuple[str, str], list[str]] = {}
    for t in transitions:
        edges.setdefault((t["source"], t["dest"]), []).append(t.get("label", t["trigger"]))
    for (src, dst), names in edges.items():
        lines.append(f'  "{src}" -> "{dst}" [label="{" | ".join(names)}"];')
    lines.append("}")
    return "\n".join(lines) + "\n"
