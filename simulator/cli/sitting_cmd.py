"""Set an assessment sitting: who sits it, which scenarios, how many attempts, and when.

Prints one one-time code per candidate per attempt (shown once: only their hashes are kept).
A candidate types the code into `collectsim sit` (over ssh or in the browser), which runs
under the assessor's account and signs the results with the assessor's key; the sitting
itself, its codes and the scenario files' sha256 are signed here, all in one commit.
Each code draws its own debtor (a seed among the scenario's draws of middling difficulty),
so candidates meet debtors of equal difficulty but cannot share one winning line.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from .common import err, guarded

EPILOG = """\
examples:
  collectsim sitting create --name "May intake" --candidate "Li Wei" --candidate "Ana Ruiz" \\
      --scenario first-call-zhang --scenario hostile-day20 --attempts 2 --hours 48
  collectsim sitting create --name retake --candidates names.txt --scenario exam.yaml \\
      --opens 2026-12-01T09:00 --closes 2026-12-01T12:00 --time-limit 45
  collectsim sitting list
  collectsim sitting close 5295e061c30b486bbede8d89040ecc4f
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    c = sub.add_parser("create", help="set a sitting and print its one-time codes",
                       description="Set a sitting and print one one-time code per candidate per attempt. "
                       "Each code draws its own debtor for each scenario, among the draws of middling "
                       "difficulty (rated here: a few seconds per scenario), so candidates meet debtors "
                       "of equal difficulty but cannot pass on one winning line.")
    c.add_argument("--name", required=True, help="what the sitting is called in reports")
    c.add_argument("--candidate", action="append", default=[], metavar="NAME",
                   help="a candidate, by name as reports show it (repeat; or --candidates FILE)")
    c.add_argument("--candidates", metavar="FILE", help="one candidate name per line")
    c.add_argument("--scenario", action="append", default=[], metavar="SCENARIO", required=True,
                   help="scenario id or path, in the order they are sat (repeat)")
    c.add_argument("--attempts", type=int, default=1, help="attempts allowed per candidate (default 1)")
    c.add_argument("--opens", metavar="WHEN", help="UTC date-time the codes start to work (default: now)")
    c.add_argument("--closes", metavar="WHEN", help="UTC date-time they stop (default: --hours after opening)")
    c.add_argument("--hours", type=float, default=24.0, help="length of the window (default 24)")
    c.add_argument("--time-limit", type=int, metavar="SECONDS", help="seconds per reply (default: the scenario's)")
    c.add_argument("--db", metavar="URL", help="results db (default: $COLLECTSIM_DB or a local SQLite file)")
    ls = sub.add_parser("list", help="the sittings in the store")
    ls.add_argument("--db", metavar="URL")
    cl = sub.add_parser("close", help="close a sitting: no code opens anything any more, and its "
                                      "attempts are sealed so anyone with the public key sees a deletion")
    cl.add_argument("sitting", metavar="ID")
    cl.add_argument("--db", metavar="URL")


def run(args: argparse.Namespace) -> int:
    return guarded(lambda: _run(args))  # type: ignore[return-value]


def _when(text: str | None, default: dt.datetime) -> str:
    if not text:
        return default.isoformat(timespec="microseconds")
    t = dt.datetime.fromisoformat(text)
    if t.tzinfo is None:
        t = t.replace(tzinfo=dt.UTC)
    return t.astimezone(dt.UTC).isoformat(timespec="microseconds")


def _run(args: argparse.Namespace) -> int:
    import json

    from simulator.store import keys, open_store
    from simulator.store.db import StoreError

    if args.action == "list":
        store = open_store(args.db)
        for s in store.sittings():
            spec = json.loads(s.spec)
            print(f"{s.id}  {s.name}  {spec['opens_at'][:16]} .. {spec['closes_at'][:16]}  "
                  f"{len(spec['candidates'])} candidates  {', '.join(x['id'] for x in spec['scenarios'])}"
                  + ("  closed" if s.seal else ""))
        return 0
    if args.action == "close":
        store = open_store(args.db)
        seal = store.close_sitting(args.sitting)
        held = seal["attempts"].values()
        print(f"sitting {args.sitting} closed: {len(held)} attempts sealed, "
              f"{sum(h['result'] is not None for h in held)} of them finished")
        return 0
    names = list(args.candidate)
    if args.candidates:
        with open(args.candidates, encoding="utf-8") as fh:
            names += [line.strip() for line in fh if line.strip()]
    if not names:
        err("name the candidates (--candidate NAME, or --candidates FILE)")
        return 2
    if any(not n.strip() for n in names):
        err("a candidate name cannot be empty")
        return 2
    path, made = keys.create_key()
    if made:
        err(f"made the assessor key {path} (public half: {keys.public_path(path)})")
    opens = _when(args.opens, dt.datetime.now(dt.UTC))
    closes = _when(args.closes, dt.datetime.fromisoformat(opens) + dt.timedelta(hours=args.hours))
    if closes <= opens:
        err("the sitting must close after it opens")
        return 2
    scenarios = sitting_entries(args.scenario)
    store = open_store(args.db)
    try:
        sid, codes = store.create_sitting(args.name, names, scenarios, args.attempts, opens, closes,
                                          args.time_limit)
    except StoreError as exc:
        err(str(exc))
        return 2
    finally:
        store.close()
    print(f"sitting {sid}: {args.name}, open {opens[:16]} to {closes[:16]} UTC")
    print("candidate\tattempt\tcode")
    for cand, slot, code in codes:
        print(f"{cand}\t{slot}\t{code}")
    return 0


def sitting_entries(refs: list[str]) -> list[dict]:
    """Each scenario as a sitting names it, with the seeds of middling difficulty that each
    code's debtor is drawn from (rating them plays the scenario: a few seconds each)."""
    from simulator.authoring.draws import POOL, seed_band
    from simulator.engine.bundle import load_scenario
    from simulator.store.sitting import scenario_entry

    out = []
    for ref in refs:
        bundle = load_scenario(ref)
        label = bundle.scenario.id

        def progress(k: int, label: str = label) -> None:
            print(f"\rrating the debtors {label} can draw: {k}/{POOL}", end="", file=sys.stderr, flush=True)

        seeds = seed_band(bundle, progress=progress if sys.stderr.isatty() else None)
        if sys.stderr.isatty():
            print(file=sys.stderr)
        out.append(scenario_entry(ref, seeds))
    return out
