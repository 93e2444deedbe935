"""The turn record as the rubric reads it, and what the rubric asks of a commitment.

The record and its JSON form belong to the transcript format (simulator/core/transcript.py);
the rubric folds over the turns the engine writes there.
"""

from __future__ import annotations

from typing import Any

from simulator.core.transcript import TranscriptError, Turn, scan_records

__all__ = ["TranscriptError", "Turn", "is_concrete", "scan_records"]


def is_concrete(c: dict[str, Any] | None) -> bool:
    return bool(
        c and c.get("amount") is not None and c.get("date_kind") == "named"
        and c.get("method") not in (None, "unspecified")
    )
