"""Draw a persona's state diagram: states, the replies between them, and its endings.

Mermaid (the default) renders in GitHub, GitLab and most Markdown previews; DOT is for
Graphviz (`dot -Tsvg`). Both come from the `transitions` diagram support and need no
Graphviz installed to produce.
"""

from __future__ import annotations

import argparse

from .common import guarded

EPILOG = """\
examples:
  collectsim graph zhang-wholesaler > zhang.mmd
  collectsim graph personas/my-debtor.yaml --format dot | dot -Tsvg > my-debtor.svg
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("persona", metavar="PERSONA", help="persona id or path")
    p.add_argument("--format", choices=["mermaid", "dot"], default="mermaid")
    p.add_argument("--no-globals", action="store_true",
                   help="leave out global replies (red lines offered everywhere)")
    p.add_argument("--no-interrupts", action="store_true",
                   help="leave out interrupts (edges from every state, e.g. to a hang-up)")


def run(args: argparse.Namespace) -> int:
    return guarded(lambda: _run(args))  # type: ignore[return-value]


def _run(args: argparse.Namespace) -> int:
    from simulator.authoring.diagram import dot, mermaid
    from simulator.core.library import load_persona

    persona = load_persona(args.persona).model
    draw = mermaid if args.format == "mermaid" else dot
    print(draw(persona, globals_=not args.no_globals, interrupts=not args.no_interrupts), end="")
    return 0
