"""A minimal scenario around a persona, so a persona can be explored or played alone."""

from __future__ import annotations

from pathlib import Path

from simulator.core.library import Bundle, Source
from simulator.core.persona import Persona
from simulator.core.scenario import CaseFile, Loan, Scenario


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
    return Bundle(scenario=scenario_for(persona, seed), persona=persona, sources=sources)
