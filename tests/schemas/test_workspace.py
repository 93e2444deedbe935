"""`collectsim init` makes a folder editors and outside validators check through relative
paths; `new` writes files whose modelines and persona references hold from anywhere."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from simulator.cli.main import main
from simulator.engine.bundle import load_scenario

from .outside import run_ajv, run_check_jsonschema


def _schema_of(path: Path) -> Path:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix), first
    rel = first[len(prefix):]
    assert not rel.startswith(("/", "file:")), "the modeline must be relative to survive git"
    return path.parent / rel


@pytest.fixture
def workspace(tmp_path, monkeypatch) -> Path:
    root = tmp_path / "content"
    assert main(["init", str(root)]) == 0
    monkeypatch.chdir(root)
    assert main(["new", "persona", "li-restaurant", "--archetype", "evasive"]) == 0
    assert main(["new", "scenario", "first-call-li", "--persona", "li-restaurant"]) == 0
    return root


def test_init_makes_folders_schemas_and_editor_settings(workspace):
    for d in ("personas", "scenarios", "golden", "schemas"):
        assert (workspace / d).is_dir()
    settings = json.loads((workspace / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    for schema, globs in mapping.items():
        assert (workspace / schema).is_file()
        assert globs
    assert "personas/*.yaml" in mapping["./schemas/persona.schema.json"]


@pytest.mark.parametrize("validate", [run_check_jsonschema, run_ajv])
def test_new_files_validate_through_their_modelines_from_a_moved_copy(workspace, tmp_path, validate):
    moved = tmp_path / "clone"  # as after a git clone elsewhere
    shutil.copytree(workspace, moved)
    shutil.rmtree(workspace)
    for rel in ("personas/li-restaurant.yaml", "scenarios/first-call-li.yaml"):
        f = moved / rel
        schema = _schema_of(f)
        assert schema.resolve().is_relative_to(moved.resolve())
        r = validate(schema.relative_to(moved), [Path(rel)], cwd=moved)
        assert r.returncode == 0, r.stdout + r.stderr
    # a slip an editor would underline is caught through the same schema
    bad = moved / "personas" / "li-restaurant.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("archetype: evasive", "archetype: grumpy"),
                   encoding="utf-8")
    assert validate(Path("schemas/persona.schema.json"), [Path("personas/li-restaurant.yaml")],
                    cwd=moved).returncode != 0


def test_init_again_keeps_other_settings(workspace):
    settings = workspace / ".vscode" / "settings.json"
    data = json.loads(settings.read_text(encoding="utf-8"))
    data["editor.tabSize"] = 2
    data["yaml.schemas"] = {}
    settings.write_text(json.dumps(data), encoding="utf-8")
    assert main(["init", str(workspace)]) == 0
    again = json.loads(settings.read_text(encoding="utf-8"))
    assert again["editor.tabSize"] == 2 and again["yaml.schemas"]


def test_new_scenario_records_the_persona_relative_to_itself(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["new", "persona", "wu-bakery", "-o", "lib/people/wu-bakery.yaml"]) == 0
    out = "courses/week1/first-call-wu.yaml"
    assert main(["new", "scenario", "first-call-wu", "--persona", "lib/people/wu-bakery.yaml",
                 "-o", out]) == 0
    text = Path(out).read_text(encoding="utf-8")
    assert "persona: ../../lib/people/wu-bakery.yaml" in text
    monkeypatch.chdir(tmp_path / "lib")  # run from elsewhere: the reference still holds
    assert load_scenario(tmp_path / out).persona.id == "wu-bakery"


def test_new_scenario_by_id_finds_a_bundled_persona(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["new", "scenario", "drill", "--persona", "victim-seamstress"]) == 0
    assert "persona: victim-seamstress" in Path("scenarios/drill.yaml").read_text(encoding="utf-8")
    assert main(["new", "scenario", "drill2", "--persona", "nobody-at-all"]) == 2
