"""Scoring a saved transcript with the rubric and profile it names."""

from __future__ import annotations

from simulator.core.transcript import Transcript

from .library import load_profile, load_rubric
from .model import ScoringContext
from .report import ScoreReport
from .scorer import Scorer


def score_transcript(tr: Transcript, lang: str = "en") -> tuple[ScoreReport, list[str]]:
    """The report and warnings (for example, a rubric that changed since the call was
    played)."""
    ctx = ScoringContext.model_validate(tr.header.context)
    rubric = load_rubric(ctx.rubric)
    profile = load_profile(ctx.profile)
    warnings = []
    hashes = tr.header.hashes
    if hashes.get("rubric") and hashes["rubric"] != rubric.source.sha256:
        warnings.append(f"rubric '{ctx.rubric}' has changed since this call was played")
    if not tr.finished:
        warnings.append("the transcript has no end record: the call was not finished")
    scorer = Scorer(rubric.model, profile.model, ctx).observe_all(tr.turns)
    if tr.outcome and scorer.outcome is None:
        scorer.outcome = tr.outcome
    return scorer.report(lang), warnings
