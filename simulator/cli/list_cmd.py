"""List the scenarios and personas you can use: bundled ones and your own.

Your own files go in the user data folder (shown below) or in folders named by the
COLLECTSIM_PATH environment variable, each with personas/ and scenarios/ inside.
"""

from __future__ import annotations

import argparse

from simulator.core.langs import LANGS


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", choices=LANGS, default="en")


def run(args: argparse.Namespace) -> int:
    from simulator.core.errors import ContentError
    from simulator.core.library import list_files, load_translated, user_data_dir
    from simulator.core.persona import Persona
    from simulator.core.scenario import Scenario, overdue_bucket
    from simulator.core.text import render

    print("Scenarios")
    for origin, path in list_files("scenarios"):
        try:
            s = load_translated(Scenario, path)
            days = s.case.loan.days_overdue
            print(f"  {s.id:32s} {origin:7s} day {days:<3d} {overdue_bucket(days):3s} "
                  f"{s.mode:10s} {render(s.title, args.lang)}")
        except ContentError as exc:
            print(f"  {path.stem:32s} {origin:7s} INVALID: {exc.problems[0]}")
    print("\nPersonas")
    for origin, path in list_files("personas"):
        try:
            p = load_translated(Persona, path)
            print(f"  {p.id:32s} {origin:7s} {p.archetype.value:15s} class {p.debtor_class}  "
                  f"{len(p.states):2d} states  {render(p.name, args.lang)}")
        except ContentError as exc:
            print(f"  {path.stem:32s} {origin:7s} INVALID: {exc.problems[0]}")
    print(f"\nYour own files: {user_data_dir()}/personas and /scenarios")
    return 0
