"""The headless CLI, as a user runs it: subprocesses, exit codes, no tracebacks."""

import json
import subprocess
import sys


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "simulator.cli.main", *args], capture_output=True, text=True)


def test_run_expert_passes_and_novice_fails():
    ok = cli("run", "first-call-zhang", "--policy", "expert", "--seed", "1", "--json")
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["passed"] is True
    bad = cli("run", "first-call-zhang", "--policy", "novice", "--seed", "1", "--json")
    assert json.loads(bad.stdout)["passed"] is False


def test_transcript_round_trip(tmp_path):
    out = tmp_path / "call.jsonl"
    first = cli("run", "first-call-zhang", "--policy", "expert", "--transcript", str(out), "--json")
    again = cli("score", str(out), "--json")
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["total"] == json.loads(first.stdout)["total"]
    header = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert header["seed"] == 1 and set(header["hashes"]) >= {"persona", "scenario", "rubric"}


def test_validate_reports_problems_without_traceback(tmp_path):
    bad = tmp_path / "personas" / "bad.yaml"
    bad.parent.mkdir()
    bad.write_text("id: bad\nname: !!python/object:os.system x\n", encoding="utf-8")
    r = cli("validate", str(bad))
    assert r.returncode == 1
    assert f"{bad}:2:" in r.stdout and "Traceback" not in r.stdout + r.stderr
    assert cli("validate", "personas", "scenarios").returncode == 0


def test_unknown_scenario_is_a_clear_error():
    r = cli("run", "no-such-scenario")
    assert r.returncode == 1 and "no scenario with this id" in r.stderr and "Traceback" not in r.stderr


def test_list_shows_bundled_content():
    r = cli("list")
    assert "first-call-zhang" in r.stdout and "zhang-wholesaler" in r.stdout
