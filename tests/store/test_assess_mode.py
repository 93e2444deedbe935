"""Assessment mode rules: recorded seed, no live hints, time limit per reply, debrief gating."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from simulator.store import Store
from simulator.store.sitting import sitting_seed

from .sittings import drill, problems


def _cli(*args: str, stdin: str | None = None, timeout: int = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "import sys; from simulator.cli.main import main; sys.exit(main())",
                           *args], input=stdin, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "PYTHONUNBUFFERED": "1"})


def _scenario(content_copy: Path, extra: str) -> Path:
    src = Path(drill(content_copy))  # facets pinned: one debtor and one menu order to draw
    text = src.read_text().replace("mode: practice", "mode: assessment") + extra
    dst = content_copy / "scenarios" / "exam.yaml"
    dst.write_text(text.replace("id: first-call-zhang", "id: exam"))
    return dst


def _keeps_going(scenario: str) -> str:
    """The menu number of a first reply that does not end the call, on the one debtor the
    sitting can draw (`scenario` pins every facet, so the drawn seed is its own)."""
    from simulator.engine import new_session

    s = new_session(scenario)
    for k, reply in enumerate(s.offered(), 1):
        probe = new_session(scenario)
        probe.choose(reply.id)
        if not probe.ended:
            return str(k)
    raise AssertionError("every first reply ends the call")


def test_no_debrief_when_the_assessment_hides_it(content_copy: Path, tmp_path: Path) -> None:
    exam = _scenario(content_copy, "assessment:\n  show_debrief: false\n")
    db = f"sqlite:///{tmp_path / 'r.db'}"
    r = _cli("assess", str(exam), "--candidate", "ann", "--db", db, stdin="1\n" * 30)
    assert r.returncode == 0, r.stderr
    assert "result recorded" in r.stdout and "pass mark" not in r.stdout
    assert "mood" not in r.stdout.lower() and "core task" not in r.stdout.lower()  # no live hints
    store = Store(db)
    [a] = store.attempts()
    (sitting,) = store.sittings()
    drawn = sitting_seed(json.loads(sitting.spec), a.code_hash or "", 0)
    assert a.status == "finished" and a.mode == "assessment" and a.seed == drawn  # the seed signed for the code
    assert json.loads(a.transcript.splitlines()[0])["seed"] == drawn  # and the one the call was played on
    assert json.loads(a.report)["scenario"] == "exam"


def test_debrief_shown_when_allowed(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'r.db'}"
    r = _cli("assess", "first-call-zhang", "--candidate", "ann", "--db", db, stdin="1\n" * 30)
    assert r.returncode == 0 and "pass mark 70" in r.stdout


def test_time_limit_per_reply_ends_the_call(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'r.db'}"
    exam = drill(tmp_path)  # one debtor, one menu order: the first reply is known not to end the call
    p = subprocess.Popen([sys.executable, "-c", "import sys; from simulator.cli.main import main; sys.exit(main())",
                          "assess", exam, "--candidate", "slow2", "--db", db, "--time-limit", "1"],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    p.stdin.write(_keeps_going(exam) + "\n")
    p.stdin.flush()
    out = p.stdout.read()  # stdin kept open: the second reply never comes
    p.wait(60)
    assert p.returncode == 0
    assert "no reply in 1 s" in out
    [a] = Store(db).attempts(candidate="slow2")
    assert a.status == "finished" and json.loads(a.report)["outcome"] == "hang_up"
    assert json.loads(a.report)["turns"] == 1


def test_a_sitting_of_several_scenarios_resumes_where_it_stopped(tmp_path: Path) -> None:
    from simulator.engine import new_session

    exam = drill(tmp_path)  # one debtor to draw: the turns to type are known
    s = new_session(exam)
    while not s.ended:
        s.choose(s.offered()[0].id)
    n = len(s.turns)
    db = f"sqlite:///{tmp_path / 'r.db'}"
    r = _cli("assess", exam, exam, "--candidate", "ann", "--db", db,
             stdin="1\n" * (n + 2))  # the first call, then two turns of the second; input ends
    assert r.returncode == 3 and "sit again with the same code" in r.stdout
    store = Store(db)
    first, second = store.attempts(candidate="ann")
    assert first.status == "finished" and second.status == "in_progress"
    assert len(store.turns(second.id)) == 2 and first.sitting == second.sitting
    r = _cli("assess", "--resume", "--candidate", "ann", "--db", db, stdin="1\n" * n)
    assert r.returncode == 0 and "resuming at turn 3" in r.stdout
    first2, second2 = store.attempts(candidate="ann")
    assert first2.jws == first.jws  # untouched
    assert second2.status == "finished" and second2.total == first.total == s.report().total
    assert problems(store) == []


def test_resume_refuses_when_the_content_changed(content_copy: Path, tmp_path: Path) -> None:
    exam = _scenario(content_copy, "")
    db = f"sqlite:///{tmp_path / 'r.db'}"
    r = _cli("assess", str(exam), "--candidate", "ann", "--db", db, stdin=_keeps_going(str(exam)) + "\n")
    assert r.returncode == 3
    exam.write_text(exam.read_text() + "# edited after the sitting began\n")
    r = _cli("assess", "--resume", "--candidate", "ann", "--db", db, stdin="1\n" * 30)
    assert r.returncode == 1 and "cannot be sat or resumed fairly" in r.stderr


def test_sit_plain_takes_the_code_on_stdin_and_no_arguments(tmp_path: Path) -> None:
    """What an ssh forced command runs: `collectsim sit --plain`, the code typed in."""
    from simulator.store import keys

    from .sittings import set_sitting

    keys.create_key()
    db = f"sqlite:///{tmp_path / 'r.db'}"
    code = set_sitting(Store(db), ["Li Wei"], ["first-call-zhang"], 1)[("Li Wei", 1)]
    r = _cli("sit", "--plain", "--db", db, stdin=f"{code}\n" + "1\n" * 30)
    assert r.returncode == 0, r.stderr
    assert "-- Li Wei: cohort A" in r.stdout and "50,000" in r.stdout  # the case file, up front
    r = _cli("sit", "--plain", "--db", db, stdin=f"{code}\n")
    assert r.returncode == 1 and "this code has been used" in r.stderr and "Traceback" not in r.stderr
    assert problems(Store(db)) == []
