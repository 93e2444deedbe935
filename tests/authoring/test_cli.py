"""The authoring commands as a trainer runs them."""

from __future__ import annotations

import json
import subprocess
import sys

from simulator.cli.main import main

from .conftest import FIXTURES, ROOT


def cli(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "simulator.cli.main", *args],
                          capture_output=True, text=True, cwd=cwd or ROOT)


def test_lint_exit_codes_and_json(zhang):
    assert cli("lint", "personas", "scenarios").returncode == 0
    text = zhang.read_text(encoding="utf-8").replace("to: busy", "to: nowhere")
    zhang.write_text(text, encoding="utf-8")
    r = cli("lint", str(zhang), "--format", "json", cwd=zhang.parent.parent)
    assert r.returncode == 1, r.stderr
    data = json.loads(r.stdout)
    (found,) = data["files"].values()
    assert data["errors"] >= 1 and any("unknown state 'nowhere'" in f["message"] for f in found)
    plain = cli("lint", str(zhang), cwd=zhang.parent.parent)
    assert ": error: " in plain.stdout and "Traceback" not in plain.stdout + plain.stderr


def test_graph_mermaid_and_dot():
    m = cli("graph", "zhang-wholesaler")
    assert m.returncode == 0 and "stateDiagram-v2" in m.stdout
    assert "answer --> identified: identify" in m.stdout and "[*] --> answer" in m.stdout
    assert 'state "hangs-up (hang_up)" as hangs_up' in m.stdout
    d = cli("graph", "zhang-wholesaler", "--format", "dot")
    assert d.stdout.startswith('digraph "zhang-wholesaler"') and '"answer" -> "identified"' in d.stdout
    assert cli("graph", "no-such-persona").returncode == 1


def test_schema_prints_json_schema():
    r = cli("schema", "scenario")
    schema = json.loads(r.stdout)
    assert schema["title"] == "collectsim scenario" and "case" in schema["properties"]


def test_explore_cli_on_persona_and_random():
    r = cli("explore", str(FIXTURES / "tiny.yaml"), "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["best"]["score"] == 97
    r = cli("explore", str(FIXTURES / "tiny.yaml"), "--random", "40")
    assert r.returncode == 0 and "40 random calls" in r.stdout


def test_explore_exact_sees_every_lines_score():
    """--exact keeps the rubric's state in the situation: more situations, and a lowest
    score no higher than the merged search finds (on hostile-day3, strictly lower)."""
    merged = json.loads(cli("explore", "hostile-day3", "--json").stdout)
    exact = json.loads(cli("explore", "hostile-day3", "--json", "--exact").stdout)
    assert exact["complete"] and exact["situations"] > merged["situations"]
    assert exact["best"]["score"] == merged["best"]["score"] == 100
    assert exact["worst"]["score"] < merged["worst"]["score"]


def test_lint_summary_prints_each_exploration():
    """One search serves both: lint --summary reports what explore finds."""
    r = cli("lint", "scenarios/first-call-zhang.yaml", "scenarios/hostile-day3.yaml", "--summary")
    assert r.returncode == 0, r.stdout + r.stderr
    for name in ("first-call-zhang", "hostile-day3"):
        e = json.loads(cli("explore", name, "--json").stdout)
        passed = " PASS" if e["best"]["passed"] else ""
        want = (f"scenarios/{name}.yaml: {e['situations']:,} situations; highest {e['best']['score']}{passed}, "
                f"lowest {e['worst']['score']}; shortest pass {len(e['shortest_pass']['replies'])} turns")
        assert want in r.stdout


def test_lint_summary_of_a_folder_with_folder_findings(tmp_path):
    """A library whose personas reach no red line gets findings for its folder, not a file:
    the summary's translation count skips them (it raised ValueError: a traceback)."""
    from simulator.authoring.generate import write_library

    write_library(tmp_path / "personas", 3, 20, seed=4)
    r = cli("lint", str(tmp_path / "personas"), "--summary", "--jobs", "1")
    assert "Traceback" not in r.stderr, r.stderr
    assert "cannot be reached in any persona here" in r.stdout
    assert "translations: en 100%" in r.stdout and r.returncode == 0, r.stdout + r.stderr


def test_test_command_reports_changed_lines(tmp_path, capsys):
    golden = tmp_path / "personas" / "golden"
    golden.mkdir(parents=True)
    line = "['identify', 'reason-first', 'penalty-and-rating', 'cost-reputation', 'sell-stock', 'pin', 'close-report']"
    (golden / "first-call-zhang.yaml").write_text(
        "scenario: first-call-zhang\nseed: 1\nfacets: {reason: overstocked, first_story: whole_truth, bites: market_name}\nlines:\n"
        f"  - {{name: expert, choices: {line}, expect: {{passed: false, outcome: commitment, total: 87}}}}\n"
        f"  - {{name: stale, choices: {line}, expect: {{total: 50}}}}\n", encoding="utf-8")
    assert main(["test", str(tmp_path / "personas")]) == 1
    out = capsys.readouterr().out
    assert "ok   " in out and "FAIL " in out and "expected 50, got 87" in out
