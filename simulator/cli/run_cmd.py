"""Play one whole call without the TUI, with a scripted officer, and print the score report.

SCENARIO is a bundled scenario id (see `collectsim list`) or a path to a scenario file.
The call is seeded: the same scenario, seed and choices always give the same call.
"""

from __future__ import annotations

import argparse
import json

from simulator.core.langs import LANGS

from .common import err, guarded

EPILOG = """\
policies:
  expert   the best line the persona allows (searched; never a mistake or a red line)
  novice   the classic beginner's mistakes: 'is this a good time?', 'when can you pay?'...
  random   uniform choice among the replies on offer
  --script FILE  a text file with one reply id per line

examples:
  collectsim run first-call-zhang --policy expert --seed 1
  collectsim run first-call-zhang --policy novice --json
  collectsim run scenarios/my-call.yaml --script line.txt --transcript call.jsonl
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("scenario", metavar="SCENARIO", help="scenario id or path")
    p.add_argument("--seed", type=int, default=None, help="seed (default: the scenario's)")
    p.add_argument("--lang", choices=LANGS, default=None, help="language of the lines")
    who = p.add_mutually_exclusive_group()
    who.add_argument("--policy", choices=["expert", "novice", "random"], default="expert")
    who.add_argument("--script", metavar="FILE", help="reply ids, one per line")
    p.add_argument("--transcript", metavar="OUT.jsonl", help="write the transcript here")
    p.add_argument("--json", action="store_true", help="print the score report as JSON")
    p.add_argument("--quiet", "-q", action="store_true", help="print the score only")
    p.add_argument("--record", action="store_true", help="store the result in the results db as practice")
    p.add_argument("--candidate", metavar="NAME", help="whose result this is (with --record)")
    p.add_argument("--db", metavar="URL", help="results db (default: $COLLECTSIM_DB or a local SQLite file)")


def run(args: argparse.Namespace) -> int:
    return guarded(lambda: _run(args))  # type: ignore[return-value]


def _run(args: argparse.Namespace) -> int:
    from simulator.core.transcript import write_transcript
    from simulator.engine import new_session
    from simulator.engine.policies import make_policy, play, read_script, scripted
    from simulator.engine.session import UnknownReply

    if args.record and not args.candidate:
        err("--record needs --candidate NAME")
        return 2
    session = new_session(args.scenario, seed=args.seed, lang=args.lang)
    if args.script:
        try:
            policy = scripted(read_script(args.script))
        except OSError as exc:
            err(f"{args.script}: cannot read: {exc.strerror}")
            return 1
    else:
        policy = make_policy(args.policy, session.seed)
    try:
        play(session, policy)
    except (UnknownReply, ValueError) as exc:
        err(f"{args.script or args.policy}: turn {len(session.turns) + 1}: {exc}")
        return 1
    if args.transcript:
        write_transcript(args.transcript, session.records())
    report = session.report()
    if args.record:
        from simulator.store import open_store

        store = open_store(args.db)
        aid = store.record(args.candidate, session.records(), report.model_dump(mode="json"))
        store.close()
        from simulator.core.safetext import shown

        err(f"recorded practice attempt {aid} for {shown(args.candidate)} (practice is never counted "
            "as an assessment result: see `collectsim sitting`)")
    if args.json:
        print(json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2))
    elif args.quiet:
        print(f"{report.total} {'PASS' if report.passed else 'FAIL'}")
    else:
        print(f"[debtor] {session.opening.line}")
        from scoring.messages import rung, say

        for t in session.turns:
            p = "" if t.pressure is None else f" (pressure: {say(rung(t.pressure), session.lang)})"
            print(f"[{t.n:2d} officer]{p} {t.officer_line}")
            print(f"[{t.n:2d} debtor] {t.debtor_line}")
        print(f"-- call ended: {session.outcome.value if session.outcome else '?'}\n")
        print(report.summary())
    return 0
