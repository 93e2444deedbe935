"""The score report: what the debrief shows and `--json` prints."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

# Schemas are built on first use, not at import: `collectsim play` starts without them.
_LAZY = ConfigDict(defer_build=True)


class FindingReport(BaseModel):
    model_config = _LAZY

    rule: str
    cite: str
    turn: int
    severity: str
    points: int = 0
    message: str


class ItemReport(BaseModel):
    model_config = _LAZY

    id: str
    title: str
    group: str
    weight: int
    points: float
    fraction: float
    applicable: bool
    required: bool
    evidence: list[int] = Field(default_factory=list)
    detail: str = ""
    tip: str = ""
    done: bool = False  # its core is done (a required item passes on this)


class UncheckedReport(BaseModel):
    """A rule of the profile this call was not graded on, and why (a coach should know)."""

    model_config = _LAZY

    rule: str
    why: str


class ScoreReport(BaseModel):
    model_config = _LAZY

    scenario: str
    rubric: str
    profile: str
    total: int
    pass_mark: int
    passed: bool
    auto_fail: list[FindingReport] = Field(default_factory=list)
    penalties: list[FindingReport] = Field(default_factory=list)
    coaching: list[FindingReport] = Field(default_factory=list)
    items: list[ItemReport]
    core_tasks: dict[str, bool]
    peak_pressure: int | None
    previous_peak: int | None
    ceiling: int = 7  # the highest proportionate pressure for this debtor and overdue age
    outcome: str | None
    ending: str = ""  # why the call ended, in the report's language
    turns: int
    unchecked: list[UncheckedReport] = Field(default_factory=list)  # the profile's rules not graded
    pressure: str = ""  # peak and limit in the ladder's words (scoring.messages.rung), as shown

    def item(self, item_id: str) -> ItemReport:
        return next(i for i in self.items if i.id == item_id)

    def summary(self) -> str:
        verdict = "PASS" if self.passed else "FAIL"
        lines = [f"{self.scenario}: {self.total}/100 (pass mark {self.pass_mark}) {verdict}"]
        if self.outcome:
            lines.append(f"  ended: {self.outcome} - {self.ending}")
        for f in self.auto_fail:
            where = f"turn {f.turn}" if f.turn else "the call"
            lines.append(f"  AUTO-FAIL at {where}: {f.message} [{f.cite}]")
        for f in self.penalties:
            lines.append(f"  penalty -{f.points} at turn {f.turn}: {f.message} [{f.cite}]")
        for i in self.items:
            if not i.applicable:
                mark = "  n/a"
            else:
                mark = f"{i.points:5.1f}/{i.weight:<3d}"
            turns = f" (turns {', '.join(map(str, i.evidence))})" if i.evidence else ""
            lines.append(f"  {mark} {i.title}{turns}")
            if i.applicable and i.fraction < 1:
                lines.append(f"         {i.detail}. Tip: {i.tip}" if i.detail else f"         Tip: {i.tip}")
        for f in self.coaching:
            lines.append(f"  note at turn {f.turn}: {f.message} [{f.cite}]")
        if self.pressure:
            lines.append(f"  pressure: {self.pressure}")
        if self.unchecked:
            lines.append(f"  not graded under profile {self.profile}:")
            lines += [f"    - {u.rule} — {u.why}" for u in self.unchecked]
        return "\n".join(lines)
