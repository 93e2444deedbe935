"""Library-wide report: which moves of the vocabulary, red lines included, a trainee can
actually make in the bundled personas and scenarios.

Two views per move: `personas` is the static view lint uses (a reply carrying the move can
be offered in a reachable state of that persona); `scenarios` is what the exhaustive
explorer plays under each scenario's own case and start (every reply in every situation).
The ratio lines are the goal: 1.00 means every move, and every red line, can be practised.

    .venv/bin/python bench/reachability.py [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from simulator.authoring.explore import explore  # noqa: E402
from simulator.authoring.lint import scenarios_using  # noqa: E402
from simulator.authoring.reachability import library_moves, unreached_red_lines  # noqa: E402
from simulator.core.library import bundled_dir, load_persona  # noqa: E402
from simulator.core.moves import RED_LINE_MOVES, Move  # noqa: E402
from simulator.engine.bundle import load_scenario  # noqa: E402
from simulator.engine.session import Session  # noqa: E402


def played_moves() -> dict[Move, list[str]]:
    """Move -> scenarios whose exhaustive exploration plays a reply carrying it."""
    table: dict[Move, list[str]] = {m: [] for m in Move}
    for path in sorted(bundled_dir("scenarios").glob("*.yaml")):
        bundle = load_scenario(str(path))
        session = Session(bundle)
        hit = explore(session).replies_hit
        by_id = {r.id: r for s in session.persona.states for r in s.replies}
        by_id.update({r.id: r for r in session.persona.global_replies})
        moves = {m for _, rid in hit for m in by_id[rid].moves}
        for m in moves:
            table[Move(m)].append(bundle.scenario.id)
    return table


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    personas = []
    for f in sorted(bundled_dir("personas").glob("*.yaml")):
        p = load_persona(f).model
        personas.append((p, [sc.start for sc in scenarios_using(p.id, f)]))
    static = library_moves(personas)
    played = played_moves()
    if args.json:
        print(json.dumps({m.value: {"personas": static[m], "scenarios": played[m]} for m in Move},
                         indent=2))
        return 0
    print(f"{'move':28} {'personas':>8} {'scenarios':>9}")
    for m in Move:
        mark = "  red line" if m in RED_LINE_MOVES else ""
        print(f"{m.value:28} {len(static[m]):8d} {len(played[m]):9d}{mark}")
    total = len(Move)
    reach_static = sum(1 for m in Move if static[m])
    reach_played = sum(1 for m in Move if played[m])
    red = len(RED_LINE_MOVES)
    red_played = sum(1 for m in RED_LINE_MOVES if played[m])
    print(f"moves reachable (static):      {reach_static}/{total} = {reach_static / total:.2f}")
    print(f"moves played (explored):       {reach_played}/{total} = {reach_played / total:.2f}")
    print(f"red lines played (explored):   {red_played}/{red} = {red_played / red:.2f}")
    missing = unreached_red_lines(played)
    if missing:
        print("red lines no scenario lets a trainee cross: " + ", ".join(missing))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
