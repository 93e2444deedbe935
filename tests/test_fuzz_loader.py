"""Fuzzing the loader (issue 13): any mutant of a shipped file loads or is refused with a
problem, never a traceback or a hang. `make test` runs a short session; `make fuzz` sets
COLLECTSIM_FUZZ_EXAMPLES=100000 and prints the tally."""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from fuzzing import mutants, run_one
from hypothesis import HealthCheck, given, settings

EXAMPLES = int(os.environ.get("COLLECTSIM_FUZZ_EXAMPLES", "60"))
LINT = os.environ.get("COLLECTSIM_FUZZ_LINT", "1") == "1"  # `make fuzz`: the loader alone, 3x faster
STATS: Counter = Counter()


@pytest.fixture(scope="module", autouse=True)
def tally():
    old = os.environ.get("COLLECTSIM_NO_CACHE")
    os.environ["COLLECTSIM_NO_CACHE"] = "1"  # 100,000 cache entries would only fill the disk
    yield
    if old is None:
        del os.environ["COLLECTSIM_NO_CACHE"]
    else:
        os.environ["COLLECTSIM_NO_CACHE"] = old
    done = sum(STATS[k] for k in ("accepted", "refused", "traceback", "hang"))
    print(f"\nfuzzed {done:,} files: {STATS['accepted']:,} accepted, {STATS['refused']:,} refused "
          f"with a problem, {STATS['traceback']} tracebacks, {STATS['hang']} hangs; "
          f"slowest load {STATS['slowest_ms']} ms of CPU")


_FOLDER = Path(tempfile.mkdtemp(prefix="collectsim-fuzz-"))


@settings(max_examples=EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutants())
def test_any_mutant_loads_or_is_refused_with_a_problem(mutant: tuple[str, str, bytes]) -> None:
    run_one(_FOLDER, *mutant, STATS, lint=LINT)
    done = STATS["accepted"] + STATS["refused"]
    if done % 5000 == 0:  # a long run shows it is alive
        print(f"\n  {done:,} fuzzed, 0 tracebacks, 0 hangs so far; slowest {STATS['slowest_ms']} ms of CPU",
              flush=True)
