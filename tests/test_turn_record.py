"""What a turn records must agree with what the turn did, on every bundled golden line and on
seeded random lines through every bundled scenario.

Called for by mutants of the turn step (simulator/engine/step.py, session.py) that survived
the suite: the transcript's events, new flags, menu and variables are written by the step and
read by re-grading, the store and the debrief, so a wrong one is a wrong record even when
the live score is right. Nothing here is a stored result: each turn is checked against the
persona and against the turn before it."""

from __future__ import annotations

import copy
import random
from pathlib import Path

import pytest

from simulator.core.library import bundled_dir
from simulator.engine.bundle import load_scenario
from simulator.engine.golden import golden_files, load_golden
from simulator.engine.session import Session

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = sorted(p.stem for p in bundled_dir("scenarios").glob("*.yaml"))


def _golden_calls() -> list[tuple[str, Session, list[str]]]:
    calls = []
    for path in golden_files(ROOT / "personas"):
        g = load_golden(path)
        bundle = load_scenario(g.scenario)
        for line in g.lines:
            calls.append((f"{path.stem}: {line.name}",
                          Session(bundle, seed=g.seed, lang=g.lang, facets={**g.facets, **line.facets}),
                          list(line.choices)))
    return calls


def _check_turn(s: Session, prev_state: str, prev_flags: frozenset[str], reply: str) -> None:
    """Play `reply` and check its record against the persona and the call before it."""
    shown = [r.id for r in s.offered()]
    in_order = [r.id for r in s.in_persona_order()]
    said = s.say(reply)
    n = len(s.turns) + 1
    t = s.choose(reply)
    persona = s.persona
    arrived = persona.state(t.state_after)
    assert t.n == n and t.state_before == prev_state and t.reply == reply
    assert t.officer_line == said
    assert list(t.offered) == shown and sorted(shown) == sorted(in_order) and reply in shown
    assert s.model.state == t.state_after  # the machine followed the step's route
    assert t.new_flags == t.flags - prev_flags
    assert ("state_change" in t.events) == (t.state_before != t.state_after)
    assert ("commitment" in t.events) == (t.commitment is not None) == (arrived.commitment is not None)
    assert ("hang_up" in t.events) == (t.ending == "hang_up")
    jumps = [e.removeprefix("interrupt:") for e in t.events if e.startswith("interrupt:")]
    assert jumps in ([], [t.state_after])
    for name, value in t.variables.items():
        var = persona.variables[name]
        assert var.min <= value <= var.max, (name, value)
    if arrived.ending is not None:
        assert t.ending == arrived.ending.outcome.value and s.ended
    elif n >= s.max_turns:
        assert t.ending == "turn_limit" and s.ended
    elif not s.in_persona_order():
        assert t.ending == "stuck" and s.ended
    else:
        assert t.ending is None and not s.ended
        assert s.model in s.machine.models  # attached while the call goes on


def _play_checked(s: Session, choose) -> None:
    state, flags = s.call.state, s.call.flags
    assert s.model.state == state
    kept = []  # each turn's variables as recorded then: later turns must not change them
    while not s.ended:
        _check_turn(s, state, flags, choose(s))
        t = s.turns[-1]
        kept.append(copy.deepcopy(t.variables))
        state, flags = t.state_after, t.flags
    assert [t.variables for t in s.turns] == kept
    assert s.model not in s.machine.models


@pytest.mark.parametrize("name,session,choices", _golden_calls(), ids=lambda x: x if isinstance(x, str) else "")
def test_every_golden_turn_records_what_it_did(name, session, choices):
    queue = iter(choices)
    try:
        _play_checked(session, lambda s: next(queue))
    except StopIteration:
        pass  # a golden line may stop before the call ends; every turn played was checked


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_random_lines_record_what_they_did(scenario):
    bundle = load_scenario(scenario)
    for seed in range(6):
        rng = random.Random(f"record:{scenario}:{seed}")
        _play_checked(Session(bundle, seed=seed), lambda s, rng=rng: rng.choice(s.offered()).id)
