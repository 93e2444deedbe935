"""Check persona, scenario, rubric and profile files: schema, then cross-references.

PATH may be files or folders (every *.yaml inside). The kind of each file is told by its
folder (personas/, scenarios/, rubrics/, profiles/) or, failing that, by its fields.
Exit status 1 when any file has errors; each problem is printed as file:line:col: field: message.
"""

from __future__ import annotations

import argparse

from simulator.authoring.validate import check_file, files_in

from .common import err

EPILOG = """\
examples:
  collectsim validate personas scenarios
  collectsim validate personas/my-debtor.yaml
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH")


def run(args: argparse.Namespace) -> int:
    files = files_in(args.paths)
    if not files:
        err("no YAML files found in: " + " ".join(args.paths))
        return 1
    bad = 0
    for f in files:
        problems = check_file(f)
        for problem in problems:
            print(problem)
        bad += bool(problems)
    print(f"{len(files)} file(s) checked, {bad} with errors")
    return 1 if bad else 0
