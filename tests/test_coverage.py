"""COVERAGE.yaml names, per debtor situation of the source documents, the persona state that
teaches it; every citation must hold against the personas as they are."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.authoring.coverage import SITUATION_COUNT, check_situation, load_coverage
from simulator.authoring.graph_analysis import bounds_for
from simulator.core.library import load_model, load_persona
from simulator.core.scenario import Scenario

ROOT = Path(__file__).resolve().parent.parent
COVERAGE = load_coverage(ROOT / "COVERAGE.yaml")


def _problems(entries, personas_dir: Path, scenarios_dir: Path) -> list[str]:
    out: list[str] = []
    for s in entries:
        if not s.covered:
            continue
        path = personas_dir / f"{s.persona}.yaml"
        if not path.is_file():
            out.append(f"{s.id}: no persona '{s.persona}'")
            continue
        persona = load_persona(path).model
        starts = []
        if s.scenario:
            spath = scenarios_dir / f"{s.scenario}.yaml"
            if not spath.is_file():
                out.append(f"{s.id}: no scenario '{s.scenario}'")
                continue
            scenario = load_model(Scenario, spath).model
            if Path(scenario.persona).stem != s.persona:
                out.append(f"{s.id}: scenario '{s.scenario}' plays '{scenario.persona}', not '{s.persona}'")
            starts = [scenario.start]
        out += check_situation(s, persona, bounds_for(persona, starts).states)
    return out


def test_every_situation_is_listed_once():
    ids = [s.id for s in COVERAGE.situations]
    assert sorted(ids, key=lambda x: int(x[1:])) == [f"S{i}" for i in range(1, SITUATION_COUNT + 1)]


def test_every_citation_holds():
    problems = _problems(COVERAGE.situations, ROOT / "personas", ROOT / "scenarios")
    assert not problems, "\n".join(problems)


def test_at_least_54_of_60_are_covered_and_the_rest_say_why():
    covered = [s for s in COVERAGE.situations if s.covered]
    assert len(covered) >= 54, f"only {len(covered)} of {SITUATION_COUNT} covered"
    for s in COVERAGE.situations:
        if not s.covered:
            assert len(s.not_covered or "") > 20, f"{s.id}: say why it is not covered"


@pytest.mark.parametrize(
    "edit, expected",
    [
        ({"state": "no-such-state"}, "has no state 'no-such-state'"),
        ({"wrong": ["misstate_amount"]}, "no tempting wrong reply"),
        ({"right": ["accept_on_spot"], "wrong": ["doubt_story"]}, "without a mistake or red line"),
        ({"scenario": "third-party-day8"}, "plays 'third-party-wife'"),
    ],
)
def test_a_broken_citation_is_caught(edit, expected):
    s1 = next(s for s in COVERAGE.situations if s.id == "S1")
    broken = s1.model_copy(update=edit)
    problems = _problems([broken], ROOT / "personas", ROOT / "scenarios")
    assert any(expected in p for p in problems), problems


def test_an_unreachable_state_is_caught(content_copy):
    persona = content_copy / "personas" / "zhang-wholesaler.yaml"
    text = persona.read_text(encoding="utf-8").replace("to: excuse\n", "to: customer-detail\n")
    persona.write_text(text, encoding="utf-8")
    s1 = next(s for s in COVERAGE.situations if s.id == "S1")
    problems = _problems([s1], content_copy / "personas", content_copy / "scenarios")
    assert any("can never be reached" in p for p in problems), problems
