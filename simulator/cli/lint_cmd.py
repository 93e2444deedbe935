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

EPILOG = """\
examples:
  collectsim lint personas scenarios
  collectsim lint personas/my-debtor.yaml --format json
  collectsim lint personas --no-explore        graph checks only, no winnability search
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--no-explore", action="store_true",
                   help="skip the winnability search (faster; graph checks only)")


def run(args: argparse.Namespace) -> int:
    from simulator.authoring.lint import ERROR, lint_paths
    from simulator.cli.validate_cmd import files_in

    from .common import err

    if not files_in(args.paths):
        err("no YAML files found in: " + " ".join(args.paths))
        return 1
    results = lint_paths(args.paths, winnable=not args.no_explore)
    errors = sum(f.severity == ERROR for fs in results.values() for f in fs)
    warnings = sum(f.severity != ERROR for fs in results.values() for f in fs)
    if args.format == "json":
        print(json.dumps({"files": {k: [f.to_json() for f in v] for k, v in results.items()},
                          "errors": errors, "warnings": warnings}, ensure_ascii=False, indent=2))
    else:
        for found in results.values():
            for f in found:
                print(f)
            if found:
                print()
        print(f"{len(results)} file(s) linted: {errors} error(s), {warnings} warning(s)")
    return 1 if errors else 0
