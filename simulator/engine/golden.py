"""Golden transcripts: the trainer's regression suite.

A golden file (`personas/golden/<scenario>.yaml`) names a scenario, a seed and lines of
play with the outcome each must keep. When a trainer edits a persona, the lines whose
outcome changed are reported with what changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import Field

from simulator.core.conditions import Identifier, Strict
from simulator.core.errors import ContentError
from simulator.core.library import find, load_model
from simulator.engine.bundle import load_scenario

from .session import CallOver, Session, UnknownReply


class Expect(Strict):
    passed: bool | None = None
    outcome: str | None = None
    total: int | None = Field(None, ge=0, le=100)
    min_total: int | None = None
    max_total: int | None = None
    auto_fail: list[str] | None = Field(None, description="Rule ids, e.g. red_line:false_threat.")
    lost: list[str] | None = Field(None, description="Exactly the items scored below full marks.")


class GoldenLine(Strict):
    name: str
    choices: list[Identifier] = Field(min_length=1)
    expect: Expect
    facets: dict[Identifier, Identifier] = Field(
        default_factory=dict, description="Facets pinned for this line (over the file's)."
    )


class Golden(Strict):
    scenario: str
    seed: int = 1
    lang: str = "en"
    facets: dict[Identifier, Identifier] = Field(
        default_factory=dict, description="Facets pinned for every line (over the scenario's)."
    )
    lines: list[GoldenLine] = Field(min_length=1)


def load_golden(path: str | Path) -> Golden:
    return load_model(Golden, Path(path)).model


@dataclass
class LineResult:
    file: str
    name: str
    diffs: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.diffs


def check_line(session: Session, line: GoldenLine) -> list[str]:
    """Play `line` on a fresh session and list every way it differs from its expectation."""
    try:
        session.replay(line.choices)
    except (UnknownReply, CallOver) as exc:
        return [f"turn {len(session.turns) + 1}: {exc}"]
    r = session.report()
    e = line.expect
    diffs = []
    if e.passed is not None and r.passed != e.passed:
        diffs.append(f"passed: expected {e.passed}, got {r.passed}")
    outcome = session.outcome.value if session.outcome else None
    if e.outcome is not None and outcome != e.outcome:
        diffs.append(f"outcome: expected {e.outcome}, got {outcome}")
    if e.total is not None and r.total != e.total:
        diffs.append(f"total: expected {e.total}, got {r.total}")
    if e.min_total is not None and r.total < e.min_total:
        diffs.append(f"total: expected at least {e.min_total}, got {r.total}")
    if e.max_total is not None and r.total > e.max_total:
        diffs.append(f"total: expected at most {e.max_total}, got {r.total}")
    if e.auto_fail is not None:
        got = sorted({f.rule for f in r.auto_fail})
        if got != sorted(set(e.auto_fail)):
            diffs.append(f"auto_fail: expected {sorted(set(e.auto_fail))}, got {got}")
    if e.lost is not None:
        got = sorted(i.id for i in r.items if i.applicable and i.fraction < 1)
        if got != sorted(set(e.lost)):
            diffs.append(f"lost: expected {sorted(set(e.lost))}, got {got}")
    return diffs


def run_golden_file(path: str | Path) -> list[LineResult]:
    """Run every line of a golden file; raises ContentError for a malformed file."""
    path = Path(path)
    golden = load_model(Golden, path).model
    try:
        scenario_path = find("scenarios", golden.scenario, near=path.resolve().parent.parent)
        bundle = load_scenario(str(scenario_path))
    except ContentError as exc:
        raise ContentError(exc.problems) from None
    results = []
    for line in golden.lines:
        session = Session(bundle, seed=golden.seed, lang=golden.lang,
                          facets={**golden.facets, **line.facets})
        results.append(LineResult(str(path), line.name, check_line(session, line)))
    return results


def golden_files(root: str | Path) -> list[Path]:
    root = Path(root)
    if root.is_file():
        return [root]
    folder = root / "golden" if (root / "golden").is_dir() else root
    return sorted(folder.glob("*.y*ml"))


def _bundled_line(scenario: str, name: str) -> tuple[Golden, GoldenLine]:
    from simulator.core.library import bundled_dir

    golden = load_model(Golden, bundled_dir("personas") / "golden" / f"{scenario}.yaml").model
    return golden, next(line for line in golden.lines if line.name.startswith(name))


def golden_choices(scenario: str, name: str = "expert") -> list[str]:
    """The choices of a bundled golden line (the first whose name starts with `name`)."""
    return _bundled_line(scenario, name)[1].choices


def golden_seed(scenario: str, name: str = "expert", limit: int = 1000) -> int:
    """The first seed whose drawn debtor is the one a bundled golden line was written for
    (its pinned facets), so a host that can only pass a seed (`play --seed`, a web call)
    can replay the line on the debtor it fits."""
    from .facets import draw_facets

    golden, line = _bundled_line(scenario, name)
    want = {**golden.facets, **line.facets}
    bundle = load_scenario(scenario)
    for seed in range(1, limit + 1):
        drawn = draw_facets(bundle.persona, seed, bundle.scenario.facets)
        if all(drawn.get(k) == v for k, v in want.items()):
            return seed
    raise LookupError(f"no seed in 1..{limit} draws the debtor of {scenario}'s {line.name!r} line")
