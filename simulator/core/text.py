"""Text that trainers may write once or per language."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

Lang = Literal["en", "zh", "es", "zh-Hant"]
LANGS: tuple[Lang, ...] = ("en", "zh", "es", "zh-Hant")
# Each language's name in itself, for menus and `--lang` help.
LANG_NAMES: dict[str, str] = {"en": "English", "zh": "简体中文", "es": "Español", "zh-Hant": "繁體中文"}
# Before falling back to the text's first language: a closer one (Traditional reads Simplified).
NEAREST: dict[str, str] = {"zh-Hant": "zh"}


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


def render(text: str | dict[str, str] | None, lang: str = "en") -> str:
    """The text for `lang`. A plain string is every language's. A map without `lang` falls
    back to the nearest language, else to its first (the language the file was written in),
    marked so the trainee and the trainer see the gap."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    found = text.get(lang)
    if found:
        return found
    near = NEAREST.get(lang)
    other = near if near and text.get(near) else next((k for k, v in text.items() if v), None)
    return fallback_mark(other) + text[other] if other else ""


def languages_of(text: str | dict[str, str]) -> set[str]:
    """Languages a text is available in; a plain string counts as every language."""
    return set(LANGS) if isinstance(text, str) else set(text)
