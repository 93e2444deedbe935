"""Re-score transcripts in bulk (for example after a rubric change), with a progress bar.

Each TRANSCRIPT is a .jsonl file written by `collectsim run --transcript` or exported; a
folder means every *.jsonl in it. With --stored, the finished attempts in the results db
are re-scored instead and compared with their recorded score (stored records are never
changed: they are signed).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from .common import err
from .safeout import unfiltered

EPILOG = """\
examples:
  collectsim grade transcripts/            every *.jsonl in the folder
  collectsim grade a.jsonl b.jsonl --json  one JSON line per transcript
  collectsim grade --stored --db URL       re-score stored results, show what changed
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("transcripts", nargs="*", metavar="TRANSCRIPT", help="files or folders")
    p.add_argument("--json", action="store_true", help="one JSON line per transcript")
    p.add_argument("--stored", action="store_true", help="re-score the finished attempts in the db")
    p.add_argument("--db", metavar="URL", help="results db for --stored")
    bar = p.add_mutually_exclusive_group()
    bar.add_argument("--progress", action="store_true", default=None, help="always draw the bar")
    bar.add_argument("--no-progress", dest="progress", action="store_false", help="never draw it")


class Progress:
    """A one-line bar on stderr, redrawn at most ten times a second."""

    def __init__(self, total: int, show: bool):
        self.total, self.show, self.done, self.t0, self.last = total, show, 0, time.monotonic(), 0.0

    def step(self) -> None:
        self.done += 1
        now = time.monotonic()
        if self.show and (now - self.last > 0.1 or self.done == self.total):
            self.last = now
            width = 30
            fill = int(width * self.done / max(1, self.total))
            rate = self.done / max(1e-9, now - self.t0)
            out = unfiltered(sys.stderr)  # our own CR, past the filter that shows data's CRs
            out.write(f"\r[{'#' * fill}{'.' * (width - fill)}] {self.done}/{self.total} {rate:.0f}/s")
            out.flush()

    def close(self) -> None:
        if self.show and self.total:
            sys.stderr.write("\n")


def expand(paths: list[str]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        out.extend(sorted(p.glob("*.jsonl")) if p.is_dir() else [p])
    return out


def run(args: argparse.Namespace) -> int:
    from scoring.bulk import BulkGrader
    from scoring.turns import TranscriptError
    from simulator.core.errors import ContentError

    show = sys.stderr.isatty() if args.progress is None else args.progress
    if args.stored:
        from simulator.store import open_store

        store = open_store(args.db)
        items = [(f"attempt {a.id} ({a.candidate})", a) for a in store.attempts(status="finished")]
        store.close()
    else:
        if not args.transcripts:
            err("name transcripts or folders (or --stored)")
            return 2
        items = [(str(p), p) for p in expand(args.transcripts)]
    bar = Progress(len(items), show)
    failed = passed = 0
    lines = []
    grader = BulkGrader()
    for name, it in items:
        try:
            report = grader.grade_text(it.transcript or "", name) if args.stored else grader.grade_file(it)
            warnings = report.warnings
        except (TranscriptError, OSError, KeyError, ValueError, ContentError) as exc:
            failed += 1
            lines.append(json.dumps({"file": name, "error": str(exc)}) if args.json else f"{name}: ERROR {exc}")
            bar.step()
            continue
        passed += report.passed
        was = f" (stored {it.total})" if args.stored and it.total != report.total else ""
        if args.json:
            rec = {"file": name, "total": report.total, "passed": report.passed, "warnings": list(warnings)}
            if args.stored:
                rec["stored_total"] = it.total
            lines.append(json.dumps(rec, ensure_ascii=False))
        else:
            lines.append(f"{name}: {report.total} {'PASS' if report.passed else 'FAIL'}{was}"
                         + "".join(f"\n  warning: {w}" for w in warnings))
        bar.step()
    bar.close()
    if lines:
        print("\n".join(lines))
    if not args.json:
        print(f"{len(items)} graded: {passed} passed, {len(items) - passed - failed} failed"
              + (f", {failed} unreadable" if failed else ""))
    return 1 if failed else 0
