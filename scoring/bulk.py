"""Bulk re-scoring without the report objects: what `collectsim grade` runs per file.

`score_transcript` builds a full pydantic ScoreReport (titles, tips, findings) and resolves
the rubric and profile files for every call; re-grading thousands of transcripts needs only
the total and the verdict. Here rubrics, profiles and validated scoring contexts are loaded
once per run, a fresh Scorer is cloned from a prototype, and the total is computed once per
distinct end state of the rubric's fold.
The figures match `score_transcript` exactly (tests/store/test_grading.py checks).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from .library import load_profile, load_rubric
from .model import ScoringContext
from .scorer import Scorer
from .turns import Turn


class BulkError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class Grade:
    total: int
    passed: bool
    turns: int
    outcome: str | None
    warnings: tuple[str, ...]


MEMO_LIMIT = 500_000  # fold steps remembered before the memo starts over (memory bound)


class _Proto:
    """Everything learnt about one scoring context during a run.

    The rubric is a fold over turns and Scorer.key() is the part of its state that decides
    the score (the expert search merges states on it). So a fold step is a pure function
    (state key, turn record) -> state key, and a cohort replaying the same scenario and
    seed shares most of its steps: each distinct step is computed once, from a stored
    snapshot of a scorer in that state, and each distinct end state is scored once.
    """

    def __init__(self, scorer: Scorer, rubric_sha: str):
        self.rubric_sha = rubric_sha
        self.start = scorer.key()
        self.snapshots: dict[object, Scorer] = {self.start: scorer}
        self.steps: dict[tuple[object, str], tuple[object, int]] = {}
        self.verdicts: dict[object, tuple[float, bool]] = {}

    def step(self, state: object, raw: str, rec: dict[str, Any] | None) -> tuple[object, int]:
        hit = self.steps.get((state, raw))
        if hit is None:
            if rec is None:
                rec = json.loads(raw)
            # What the rubric reads of a turn (scoring/checks.py, compliance.py): calls on
            # other seeds differ in lines and hidden values, not in this, so steps repeat.
            c = rec.get("commitment")
            seen = (rec["turn"], tuple(rec["moves"]), rec.get("pressure"), tuple(rec.get("flags", ())),
                    tuple(rec.get("new_flags", ())), tuple(c.items()) if c else c, rec.get("ending"))
            hit = self.steps.get((state, seen))
            if hit is None:
                if len(self.steps) > MEMO_LIMIT:
                    self.steps.clear()
                sc = self.snapshots[state].copy()
                t = Turn.from_json(rec)
                sc.observe(t)
                nxt = sc.key()
                self.snapshots.setdefault(nxt, sc)
                hit = self.steps[(state, seen)] = (nxt, t.n)
            self.steps[(state, raw)] = hit
        return hit

    def ended(self, state: object, outcome: str) -> object:
        hit = self.steps.get((state, "\0end:" + outcome))
        if hit is None:
            sc = self.snapshots[state].copy()
            sc.outcome = outcome
            nxt = sc.key()
            self.snapshots.setdefault(nxt, sc)
            hit = self.steps[(state, "\0end:" + outcome)] = (nxt, 0)
        return hit[0]

    def verdict(self, state: object) -> tuple[float, bool]:
        hit = self.verdicts.get(state)
        if hit is None:
            sc = self.snapshots[state]
            total = sc.total()
            hit = self.verdicts[state] = (total, _passed(sc, total))
        return hit


class BulkGrader:
    def __init__(self) -> None:
        # (scenario, rubric, profile) -> [(the context as found in the header, prototype)]
        self._protos: dict[tuple, list[tuple[dict[str, Any], _Proto]]] = {}
        self._turn_lines: set[str] = set()  # raw lines already parsed as valid turn records

    def _proto(self, context: dict[str, Any]) -> _Proto:
        key = (context.get("scenario"), context.get("rubric"), context.get("profile"))
        seen = self._protos.setdefault(key, [])
        for ctx_json, proto in seen:
            if ctx_json == context:
                return proto
        ctx = ScoringContext.model_validate(context)
        rubric = load_rubric(ctx.rubric)
        profile = load_profile(ctx.profile)
        proto = _Proto(Scorer(rubric.model, profile.model, ctx), rubric.source.sha256)
        seen.append((context, proto))
        return proto

    def grade_text(self, text: str, name: str = "<transcript>") -> Grade:
        loads = json.loads
        known = self._turn_lines
        header: dict[str, Any] | None = None
        end: dict[str, Any] | None = None
        turns: list[tuple[str, dict[str, Any] | None]] = []
        lines = text.splitlines()
        last = len(lines)
        for i, raw in enumerate(lines, 1):
            if raw in known:  # seen before in this run: valid, and a turn
                turns.append((raw, None))
                continue
            if not raw or raw.isspace():
                continue
            try:
                rec = loads(raw)
            except json.JSONDecodeError as exc:
                if i == last:  # a torn last line from a crash
                    break
                raise BulkError(f"{name}:{i}: not JSON: {exc.msg}") from None
            kind = rec.get("type")
            if kind == "turn":
                turns.append((raw, rec))
            elif kind == "header":
                header = rec
            elif kind == "end":
                end = rec
            else:
                raise BulkError(f"{name}:{i}: unknown record type {kind!r}")
        if header is None:
            raise BulkError(f"{name}:1: no header record: is this a collectsim transcript?")
        proto = self._proto(header["context"])
        state, n = proto.start, 0
        for raw, rec in turns:
            state, n = proto.step(state, raw, rec)
            if rec is not None:
                if len(known) > MEMO_LIMIT:
                    known.clear()
                known.add(raw)
        outcome = state[-1]  # type: ignore[index]
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
        with open(path, encoding="utf-8") as fh:
            return self.grade_text(fh.read(), str(path))


def _passed(s: Scorer, total: float) -> bool:
    """Scorer.passed() without recomputing the total."""
    if s.compliance.auto_fails():
        return False
    pass_mark = s.ctx.pass_mark if s.ctx.pass_mark is not None else s.rubric.pass_mark
    return round(total) >= pass_mark and all(c.result().fraction >= 1 for c in s.checks if c.item.required)
