"""A scenario with everything a call needs resolved: persona, rubric and compliance profile.

It lives above the content loader and the rubric (both are below the engine) so neither
has to import the other; the session reads the rubric and profile from here instead of
loading them again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from scoring.library import load_profile, load_rubric
from scoring.model import Profile, Rubric
from simulator.core.library import Source, _check_start, find, load_cached, load_persona
from simulator.core.persona import Persona
from simulator.core.scenario import Scenario


@dataclass(frozen=True)
class Bundle:
    scenario: Scenario
    persona: Persona
    rubric: Rubric
    profile: Profile
    sources: dict[str, Source] = field(default_factory=dict)

    def hashes(self) -> dict[str, str]:
        return {k: v.sha256 for k, v in self.sources.items()}

    @property
    def folder(self) -> Path | None:
        """The scenario's folder, where its own rubric file may sit."""
        src = self.sources.get("scenario")
        return src.path.parent if src else None


def load_scenario(ref: str | Path) -> Bundle:
    """Load a scenario by id or path, with its persona, rubric and profile, checking that
    the scenario and persona agree."""
    path = find("scenarios", str(ref))
    scen = load_cached(Scenario, path)
    s = scen.model
    here = path.resolve().parent
    pers = load_persona(s.persona, near=here)
    rub = load_rubric(s.rubric, near=here)
    prof = load_profile(s.profile)
    _check_start(path, s, pers.model)
    return Bundle(
        scenario=s, persona=pers.model, rubric=rub.model, profile=prof.model,
        sources={"scenario": scen.source, "persona": pers.source, "rubric": rub.source,
                 "profile": prof.source},
    )
