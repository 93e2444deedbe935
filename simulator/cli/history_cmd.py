"""List past calls (kept under the user data folder, sessions/) with their scores."""

from __future__ import annotations

import argparse

from .common import guarded


def add_arguments(p: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    return guarded(_run)  # type: ignore[return-value]


def _run() -> int:
    from simulator.engine.resume import history_rows, sessions_dir

    rows = history_rows()
    if not rows:
        print(f"no calls yet (they are kept in {sessions_dir()})")
        return 0
    for started, scenario, turns, score in rows:
        print(f"{started:26} {scenario:28} {turns:>3} turns  {score}")
    return 0
