"""A pytest plugin for `make mutation` only: run a mutant's tests fastest first.

mutmut hands pytest the tests that reach a mutated function in no particular order and
stops at the first failure (-x), so a mutant killed by a 0.1 s rubric test can first sit
through 10 s of transcript tests. Ordering by the durations mutmut itself recorded in its
stats pass (mutants/mutmut-stats.json; pytest runs inside mutants/) makes killed mutants
cheap; survivors still run every test, so the verdicts do not change.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

STATS = Path("mutmut-stats.json")


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
