"""Benchmark of the authoring toolkit: lint + explore of the bundled library, of generated
libraries 1x and 10x its size (the ratio shows whether cost grows linearly: goal <= 12),
and of 1,000 generated personas of about 30 states (goal: under 10 s).

    .venv/bin/python bench/authoring.py [--count 1000] [--jobs N]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from simulator.authoring.default_scenario import bundle_for  # noqa: E402
from simulator.authoring.explore import explore  # noqa: E402
from simulator.authoring.generate import write_library  # noqa: E402
from simulator.authoring.lint import ERROR, lint_file  # noqa: E402
from simulator.core.library import bundled_dir, load_persona, load_scenario  # noqa: E402
from simulator.engine.session import Session  # noqa: E402


def check(path: str, deep: bool = True) -> tuple[int, int]:
    """Lint one file and, if deep, explore it; (errors, situations).

    Deep is `collectsim lint --summary`: the full exploration is lint's winnability check,
    so one search serves both. A persona that scenarios call is linted under them, not
    explored on its own: explore it under its default first call, as `collectsim explore
    PERSONA` does."""
    p = Path(path)
    explored: dict = {}
    errors = sum(f.severity == ERROR for f in lint_file(p, winnable=deep, explorations=explored if deep else None))
    situations = sum(e.situations for e in explored.values())
    if deep and not explored and not errors:
        if p.parent.name == "scenarios":
            session = Session(load_scenario(str(p)))
        else:
            loaded = load_persona(str(p))
            session = Session(bundle_for(loaded.model, loaded.source.path))
        situations = explore(session).situations
    return errors, situations


def timed(paths: list[Path], deep: bool = True, jobs: int = 1) -> tuple[float, int, int]:
    start = time.perf_counter()
    if jobs > 1:
        with ProcessPoolExecutor(jobs) as pool:
            results = list(pool.map(check, map(str, paths), [deep] * len(paths), chunksize=8))
    else:
        results = [check(str(p), deep) for p in paths]
    return time.perf_counter() - start, sum(e for e, _ in results), sum(s for _, s in results)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=1000, help="generated personas for the last figure")
    ap.add_argument("--states", type=int, default=30)
    ap.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    args = ap.parse_args()

    bundled = sorted(bundled_dir("personas").glob("*.yaml")) + sorted(bundled_dir("scenarios").glob("*.yaml"))
    t, errors, sit = timed(bundled)
    print(f"bundled library: {len(bundled)} files, lint + explore {t:.2f} s, {sit:,} situations, {errors} errors")

    n_personas = max(1, len(list(bundled_dir("personas").glob("*.yaml"))))
    with tempfile.TemporaryDirectory() as tmp:
        small = write_library(Path(tmp) / "x1" / "personas", n_personas, args.states, seed=1)
        large = write_library(Path(tmp) / "x10" / "personas", 10 * n_personas, args.states, seed=1)
        t1 = min(timed(small)[0] for _ in range(3))
        t10, e10, s10 = timed(large)
        print(f"generated 1x:  {len(small)} personas of ~{args.states} states, lint + explore {t1:.2f} s")
        print(f"generated 10x: {len(large)} personas, lint + explore {t10:.2f} s, {s10:,} situations, {e10} errors")
        ratio = t10 / t1
        print(f"ratio 10x/1x: {ratio:.1f} (goal <= 12: {'met' if ratio <= 12 else 'NOT met'})")

        many = write_library(Path(tmp) / "many" / "personas", args.count, args.states, seed=7)
        jobs = args.jobs
        ts, es, _ = timed(many, deep=False, jobs=jobs)
        print(f"{len(many)} generated personas, lint without the winnability search: {ts:.1f} s "
              f"({1000 * ts / len(many):.0f} ms each, {es} errors, {jobs} process(es))")
        td, ed, sd = timed(many, deep=True, jobs=jobs)
        print(f"{len(many)} generated personas, lint + explore: {td:.1f} s "
              f"({1000 * td / len(many):.0f} ms each, {sd:,} situations, {ed} errors, {jobs} process(es)); "
              f"goal < 10 s: {'met' if td < 10 else 'NOT met'}")
        print(f"(cpus here: {os.cpu_count()})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
