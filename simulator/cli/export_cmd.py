"""Send assessment results to a Learning Record Store as xAPI statements (the same ones
`collectsim report --format xapi` prints): attempted, completed and passed/failed for each
counted attempt. Records that do not check out against the assessor's key are not sent."""

from __future__ import annotations

import argparse
import os

from .common import err, guarded

EPILOG = """\
examples:
  collectsim export --lrs https://lrs.example.org/xAPI --auth-env LRS_AUTH
  LRS_AUTH=user:secret collectsim export --lrs http://127.0.0.1:8100/xAPI --auth-env LRS_AUTH
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    from .report_cmd import add_filters
    from .verify_cmd import add_key_arguments

    add_filters(p)
    add_key_arguments(p)
    p.add_argument("--lrs", required=True, metavar="URL", help="the LRS's xAPI endpoint")
    p.add_argument("--auth-env", metavar="VAR", default="COLLECTSIM_LRS_AUTH",
                   help="environment variable holding user:password (default COLLECTSIM_LRS_AUTH)")
    p.add_argument("--home-page", default=None, metavar="URL",
                   help="the homePage of candidates' accounts and of activity ids")


def run(args: argparse.Namespace) -> int:
    return guarded(lambda: _run(args))  # type: ignore[return-value]


def _run(args: argparse.Namespace) -> int:
    from simulator.store.xapi import DEFAULT_HOME, LrsError, post, statements

    from .report_cmd import load

    store, rows, result = load(args)
    store.close()
    counted = [a for a in rows if a.mode == "assessment" and a.status == "finished"]
    skipped = [a for a in counted if not result.counts(a)]
    batch = [st for a in counted if result.counts(a)
             for st in statements(a, store.store_id, args.home_page or DEFAULT_HOME)]
    for a in skipped:
        err(f"not sent: attempt {a.id} ({a.candidate} / {a.scenario}): {result.status.get(a.id)}")
    if not batch:
        err("nothing to send")
        return 1 if skipped else 0
    try:
        ids = post(args.lrs, batch, os.environ.get(args.auth_env))
    except LrsError as exc:
        err(str(exc))
        return 1
    print(f"{len(batch)} statements sent for {len(counted) - len(skipped)} attempts, {len(ids)} newly "
          "stored (the rest the LRS already had: ids are the same on every export)"
          + (f"; {len(skipped)} records not sent" if skipped else ""))
    return 1 if skipped else 0
