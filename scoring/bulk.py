"""Bulk re-scoring without the report objects: what `collectsim grade` runs per file.

The same fold as every other front end (scoring/fold.py: one Scorer, one memo, one `seen`
shape, one loader), without the report objects: re-grading thousands of transcripts needs
only the total and the verdict, computed once per distinct end state of the fold.
The figures match `score_transcript` exactly (tests/store/test_grading.py checks).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from simulator.core.limits import current
from simulator.core.safeio import read_content

from .fold import MEMO_LIMIT, FoldMemo, scorer_for, seen_of_record
from .model import NOT_SCORED
from .scorer import Scorer
from .turns import Turn, scan_records


@dataclass(frozen=True, slots=True)
class Grade:
    total: int
    passed: bool
    turns: int
    outcome: str | None
    warnings: tuple[str, ...]


class _Proto(FoldMemo):
    """Everything learnt about one scoring context during a run (see scoring/fold.py); a
    cohort replaying the same scenario shares most of its steps."""

    def __init__(self, scorer: Scorer, rubric_sha: str):
        super().__init__(scorer)
        self.rubric_sha = rubric_sha
        self.raw_steps: dict[tuple[int, str], tuple[int, int]] = {}

    def step_raw(self, state: int, raw: str, rec: dict[str, Any] | None) -> tuple[int, int]:
        """A step from a raw JSON line, and the turn's number: the line itself is remembered
        too, so a cohort on one seed (identical lines) skips even the JSON parse."""
        hit = self.raw_steps.get((state, raw))
        if hit is None:
            r: dict[str, Any] = json.loads(raw) if rec is None else rec
            if len(self.raw_steps) > MEMO_LIMIT:
                self.raw_steps.clear()
            hit = self.raw_steps[(state, raw)] = (self.step(state, seen_of_record(r, self.reads), lambda: Turn.from_json(r)),
                                                  r["turn"])
        return hit


class BulkGrader:
    def __init__(self) -> None:
        # (rubric, profile, leverage) -> [(the header's context less what is not scored, prototype)]
        self._protos: dict[tuple[Any, ...], list[tuple[dict[str, Any], _Proto]]] = {}
        self._turn_lines: set[str] = set()  # raw lines already parsed as valid turn records
        self._file_bytes: int | None = None  # the content limit on a transcript, read once a run

    def _proto(self, context: dict[str, Any]) -> _Proto:
        """The prototype for a header's context: shared by every context that scores alike
        (calls on other draws of the same debtor differ in facets, not in what is scored)."""
        # the drawn facets change the leverage, so each draw's prototype is found at once
        key = (context.get("rubric"), context.get("profile"), repr(context.get("leverage")))
        scored = {k: v for k, v in context.items() if k not in NOT_SCORED}
        seen = self._protos.setdefault(key, [])
        for ctx_scored, proto in seen:
            if ctx_scored == scored:
                return proto
        proto = _Proto(*scorer_for(context))
        seen.append((scored, proto))
        return proto

    def grade_text(self, text: str, name: str = "<transcript>") -> Grade:
        """Raises scoring.turns.TranscriptError for a file that is not a transcript."""
        known = self._turn_lines  # raw lines already read as valid turns in this run
        header, turns, end = scan_records(text.splitlines(), name, known)
        proto = self._proto(header["context"])
        state, n = proto.start, 0
        for raw, rec in turns:
            state, n = proto.step_raw(state, raw, rec)
            if rec is not None:
                if len(known) > MEMO_LIMIT:
                    known.clear()
                known.add(raw)
        outcome = proto.outcome(state)
        if end and end.get("outcome") and outcome is None:
            outcome = end["outcome"]
            state = proto.ended(state, outcome)
        warnings = []
        h = header.get("hashes", {}).get("rubric")
        if h and h != proto.rubric_sha:
            warnings.append(f"rubric '{header['context'].get('rubric')}' has changed since this call was played")
        if end is None:
            warnings.append("the transcript has no end record: the call was not finished")
        total, passed = proto.verdict(state)
        return Grade(round(total), passed, n, outcome, tuple(warnings))

    def grade_file(self, path: Any) -> Grade:
        # content's reading rules: a FIFO or /dev/zero among the transcripts is refused
        if self._file_bytes is None:
            self._file_bytes = current().file_bytes
        name = str(path)
        return self.grade_text(read_content(path, name, self._file_bytes).decode("utf-8"), name)
