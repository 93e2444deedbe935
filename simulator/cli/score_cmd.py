"""Re-score a saved transcript (JSON Lines written by `run --transcript` or the TUI).

The transcript carries its scoring context, so the scenario file is not needed; the rubric
and compliance profile are loaded by id, as they are now.
"""

from __future__ import annotations

import argparse
import json

from .common import err, guarded


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("transcript", metavar="TRANSCRIPT.jsonl")
    p.add_argument("--json", action="store_true", help="print the score report as JSON")
    p.add_argument("--lang", choices=["en", "zh"], default="en")


def run(args: argparse.Namespace) -> int:
    return guarded(lambda: _run(args))  # type: ignore[return-value]


def _run(args: argparse.Namespace) -> int:
    from scoring.grade import score_transcript
    from simulator.core.transcript import read_transcript

    tr = read_transcript(args.transcript)
    report, warnings = score_transcript(tr, lang=args.lang)
    for w in warnings:
        err(f"warning: {w}")
    if args.json:
        print(json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2))
    else:
        print(report.summary())
    return 0
