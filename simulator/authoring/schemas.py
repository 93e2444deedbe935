"""JSON Schema for trainers' editors and outside validators, generated from the models.

The schemas must hold in tools the project did not write (VS Code's YAML extension,
check-jsonschema, ajv with formats), so they avoid what those tools read differently from
pydantic: a time of day is a pattern (`format: time` is RFC 3339, which needs seconds and
an offset that `10:00` lacks), and every schema carries an `$id`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic.json_schema import GenerateJsonSchema

SCHEMA_KINDS = ("persona", "scenario", "rubric", "profile", "golden")
# Where each kind lives in a content folder (`collectsim init`): editors map these globs.
FILE_GLOBS: dict[str, tuple[str, ...]] = {
    "persona": ("personas/*.yaml", "personas/*.yml"),
    "scenario": ("scenarios/*.yaml", "scenarios/*.yml"),
    "rubric": ("rubrics/*.yaml", "rubrics/*.yml"),
    "profile": ("profiles/*.yaml", "profiles/*.yml"),
    "golden": ("golden/*.yaml", "golden/*.yml", "personas/golden/*.yaml"),
}
# An identifier, not a download address: editors find the schemas through relative paths.
ID_BASE = "https://collectsim.invalid/schemas/v1/"
# HH:MM or HH:MM:SS, what pydantic accepts for a time of day and trainers write.
TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"


class _OutsideToolsSchema(GenerateJsonSchema):
    """Pydantic's schema with a time of day as a pattern instead of `format: time`."""

    def time_schema(self, schema: Any) -> dict[str, Any]:
        return {"type": "string", "pattern": TIME_PATTERN}


def model_of(kind: str) -> type:
    from scoring.model import Profile, Rubric
    from simulator.core.persona import Persona
    from simulator.core.scenario import Scenario
    from simulator.engine.golden import Golden

    return {"persona": Persona, "scenario": Scenario, "rubric": Rubric, "profile": Profile,
            "golden": Golden}[kind]


def file_name(kind: str) -> str:
    return f"{kind}.schema.json"


def schema_for(kind: str) -> dict[str, Any]:
    schema = model_of(kind).model_json_schema(by_alias=True, schema_generator=_OutsideToolsSchema)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = ID_BASE + file_name(kind)
    schema["title"] = f"collectsim {kind}"
    return schema


def schema_text(kind: str) -> str:
    return json.dumps(schema_for(kind), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_all(folder: str | Path = "schemas") -> list[Path]:
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in SCHEMA_KINDS:
        path = out / file_name(kind)
        path.write_text(schema_text(kind), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    write_all()
