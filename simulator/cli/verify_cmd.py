"""Check every stored result: signed by the assessor's key, unchanged, in the candidate's
unbroken chain of attempts, on the files its sitting set; and, with the assessor's witness
log, that nothing signed has been deleted or rolled back.

Needs only the public key (`--public-key`, as printed by `collectsim key public`); by
default the local assessor key's. Exit status 0 when every record checks out, 1 otherwise.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from .common import guarded

EPILOG = """\
examples:
  collectsim verify
  collectsim verify --public-key assessor.pub --db postgresql://auditor@db.example/collectsim
  collectsim verify --public-key assessor.pub --witness assessor.witness.jsonl
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="URL", help="results db (default: $COLLECTSIM_DB or a local SQLite file)")
    add_key_arguments(p)


def add_key_arguments(p: argparse.ArgumentParser) -> None:
    """--public-key and --witness: shared with report, export and gradebook."""
    p.add_argument("--public-key", metavar="FILE", type=Path,
                   help="the assessor's public key (default: the local assessor key's public half)")
    p.add_argument("--witness", metavar="FILE", type=Path,
                   help="the assessor's witness log (default: beside the local key, if there)")


def audit_for(store, args: argparse.Namespace, attempts=None):
    """The audit of `store` with the key and witness the arguments name."""
    from simulator.store.audit import audit_with

    return audit_with(store, getattr(args, "public_key", None), getattr(args, "witness", None), attempts)


def run(args: argparse.Namespace) -> int:
    return guarded(lambda: _run(args))  # type: ignore[return-value]


def _run(args: argparse.Namespace) -> int:
    from simulator.core.safetext import shown
    from simulator.store import open_store

    store = open_store(args.db)
    rows = store.attempts()
    result = audit_for(store, args, rows)
    store.close()
    by_id = {a.id: a for a in rows}
    problems = result.problems
    for aid, reasons in sorted(result.why.items()):
        if result.status.get(aid) in ("changed", "unsigned"):
            a = by_id[aid]
            print(f"attempt {aid}: {shown(a.candidate)} / {shown(a.scenario)} ({shown(a.started_at[:16])}): "
                  f"{result.status[aid].upper()}: {'; '.join(reasons)}")
    for f in result.findings:
        print(f)
    counts: dict[str, int] = {}
    for s in result.status.values():
        counts[s] = counts.get(s, 0) + 1
    summary = ", ".join(f"{n} {s}" for s, n in sorted(counts.items()))
    print(f"{len(rows)} records checked ({summary or 'none'}); "
          f"{'witness log checked' if result.witnessed else 'no witness log: deletions cannot be seen'}; "
          f"{len(problems)} problems")
    return 1 if problems else 0
