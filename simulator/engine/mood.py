"""The debtor's visible mood, read off the hidden variables (or a state's override)."""

from __future__ import annotations

MOOD_LABELS = {
    "furious": {"en": "furious", "zh": "暴怒", "es": "furioso", "zh-Hant": "暴怒"},
    "angry": {"en": "angry", "zh": "生气", "es": "enfadado", "zh-Hant": "生氣"},
    "irritated": {"en": "irritated", "zh": "不耐烦", "es": "irritado", "zh-Hant": "不耐煩"},
    "anxious": {"en": "anxious", "zh": "焦虑", "es": "angustiado", "zh-Hant": "焦慮"},
    "cooperative": {"en": "cooperative", "zh": "配合", "es": "colaborador", "zh-Hant": "配合"},
    "guarded": {"en": "guarded", "zh": "戒备", "es": "a la defensiva", "zh-Hant": "戒備"},
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
