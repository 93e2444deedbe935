"""JSON Schema for trainers' editors, generated from the content models."""

from __future__ import annotations

import json
from typing import Any

SCHEMA_KINDS = ("persona", "scenario", "rubric")


def schema_for(kind: str) -> dict[str, Any]:
    from scoring.model import Rubric
    from simulator.core.persona import Persona
    from simulator.core.scenario import Scenario

    model = {"persona": Persona, "scenario": Scenario, "rubric": Rubric}[kind]
    schema = model.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"collectsim {kind}"
    return schema


def schema_text(kind: str) -> str:
    return json.dumps(schema_for(kind), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_all(folder: str = "schemas") -> None:
    from pathlib import Path

    for kind in SCHEMA_KINDS:
        (Path(folder) / f"{kind}.schema.json").write_text(schema_text(kind), encoding="utf-8")


if __name__ == "__main__":
    write_all()
