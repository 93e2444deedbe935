"""Journaled calls: where they live, how one is written turn by turn and picked up again.

A call is a JSONL journal under `user_data_dir()/sessions/`: the header when it starts,
each turn as it happens (fsynced), an end record when it finishes. Resuming replays the
journal's choices on a new session with the same scenario, seed and language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from simulator.core.library import user_data_dir
from simulator.core.transcript import Journal, Transcript, TranscriptError, read_transcript

from .session import Session, new_session


def sessions_dir() -> Path:
    return user_data_dir() / "sessions"


class RecordedCall:
    """A session plus where its turns are recorded; the UI calls `choose` and `end` on this.
    Subclasses say where a turn goes (`_record`, which raises `CallMovedOn` when the record
    already has the turn) and how the call is sealed (`_finish`)."""

    session: Session

    def choose(self, reply_id: str):
        turn = self.session.choose(reply_id)
        self._record(turn.to_json())  # recorded before it is shown
        if self.session.ended:
            self._finish()
        return turn

    def end(self) -> None:
        self.session.end_call()
        self._finish()

    def _record(self, record: dict) -> None:
        raise NotImplementedError

    def _finish(self) -> None:
        raise NotImplementedError


class JournaledCall(RecordedCall):
    """A call recorded in a JSONL journal file."""

    def __init__(self, session: Session, path: Path, fresh: bool = True):
        self.session = session
        self.path = path
        self.journal = Journal(path)
        if fresh:
            self.journal.write(session.header())
            for t in session.turns:
                self.journal.write(t.to_json())
        if session.ended:
            self._finish()

    @classmethod
    def start(cls, scenario: str, seed: int | None = None, lang: str | None = None,
              folder: Path | None = None) -> JournaledCall:
        s = new_session(scenario, seed=seed, lang=lang)
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%f")
        path = (folder or sessions_dir()) / f"{stamp}-{s.scenario.id}.jsonl"
        return cls(s, path)

    @classmethod
    def resume(cls, path: Path) -> JournaledCall:
        t = read_transcript(path)
        if t.finished:
            raise TranscriptError(f"{path}: this call has already finished")
        h = t.header
        s = new_session(h.ref, seed=h.seed, lang=h.lang)
        s.replay(t.choices)
        return cls(s, path, fresh=False)

    def _record(self, record: dict) -> None:
        self.journal.write(record)

    def _finish(self) -> None:
        if self.journal is not None:
            self.journal.write(self.session.footer())
            self.journal.close()
            self.journal = None  # type: ignore[assignment]


@dataclass(frozen=True)
class PastCall:
    path: Path
    transcript: Transcript

    @property
    def scenario(self) -> str:
        return self.transcript.header.scenario

    @property
    def started(self) -> str:
        return self.transcript.header.started_at


def past_calls(folder: Path | None = None) -> list[PastCall]:
    """Every journal in the sessions folder, newest first; unreadable ones are skipped."""
    d = folder or sessions_dir()
    out = []
    for p in sorted(d.glob("*.jsonl"), reverse=True) if d.is_dir() else []:
        try:
            out.append(PastCall(p, read_transcript(p)))
        except TranscriptError:
            continue
    return out


def latest_unfinished(folder: Path | None = None) -> Path | None:
    return next((c.path for c in past_calls(folder) if not c.transcript.finished), None)


@dataclass(frozen=True, slots=True)
class HistoryRow:
    """One row of the history; the front ends word it in their own language."""

    started: str
    scenario: str
    turns: int
    total: int | None  # None: unfinished, or not scorable (then `problem` says why)
    passed: bool | None
    problem: str | None = None


def history_rows(folder: Path | None = None) -> list[HistoryRow]:
    """Every past call, with its score when it finished."""
    from scoring.grade import score_transcript

    rows = []
    for c in past_calls(folder):
        tr = c.transcript
        total = passed = problem = None
        if tr.finished:
            try:
                rep, _ = score_transcript(tr, tr.header.lang)
                total, passed = rep.total, rep.passed
            except Exception as exc:  # a rubric gone missing must not hide the rest
                problem = type(exc).__name__
        rows.append(HistoryRow(c.started, c.scenario, len(tr.turns), total, passed, problem))
    return rows
