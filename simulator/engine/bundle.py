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
from simulator.core.library import (
    Source,
    _check_start,
    find,
    load_cached,
    load_persona,
    references,
    with_catalogues,
)
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


def load_scenario_alone(ref: str | Path) -> Scenario:
    """The scenario with its translations, and nothing it refers to: what a picker lists.
    Its persona, rubric and profile load when a call starts (`load_scenario`), so a browser
    tab on the picker does not hold every persona of the library (12 MB a process)."""
    path = find("scenarios", str(ref))
    scen = load_cached(Scenario, path)
    return with_catalogues(scen.model, "scenario", {"scenario": scen.source})


EVERY_LANGUAGE = "*"


def load_scenario(ref: str | Path, shown_in: str | None = EVERY_LANGUAGE) -> Bundle:
    """Load a scenario by id or path, with its persona, rubric and profile, checking that
    the scenario and persona agree. The translators' catalogues of every language are merged
    in, for a call that may switch language; `shown_in`: a call only ever shown in this
    language (None: the scenario's own) needs only that language's (the opening screen of a
    first launch, worked out in a process of its own: tui/speed.py, 5.)."""
    path = find("scenarios", str(ref))
    scen = load_cached(Scenario, path)
    s = scen.model
    here = path.resolve().parent
    with references(path, "persona", s.persona):  # a reference naming no file: the scenario's line
        pers = load_persona(s.persona, near=here)
    with references(path, "rubric", s.rubric):
        rub = load_rubric(s.rubric, near=here)
    with references(path, "profile", s.profile):
        prof = load_profile(s.profile)
    _check_start(path, s, pers.model)
    sources = {"scenario": scen.source, "persona": pers.source, "rubric": rub.source,
               "profile": prof.source}
    # the translators' catalogues beside each file join the texts and the sources
    langs = None if shown_in == EVERY_LANGUAGE else {shown_in or s.language}
    s, persona = (with_catalogues(s, "scenario", sources, langs),
                  with_catalogues(pers.model, "persona", sources, langs))
    return Bundle(scenario=s, persona=persona, rubric=rub.model, profile=prof.model, sources=sources)
