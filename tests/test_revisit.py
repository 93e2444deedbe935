"""A debtor brought back to a state does not repeat himself word for word (issue 15): a
revisited state answers with a line not yet said, or with a callback to what was said."""

from __future__ import annotations

from collections import Counter

import pytest

from simulator.core.library import list_files
from simulator.engine.bundle import load_scenario
from simulator.engine.policies import play, random_policy
from simulator.engine.session import Session


def lines_of(s: Session) -> list[str]:
    return [s.opening.line] + [t.debtor_line for t in s.turns]


@pytest.mark.parametrize("seed", range(1, 9))
def test_hostile_outburst_and_story_are_not_told_twice(seed):
    # erupts and venting are each entered twice on this line (the day-20 complaint)
    s = Session(load_scenario("scenarios/hostile-day20.yaml"), seed=seed)
    s.replay(["identify", "demand", "let-vent", "acknowledge", "when-now", "demand-after-when", "let-vent"])
    states = [t.state_after for t in s.turns]
    assert states.count("erupts") == 2 and states.count("venting") == 2
    said = lines_of(s)
    assert len(said) == len(set(said)), said
    again = s.turns[-2].debtor_line, s.turns[-1].debtor_line
    assert "TODAY?" not in again[0] and "I did sixty flats" not in again[1]


@pytest.mark.parametrize("seed", range(1, 9))
def test_a_plain_revisited_state_says_its_other_line(seed):
    # mismatch has two lines per payment method and no condition on the visit: the engine
    # picks the one not yet said
    s = Session(load_scenario("scenarios/sophisticated-day1.yaml"), seed=seed,
                facets={"bites": "bank", "pay_by": "branch"})
    s.replay(["identify", "demand-today", "ask-reason", "follow-up", "procedure", "plan", "pin"])
    assert [t.state_after for t in s.turns][-2:] == ["mismatch", "mismatch"]
    assert s.turns[-1].debtor_line != s.turns[-2].debtor_line


def test_random_officers_never_hear_a_line_twice():
    repeats = []
    for _, path in list_files("scenarios"):
        bundle = load_scenario(str(path))
        for seed in range(1, 16):
            s = Session(bundle, seed=seed)
            play(s, random_policy(seed))
            twice = [line for line, n in Counter(lines_of(s)).items() if n > 1]
            if twice:
                repeats.append((path.stem, seed, twice[0]))
    assert not repeats, repeats[:5]
