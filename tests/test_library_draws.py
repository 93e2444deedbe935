"""The personas added for the source documents' situations are winnable on every draw:
their hidden starting values (and drawn causes such as mixup's `cause` or stubborn's
`stubbornness`) change the line, never whether the expert can pass."""

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


def test_a_drawn_cause_changes_the_winning_line():
    lines = {tuple(best_line(new_session("mixup-day2", seed=seed))[0]) for seed in SEEDS}
    assert len(lines) == 3  # one per cause: bounced debit, short deposit, wrong account
