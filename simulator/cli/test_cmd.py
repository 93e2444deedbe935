"""Run golden transcripts: the trainer's regression suite.

A golden file (personas/golden/<scenario>.yaml) names a scenario, a seed and lines of play
(reply ids) with what each must still give: passed, outcome, total, auto-fails, items
lost. After editing a persona, `collectsim test` reports which lines changed and how.
PATH may be golden files or folders (a folder's golden/ subfolder is used if it has one).
Exit status 1 when any line changed.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from .common import err, guarded

EPILOG = """\
examples:
  collectsim test personas                       every file in personas/golden/
  collectsim test personas/golden/first-call-zhang.yaml --json
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--json", action="store_true")


def golden_paths(paths: list[str]) -> list[Path]:
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            folder = p / "golden" if (p / "golden").is_dir() else p
            out += sorted(x for x in folder.glob("*.y*ml") if x.is_file())
        else:
            out.append(p)
    return out


def run(args: argparse.Namespace) -> int:
    return guarded(lambda: _run(args))  # type: ignore[return-value]


def _run(args: argparse.Namespace) -> int:
    try:
        from simulator.engine.golden import run_golden_file
    except ImportError:
        err("golden transcripts need simulator.engine.golden, which this installation lacks")
        return 2
    files = golden_paths(args.paths)
    if not files:
        err("no golden files found in: " + " ".join(args.paths))
        return 1
    report = []
    failed = 0
    for f in files:
        for r in run_golden_file(f):
            failed += not r.ok
            report.append({"file": str(f), "name": r.name, "ok": r.ok, "diffs": list(r.diffs)})
    if args.json:
        print(json.dumps({"lines": report, "failed": failed}, ensure_ascii=False, indent=2))
    else:
        for r in report:
            print(f"{'ok  ' if r['ok'] else 'FAIL'} {r['file']}: {r['name']}")
            for d in r["diffs"]:
                print(f"       {d}")
        print(f"{len(report)} line(s) in {len(files)} file(s): {len(report) - failed} ok, {failed} changed")
    return 1 if failed else 0
