"""Which persona state teaches each debtor situation of the source documents.

`COVERAGE.yaml` (beside the personas folder) names, for each of the sixty situations, the
persona and state where the debtor does it, the tags of the recommended reply and the tags
of a tempting wrong one. A situation is taught only when that state can be reached and
offers both, so the trainee really has to choose; this module checks that against the
personas, so the file cannot drift from the content it describes.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, model_validator

from simulator.core.conditions import Identifier, Strict
from simulator.core.moves import ANTI_PATTERN_MOVES, RED_LINE_MOVES, Move
from simulator.core.persona import Persona, Reply
from simulator.engine.machine import replies_in

SITUATION_COUNT = 60
TAINTED = ANTI_PATTERN_MOVES | RED_LINE_MOVES


class Situation(Strict):
    """One situation: where it is taught, or why it is not."""

    id: str = Field(pattern=r"^S[0-9]+$")
    situation: str = Field(description="The debtor's situation, in a few words.")
    persona: Identifier | None = None
    scenario: Identifier | None = Field(None, description="A scenario that plays the persona.")
    state: Identifier | None = None
    right: list[Move] = Field(default_factory=list, description="Tags the recommended reply carries.")
    wrong: list[Move] = Field(default_factory=list, description="Tags a tempting wrong reply carries.")
    note: str | None = None
    not_covered: str | None = Field(None, description="Why no persona teaches it (at most a few).")

    @model_validator(mode="after")
    def _either(self) -> Situation:
        cited = self.persona and self.state and self.right and self.wrong
        if bool(cited) == bool(self.not_covered):
            raise ValueError("give persona, state, right and wrong, or not_covered with a reason")
        if self.right and set(self.right) == set(self.wrong):
            raise ValueError("right and wrong carry the same tags")
        return self

    @property
    def covered(self) -> bool:
        return self.not_covered is None


class Coverage(Strict):
    situations: list[Situation]


def load_coverage(path: Path) -> Coverage:
    from simulator.core.library import load_model

    return load_model(Coverage, path).model


def is_right(r: Reply, tags: list[Move]) -> bool:
    """The recommended reply: every tag, and no beginner's mistake or red line with it."""
    return set(tags) <= set(r.moves) and TAINTED.isdisjoint(r.moves)


def check_situation(s: Situation, persona: Persona, reachable: set[str]) -> list[str]:
    """What is wrong with one covered entry (empty when it holds)."""
    ids = {st.id for st in persona.states}
    if s.state not in ids:
        return [f"{s.id}: persona '{persona.id}' has no state '{s.state}'"]
    state = persona.state(s.state)  # type: ignore[arg-type]
    problems = []
    if s.state not in reachable:
        problems.append(f"{s.id}: state '{s.state}' of '{persona.id}' can never be reached")
    offered = replies_in(persona, state)
    right = [r for r in offered if is_right(r, s.right)]
    wrong = [r for r in offered if set(s.wrong) <= set(r.moves) and not is_right(r, s.right)]
    if not right:
        problems.append(f"{s.id}: no reply in '{persona.id}/{s.state}' carries {s.right} "
                        "without a mistake or red line")
    if not wrong:
        problems.append(f"{s.id}: no tempting wrong reply in '{persona.id}/{s.state}' carries {s.wrong}")
    return problems
