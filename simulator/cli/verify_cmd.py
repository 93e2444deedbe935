"""Check every stored result against its signature; list those that no longer match.

Exit status 0 when every finished record is intact, 1 when any was changed after signing.
"""

from __future__ import annotations

import argparse

EPILOG = """\
examples:
  collectsim verify
  collectsim verify --db postgresql://trainer@db.example/collectsim
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="URL", help="results db (default: $COLLECTSIM_DB or a local SQLite file)")


def run(args: argparse.Namespace) -> int:
    from simulator.core.safetext import shown
    from simulator.store import open_store

    store = open_store(args.db)
    bad = list(store.tampered())
    n = len(store.attempts())
    store.close()
    for a, why in bad:
        print(f"attempt {a.id}: {shown(a.candidate)} / {shown(a.scenario)} ({shown(a.started_at)}): {why}")
    print(f"{n} records checked, {len(bad)} do not match their signature")
    return 1 if bad else 0
