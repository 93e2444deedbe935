"""Every text of a content file under a stable id, and the translators' catalogues.

A translator works on string tables (PO or XLIFF) in their own tools, not in the YAML. Each
text gets an id derived from where it sits: the file's kind and id, then field names, with
states, replies and other listed things named by their own `id` and the rest by position,
e.g. `persona:victim-seamstress:states.answer.replies.identify.text`. Renaming a reply
changes its id; adding a state or a reply elsewhere does not.

Translations live beside the file they translate, in `i18n/LANG/NAME.po` (gettext PO: msgctxt
the id, msgid the source text, msgstr the translation). When a file is loaded for a call,
the translations whose source text still matches are merged into its text maps, as if the
trainer had written `{en: ..., es: ...}`; a text whose source changed since it was
translated is stale and is left out, so the call shows the source with a mark instead.
"""

from __future__ import annotations

import hashlib
import types
import typing
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

from .langs import LANGS
from .text import placeholders

I18N_DIR = "i18n"
Key = tuple[str | int, ...]


@dataclass(frozen=True)
class TextEntry:
    """One translatable text: its stable id, where it sits in the data, and its languages."""

    id: str
    key: Key
    text: str | dict[str, str]

    def source(self, lang: str) -> str:
        return self.text if isinstance(self.text, str) else self.text.get(lang, "")

    def has(self, lang: str) -> bool:
        return isinstance(self.text, dict) and bool(self.text.get(lang))


def _is_langmap(ann: Any) -> bool:
    ann = _strip(ann)
    if get_origin(ann) is dict:
        key = get_args(ann)[0]
        return get_origin(key) is typing.Literal and set(get_args(key)) <= set(LANGS)
    return False


def _strip(ann: Any) -> Any:
    while get_origin(ann) is typing.Annotated:
        ann = get_args(ann)[0]
    return ann


def _members(ann: Any) -> tuple[Any, ...]:
    ann = _strip(ann)
    if get_origin(ann) in (Union, types.UnionType):
        return tuple(m for a in get_args(ann) for m in _members(a))
    return (ann,)


@dataclass(frozen=True)
class _Shape:
    """What a field's annotation allows, worked out once per annotation (the walk meets the
    same few thousands of times per persona)."""

    text: bool  # a Text: plain or per language
    item: Any  # the element annotation of a list it allows, or None
    value: Any  # the value annotation of a (non-language) map it allows, or None


_SHAPES: dict[int, tuple[Any, _Shape]] = {}


def _shape(ann: Any) -> _Shape:
    hit = _SHAPES.get(id(ann))
    if hit is not None and hit[0] is ann:
        return hit[1]
    members = _members(ann)
    lists = [get_args(m)[0] for m in members if get_origin(m) is list]
    maps = [get_args(m)[1] for m in members if get_origin(m) is dict and not _is_langmap(m)]
    shape = _Shape(any(_is_langmap(m) for m in members), lists[0] if lists else None,
                   maps[0] if maps else None)
    _SHAPES[id(ann)] = (ann, shape)  # the annotation is kept, so its id stays its own
    return shape


def _is_text_value(value: Any) -> bool:
    return isinstance(value, str) or (
        isinstance(value, dict) and bool(value) and set(value) <= set(LANGS)
        and all(isinstance(v, str) for v in value.values())
    )


def _walk(value: Any, ann: Any, key: Key, name: tuple[str, ...], bare: bool = False
          ) -> Iterator[tuple[Key, tuple[str, ...], Any]]:
    """(key in the data, id parts, text) of every text below `value`. `bare`: `value` is a
    list item without an id of its own, so its `text` goes by the item's name (a line variant
    keeps its id when it gains a `when`)."""
    if isinstance(value, BaseModel):
        for field, info in type(value).model_fields.items():
            alias = info.alias or field
            part = () if bare and alias == "text" else (alias,)
            yield from _walk(getattr(value, field), info.annotation, (*key, alias), (*name, *part))
        return
    if value is None or isinstance(value, bool | int | float):
        return
    shape = _shape(ann)
    if shape.text and _is_text_value(value):
        yield key, name, value
    elif isinstance(value, list | tuple) and shape.item is not None:
        single = shape.text  # `Text | list[Text]`: the first variant keeps the plain id
        for i, item in enumerate(value):
            label = getattr(item, "id", None)
            step = label if isinstance(label, str) else str(i)
            yield from _walk(item, shape.item, (*key, i), name if single and i == 0 else (*name, step),
                             bare=not isinstance(label, str))
    elif isinstance(value, dict) and shape.value is not None:
        for k, item in value.items():
            yield from _walk(item, shape.value, (*key, k), (*name, str(k)))


def kind_of(model: BaseModel) -> str:
    return type(model).__name__.lower()


def text_entries(model: BaseModel) -> list[TextEntry]:
    """Every translatable text of a persona, scenario, rubric or profile, in file order."""
    prefix = f"{kind_of(model)}:{getattr(model, 'id', '')}:"
    return [TextEntry(prefix + ".".join(name), key, text)
            for key, name, text in _walk(model, type(model), (), ())]


def source_language(model: BaseModel) -> str:
    """The language the file was written in first: the first language of its first
    per-language text (English for a file of plain strings)."""
    return _first_language(text_entries(model))


def _first_language(entries: list[TextEntry]) -> str:
    return next((next(iter(e.text)) for e in entries if isinstance(e.text, dict)), "en")


def catalogue_path(content: Path, lang: str) -> Path:
    return content.parent / I18N_DIR / lang / f"{content.stem}.po"


@dataclass(frozen=True)
class Translation:
    id: str
    source: str
    text: str
    fuzzy: bool = False


def read_catalogue(path: Path) -> dict[str, Translation]:
    """id -> translation, from a PO file (empty when there is none)."""
    if not path.is_file():
        return {}
    import polib

    po = polib.pofile(str(path), encoding="utf-8")
    return {e.msgctxt: Translation(e.msgctxt, e.msgid, e.msgstr, "fuzzy" in e.flags)
            for e in po if e.msgctxt and not e.obsolete}


def usable(entry: TextEntry, t: Translation | None, source_lang: str) -> bool:
    """A translation is used when it is done, not fuzzy, and made from today's source."""
    return (t is not None and bool(t.text) and not t.fuzzy
            and t.source == entry.source(source_lang)
            and placeholders(t.text) == placeholders(entry.source(source_lang)))


def _set(data: Any, key: Key, value: Any) -> None:
    for part in key[:-1]:
        data = data[part]
    data[key[-1]] = value


def translated(model: BaseModel, lang: str, catalogue: dict[str, Translation]) -> BaseModel:
    """`model` with `lang` added to every text the catalogue translates (the file's own
    text for `lang`, where it has one, wins)."""
    return translated_all(model, {lang: catalogue})


def translated_all(model: BaseModel, catalogues: dict[str, dict[str, Translation]]) -> BaseModel:
    """`translated` for several languages at once: one rebuild of the model."""
    entries = text_entries(model)
    src = _first_language(entries)
    changes = []
    for entry in entries:
        added = {}
        for lang, catalogue in catalogues.items():
            t = catalogue.get(entry.id)
            if not entry.has(lang) and usable(entry, t, src):
                added[lang] = t.text  # type: ignore[union-attr]
        if added:
            base = entry.text if isinstance(entry.text, dict) else {src: entry.text}
            changes.append((entry.key, {**base, **added}))
    if not changes:
        return model
    data = model.model_dump(mode="python", by_alias=True, exclude_unset=True)
    for key, value in changes:
        _set(data, key, value)
    return type(model).model_validate(data)


def catalogues_beside(content: Path) -> dict[str, Path]:
    """lang -> catalogue file, for each language translated beside `content`."""
    folder = content.parent / I18N_DIR
    if not folder.is_dir():
        return {}
    return {lang: p for lang in LANGS if (p := catalogue_path(content, lang)).is_file()}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def with_translations(model: BaseModel, content: Path, sha256: str,
                      langs: Collection[str] | None = None
                      ) -> tuple[BaseModel, dict[str, tuple[Path, str]]]:
    """The model (from the file at `content` with hash `sha256`) with every catalogue beside
    it merged in (only those of `langs`, if given), and those catalogues as lang -> (path,
    hash), for the call's content hashes. Merged once per version of the file and its
    catalogues, then kept in the content cache."""
    from . import contentcache

    found = {lang: (p, digest(p)) for lang, p in sorted(catalogues_beside(content).items())
             if langs is None or lang in langs}
    if not found:
        return model, {}
    key = hashlib.sha256("\0".join(["translated", sha256, *(f"{lang}:{sha}" for lang, (_p, sha)
                                                              in found.items())]).encode()).hexdigest()
    merged = _MERGED.get(key) or contentcache.get(type(model), key)
    if merged is None:
        merged = translated_all(model, {lang: read_catalogue(p) for lang, (p, _sha) in found.items()})
        contentcache.put(type(model), key, merged)
    if len(_MERGED) > 64:
        _MERGED.clear()
    _MERGED[key] = merged
    return merged, found


_MERGED: dict[str, BaseModel] = {}  # this process's merges, by the key above
