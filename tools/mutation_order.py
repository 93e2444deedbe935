"""A pytest plugin for `make mutation` only: run a mutant's tests fastest first, each from
cold shared tables.

mutmut hands pytest the tests that reach a mutated function in no particular order and
stops at the first failure (-x), so a mutant killed by a 0.1 s rubric test can first sit
through 10 s of transcript tests. Ordering by the durations mutmut itself recorded in its
stats pass (mutants/mutmut-stats.json; pytest runs inside mutants/) makes killed mutants
cheap; survivors still run every test, so the verdicts do not change.

The rubric keeps tables every call on it shares: dispatch plans, core verdicts and live
statuses (scoring/scorer.py), what a set of moves means (compliance.py), the fold memos
(fold.py). mutmut runs the clean tests in its own process and forks each mutant's run from
it, and its stats pass runs every test in one process: with the tables warm, a mutant of
the code that fills them is never run by the tests (they read what the unmutated code
filled), and the stats miss the tests that reach that code. So each test starts with them
empty, as a new process does.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest

STATS = Path("mutmut-stats.json")
SHARED_TABLES = (("scoring.scorer", "_PLANS"), ("scoring.compliance", "_BY_MOVES"), ("scoring.fold", "_SHARED"))


def _durations() -> dict[str, float]:
    try:
        return dict(json.loads(STATS.read_text())["duration_by_test"])
    except (OSError, ValueError, KeyError):
        return {}  # the stats pass itself, before any stats exist: order does not matter


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    took = _durations()
    if took:
        # the stats name tests relative to mutants/, as pytest's node ids here are
        items.sort(key=lambda item: took.get(item.nodeid, 0.0))


def pytest_runtest_setup(item: pytest.Item) -> None:
    for module, name in SHARED_TABLES:  # an AttributeError here: a table was renamed, update the list
        getattr(importlib.import_module(module), name).clear()
    # loaded content too: a persona keeps the scorers of its calls' starts (session.drawn_for),
    # and those keep the tables they were given
    importlib.import_module("simulator.core.library").forget_cached()
