"""Practise a collection call. (Until the full-screen TUI lands, this runs the call line by
line in the terminal: numbered replies, type a number.)"""

from __future__ import annotations

import argparse

from .common import guarded


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("scenario", nargs="?", default="first-call-zhang", metavar="SCENARIO")
    p.add_argument("--seed", type=int, default=None)
    p.add_argument("--lang", choices=["en", "zh"], default=None)
    p.add_argument("--plain", action="store_true", help="line-by-line mode (no full-screen UI)")


def run(args: argparse.Namespace) -> int:
    return guarded(lambda: _plain(args))  # type: ignore[return-value]


def _plain(args: argparse.Namespace) -> int:
    from simulator.engine import new_session

    s = new_session(args.scenario, seed=args.seed, lang=args.lang)
    print(f"debtor: {s.opening.line}")
    while not s.ended:
        menu = s.offered()
        for i, r in enumerate(menu, 1):
            from simulator.core.text import render

            print(f"  {i}. {render(r.text, s.lang)}")
        try:
            raw = input("your reply (number, q to hang up)> ").strip()
        except EOFError:
            raw = "q"
        if raw.lower() == "q":
            s.end_call()
            break
        if not raw.isdigit() or not 1 <= int(raw) <= len(menu):
            print(f"type a number from 1 to {len(menu)}")
            continue
        t = s.choose(menu[int(raw) - 1].id)
        print(f"debtor: {t.debtor_line}")
    print()
    print(s.report().summary())
    return 0
