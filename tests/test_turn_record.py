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
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest

from simulator.core.library import bundled_dir
from simulator.engine.bundle import load_scenario
from simulator.engine.golden import golden_files, load_golden
from simulator.engine.session import Session

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = sorted(p.stem for p in bundled_dir("scenarios").glob("*.yaml"))


def _golden_calls() -> list[tuple[str, Callable[[], Session], list[str]]]:
    """Each golden line and how to start its call: the session is made in the test, not at
    collection, so a second run in one process (mutmut's) plays a fresh call."""
    calls = []
    for path in golden_files(ROOT / "personas"):
        g = load_golden(path)
        bundle = load_scenario(g.scenario)
        for line in g.lines:
            calls.append((f"{path.stem}: {line.name}",
                          partial(Session, bundle, seed=g.seed, lang=g.lang, facets={**g.facets, **line.facets}),
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


def _ascii_id(x: object) -> str:
    """Plain-ASCII test ids (a golden line may cite "DOMAIN \u00a79"): pytest escapes
    non-ASCII ids once more on each collection in one process, so mutmut, which collects
    and then runs in one process, would not find the test by the id it recorded."""
    return x.encode("ascii", "replace").decode() if isinstance(x, str) else ""


@pytest.mark.parametrize("name,start,choices", _golden_calls(), ids=_ascii_id)
def test_every_golden_turn_records_what_it_did(name, start, choices):
    queue = iter(choices)
    try:
        _play_checked(start(), lambda s: next(queue))
    except StopIteration:
        pass  # a golden line may stop before the call ends; every turn played was checked


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_random_lines_record_what_they_did(scenario):
    bundle = load_scenario(scenario)
    for seed in range(6):
        rng = random.Random(f"record:{scenario}:{seed}")
        _play_checked(Session(bundle, seed=seed), lambda s, rng=rng: rng.choice(s.offered()).id)


# A small persona whose calls reach what the bundled lines rarely do: interrupts (one that
# lands where the reply went, one that takes over), a reply that loops to the turn limit,
# a menu that runs dry.
LOOPER = """
id: looper
name: Looper
archetype: stubborn
debtor_class: B
variables:
  willingness: {start: 5}
  ability: {start: 5}
  trust: {start: 5}
  pressure: {start: 1}
  anger: {start: 1}
flags: [cornered]
initial: answer
max_turns: 4
states:
  - id: answer
    say: ["Hello?"]
    replies:
      - {id: again, text: "Hello again.", moves: [introduce_self], to: answer}
      - {id: poke, text: "Pay.", moves: [demand_today], pressure: 1, effects: [{var: anger, add: 4}], to: angry}
      - {id: shove, text: "Pay now!", moves: [demand_today], pressure: 1, effects: [{var: anger, add: 9}], to: answer}
      - {id: corner, text: "Well?", moves: [ask_reason], effects: [{flag: cornered}], to: dry}
  - id: angry
    say: ["What?!"]
    replies:
      - {id: calm-down, text: "Sorry.", moves: [listen_empathise], effects: [{var: anger, add: -4}], to: answer}
      - {id: bye, text: "Bye.", moves: [close_call], to: done}
  - id: dry
    say: ["..."]
    replies:
      - {id: never, text: "Never.", moves: [close_call], when: [{flag: cornered, is: false}], to: done}
  - id: done
    say: ["Bye."]
    commitment: {amount: full, date: {en: Friday, zh: 周五}, date_kind: named, method: lump_sum}
    ending: {outcome: commitment}
  - id: gone
    say: ["*click*"]
    ending: {outcome: hang_up}
interrupts:
  - when: [{var: anger, gte: 9}]
    to: gone
  - when: [{var: anger, gte: 5}]
    to: angry
"""


def _lines(s: Session, depth: int) -> list[list[str]]:
    """Every line of play from `s`, up to `depth` replies (a scripted policy each)."""
    if s.ended or not depth:
        return [[]]
    out = []
    for r in s.in_persona_order():
        out += [[r.id, *rest] for rest in _lines(s.preview(r.id)[1], depth - 1)]
    return out


def test_every_line_of_a_small_persona_records_what_it_did(tmp_path: Path):
    from simulator.authoring.default_scenario import bundle_for
    from simulator.core.library import load_cached
    from simulator.core.persona import Persona

    p = tmp_path / "personas" / "looper.yaml"
    p.parent.mkdir()
    p.write_text(LOOPER, encoding="utf-8")
    bundle = bundle_for(load_cached(Persona, p).model, p)
    lines = _lines(Session(bundle, seed=1), 5)
    endings = set()
    for line in lines:
        s = Session(bundle, seed=1)
        queue = iter(line)
        _play_checked(s, lambda s, q=queue: next(q))
        endings.add(s.outcome.value if s.outcome else None)
    # the lines reach every way a call can end here (so the checks above saw each)
    assert {"commitment", "hang_up", "turn_limit", "stuck"} <= endings

