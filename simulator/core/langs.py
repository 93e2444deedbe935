"""The languages collectsim speaks: a module with no imports, so command lines can offer
them without loading the content models."""

from __future__ import annotations

LANGS: tuple[str, ...] = ("en", "zh", "es", "zh-Hant")
# Each language's name in itself, for menus and `--lang` help.
LANG_NAMES: dict[str, str] = {"en": "English", "zh": "简体中文", "es": "Español", "zh-Hant": "繁體中文"}
# Before falling back to a text's first language: a closer one (Traditional reads Simplified).
NEAREST: dict[str, str] = {"zh-Hant": "zh"}
LANG_HELP = "language: " + ", ".join(f"{k} ({v})" for k, v in LANG_NAMES.items())


def next_lang(lang: str) -> str:
    """The language after `lang`, for the screens' language key."""
    return LANGS[(LANGS.index(lang) + 1) % len(LANGS)] if lang in LANGS else LANGS[0]
