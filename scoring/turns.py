"""The turn record as the rubric reads it.

The record and its JSON form belong to the transcript format (simulator/core/transcript.py);
the rubric folds over the turns the engine writes there. What makes a commitment concrete
is defined once, in simulator/core/persona.py (`missing_parts`).
"""

from __future__ import annotations

from simulator.core.transcript import TranscriptError, Turn, scan_records

__all__ = ["TranscriptError", "Turn", "scan_records"]
