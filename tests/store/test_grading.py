"""Bulk grading: same figures as score_transcript, a progress bar, re-scoring stored results."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from scoring.bulk import BulkGrader
from scoring.grade import score_transcript
from simulator.cli.main import main
from simulator.core.transcript import read_transcript, write_transcript
from simulator.engine import new_session
from simulator.engine.policies import make_policy, play
from simulator.store import Store


def _transcripts(folder: Path, n: int = 40, same_seed: bool = False) -> list[Path]:
    out = []
    for i in range(n):
        s = new_session("first-call-zhang", seed=None if same_seed else i)
        play(s, make_policy(["expert", "novice", "random", "random"][i % 4], i))
        p = folder / f"{'s' if same_seed else 't'}{i:03d}.jsonl"
        write_transcript(p, s.records())
        out.append(p)
    return out


def test_bulk_grader_matches_the_full_report(tmp_path: Path) -> None:
    """One grader over varied seeds and a same-seed cohort, each file twice: the memoised
    fold steps (shared prefixes, repeated files) must give exactly the full report's figures."""
    g = BulkGrader()
    seen = set()
    paths = _transcripts(tmp_path) + _transcripts(tmp_path, 40, same_seed=True)
    for p in paths + paths[::-1]:
        want, warn = score_transcript(read_transcript(p))
        got = g.grade_file(p)
        assert (got.total, got.passed, got.turns, got.outcome) == (want.total, want.passed, want.turns, want.outcome), p
        assert list(got.warnings) == warn
        seen.add((got.total, got.passed))
    assert len(seen) > 3  # a spread of scores, passes and fails


def test_bulk_grader_handles_torn_and_unfinished_transcripts(tmp_path: Path) -> None:
    [p] = _transcripts(tmp_path, 1)
    lines = p.read_text().splitlines()
    torn = tmp_path / "torn.jsonl"
    torn.write_text("\n".join(lines[:-2]) + "\n" + lines[-2][: len(lines[-2]) // 2])
    want, warn = score_transcript(read_transcript(torn))
    got = BulkGrader().grade_file(torn)
    assert (got.total, got.turns) == (want.total, want.turns) and list(got.warnings) == warn
    assert any("no end record" in w for w in warn)


def test_grade_command_over_a_folder_with_progress(tmp_path: Path) -> None:
    _transcripts(tmp_path, 12)
    (tmp_path / "bad.jsonl").write_text('{"type": "turn"}\n')
    r = subprocess.run([sys.executable, "-c", "import sys; from simulator.cli.main import main; sys.exit(main())",
                        "grade", str(tmp_path), "--progress", "--json"], capture_output=True, text=True)
    assert r.returncode == 1  # one unreadable file
    rows = [json.loads(x) for x in r.stdout.splitlines()]
    assert len(rows) == 13 and sum("error" in x for x in rows) == 1
    assert "13/13" in r.stderr and "[" + "#" * 30 + "]" in r.stderr
    expert = next(x for x in rows if x["file"].endswith("t000.jsonl"))
    assert expert["total"] == 100 and expert["passed"] is True


def test_grade_stored_results(db_url: str, capsys) -> None:
    store = Store(db_url)
    s = new_session("first-call-zhang")
    play(s, make_policy("novice", 1))
    store.record("ann", s.records(), s.report().model_dump(mode="json"))  # practice: regraded too
    assert main(["grade", "--stored", "--db", db_url, "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert f"attempt 1 (ann): {s.report().total} FAIL" in out and "1 graded: 0 passed, 1 failed" in out
