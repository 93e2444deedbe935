"""Practise a collection call in the full-screen terminal UI.

Without SCENARIO a picker lists the bundled and your own scenarios. Every turn is saved as it
happens under the user data folder (sessions/); `--resume` picks up the last unfinished call
at the same turn. `--plain` runs the same call line by line (numbered replies, typed choice)
for screen readers, slow links and logs.

`--watch` is for trainers writing a persona: play it here, edit the YAML in another window,
and each save reloads the persona, scenario, rubric and profile in place. The call is
rebuilt with the same seed and your replies so far are replayed: if they all still play,
you stay at the same turn with the new text and effects; if one was removed or is no longer
offered, the call goes back to the turn before it and a notice names that turn and reply.
A save with errors is shown (file:line:col: field: message) and the last good version
keeps playing. Practice scenarios only (an assessment is refused). With --resume it fits
the unfinished call to the files as they are now. The journal always holds the call as
last reloaded (new file hashes, replayed turns), so `--resume` picks it up. With --plain
the files are checked each time you press Enter."""

from __future__ import annotations

import argparse

from simulator.core.langs import LANGS

from .common import guarded

EPILOG = """\
examples:
  collectsim play first-call-zhang             the worked call of the domain notes
  collectsim play first-call-zhang --lang zh   in Chinese
  collectsim play                              pick a scenario
  collectsim play --resume                     continue the call you left
  collectsim play first-call-zhang --plain     line by line, no full screen
  collectsim play my/scenario.yaml --watch     reload while you edit its persona
  collectsim play --resume --watch             go on with that call on the edited files
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("scenario", nargs="?", default=None, metavar="SCENARIO",
                   help="scenario id or path (default: choose from a list)")
    p.add_argument("--seed", type=int, default=None)
    p.add_argument("--lang", choices=LANGS, default=None)
    p.add_argument("--plain", action="store_true", help="line-by-line mode (no full-screen UI)")
    p.add_argument("--resume", nargs="?", const="latest", default=None, metavar="JOURNAL",
                   help="continue an unfinished call (the latest, or the journal file given)")
    p.add_argument("--watch", action="store_true",
                   help="practice only: reload the persona/scenario files when saved, keep the call's place")


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
    if args.watch:
        _check_watchable(args, resume)
    if args.plain:
        return _plain(args, resume)
    preview = None
    if args.watch:  # its files were loaded (and checked) by _check_watchable
        from simulator.tui.watch import create_watch_app

        create_watch_app(args.scenario, seed=args.seed, lang=args.lang, resume=resume).run()
        return 0
    if args.scenario and resume is None:
        from simulator.tui import firstframe, speed

        speed.starting()  # see simulator/tui/speed.py, 1.

        # The opening screen as last shown, if its files are unchanged: drawn at once, with
        # the engine loaded just after (startup time, issue 3).
        preview = firstframe.load(args.scenario, args.seed, args.lang)
        if preview is None:  # a first launch: computed meanwhile on another core (speed.py, 5.)
            receive = speed.opening_elsewhere(args.scenario, args.seed, args.lang)
            import simulator.tui.app  # noqa: F401 - Textual and the app, imported meanwhile

            preview = receive()
        if preview is None:
            from simulator.engine.bundle import load_scenario

            load_scenario(args.scenario)  # bad content: a clean error before the screen opens
    from simulator.tui.app import create_app

    create_app(args.scenario, seed=args.seed, lang=args.lang, resume=resume, preview=preview).run()
    return 0


def _check_watchable(args: argparse.Namespace, resume) -> None:
    """--watch reloads practice calls only: an assessment is played on fixed files."""
    from simulator.engine.bundle import load_scenario

    if resume is not None:  # also: content errors print cleanly before the screen opens
        from simulator.core.transcript import read_transcript

        mode = load_scenario(read_transcript(resume).header.ref).scenario.mode
    elif args.scenario:
        mode = load_scenario(args.scenario).scenario.mode
    else:
        return  # the picker: checked when a call opens
    if mode != "practice":
        raise SystemExit("collectsim play: --watch reloads practice calls only; this scenario "
                         "is an assessment (play it without --watch, or use `collectsim assess`)")


def _plain(args: argparse.Namespace, resume) -> int:
    from simulator.engine.resume import JournaledCall

    watcher = None
    if args.watch:
        from simulator.engine.reload import FileWatch, resume_prefix, watched_paths

        watcher = FileWatch(settle=0)  # checked on Enter: the save is long finished by then
    if resume is not None and watcher is not None:
        call, fitted = resume_prefix(resume)
        if fitted.broken is not None:
            print(f"-- {fitted.message()}")
    elif resume is not None:
        call = JournaledCall.resume(resume)
    else:
        call = JournaledCall.start(args.scenario or "first-call-zhang", seed=args.seed, lang=args.lang)
    s = call.session
    if watcher is not None:
        watcher.track(watched_paths(s))
    print(f"debtor: {s.opening.line}")
    for t in s.turns:
        print(f"you: {t.officer_line}\ndebtor: {t.debtor_line}")
    prompt = "your reply (number, q to hang up" + (", Enter to reload" if watcher else "") + ")> "
    while not s.ended:
        menu = s.offered()
        for i, r in enumerate(menu, 1):
            print(f"  {i}. {s.say(r)}")
        try:
            raw = input(prompt).strip()
        except EOFError:  # a closed pipe or a dropped ssh: the trainee did not hang up
            print(f"\n-- input closed; the call is saved at turn {len(s.turns) + 1}: "
                  "`collectsim play --resume` takes it up again", flush=True)
            return 3
        if watcher is not None:
            reloaded = _plain_reload(call, watcher)
            if reloaded is not None:
                call, s = reloaded, reloaded.session
                if raw and raw.lower() != "q":
                    print("(not played: the replies may have changed; choose again)")
                continue
            if not raw:
                continue
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


def _plain_reload(call, watcher):
    """Between turns: reload if a watched file was saved. The new call, or None."""
    from simulator.engine.reload import ReloadError, reload_call, watched_paths

    watcher.track(watched_paths(call.session))
    changed = watcher.poll()
    if not changed:
        return None
    try:
        new, result = reload_call(call, changed)
    except ReloadError as exc:
        print("-- save not loaded; still playing the last version that loaded:")
        for problem in exc.problems:
            print(f"   {problem}")
        return None
    print(f"-- {result.message()}")
    s = new.session
    print(f"debtor: {s.turns[-1].debtor_line if s.turns else s.opening.line}")
    return new
