"""Benchmark of the authoring toolkit: lint + explore of the bundled library, of generated
libraries 1x and 10x its size (the ratio shows whether cost grows linearly: goal <= 12),
and of 1,000 generated personas of about 30 states (goal: under 10 s).

"Lint + explore" is `collectsim lint --summary`: every file linted, every persona and
scenario explored exhaustively (the exploration is lint's winnability check, so one
search serves both). The 1x/10x ratio runs in one process and compares CPU time (the
process's own, `time.process_time`): it asks how the cost grows with the library, and on a
shared machine a 1x run of under a second could take 0.7 s or 1.1 s of wall clock from one
run to the next. The wall clock is printed beside it. The 1,000-persona figure is wall
clock, run as `collectsim lint` does by default, one worker process per CPU.

    .venv/bin/python bench/authoring.py [--count 1000] [--jobs N]
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from simulator.authoring.generate import write_library  # noqa: E402
from simulator.authoring.lint import ERROR, lint_paths  # noqa: E402
from simulator.core.library import bundled_dir  # noqa: E402


def timed(paths: list[Path], deep: bool = True, jobs: int = 1) -> tuple[float, int, int, float]:
    """(seconds, errors, situations explored, CPU seconds of this process) for `collectsim
    lint [--summary]` of paths."""
    explored: dict | None = {} if deep else None
    gc.collect()  # no run pays for the garbage of the one before
    start, cpu = time.perf_counter(), time.process_time()
    found = lint_paths([str(p) for p in paths], winnable=deep, explorations=explored, jobs=jobs)
    spent, cpu = time.perf_counter() - start, time.process_time() - cpu
    errors = sum(f.severity == ERROR for fs in found.values() for f in fs)
    return spent, errors, sum(e.situations for e in (explored or {}).values()), cpu


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=1000, help="generated personas for the last figure")
    ap.add_argument("--states", type=int, default=30)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                    help="worker processes for the last figure (default: one per CPU, as lint does)")
    args = ap.parse_args()

    bundled = [bundled_dir("personas"), bundled_dir("scenarios")]
    t, errors, sit, _ = timed(bundled)
    print(f"bundled library: lint + explore {t:.2f} s, {sit:,} situations, {errors} errors")

    # "1x" is the bundled library's size in files (personas and scenarios)
    n_personas = sum(len(list(d.glob("*.yaml"))) for d in bundled)
    with tempfile.TemporaryDirectory() as tmp:
        # Five interleaved rounds of a 1x and a 10x run; the medians are compared. Every run
        # lints personas of its own (other seeds): content seen before would be served from
        # the memos (the YAML resolver's, the rubric fold's) and flatter it. One 1x run
        # first, to warm up.
        rounds = 5
        smalls = [write_library(Path(tmp) / f"x1-{k}" / "personas", n_personas, args.states, seed=10_000 * k)
                  for k in range(rounds + 1)]
        larges = [write_library(Path(tmp) / f"x10-{k}" / "personas", 10 * n_personas, args.states,
                                seed=100_000 * (k + 1)) for k in range(rounds)]
        timed(smalls[0])
        t1s, t10s = [], []
        for small, large in zip(smalls[1:], larges, strict=True):
            t1s.append(timed(small))
            t10s.append(timed(large))
        t1, c1 = statistics.median(t[0] for t in t1s), statistics.median(t[3] for t in t1s)
        t10, c10 = statistics.median(t[0] for t in t10s), statistics.median(t[3] for t in t10s)
        e10, s10 = t10s[0][1], t10s[0][2]
        large = larges[0]
        print(f"generated 1x:  {len(smalls[0])} personas of ~{args.states} states, lint + explore {c1:.2f} s CPU, "
              f"{t1:.2f} s wall (medians of {rounds}; CPU {min(t[3] for t in t1s):.2f}-{max(t[3] for t in t1s):.2f})")
        print(f"generated 10x: {len(large)} personas, lint + explore {c10:.2f} s CPU, {t10:.2f} s wall (medians; "
              f"CPU {min(t[3] for t in t10s):.2f}-{max(t[3] for t in t10s):.2f}), {s10:,} situations, {e10} errors")
        ratio = c10 / c1
        print(f"ratio 10x/1x: {ratio:.1f} in CPU time, {t10 / t1:.1f} in wall clock "
              f"(goal <= 12: {'met' if ratio <= 12 else 'NOT met'})")

        many = write_library(Path(tmp) / "many" / "personas", args.count, args.states, seed=7)
        jobs = args.jobs
        ts, es, _, _ = timed(many, deep=False, jobs=jobs)
        print(f"{len(many)} generated personas, lint without the winnability search: {ts:.1f} s "
              f"({1000 * ts / len(many):.1f} ms each, {es} errors, {jobs} process(es))")
        many2 = write_library(Path(tmp) / "many2" / "personas", args.count, args.states, seed=7)
        td, ed, sd, _ = timed(many2, deep=True, jobs=jobs)
        print(f"{len(many2)} generated personas, lint + explore: {td:.1f} s "
              f"({1000 * td / len(many2):.1f} ms each, {sd:,} situations, {ed} errors, {jobs} process(es)); "
              f"goal < 10 s: {'met' if td < 10 else 'NOT met'}")
        print(f"(cpus here: {os.cpu_count()})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
