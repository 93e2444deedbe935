"""Make a trainer's content folder: personas/, scenarios/, golden/, a copy of the JSON
Schemas and editor settings that map each folder's files to its schema.

Run it again after upgrading collectsim to refresh the schemas; your files and other
editor settings are kept.
"""

from __future__ import annotations

import argparse
from pathlib import Path

EPILOG = """\
examples:
  collectsim init my-content          then: cd my-content && collectsim new persona NAME
  collectsim init .                   refresh the schemas of the folder you are in
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("dir", metavar="DIR", help="the folder to make (or bring up to date)")


def run(args: argparse.Namespace) -> int:
    from simulator.authoring.workspace import init

    root = Path(args.dir)
    if root.exists() and not root.is_dir():
        print(f"{root} exists and is not a folder")
        return 2
    for line in init(root):
        print(line)
    print(f"next: cd {root} && collectsim new persona NAME --archetype hostile")
    return 0
