"""Scoring a saved transcript with the rubric and profile it names."""

from __future__ import annotations

from simulator.core.transcript import Transcript

from .fold import scorer_for
from .report import ScoreReport


def score_transcript(tr: Transcript, lang: str = "en") -> tuple[ScoreReport, list[str]]:
    """The report and warnings (for example, a rubric that changed since the call was
    played); the same fold and loader as bulk grading (scoring/fold.py)."""
    scorer, sha = scorer_for(tr.header.context, tr.header.opening_variables)
    warnings = []
    hashes = tr.header.hashes
    if hashes.get("rubric") and hashes["rubric"] != sha:
        warnings.append(f"rubric '{scorer.ctx.rubric}' has changed since this call was played")
    if not tr.finished:
        warnings.append("the transcript has no end record: the call was not finished")
    scorer.observe_all(tr.turns)
    if tr.outcome and scorer.outcome is None:
        scorer.outcome = tr.outcome
    return scorer.report(lang), warnings
