"""Which moves of the vocabulary a library lets a trainee make at all.

A move nobody can choose is a lesson nobody can learn and a red line nobody can be caught
crossing (`misstate_amount` was such a move until a persona offered it). This looks at
the personas as graphs (the cheap static bounds lint already uses): a move is reachable
in a persona when some reply carrying it can be offered in a state the call can reach.
Lint warns about a red line no linted persona can reach; `bench/reachability.py` prints
the whole table.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from simulator.core.moves import RED_LINE_MOVES, Move
from simulator.core.persona import Persona
from simulator.engine.machine import replies_in

from .graph_analysis import bounds_for, why_impossible


def persona_moves(p: Persona, starts: list | None = None) -> set[Move]:
    """Moves some offerable reply carries in a reachable state of `p`."""
    b = bounds_for(p, starts)
    out: set[Move] = set()
    for s in p.states:
        if s.id not in b.states:
            continue
        for r in replies_in(p, s):
            if not why_impossible(r.when, b):
                out.update(r.moves)
    return out


def library_moves(personas: Iterable[tuple[Persona, list]]) -> dict[Move, list[str]]:
    """Every move of the vocabulary -> the ids of the personas (with their scenarios'
    starts) in which it is reachable; an empty list means nobody can make it."""
    table: dict[Move, list[str]] = {m: [] for m in Move}
    for p, starts in personas:
        for m in persona_moves(p, starts):
            table[m].append(p.id)
    return table


def unreached_red_lines(table: dict[Move, list[str]]) -> list[Move]:
    return sorted(m for m in RED_LINE_MOVES if not table.get(m))


def red_line_warnings(paths: list[str], files: list[Path]) -> dict[str, list[str]]:
    """For lint: when a folder of personas is linted, one warning per red line that no
    persona in it can reach, keyed by the folder. Files named one by one are not a
    library, so they get none."""
    if not any(Path(p).is_dir() for p in paths):
        return {}
    from simulator.core.errors import ContentError
    from simulator.core.library import _display, load_persona

    from .lint import scenarios_using
    from .validate import kind_of

    personas = [f for f in files if kind_of(f) == "persona"]
    folders = {f.parent for f in personas}
    if len(personas) < 2 or len(folders) != 1:
        return {}
    loaded = []
    for f in personas:
        try:
            p = load_persona(f).model
        except ContentError:
            continue  # reported by the file's own lint
        loaded.append((p, [sc.start for sc in scenarios_using(p.id, f)]))
    missing = unreached_red_lines(library_moves(loaded))
    if not missing:
        return {}
    folder = _display(folders.pop())
    return {folder: [f"red line '{m}' cannot be reached in any persona here: no trainee can "
                     "practise it and no call can be caught crossing it" for m in missing]}
