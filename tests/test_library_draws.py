"""The personas added for the source documents' situations are winnable on every draw:
their hidden starting values and drawn facets (mixup's `cause`, stubborn's `temper`,
the cost that bites...) change the line, never whether the expert can pass."""

from __future__ import annotations

import pytest

from simulator.engine import new_session
from simulator.engine.policies import best_line

SCENARIOS = [
    "mixup-day2", "disputed-day5", "waiver-day12", "stubborn-day25", "informed-day9",
    "guarantor-day40", "conditional-day18", "injured-day20-uk", "deteriorating-day12",
    "bereaved-day15", "dealer-day10", "shop-employee-day6",
]
SEEDS = range(1, 13)


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_the_expert_passes_every_draw(scenario):
    failed = []
    for seed in SEEDS:
        s = new_session(scenario, seed=seed)
        line, (passed, _, _) = best_line(s)
        if not passed:
            failed.append(seed)
    assert not failed, f"{scenario}: the expert fails on seeds {failed}"


def test_the_drawn_facets_change_the_winning_line():
    """mixup's cause (bounced debit, short deposit, wrong account) and the cost that bites
    (her mortgage or her rating with us) each change the line: one line per drawn pair."""
    by_draw: dict[tuple, set] = {}
    for seed in range(1, 31):
        s = new_session("mixup-day2", seed=seed)
        by_draw.setdefault(tuple(sorted(s.facets.items())), set()).add(tuple(best_line(s)[0]))
    assert all(len(lines) == 1 for lines in by_draw.values())
    assert len(by_draw) == 6  # every cause with every cost turns up in 30 draws
    assert len({next(iter(lines)) for lines in by_draw.values()}) == 6
