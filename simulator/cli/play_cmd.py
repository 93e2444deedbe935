"""Practise a collection call in the full-screen terminal UI.

Without SCENARIO a picker lists the bundled and your own scenarios. Every turn is saved as it
happens under the user data folder (sessions/); `--resume` picks up the last unfinished call
at the same turn. `--plain` runs the same call line by line (numbered replies, typed choice)
for screen readers, slow links and logs."""

from __future__ import annotations

import argparse

from .common import guarded

EPILOG = """\
examples:
  collectsim play first-call-zhang             the worked call of the domain notes
  collectsim play first-call-zhang --lang zh   in Chinese
  collectsim play                              pick a scenario
  collectsim play --resume                     continue the call you left
  collectsim play first-call-zhang --plain     line by line, no full screen
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("scenario", nargs="?", default=None, metavar="SCENARIO",
                   help="scenario id or path (default: choose from a list)")
    p.add_argument("--seed", type=int, default=None)
    p.add_argument("--lang", choices=["en", "zh"], default=None)
    p.add_argument("--plain", action="store_true", help="line-by-line mode (no full-screen UI)")
    p.add_argument("--resume", nargs="?", const="latest", default=None, metavar="JOURNAL",
                   help="continue an unfinished call (the latest, or the journal file given)")


def run(args: argparse.Namespace) -> int:
    return guarded(lambda: _run(args))  # type: ignore[return-value]


def _resume_path(args: argparse.Namespace):
    if args.resume is None:
        return None
    from pathlib import Path

    from simulator.engine.resume import latest_unfinished

    if args.resume != "latest":
        return Path(args.resume)
    path = latest_unfinished()
    if path is None:
        raise SystemExit("collectsim play: no unfinished call to resume")
    return path


def _run(args: argparse.Namespace) -> int:
    resume = _resume_path(args)
    if args.plain:
        return _plain(args, resume)
    preview = None
    if args.scenario and resume is None:
        import gc

        # No cyclic GC while starting (a full collection over Textual, the models and the
        # engine took ~17 ms); the app freezes what start-up built and turns it back on
        # once the call is loaded (CollectApp.startup_done).
        gc.disable()
        from simulator.tui import firstframe

        # The opening screen as last shown, if its files are unchanged: drawn at once, with
        # the engine loaded just after (startup time, issue 3).
        preview = firstframe.load(args.scenario, args.seed, args.lang)
        if preview is None:
            from simulator.core.library import load_scenario

            load_scenario(args.scenario)  # bad content: a clean error before the screen opens
    from simulator.tui.app import create_app

    create_app(args.scenario, seed=args.seed, lang=args.lang, resume=resume, preview=preview).run()
    return 0


def _plain(args: argparse.Namespace, resume) -> int:
    from simulator.core.text import render
    from simulator.engine.resume import JournaledCall

    if resume is not None:
        call = JournaledCall.resume(resume)
    else:
        call = JournaledCall.start(args.scenario or "first-call-zhang", seed=args.seed, lang=args.lang)
    s = call.session
    print(f"debtor: {s.opening.line}")
    for t in s.turns:
        print(f"you: {t.officer_line}\ndebtor: {t.debtor_line}")
    while not s.ended:
        menu = s.offered()
        for i, r in enumerate(menu, 1):
            print(f"  {i}. {render(r.text, s.lang)}")
        try:
            raw = input("your reply (number, q to hang up)> ").strip()
        except EOFError:
            raw = "q"
        if raw.lower() == "q":
            call.end()
            break
        if not raw.isdigit() or not 1 <= int(raw) <= len(menu):
            print(f"type a number from 1 to {len(menu)}")
            continue
        t = call.choose(menu[int(raw) - 1].id)
        print(f"debtor: {t.debtor_line}")
    print()
    print(s.report().summary())
    return 0
