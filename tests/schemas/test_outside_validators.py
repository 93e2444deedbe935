"""Every bundled file holds against the committed schemas in check-jsonschema and ajv, and
both reject what the loader rejects (so a pass means the schemas are checked at all)."""

from __future__ import annotations

import pytest

from simulator.authoring.schemas import SCHEMA_KINDS

from .outside import ROOT, run_ajv, run_check_jsonschema

BUNDLED = {
    "persona": sorted((ROOT / "personas").glob("*.yaml")),
    "scenario": sorted((ROOT / "scenarios").glob("*.yaml")),
    "rubric": sorted((ROOT / "scoring" / "rubrics").glob("*.yaml")),
    "profile": sorted((ROOT / "scoring" / "profiles").glob("*.yaml")),
    "golden": sorted((ROOT / "personas" / "golden").glob("*.yaml")),
}
VALIDATORS = {"check-jsonschema": run_check_jsonschema, "ajv": run_ajv}


def test_every_kind_has_bundled_files():
    assert set(BUNDLED) == set(SCHEMA_KINDS)
    assert all(BUNDLED[k] for k in SCHEMA_KINDS)


@pytest.mark.parametrize("validator", VALIDATORS)
@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_bundled_files_validate(kind, validator):
    schema = ROOT / "schemas" / f"{kind}.schema.json"
    r = VALIDATORS[validator](schema, BUNDLED[kind])
    assert r.returncode == 0, r.stdout + r.stderr


SCENARIO = """\
id: s
title: t
persona: p
call: {{local_time: {time}, date: {date}}}
case: {{loan: {{amount: 100, days_overdue: 1}}}}
"""


@pytest.mark.parametrize("validator", VALIDATORS)
@pytest.mark.parametrize(
    "time,date,ok",
    [
        ("'10:00'", "'2026-03-12'", True),  # as AUTHORING.md writes them
        ("'18:30:15'", "'2026-03-12'", True),
        ("'25:00'", "'2026-03-12'", False),  # no such hour
        ("'10:00'", "'2026-13-40'", False),  # ajv-formats checks the date
    ],
)
def test_time_and_date_as_trainers_write_them(tmp_path, validator, time, date, ok):
    f = tmp_path / "s.yaml"
    f.write_text(SCENARIO.format(time=time, date=date), encoding="utf-8")
    r = VALIDATORS[validator](ROOT / "schemas" / "scenario.schema.json", [f])
    assert (r.returncode == 0) == ok, r.stdout + r.stderr


def test_unquoted_date_is_what_ajv_rejects(tmp_path):
    """Why AUTHORING.md and the templates quote dates: ajv's YAML reader makes a timestamp of
    an unquoted date, which no JSON Schema string accepts."""
    f = tmp_path / "s.yaml"
    f.write_text(SCENARIO.format(time="'10:00'", date="2026-03-12"), encoding="utf-8")
    r = run_ajv(ROOT / "schemas" / "scenario.schema.json", [f])
    assert r.returncode != 0 and "/call/date" in r.stdout + r.stderr


def test_lint_asks_for_quotes_where_outside_tools_and_yaml_disagree(tmp_path):
    from simulator.authoring.lint import lint_file
    from simulator.core.errors import ContentError
    from simulator.engine.bundle import load_scenario

    scen = tmp_path / "scenarios" / "s.yaml"
    scen.parent.mkdir()
    text = (ROOT / "scenarios" / "first-call-zhang.yaml").read_text(encoding="utf-8")
    scen.write_text(text.replace('local_time: "10:00"', 'local_time: "10:00"\n  date: 2026-03-12'),
                    encoding="utf-8")
    (finding,) = [f for f in lint_file(scen, winnable=False) if "unquoted date" in f.message]
    assert finding.severity == "warning" and '"2026-03-12"' in finding.message
    # an unquoted time is a base-60 number to YAML: refused, not read as 00:21:30
    scen.write_text(text.replace('local_time: "10:00"', "local_time: 21:30"), encoding="utf-8")
    with pytest.raises(ContentError, match="in quotes"):
        load_scenario(scen)
