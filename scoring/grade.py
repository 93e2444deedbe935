"""Scoring a saved transcript with the rubric and profile it names."""

from __future__ import annotations

from typing import Any

from .fold import scorer_for
from .report import ScoreReport


def score_transcript(tr: Any, lang: str = "en") -> tuple[ScoreReport, list[str]]:
    """`tr` is a simulator.engine.transcript.Transcript. Returns the report and warnings
    (for example, a rubric that changed since the call was played)."""
    scorer, sha = scorer_for(tr.header["context"])
    warnings = []
    hashes = tr.header.get("hashes", {})
    if hashes.get("rubric") and hashes["rubric"] != sha:
        warnings.append(f"rubric '{scorer.ctx.rubric}' has changed since this call was played")
    if not tr.finished:
        warnings.append("the transcript has no end record: the call was not finished")
    scorer.observe_all(tr.turns)
    if tr.end and tr.end.get("outcome") and scorer.outcome is None:
        scorer.outcome = tr.end["outcome"]
    return scorer.report(lang), warnings
