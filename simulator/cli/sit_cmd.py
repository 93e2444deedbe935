"""Sit an assessment: type the one-time code the assessor gave you, then take the calls.

Meant to run under the assessor's account, never the candidate's: as the forced command of
an ssh key (README "Assessments") or as the app of `collectsim serve`'s assessment tab.
It takes no per-candidate arguments: the code, asked for inside, says who and what. The
full call screen in assessment mode shows the case file, no checklist or mood, and a
countdown when replies are timed; `--plain` runs it line by line (screen readers).
A call cut off (closed terminal, lost connection) is taken up again with the same code.
"""

from __future__ import annotations

import argparse
import os
import select
import sys

from .common import guarded

EPILOG = """\
examples:
  collectsim sit                      asks for the code, then the full-screen call
  collectsim sit --plain              the same, line by line
  ssh exam@host                       with `command="collectsim sit"` in authorized_keys
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="URL", help="results db (default: $COLLECTSIM_DB or a local SQLite file)")
    p.add_argument("--plain", action="store_true", help="line by line instead of full screen")
    p.add_argument("--lang", choices=["en", "zh"], default=None)


def run(args: argparse.Namespace) -> int:
    if not args.plain:
        from simulator.tui.sit_app import create_sit_app

        app = create_sit_app(db=args.db, lang=args.lang)
        app.run()
        return int(app.return_code or 0)
    return guarded(lambda: _plain(args))  # type: ignore[return-value]


def _plain(args: argparse.Namespace) -> int:
    from simulator.store import open_store
    from simulator.store.sitting import open_sitting

    reader = LineReader()
    print("one-time code> ", end="", flush=True)
    code = reader.readline(None) or ""
    store = open_store(args.db)
    claim, parts = open_sitting(store, code.strip(), args.lang)
    print(f"-- {claim.candidate}: {claim.sitting['name']}", flush=True)
    return play_parts(store, claim.sitting, parts, reader)


class LineReader:
    """Reads stdin lines straight from the fd, so a time limit (select) sees typed-ahead input."""

    def __init__(self, fd: int = 0):
        self.fd = fd
        self.buf = b""

    def readline(self, timeout: float | None) -> str | None:
        """A line, '' at end of input, None when the time ran out."""
        while b"\n" not in self.buf:
            if timeout is not None:
                ready, _, _ = select.select([self.fd], [], [], timeout)
                if not ready:
                    return None
            chunk = os.read(self.fd, 4096)
            if not chunk:
                line, self.buf = self.buf, b""
                return line.decode(errors="replace")
            self.buf += chunk
        line, _, self.buf = self.buf.partition(b"\n")
        return line.decode(errors="replace") + "\n"


def play_parts(store, spec: dict, parts: list, reader: LineReader) -> int:
    """Every unfinished part of the sitting, in order, line by line."""
    code = 0
    for part in parts:
        if part.finished:
            continue
        s = part.session
        print(f"== {s.scenario.id} (assessment, seed {s.seed})", flush=True)
        print(case_text(s), flush=True)
        if part.resumed_at:
            print(f"-- resuming at turn {part.resumed_at + 1}", flush=True)
        code = max(code, _play(store, spec, part, reader))
        if not part.finished:
            return code
    return code


def case_text(session) -> str:
    """The case file, as the call screen shows it, in plain lines."""
    from simulator.tui.view import case_rows

    return "\n".join("  " + "".join(text for text, _ in row)
                     for row in case_rows(session.scenario, session.lang))


def _play(store, spec: dict, part, reader: LineReader) -> int:
    from simulator.core.persona import Outcome
    from simulator.store.sitting import finish, time_limit

    session = part.session
    limit = time_limit(spec, session)
    last = session.turns[-1].debtor_line if session.turns else session.opening.line
    print(f"debtor: {last}", flush=True)
    while not session.ended:
        menu = session.offered()
        for i, r in enumerate(menu, 1):
            print(f"  {i}. {session.say(r)}")
        timed = f" ({limit} s)" if limit else ""
        print(f"turn {len(session.turns) + 1}{timed}, your reply (number)> ", end="", flush=True)
        raw = reader.readline(limit)
        if raw is None:
            print(f"\n-- no reply in {limit} s: the debtor hangs up", flush=True)
            session.end_call(Outcome.HANG_UP)
            break
        if raw == "":
            print("\n-- input closed; the assessment stays open: sit again with the same code", flush=True)
            return 3
        raw = raw.strip()
        if not raw.isdigit() or not 1 <= int(raw) <= len(menu):
            print(f"type a number from 1 to {len(menu)}", flush=True)
            continue
        t = session.choose(menu[int(raw) - 1].id)
        store.journal(part.attempt_id, t.to_json())  # committed before the call moves on
        print(f"debtor: {t.debtor_line}", flush=True)
    report = finish(store, part)
    print(f"-- call ended: {session.outcome.value if session.outcome else '?'}; result recorded", flush=True)
    rules = session.scenario.assessment
    if rules is None or rules.show_debrief:
        print(report.summary(), flush=True)
    sys.stdout.flush()
    return 0
