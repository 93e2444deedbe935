"""Check persona and scenario files deeply: everything `validate` checks, then the graph.

Beyond the schema: unreachable states, dead ends that are not endings, replies whose
`when` can never hold, states from which no ending can be reached, endings no line of play
reaches, personas no line can pass (unwinnable), missing translations, duplicate keys and
ids, and replies whose moves contradict where they lead. One problem per line,
`file:line:col: severity: message`, grouped per file. Exit status 1 when any error is found.
"""

from __future__ import annotations

import argparse
import json
import os

EPILOG = """\
examples:
  collectsim lint personas scenarios
  collectsim lint personas/my-debtor.yaml --format json
  collectsim lint personas --no-explore        graph checks only, no winnability search
  collectsim lint personas scenarios --summary  also explore each one fully and summarise it
  collectsim lint big-library/ -j 4             four worker processes
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--no-explore", action="store_true",
                   help="skip the winnability search (faster; graph checks only)")
    p.add_argument("--jobs", "-j", type=int, default=0, metavar="N",
                   help="worker processes (default: one per CPU for large libraries)")
    p.add_argument("--summary", action="store_true",
                   help="explore each persona and scenario fully (the search `collectsim explore` "
                        "runs, done once for both) and print its situations, highest and lowest "
                        "score and shortest passing line")


def run(args: argparse.Namespace) -> int:
    from simulator.authoring.lint import ERROR, lint_paths
    from simulator.authoring.validate import files_in

    from .common import err

    if not files_in(args.paths):
        err("no YAML files found in: " + " ".join(args.paths))
        return 1
    explorations: dict | None = {} if args.summary and not args.no_explore else None
    jobs = args.jobs or (os.cpu_count() or 1)
    results = lint_paths(args.paths, winnable=not args.no_explore, explorations=explorations, jobs=jobs)
    errors = sum(f.severity == ERROR for fs in results.values() for f in fs)
    warnings = sum(f.severity != ERROR for fs in results.values() for f in fs)
    coverage = translation_coverage(results)
    if args.format == "json":
        out = {"files": {k: [f.to_json() for f in v] for k, v in results.items()},
               "errors": errors, "warnings": warnings}
        if explorations is not None:
            out["explorations"] = {k: e.to_json() for k, e in explorations.items()}
        if coverage is not None:
            out["translations"] = coverage.to_json()
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        for found in results.values():
            for f in found:
                print(f)
            if found:
                print()
        for file, e in (explorations or {}).items():
            print(summary_line(file, e))
        print(f"{len(results)} file(s) linted: {errors} error(s), {warnings} warning(s)")
        if coverage is not None:
            print(coverage.line())
    return 1 if errors else 0


def translation_coverage(results: dict):
    """Texts per language over the persona and scenario files that loaded (in the file, or
    in a catalogue beside it; see `collectsim i18n status` for each file)."""
    from pathlib import Path

    from simulator.authoring.translate import Coverage, content_files, coverage
    from simulator.core.errors import ContentError

    total, seen = Coverage(), False
    for file in results:
        path = Path(file)
        if not path.is_file():
            continue  # a folder's own findings (red lines no persona there reaches)
        try:
            found = content_files([path])
        except ContentError:
            continue  # a broken file, or a rubric or profile: no translations to count
        for f in found:
            total.add(coverage(f))
            seen = True
    return total if seen else None


def summary_line(file: str, e) -> str:
    def score(x) -> str:
        return "-" if x is None else f"{x.score}{' PASS' if x.passed else ''}"

    shortest = "none" if e.shortest_pass is None else f"{len(e.shortest_pass.replies)} turns"
    done = "" if e.complete else " (stopped at the budget)"
    return (f"{file}: {e.situations:,} situations{done}; highest {score(e.best)}, "
            f"lowest {score(e.worst)}; shortest pass {shortest}")
