"""Text that trainers may write once or per language."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Annotated, Literal

from pydantic import Field

Lang = Literal["en", "zh"]
LANGS: tuple[Lang, ...] = ("en", "zh")

LangMap = Annotated[
    dict[Lang, str],
    Field(min_length=1, description="The same text per language, e.g. {en: ..., zh: ...}."),
]
Text = Annotated[
    str | LangMap,
    Field(description="Plain text, or a map of languages (`en`, `zh`) to text."),
]


def render(text: str | dict[Lang, str] | dict[str, str] | None, lang: str = "en") -> str:
    """Pick the text for `lang`, falling back to English, then to any language given."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    by_lang: dict[str, str] = text  # type: ignore[assignment]  # keys are languages
    return by_lang.get(lang) or by_lang.get("en") or next(iter(by_lang.values()), "")


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
