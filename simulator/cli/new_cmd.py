"""Start a new persona or scenario from a template that passes lint.

The file comes with comments explaining each field and a Faker-generated case file (the
same NAME always gives the same names and numbers). Edit it, then run
`collectsim lint`, `collectsim explore` and `collectsim graph` on it (see AUTHORING.md).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from .common import err, guarded

EPILOG = """\
examples:
  collectsim new persona li-restaurant --archetype evasive        -> personas/li-restaurant.yaml
  collectsim new scenario first-call-li --persona li-restaurant   -> scenarios/first-call-li.yaml
  collectsim new persona test-debtor --archetype hostile --output /tmp/test-debtor.yaml
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("kind", choices=["persona", "scenario"])
    p.add_argument("name", metavar="NAME", help="id of the new file: lower-case, digits, - and _")
    p.add_argument("--archetype", default="stubborn", help="persona archetype (default stubborn)")
    p.add_argument("--persona", help="for a scenario: the persona id (beside the scenario, in a "
                   "personas/ folder next to it, or bundled) or a path from the current folder; "
                   "the file records it relative to itself")
    p.add_argument("--output", "-o", metavar="PATH", help="where to write (default personas/NAME.yaml "
                   "or scenarios/NAME.yaml)")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")


def run(args: argparse.Namespace) -> int:
    return guarded(lambda: _run(args))  # type: ignore[return-value]


def _run(args: argparse.Namespace) -> int:
    import re

    from simulator.authoring.new import new_persona, new_scenario

    if not re.fullmatch(r"[a-z][a-z0-9_-]*", args.name) or len(args.name) > 64:
        err(f"NAME must be lower-case letters, digits, - and _, starting with a letter (got {args.name!r})")
        return 2
    folder = "personas" if args.kind == "persona" else "scenarios"
    out = Path(args.output) if args.output else Path(folder) / f"{args.name}.yaml"
    if out.exists() and not args.force:
        err(f"{out} already exists (use --force to overwrite)")
        return 1
    try:
        if args.kind == "persona":
            text = new_persona(args.name, args.archetype, out)
        else:
            if not args.persona:
                err("a scenario needs --persona ID_OR_PATH")
                return 2
            text = new_scenario(args.name, args.persona, out)
    except ValueError as exc:
        err(str(exc))
        return 2
    from simulator.authoring.workspace import ensure_schemas

    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    for note in ensure_schemas(out):
        print(note)
    print(f"wrote {out}; next: collectsim lint {out}")
    return 0
