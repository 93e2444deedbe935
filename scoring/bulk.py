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
from .scorer import Scorer, _copy_compliance
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


def _slots(cls: type) -> tuple[str, ...]:
    return tuple(s for k in cls.__mro__ for s in getattr(k, "__slots__", ()))


class _Proto:
    """A fresh scorer for one scoring context, and a cheap way to clone it (the checks are
    slotted objects: copying their slots directly is several times faster than copy.copy)."""

    def __init__(self, scorer: Scorer, rubric_sha: str):
        self.scorer = scorer
        self.rubric_sha = rubric_sha
        self.verdicts: dict[object, tuple[float, bool]] = {}  # Scorer.key() -> (total, passed)
        self.checks = [(type(c), tuple((s, getattr(c, s)) for s in _slots(type(c)) if hasattr(c, s)))
                       for c in scorer.checks]

    def fresh(self) -> Scorer:
        new = object.__new__(Scorer)
        src = self.scorer
        for s in Scorer.__slots__:
            setattr(new, s, getattr(src, s))
        checks = []
        for cls, state in self.checks:
            c = object.__new__(cls)
            for k, v in state:
                setattr(c, k, v)
            checks.append(c)
        new.checks = checks
        new.compliance = _copy_compliance(src.compliance)
        return new


class BulkGrader:
    def __init__(self) -> None:
        # (scenario, rubric, profile) -> [(the context as found in the header, prototype)]
        self._protos: dict[tuple, list[tuple[dict[str, Any], _Proto]]] = {}

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
        header: dict[str, Any] | None = None
        end: dict[str, Any] | None = None
        turns: list[Turn] = []
        lines = text.splitlines()
        last = len(lines)
        for i, raw in enumerate(lines, 1):
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
                turns.append(Turn.from_json(rec))
            elif kind == "header":
                header = rec
            elif kind == "end":
                end = rec
            else:
                raise BulkError(f"{name}:{i}: unknown record type {kind!r}")
        if header is None:
            raise BulkError(f"{name}:1: no header record: is this a collectsim transcript?")
        proto = self._proto(header["context"])
        rubric_sha = proto.rubric_sha
        scorer = proto.fresh()
        for t in turns:
            scorer.observe(t)
        if end and end.get("outcome") and scorer.outcome is None:
            scorer.outcome = end["outcome"]
        warnings = []
        h = header.get("hashes", {}).get("rubric")
        if h and h != rubric_sha:
            warnings.append(f"rubric '{scorer.ctx.rubric}' has changed since this call was played")
        if end is None:
            warnings.append("the transcript has no end record: the call was not finished")
        # Scorer.key() is the state that decides the score (the expert search merges on it),
        # so in a cohort most calls end in a state already scored.
        key = scorer.key()
        hit = proto.verdicts.get(key)
        if hit is None:
            total = scorer.total()
            hit = proto.verdicts[key] = (total, _passed(scorer, total))
        return Grade(round(hit[0]), hit[1], scorer.turns, scorer.outcome, tuple(warnings))

    def grade_file(self, path: Any) -> Grade:
        with open(path, encoding="utf-8") as fh:
            return self.grade_text(fh.read(), str(path))


def _passed(s: Scorer, total: float) -> bool:
    """Scorer.passed() without recomputing the total."""
    if s.compliance.auto_fails():
        return False
    pass_mark = s.ctx.pass_mark if s.ctx.pass_mark is not None else s.rubric.pass_mark
    return round(total) >= pass_mark and all(c.result().fraction >= 1 for c in s.checks if c.item.required)
