"""Entry point: builds the parser from the subcommand modules, defers their imports."""

from __future__ import annotations

import argparse
import importlib
import sys

# (name, module, one-line help). Each module has `add_arguments(parser)` and `run(args)`.
COMMANDS: list[tuple[str, str, str]] = [
    ("play", "simulator.cli.play_cmd", "practise a call in the terminal (the TUI)"),
    ("run", "simulator.cli.run_cmd", "play one whole call headless with a scripted officer and score it"),
    ("score", "simulator.cli.score_cmd", "re-score a saved transcript"),
    ("validate", "simulator.cli.validate_cmd", "check persona, scenario and rubric files"),
    ("list", "simulator.cli.list_cmd", "list bundled and user scenarios and personas"),
    ("lint", "simulator.cli.lint_cmd", "check content deeply: graph, winnability, translations"),
    ("explore", "simulator.cli.explore_cmd", "search every line of a persona: scores, endings, coverage"),
    ("graph", "simulator.cli.graph_cmd", "draw a persona's state diagram (Mermaid or DOT)"),
    ("init", "simulator.cli.init_cmd", "make a trainer's content folder with schemas and editor settings"),
    ("new", "simulator.cli.new_cmd", "start a new persona or scenario from a template"),
    ("moves", "simulator.cli.moves_cmd", "the officer moves: kind, pressure-ladder level and meaning"),
    ("schema", "simulator.cli.schema_cmd", "print the JSON Schema of personas, scenarios, rubrics, profiles or golden files"),
    ("i18n", "simulator.cli.i18n_cmd", "translators' string tables: export and import PO or XLIFF, coverage"),
    ("test", "simulator.cli.test_cmd", "run golden transcripts: which expected outcomes changed"),
    ("sitting", "simulator.cli.sitting_cmd", "set an assessment sitting: candidates, scenarios, one-time codes"),
    ("sit", "simulator.cli.sit_cmd", "sit an assessment with a one-time code (runs as the assessor)"),
    ("assess", "simulator.cli.assess_cmd", "run a graded assessment here, line by line, recorded"),
    ("key", "simulator.cli.key_cmd", "the assessor's signing key: create it, print its public half"),
    ("verify", "simulator.cli.verify_cmd", "check stored results against their signatures"),
    ("report", "simulator.cli.report_cmd", "gradebook, cohort statistics and item analysis"),
    ("export", "simulator.cli.export_cmd", "send assessment results to a Learning Record Store (xAPI)"),
    ("gradebook", "simulator.cli.gradebook_cmd", "browse results in the terminal: scores, attempts, tampering"),
    ("grade", "simulator.cli.grade_cmd", "re-score transcripts in bulk"),
    ("history", "simulator.cli.history_cmd", "list past calls and their scores"),
    ("serve", "simulator.cli.serve_cmd", "serve practice, sittings and the gradebook to browsers"),
]

DESCRIPTION = """\
collectsim - practise the first collection call against scripted debtor personas.

A call has four core tasks: demand payment today, learn the reason, state the pros and
cons of paying, and end on a concrete commitment. Pressure rises through the call and
never crosses the compliance red lines.
"""

EPILOG = """\
examples:
  collectsim list                                   what is there to practise
  collectsim play first-call-zhang                  practise a call in the TUI
  collectsim run first-call-zhang --policy expert   watch the best line and its score
  collectsim validate personas scenarios            check trainer-written YAML

`collectsim COMMAND --help` explains each command.
"""


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole parser; with `only`, just that command (its module imported, the others not
    even listed), which is all a run of that command needs: each subparser costs argparse
    ~0.4 ms of gettext lookups, and `play` starts against the clock (issue 3)."""
    parser = argparse.ArgumentParser(
        prog="collectsim", description=DESCRIPTION, epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    from simulator import __version__

    parser.add_argument("--version", action="version", version=f"collectsim {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module, help_ in COMMANDS:
        if only is not None and name != only:
            continue
        mod = importlib.import_module(module)
        p = sub.add_parser(
            name, help=help_, description=(mod.__doc__ or help_).strip(),
            epilog=getattr(mod, "EPILOG", None), formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        mod.add_arguments(p)
        p.set_defaults(_module=mod)
    return parser


def _command(argv: list[str]) -> str | None:
    """The subcommand, when it is the first word: anything before it is a top-level option
    (`--help`, `--version`), which needs the whole parser."""
    return argv[0] if argv and argv[0] in {name for name, _, _ in COMMANDS} else None


def main(argv: list[str] | None = None) -> int:
    # Only the command being run is imported: importing all of them cost `play` ~15 ms.
    parser = build_parser(_command(sys.argv[1:] if argv is None else argv))
    args = parser.parse_args(argv)
    if not getattr(args, "_module", None):
        parser.print_help()
        return 0
    from .safeout import safe_streams

    try:
        with safe_streams():  # persona text, names and paths reach the terminal as text
            return int(args._module.run(args) or 0)
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
