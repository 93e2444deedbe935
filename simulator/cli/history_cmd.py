"""List past calls (kept under the user data folder, sessions/) with their scores."""

from __future__ import annotations

import argparse

from .common import guarded


def add_arguments(p: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    return guarded(_run)  # type: ignore[return-value]


def _run() -> int:
    from simulator.core.safetext import shown
    from simulator.engine.resume import history_rows, sessions_dir

    rows = history_rows()
    if not rows:
        print(f"no calls yet (they are kept in {sessions_dir()})")
        return 0
    for r in rows:
        if r.total is not None:
            score = f"{r.total} {'PASS' if r.passed else 'FAIL'}"
        else:
            score = f"? ({r.problem})" if r.problem else "unfinished"
        print(f"{shown(r.started):26} {shown(r.scenario):28} {r.turns:>3} turns  {shown(score)}")
    return 0
