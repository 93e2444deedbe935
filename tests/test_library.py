"""Every bundled scenario is winnable by the expert, lost by the novice, rarely won by chance."""

import re
from pathlib import Path

import pytest

from simulator.core.library import list_files
from simulator.engine import new_session
from simulator.engine.bundle import load_scenario
from simulator.engine.policies import make_policy, play

SCENARIOS = [p for origin, p in list_files("scenarios") if origin == "bundled"]


def _outside_hours(ref: Path) -> bool:
    s = new_session(str(ref))
    hours = s.profile.contact_hours
    return bool(hours) and not hours.allows(s.scenario.call.local_time)


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_expert_passes_novice_fails(path):
    expert = play(new_session(str(path)), make_policy("expert", 1)).report()
    if _outside_hours(path):  # a lesson in when not to call: nothing can pass
        assert not expert.passed and expert.auto_fail[0].rule == "contact_hours"
    else:
        assert expert.passed, expert.summary()
    novice = play(new_session(str(path)), make_policy("novice", 1)).report()
    assert not novice.passed, novice.summary()


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_random_play_rarely_passes(path):
    wins = sum(
        play(new_session(str(path), seed=s), make_policy("random", s)).report().passed for s in range(200)
    )
    assert wins / 200 < 0.05


def test_every_persona_is_used_by_a_scenario():
    used = {load_scenario(str(p)).persona.id for p in SCENARIOS}
    personas = {p.stem for origin, p in list_files("personas") if origin == "bundled"}
    assert personas <= used


SAYS_WHO_EN = re.compile(r"\b(?:[Tt]his is|[Ii]t's|I'm|I am) ([A-Z][a-z]+),? (?:from|at|of) Hengxin")
SAYS_WHO_ZH = re.compile(r"我是恒信(?:小贷)?的(小.)")


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_the_officer_introduces_himself_by_the_scenarios_name(path):
    """A persona's lines may name the officer outright; the scenario's `call.officer` (which
    {officer} and the case file show) must then be that name, in both languages."""
    from simulator.core.text import render
    from simulator.engine.compiled import plan_for

    bundle = load_scenario(str(path))
    for lang, says_who in (("en", SAYS_WHO_EN), ("zh", SAYS_WHO_ZH)):
        officer = render(bundle.scenario.call.officer, lang)
        texts = [t for sp in plan_for(bundle.persona, lang).states.values() for r in sp.replies for t in r.texts]
        named = {m.group(1) for t in texts for m in says_who.finditer(t)}
        assert named <= {officer}, (lang, officer, named)
