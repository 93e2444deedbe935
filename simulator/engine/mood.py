"""The debtor's visible mood, read off the hidden variables (or a state's override)."""

from __future__ import annotations

MOOD_LABELS = {
    "furious": {"en": "furious", "zh": "暴怒"},
    "angry": {"en": "angry", "zh": "生气"},
    "irritated": {"en": "irritated", "zh": "不耐烦"},
    "anxious": {"en": "anxious", "zh": "焦虑"},
    "cooperative": {"en": "cooperative", "zh": "配合"},
    "guarded": {"en": "guarded", "zh": "戒备"},
}


def mood_of(values: dict[str, int]) -> str:
    anger = values.get("anger", 0)
    if anger >= 8:
        return "furious"
    if anger >= 6:
        return "angry"
    if anger >= 4:
        return "irritated"
    if values.get("pressure", 0) >= 7:
        return "anxious"
    if values.get("trust", 0) >= 6:
        return "cooperative"
    return "guarded"
