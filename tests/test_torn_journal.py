"""A crash mid-write leaves a torn last journal line: the call stays in the history and
resumes, and what is written after it is readable (issue 17)."""

from __future__ import annotations

from pathlib import Path

from simulator.core.transcript import read_transcript
from simulator.engine.golden import golden_choices, golden_seed
from simulator.engine.resume import JournaledCall, history_rows, latest_unfinished


def test_a_torn_last_line_loses_nothing_and_resumes(tmp_path: Path) -> None:
    line = golden_choices("first-call-zhang")
    call = JournaledCall.start("first-call-zhang", seed=golden_seed("first-call-zhang"), folder=tmp_path)
    for rid in line[:3]:
        call.choose(rid)
    call.journal.close()
    path = call.path
    with path.open("ab") as fh:  # the fourth turn, cut off by the crash half-way
        fh.write(b'{"type":"turn","turn":4,"reply":"dem')
    [row] = history_rows(tmp_path)
    assert row.turns == 3 and row.total is None  # still listed, unfinished
    assert latest_unfinished(tmp_path) == path
    again = JournaledCall.resume(path)
    assert len(again.session.turns) == 3
    for rid in line[3:]:
        again.choose(rid)
    t = read_transcript(path)  # every line after the tear is whole and readable
    assert t.finished and t.choices == line
    assert b'"reply":"dem\n' not in path.read_bytes() and b'"dem{' not in path.read_bytes()
    [row] = history_rows(tmp_path)
    assert row.total == 100
