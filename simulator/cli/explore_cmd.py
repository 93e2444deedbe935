"""Search every line of play of a persona or scenario, before a trainee ever sees it.

The search visits each distinct situation (state, variable values, flags) once and
reports: the highest and lowest scores reachable, the shortest passing line, every ending
with the shortest line that reaches it, and how many situations each state was met in
(0 = never reached). A persona given alone is explored under a default day-1 scenario
(profile cn, default rubric). With --random N it plays N calls with a random officer
instead and reports how often each state and reply is hit and the score distribution.
"""

from __future__ import annotations

import argparse
import json

from .common import guarded

EPILOG = """\
examples:
  collectsim explore first-call-zhang
  collectsim explore personas/my-debtor.yaml --json
  collectsim explore zhang-wholesaler --random 500
  collectsim explore first-call-zhang --draws 30
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("target", metavar="PERSONA_OR_SCENARIO", help="id or path")
    p.add_argument("--seed", type=int, default=None, help="seed for the debtor's starting values")
    p.add_argument("--random", type=int, default=None, metavar="N", help="play N random calls")
    p.add_argument("--draws", type=int, default=None, metavar="N",
                   help="rate N draws (seeds): coverage per facet value, distinct winning lines, "
                        "whether one memorised line wins them, each draw's difficulty")
    p.add_argument("--budget", type=int, default=200_000, help="most situations to visit")
    p.add_argument("--exact", action="store_true",
                   help="merge situations only when the rubric's state agrees too: every line's "
                        "score is seen, so the highest and lowest are exact (many times the situations)")
    p.add_argument("--json", action="store_true")


def run(args: argparse.Namespace) -> int:
    return guarded(lambda: _run(args))  # type: ignore[return-value]


def make_session_factory(target: str):
    """(label, seed -> Session) for a scenario or a persona (id or path)."""
    from pathlib import Path

    from simulator.core.errors import ContentError
    from simulator.core.library import find, load_persona
    from simulator.engine.bundle import load_scenario
    from simulator.engine.session import Session

    path = Path(target)
    is_persona = "personas" in {q.lower() for q in path.parts}
    if not is_persona and path.is_file():
        from simulator.authoring.validate import kind_of
        from simulator.core.yamlfile import read_yaml

        is_persona = kind_of(path, read_yaml(path).data) == "persona"
    if not is_persona:
        try:
            bundle = load_scenario(target)
            return bundle.scenario.id, lambda seed: Session(bundle, seed=seed)
        except ContentError:
            if path.suffix in (".yaml", ".yml"):
                raise
            find("personas", target)  # neither: report it as a missing persona too
    from simulator.authoring.default_scenario import bundle_for

    loaded = load_persona(target)
    return loaded.model.id, lambda seed: Session(bundle_for(loaded.model, loaded.source.path, seed or 1))


def _run(args: argparse.Namespace) -> int:
    from simulator.authoring.explore import explore, random_calls
    from simulator.authoring.progress import Progress

    label, make = make_session_factory(args.target)
    if args.draws:
        return _draws(label, make, args)
    if args.random:
        bar = Progress(f"{label}: random calls", total=args.random)
        r = random_calls(make, args.random, seed=args.seed or 1, progress=bar)
        bar.close()
        if args.json:
            print(json.dumps(r.to_json(), ensure_ascii=False, indent=2))
            return 0
        print(f"{label}: {r.calls} random calls, {r.passed} passed ({100 * r.passed / r.calls:.0f}%)")
        print("outcomes: " + ", ".join(f"{k} {v}" for k, v in r.outcomes.most_common()))
        print("states (calls reaching them):")
        for s, n in sorted(r.states.items(), key=lambda x: -x[1]):
            print(f"  {n:6d}  {s}")
        print("replies (times chosen):")
        for (s, rid), n in sorted(r.replies.items(), key=lambda x: -x[1]):
            print(f"  {n:6d}  {s} / {rid}")
        print("scores:")
        top = max(r.scores.values())
        for score, n in sorted(r.scores.items()):
            print(f"  {score:3d} {'#' * max(1, round(40 * n / top))} {n}")
        return 0
    session = make(args.seed)
    bar = Progress(f"{label}: situations")
    e = explore(session, budget=args.budget, progress=bar, exact=args.exact)
    bar.close()
    if args.json:
        print(json.dumps(e.to_json(), ensure_ascii=False, indent=2))
        return 0

    def line(x) -> str:
        if x is None:
            return "none"
        verdict = "PASS" if x.passed else "fail"
        return f"{x.score} {verdict} ({x.outcome}, {len(x.replies)} turns): {' > '.join(x.replies) or '(opening)'}"

    done = "complete" if e.complete else f"STOPPED at the budget of {args.budget:,}"
    print(f"{label}: {e.situations:,} situations ({done}), seed {session.seed}")
    print(f"highest:        {line(e.best)}")
    print(f"lowest:         {line(e.worst)}")
    print(f"shortest pass:  {line(e.shortest_pass)}")
    print("endings (shortest line to each):")
    for st in session.persona.states:
        if st.ending is not None:
            x = e.endings.get(st.id)
            print(f"  {st.id} [{st.ending.outcome.value}]: {line(x) if x else 'NEVER REACHED'}")
    for outcome in ("turn_limit", "stuck"):
        if e.outcomes.get(outcome):
            print(f"  ({outcome}: {e.outcomes[outcome]} situation(s) end this way)")
    print("coverage (situations per state):")
    for st in session.persona.states:
        n = e.coverage.get(st.id, 0)
        print(f"  {n:7,}  {st.id}{'  <- never reached' if n == 0 else ''}")
    return 0


def _draws(label: str, make, args: argparse.Namespace) -> int:
    from simulator.authoring.draws import in_band, survey
    from simulator.authoring.progress import Progress

    bar = Progress(f"{label}: draws", total=args.draws)
    sv = survey(label, make, args.draws, first=args.seed or 1, progress=bar)
    bar.close()
    if args.json:
        print(json.dumps(sv.to_json(), ensure_ascii=False, indent=2))
        return 0
    winnable = sum(d.winnable for d in sv.draws)
    print(f"{label}: {len(sv.draws)} draws, {winnable} winnable, "
          f"{len(sv.winning_lines)} distinct winning lines")
    print(f"memorised: the first winning line passes {100 * sv.memorised:.0f}% of the other draws")
    if not sv.coverage:
        print("facets: none (every draw is the same debtor but for its starting values)")
    for facet, values in sv.coverage.items():
        print(f"facet {facet}:")
        for value, (n, won) in values.items():
            note = "  <- never drawn" if n == 0 else ("  <- NOT WINNABLE" if won < n else "")
            print(f"  {n:4d} draws, {won:4d} winnable  {value}{note}")
    band = {d.seed for d in in_band(sv.draws)}
    print("draws (seed, difficulty, in the assessment band, shortest pass):")
    for d in sv.draws:
        diff = "unwinnable" if not d.winnable else f"{d.difficulty:5.1f}"
        mark = "*" if d.seed in band else " "
        print(f"  {d.seed:4d} {diff} {mark} {' > '.join(d.line) if d.line else '-'}")
    return 0
