"""Check persona, scenario, rubric and profile files: schema, then cross-references.

PATH may be files or folders (every *.yaml inside). The kind of each file is told by its
folder (personas/, scenarios/, rubrics/, profiles/) or, failing that, by its fields.
Exit status 1 when any file has errors; each problem is printed as file:line:col: field: message.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from .common import err

EPILOG = """\
examples:
  collectsim validate personas scenarios
  collectsim validate personas/my-debtor.yaml
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH")


def kind_of(path: Path, data: dict | None = None) -> str:
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
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out += sorted(x for x in p.rglob("*.y*ml") if x.is_file())
        else:
            out.append(p)
    return out


def check_file(path: Path) -> list[str]:
    """Problems in one file, as printable lines (empty when clean)."""
    from scoring.model import Profile, Rubric
    from simulator.core.errors import ContentError
    from simulator.core.library import load_model, load_scenario
    from simulator.core.persona import Persona
    from simulator.core.scenario import Scenario
    from simulator.core.yamlfile import read_yaml
    from simulator.engine.golden import Golden

    models = {"persona": Persona, "scenario": Scenario, "rubric": Rubric, "profile": Profile,
              "golden": Golden}
    try:
        if not path.exists() and not path.is_symlink():  # a symlink loop: read_yaml says so
            return [f"{path}:1:1: no such file"]
        doc = read_yaml(path)
        kind = kind_of(path, doc.data)
        load_model(models[kind], path)
        if kind == "scenario":
            load_scenario(str(path))  # persona, rubric and profile must resolve too
    except ContentError as exc:
        return [str(p) for p in exc.problems]
    return []


def run(args: argparse.Namespace) -> int:
    files = files_in(args.paths)
    if not files:
        err("no YAML files found in: " + " ".join(args.paths))
        return 1
    bad = 0
    for f in files:
        problems = check_file(f)
        for line in problems:
            print(line)
        bad += bool(problems)
    print(f"{len(files)} file(s) checked, {bad} with errors")
    return 1 if bad else 0
