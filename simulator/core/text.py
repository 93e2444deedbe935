"""Text that trainers may write once or per language."""

from __future__ import annotations

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
