"""Which kind of content file this is, and what is wrong with it: the checks `validate`
prints and `lint` starts from. Problems stay objects; a front end words them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from simulator.core.errors import ContentError, Problem


def kind_of(path: Path, data: dict[str, Any] | None = None) -> str:
    """Told by the file's folder (personas/, scenarios/, golden/...), else by its fields."""
    parts = {q.lower() for q in path.parts}
    for folder, kind in (("golden", "golden"), ("personas", "persona"), ("scenarios", "scenario"),
                         ("rubrics", "rubric"), ("profiles", "profile")):
        if folder in parts:
            return kind
    data = data or {}
    if "lines" in data:
        return "golden"
    if "states" in data:
        return "persona"
    if "case" in data:
        return "scenario"
    if "items" in data:
        return "rubric"
    return "profile" if "rules" in data or "contact_hours" in data else "persona"


def files_in(paths: list[str]) -> list[Path]:
    """The files named, and every *.yaml/*.yml under the folders named."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out += sorted(x for x in p.rglob("*.y*ml") if x.is_file())
        else:
            out.append(p)
    return out


def check_file(path: Path) -> list[Problem]:
    """Problems in one file (empty when clean): its schema, and for a scenario that its
    persona, rubric and profile resolve and agree."""
    from scoring.model import Profile, Rubric
    from simulator.core.library import load_model
    from simulator.core.persona import Persona
    from simulator.core.scenario import Scenario
    from simulator.core.yamlfile import read_yaml
    from simulator.engine.bundle import load_scenario
    from simulator.engine.golden import Golden

    models = {"persona": Persona, "scenario": Scenario, "rubric": Rubric, "profile": Profile,
              "golden": Golden}
    try:
        if not path.exists():
            return [Problem(str(path), 1, 1, "", "no such file")]
        doc = read_yaml(path)
        kind = kind_of(path, doc.data)
        load_model(models[kind], path)
        if kind == "scenario":
            load_scenario(str(path))
    except ContentError as exc:
        return list(exc.problems)
    return []
