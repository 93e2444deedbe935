"""Scoring a saved transcript with the rubric and profile it names."""

from __future__ import annotations

from typing import Any

from .library import load_profile, load_rubric
from .model import ScoringContext
from .report import ScoreReport
from .scorer import Scorer


def score_transcript(tr: Any, lang: str = "en") -> tuple[ScoreReport, list[str]]:
    """`tr` is a simulator.engine.transcript.Transcript. Returns the report and warnings
    (for example, a rubric that changed since the call was played)."""
    ctx = ScoringContext.model_validate(tr.header["context"])
    rubric = load_rubric(ctx.rubric)
    profile = load_profile(ctx.profile)
    warnings = []
    hashes = tr.header.get("hashes", {})
    if hashes.get("rubric") and hashes["rubric"] != rubric.source.sha256:
        warnings.append(f"rubric '{ctx.rubric}' has changed since this call was played")
    if not tr.finished:
        warnings.append("the transcript has no end record: the call was not finished")
    scorer = Scorer(rubric.model, profile.model, ctx).observe_all(tr.turns)
    if tr.end and tr.end.get("outcome") and scorer.outcome is None:
        scorer.outcome = tr.end["outcome"]
    return scorer.report(lang), warnings
