"""Print the officer moves replies are tagged with: each move's kind (anti-pattern, red
line, cost of default, escalation), the lowest pressure-ladder level it implies and what it
means, then the pressure ladder itself. The same table ends AUTHORING.md.
"""

from __future__ import annotations

import argparse

from simulator.core.langs import LANG_HELP, LANGS

EPILOG = """\
examples:
  collectsim moves                    the table in English
  collectsim moves --lang zh-Hant     in Traditional Chinese
  collectsim moves --format markdown  as in AUTHORING.md
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", choices=LANGS, default="en", help=LANG_HELP)
    p.add_argument("--format", choices=["table", "markdown"], default="table")


def run(args: argparse.Namespace) -> int:
    from simulator.core.move_reference import HEADERS, LADDER_HEADERS, ladder_rows, move_rows

    if args.format == "markdown":
        from simulator.authoring.reference import ladder_markdown, moves_markdown

        print("\n".join(moves_markdown(args.lang) + [""] + ladder_markdown(args.lang)))
        return 0
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    for headers, rows in ((HEADERS[args.lang], move_rows(args.lang)),
                          (LADDER_HEADERS[args.lang], ladder_rows(args.lang))):
        table = Table(box=None, show_edge=False, pad_edge=False)
        for h in headers:  # fold, never cut: Chinese has no spaces to wrap at
            table.add_column(h, overflow="fold")
        for row in rows:
            table.add_row(*row)
        console.print(table)
        console.print()
    return 0
