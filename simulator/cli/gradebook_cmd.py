"""Browse the results db in the terminal: the trainer's gradebook.

Candidates x scenarios with each one's latest score, PASS/FAIL and number of attempts (sort
by any column, filter by name); Enter opens the attempt as recorded: rubric items, auto-fail
reasons, seed, times, content hashes, whether its signature still matches, and the
transcript. Tabs for cohort statistics and item analysis.
The same data as `collectsim report` (which prints it as a table, CSV, JSON or HTML)."""

from __future__ import annotations

import argparse

from simulator.core.langs import LANGS

EPILOG = """\
examples:
  collectsim gradebook
  collectsim gradebook --db postgresql://host/collectsim --scenario first-call-zhang
  collectsim gradebook --candidate "Li Wei" --lang zh

keys: ? help · Enter open · / filter · s sort · b c i tabs · [ ] attempts · escape back · q quit
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    from .report_cmd import add_filters
    from .verify_cmd import add_key_arguments

    add_filters(p)
    add_key_arguments(p)
    p.add_argument("--lang", choices=LANGS, default=None, help="language of the screen")


def run(args: argparse.Namespace) -> int:
    from simulator.tui.gradebook_app import create_gradebook_app

    create_gradebook_app(db=args.db, candidate=args.candidate, scenario=args.scenario,
                         lang=args.lang, public_key=args.public_key, witness=args.witness).run()
    return 0
