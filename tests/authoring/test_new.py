"""`collectsim new` writes files that pass lint and can be won."""

from __future__ import annotations

from pathlib import Path

from simulator.authoring.lint import lint_file
from simulator.cli.main import main


def test_new_persona_and_scenario_pass_lint(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["new", "persona", "li-restaurant", "--archetype", "evasive"]) == 0
    assert main(["new", "scenario", "first-call-li", "--persona", "personas/li-restaurant.yaml"]) == 0
    persona = Path("personas/li-restaurant.yaml")
    scenario = Path("scenarios/first-call-li.yaml")
    text = persona.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert "archetype: evasive" in text and "debtor_class: C" in text
    assert lint_file(persona) == []  # includes the winnability search
    # the template has no facets yet, so its one winning line wins every draw
    assert [f.message.split(":")[0] for f in lint_file(scenario)] == ["memorisable"]


def test_new_is_seeded_by_name_and_refuses_to_overwrite(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["new", "persona", "wu", "-o", "a.yaml"]) == 0
    assert main(["new", "persona", "wu", "-o", "b.yaml"]) == 0
    assert main(["new", "persona", "zhou", "-o", "c.yaml"]) == 0
    a, b, c = (Path(x).read_text(encoding="utf-8") for x in ("a.yaml", "b.yaml", "c.yaml"))
    assert a == b and a.replace("id: wu", "") != c.replace("id: zhou", "")
    assert main(["new", "persona", "wu", "-o", "a.yaml"]) == 1
    assert main(["new", "persona", "Bad Name"]) == 2
    assert main(["new", "persona", "x", "--archetype", "grumpy"]) == 2
