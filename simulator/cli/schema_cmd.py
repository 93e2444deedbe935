"""Print the JSON Schema of a persona, scenario or rubric file, for editors and CI.

Bundled files start with `# yaml-language-server: $schema=../schemas/persona.schema.json`,
so editors with the YAML language server validate and complete fields as trainers type.
"""

from __future__ import annotations

import argparse

EPILOG = """\
examples:
  collectsim schema persona > persona.schema.json
  collectsim schema scenario
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("kind", nargs="?", default="persona", choices=["persona", "scenario", "rubric"])


def run(args: argparse.Namespace) -> int:
    from simulator.authoring.schemas import schema_text

    print(schema_text(args.kind), end="")
    return 0
