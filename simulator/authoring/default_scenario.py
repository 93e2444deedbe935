"""A minimal scenario around a persona, so a persona can be explored or played alone."""

from __future__ import annotations

from pathlib import Path

from scoring.library import load_profile, load_rubric
from simulator.core.library import Source
from simulator.core.persona import Persona
from simulator.core.scenario import CaseFile, Loan, Scenario
from simulator.engine.bundle import Bundle


def scenario_for(persona: Persona, seed: int = 1, profile: str = "cn") -> Scenario:
    """Day 1 overdue, the cn profile, the default rubric: the commonest first call."""
    return Scenario(
        id=f"explore-{persona.id}"[:64],
        title=f"Exploring {persona.id}",
        persona=persona.id,
        seed=seed,
        profile=profile,
        case=CaseFile(loan=Loan(amount=50000, days_overdue=1)),
    )


def bundle_for(persona: Persona, path: Path | None = None, seed: int = 1) -> Bundle:
    sources = {"persona": Source(path.resolve(), "")} if path is not None else {}
    scenario = scenario_for(persona, seed)
    return Bundle(scenario=scenario, persona=persona, rubric=load_rubric(scenario.rubric).model,
                  profile=load_profile(scenario.profile).model, sources=sources)
