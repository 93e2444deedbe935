"""Text that trainers may write once or per language."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Annotated, Literal

from pydantic import Field

from .langs import LANG_NAMES, LANGS, NEAREST  # noqa: F401  (re-exported)

Lang = Literal["en", "zh", "es", "zh-Hant"]  # the same as LANGS, spelled out for type checkers


def fallback_mark(lang: str) -> str:
    """Put before a text shown in another language than asked, so the gap is visible."""
    return f"‹{lang}› "

LangMap = Annotated[
    dict[Lang, str],
    Field(min_length=1, description="The same text per language, e.g. {en: ..., zh: ...}; "
          "languages: en, zh (Simplified Chinese), es, zh-Hant (Traditional Chinese)."),
]
Text = Annotated[
    str | LangMap,
    Field(description="Plain text, or a map of languages (`en`, `zh`, `es`, `zh-Hant`) to text."),
]


def render(text: str | dict[Lang, str] | dict[str, str] | None, lang: str = "en") -> str:
    """The text for `lang`. A plain string is every language's. A map without `lang` falls
    back to the nearest language, else to its first (the language the file was written in),
    marked so the trainee and the trainer see the gap."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    by_lang: dict[str, str] = text  # type: ignore[assignment]  # keys are languages
    found = by_lang.get(lang)
    if found:
        return found
    near = NEAREST.get(lang)
    other = near if near and by_lang.get(near) else next((k for k, v in by_lang.items() if v), None)
    return fallback_mark(other) + by_lang[other] if other else ""


def languages_of(text: str | dict[str, str]) -> set[str]:
    """Languages a text is available in; a plain string counts as every language."""
    return set(LANGS) if isinstance(text, str) else set(text)


PLACEHOLDER = re.compile(r"\{([a-z_]+(?:\.[a-z0-9_-]+)?)\}")
# what every call can fill in; `facet.NAME` besides, for each facet the persona declares
PLACEHOLDERS = ("amount", "overdue_amount", "days_overdue", "officer", "debtor", "lender", "currency")


def placeholders(text: str | dict[str, str] | None) -> set[str]:
    """The `{name}` placeholders a text uses, in any of its languages."""
    if text is None:
        return set()
    texts = [text] if isinstance(text, str) else list(text.values())
    return {m.group(1) for t in texts for m in PLACEHOLDER.finditer(t)}


def fill(text: str, values: Mapping[str, str]) -> str:
    """`text` with its placeholders filled in; one it does not know stays as written
    (lint reports it: a trainee should see the slip, not a crash)."""
    if "{" not in text:
        return text
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)
