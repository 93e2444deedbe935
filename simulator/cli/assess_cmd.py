"""Sit a graded assessment: the listed scenarios in sequence, every turn recorded.

Assessment mode is the same for everyone: the scenario's own seed (recorded), no live
checklist, no mood, no undo, an optional time limit per reply. Each turn is committed to
the results db as it is played, so after a crash or a closed terminal
`collectsim assess --resume --candidate NAME` picks up at the very turn it stopped.
The debrief is shown at the end only where the scenario's `assessment.show_debrief` allows.
"""

from __future__ import annotations

import argparse
import os
import select

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
    p.add_argument("--lang", choices=["en", "zh"], default=None)


def run(args: argparse.Namespace) -> int:
    return guarded(lambda: _run(args))  # type: ignore[return-value]


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


def _run(args: argparse.Namespace) -> int:
    import uuid

    from simulator.engine.session import Session
    from simulator.store import open_store

    store = open_store(args.db)
    if args.resume:
        plan = store.unfinished_sitting(args.candidate)
        if not plan:
            err(f"no unfinished assessment for {args.candidate}")
            return 1
    else:
        if not args.scenarios:
            err("name at least one SCENARIO (or --resume)")
            return 2
        from simulator.engine import new_session

        sitting = uuid.uuid4().hex
        sessions = [new_session(ref, lang=args.lang) for ref in args.scenarios]  # fail early
        ids = [store.start(args.candidate, _header(s), sitting, i) for i, s in enumerate(sessions)]
        plan = [a for a in store.attempts(candidate=args.candidate) if a.id in ids]
    reader = LineReader()
    code = 0
    for a in plan:
        if a.status == "finished":
            continue
        session: Session = _restore(a)
        h = session.bundle.hashes()
        if (h.get("persona", ""), h.get("scenario", ""), h.get("rubric", "")) != (
                a.persona_hash, a.scenario_hash, a.rubric_hash):
            err(f"{a.scenario}: the persona, scenario or rubric changed since attempt {a.id} began; "
                "it cannot be resumed fairly")
            return 1
        done = store.turns(a.id)
        session.replay([t.reply for t in done])
        print(f"== {session.scenario.id} (assessment, seed {session.seed})", flush=True)
        if done:
            print(f"-- resuming at turn {len(done) + 1}", flush=True)
        code = max(code, _play(session, store, a.id, reader, args.time_limit))
    store.close()
    return code


def _header(session) -> dict:
    h = session.header()
    h["mode"] = "assessment"
    return h


def _restore(a):
    """The attempt's session rebuilt from its recorded scenario, seed and language."""
    from simulator.core.transcript import read_header
    from simulator.engine.bundle import load_scenario
    from simulator.engine.session import Session

    ref = read_header(a.transcript, f"attempt {a.id}").ref
    try:
        bundle = load_scenario(ref)
    except Exception:
        bundle = load_scenario(a.scenario)
    return Session(bundle, seed=a.seed, lang=a.lang)


def _play(session, store, attempt_id: int, reader: LineReader, limit_arg: int | None) -> int:
    from simulator.core.persona import Outcome

    rules = session.scenario.assessment
    limit = limit_arg or (rules.reply_time_limit if rules else None)
    last = session.turns[-1].debtor_line if session.turns else session.opening.line
    print(f"debtor: {last}", flush=True)
    while not session.ended:
        menu = session.offered()
        for i, r in enumerate(menu, 1):
            print(f"  {i}. {session.say(r)}")
        print(f"turn {len(session.turns) + 1}, your reply (number)> ", end="", flush=True)
        raw = reader.readline(limit)
        if raw is None:
            print(f"\n-- no reply in {limit} s: the debtor hangs up", flush=True)
            session.end_call(Outcome.HANG_UP)
            break
        if raw == "":
            print("\n-- input closed; the assessment stays open: resume with --resume", flush=True)
            return 3
        raw = raw.strip()
        if not raw.isdigit() or not 1 <= int(raw) <= len(menu):
            print(f"type a number from 1 to {len(menu)}", flush=True)
            continue
        t = session.choose(menu[int(raw) - 1].id)
        store.journal(attempt_id, t.to_json())  # committed before the call moves on
        print(f"debtor: {t.debtor_line}", flush=True)
    report = session.report()
    store.finish(attempt_id, session.footer(), report.model_dump(mode="json"))
    print(f"-- call ended: {session.outcome.value if session.outcome else '?'}; result recorded", flush=True)
    if rules is None or rules.show_debrief:
        print(report.summary(), flush=True)
    return 0
