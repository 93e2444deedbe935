"""Run a graded assessment at the assessor's own terminal, line by line: a one-candidate
sitting of the listed scenarios, set and sat at once (for candidates sitting elsewhere, set
a sitting with `collectsim sitting create` and let them `collectsim sit`).

Assessment mode: the seed the sitting drew (recorded), the case file shown, no live
checklist or mood, no undo, an optional time limit per reply. Each turn is committed to the
results db as it is played, so after a crash `collectsim assess --resume --candidate NAME`
picks up at the very turn it stopped. Results are signed with the assessor's key.
"""

from __future__ import annotations

import argparse

from simulator.core.langs import LANGS

from .common import err, guarded

EPILOG = """\
examples:
  collectsim assess first-call-zhang --candidate "Li Wei"
  collectsim assess first-call-zhang --candidate "Li Wei" --db postgresql://host/collectsim
  collectsim assess --resume --candidate "Li Wei"
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("scenarios", nargs="*", metavar="SCENARIO", help="scenario ids or paths")
    p.add_argument("--candidate", required=True, metavar="NAME")
    p.add_argument("--db", metavar="URL", help="results db (default: $COLLECTSIM_DB or a local SQLite file)")
    p.add_argument("--resume", action="store_true", help="continue the candidate's unfinished sitting")
    p.add_argument("--time-limit", type=int, metavar="SECONDS",
                   help="seconds per reply (default: the scenario's assessment.reply_time_limit)")
    p.add_argument("--lang", choices=LANGS, default=None)


def run(args: argparse.Namespace) -> int:
    return guarded(lambda: _run(args))  # type: ignore[return-value]


def _run(args: argparse.Namespace) -> int:
    import datetime as dt

    from simulator.core.safetext import shown
    from simulator.store import keys, open_store
    from simulator.store.sitting import open_claim

    from .sit_cmd import LineReader, play_parts
    from .sitting_cmd import sitting_entries

    name = args.candidate.strip()
    if not name:
        err("--candidate needs a name")
        return 2
    keys.create_key()
    store = open_store(args.db)
    if args.resume:
        open_ = [a for a in store.attempts(candidate=name, status="in_progress") if a.code_hash]
        if not open_:
            err(f"no unfinished assessment for {shown(name)}")
            return 1
        code, hashed = max(open_, key=lambda a: a.id).code_hash, True
    else:
        if not args.scenarios:
            err("name at least one SCENARIO (or --resume)")
            return 2
        t = dt.datetime.now(dt.UTC)
        _, codes = store.create_sitting(
            f"assess {name} {t:%Y-%m-%d %H:%M}", [name], sitting_entries(args.scenarios),
            1, t.isoformat(timespec="microseconds"), (t + dt.timedelta(days=7)).isoformat(timespec="microseconds"),
            args.time_limit)
        code, hashed = codes[0][2], False
    claim, parts = open_claim(store, store.claim(code, hashed=hashed), args.lang)
    rc = play_parts(store, claim.sitting, parts, LineReader())
    store.close()
    return rc
