"""The committed JSON Schemas must match the models trainers' files are checked against."""

from pathlib import Path

import pytest

from simulator.authoring.schemas import SCHEMA_KINDS, schema_text

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_committed_schema_matches_model(kind):
    committed = (SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(kind), (
        f"schemas/{kind}.schema.json is stale: run `python -m simulator.authoring.schemas` to regenerate"
    )
