"""The translators' round trip: export a language's string table (PO or XLIFF) from
personas and scenarios, import the translated table back as catalogues beside each file,
and measure how much of each language is there.

PO goes through polib, XLIFF 1.2 through translate-toolkit (the library Pootle and Weblate
build on). A translated file comes from outside: XLIFF is first checked with defusedxml,
which refuses entity and DTD tricks, before translate-toolkit parses it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel

from simulator.core.errors import ContentError, Problem
from simulator.core.library import load_model
from simulator.core.persona import Persona
from simulator.core.scenario import Scenario
from simulator.core.text import LANGS, placeholders
from simulator.core.translations import (
    TextEntry,
    Translation,
    catalogue_path,
    read_catalogue,
    source_language,
    text_entries,
    usable,
)

from .chinese_script import converter

FORMATS = ("po", "xliff")
# What other tools call our languages.
ALIASES = {"zh_hans": "zh", "zh-hans": "zh", "zh_cn": "zh", "zh-cn": "zh", "zh_hant": "zh-Hant",
           "zh-hant": "zh-Hant", "zh_tw": "zh-Hant", "zh-tw": "zh-Hant", "zh_hk": "zh-Hant",
           "zh-hk": "zh-Hant", "es_es": "es", "es-es": "es", "en_us": "en", "en-us": "en"}


def normalise_lang(lang: str) -> str:
    if lang in LANGS:
        return lang
    found = ALIASES.get(lang.strip().lower())
    if found is None:
        raise ValueError(f"unknown language {lang!r}; one of {', '.join(LANGS)}")
    return found


@dataclass(frozen=True)
class ContentFile:
    path: Path
    model: BaseModel

    @cached_property
    def entries(self) -> list[TextEntry]:
        return text_entries(self.model)

    @cached_property
    def source(self) -> str:
        return source_language(self.model)

    def catalogue(self, lang: str) -> dict[str, Translation]:
        return read_catalogue(catalogue_path(self.path, lang))


def _model_for(path: Path) -> type[BaseModel]:
    from simulator.core.yamlfile import read_yaml

    data = read_yaml(path, str(path)).data
    if "states" in data:
        return Persona
    if "case" in data:
        return Scenario
    raise ContentError([Problem(str(path), 1, 1, "", "neither a persona nor a scenario")])


DEFAULT_PATHS = ("personas", "scenarios")


def content_files(paths: Iterable[str | Path]) -> list[ContentFile]:
    """Persona and scenario files given, or found directly in the folders given (with no
    paths: personas/ and scenarios/ here, those that exist)."""
    paths = list(paths) or [p for p in DEFAULT_PATHS if Path(p).is_dir()]
    files: list[Path] = []
    for raw in paths:
        p = Path(raw)
        files += sorted(x for x in p.glob("*.y*ml") if x.is_file()) if p.is_dir() else [p]
    return [ContentFile(f, load_model(_model_for(f), f).model) for f in files]


@dataclass(frozen=True)
class Row:
    """One line of the string table: what the translator sees and what they give back."""

    id: str
    source: str
    target: str
    fuzzy: bool
    notes: tuple[str, ...]
    previous: str | None = None


def rows(f: ContentFile, lang: str, source: str | None = None, prefill: bool = False) -> list[Row]:
    """The string table of one file for `lang`: the file's own text for `lang` where it has
    one, else the catalogue's (fuzzy when its source has changed since); with `prefill`, an
    empty one is converted by OpenCC from the nearby script, fuzzy until a person reviews it."""
    src = source or f.source
    near, convert = converter(lang) if prefill else (None, None)  # OpenCC, for Chinese
    cat = f.catalogue(lang)
    out = []
    for e in f.entries:
        text = e.source(src)
        if not text:
            continue
        others = tuple(f"{k}: {v}" for k, v in (e.text.items() if isinstance(e.text, dict) else ())
                       if k not in (src, lang))
        t = cat.get(e.id)
        stale = t is not None and bool(t.text) and not usable(e, t, src)
        previous = t.source if t is not None and t.source != text else None
        convertible = bool(near and convert and e.has(near))
        if e.has(lang):
            out.append(Row(e.id, text, e.text[lang], False, others))  # type: ignore[index]
        elif t is not None and t.text and not (stale and convertible):
            out.append(Row(e.id, text, t.text, stale or t.fuzzy, others, previous))
        elif convertible:  # nothing usable yet: convert today's text, for review
            out.append(Row(e.id, text, convert(e.text[near]), True, others, previous))  # type: ignore[index,misc]
        else:
            out.append(Row(e.id, text, "", False, others))
    return out


def _po(table: list[Row], lang: str, src: str, stamp: bool = True):
    """A PO file of `table`; `stamp` dates it (exports do; stored catalogues do not, so an
    import changes only the lines that changed)."""
    import polib

    po = polib.POFile(wrapwidth=0)
    from datetime import datetime

    from simulator.core.text import LANG_NAMES

    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M+0000")
    po.metadata = {"Project-Id-Version": "collectsim content",
                   **({"PO-Revision-Date": now} if stamp else {}),
                   "Last-Translator": "collectsim i18n", "Language-Team": LANG_NAMES.get(lang, lang),
                   "Language": lang, "MIME-Version": "1.0",
                   "Content-Type": "text/plain; charset=UTF-8",
                   "Content-Transfer-Encoding": "8bit", "X-Source-Language": src}
    for r in table:
        flags = (["fuzzy"] if r.fuzzy else []) + (["python-brace-format"] if placeholders(r.source) else [])
        po.append(polib.POEntry(msgctxt=r.id, msgid=r.source, msgstr=r.target, flags=flags,
                                comment="\n".join(r.notes), previous_msgid=r.previous))
    return po


def export(files: list[ContentFile], lang: str, fmt: str, source: str | None = None,
           prefill: bool = False) -> str:
    """The string table of `files` for `lang`, as PO or XLIFF text."""
    table = [r for f in files for r in rows(f, lang, source, prefill)]
    src = source or (files[0].source if files else "en")
    if fmt == "po":
        return str(_po(table, lang, src))
    from translate.storage import xliff

    doc = xliff.xlifffile(sourcelanguage=src)
    doc.settargetlanguage(lang)
    for r in table:
        unit = doc.addsourceunit(r.source)
        unit.setid(r.id)
        if r.target:
            unit.target = r.target
            unit.markfuzzy(r.fuzzy)
        for note in r.notes:
            unit.addnote(note, origin="developer")
    return bytes(doc).decode("utf-8")


def read_table(path: Path) -> tuple[str | None, list[Translation]]:
    """(language, translations) from a PO or XLIFF file a translator sends back."""
    raw = path.read_bytes()
    if raw.lstrip().startswith(b"<"):
        return _read_xliff(path, raw)
    import polib

    try:
        po = polib.pofile(raw.decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ContentError([Problem(str(path), 1, 1, "", f"not a PO file: {exc}")]) from None
    lang = po.metadata.get("Language") or None
    return lang, [Translation(e.msgctxt, e.msgid, e.msgstr, "fuzzy" in e.flags)
                  for e in po if e.msgctxt and not e.obsolete]


def _read_xliff(path: Path, raw: bytes) -> tuple[str | None, list[Translation]]:
    from xml.etree.ElementTree import ParseError

    import defusedxml.ElementTree as safe
    from defusedxml import DefusedXmlException
    from translate.storage import xliff

    try:
        safe.fromstring(raw, forbid_dtd=True)
    except (DefusedXmlException, ParseError) as exc:
        raise ContentError([Problem(str(path), 1, 1, "", f"refused XML: {exc}")]) from None
    doc = xliff.xlifffile.parsestring(raw)
    out = [Translation(u.xmlelement.get("id") or "", str(u.source or ""), str(u.target or ""),
                       u.isfuzzy()) for u in doc.units]
    return doc.gettargetlanguage() or None, [t for t in out if t.id]


@dataclass
class ImportReport:
    written: list[Path] = field(default_factory=list)
    translated: int = 0
    unknown: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    placeholder: list[str] = field(default_factory=list)


def import_table(files: list[ContentFile], lang: str, table: list[Translation]) -> ImportReport:
    """Write each file's catalogue for `lang` from the table. A translation whose source text
    no longer matches, or that drops or adds a `{placeholder}`, is kept but marked fuzzy (a
    translator must look again) and is not used in calls."""
    import polib

    report = ImportReport()
    by_id = {t.id: t for t in table}
    known = {e.id for f in files for e in f.entries}
    report.unknown = sorted(i for i in by_id if i not in known)
    for f in files:
        src = f.source
        current = f.catalogue(lang)
        if not any(by_id[e.id].text for e in f.entries if e.id in by_id):
            continue  # nothing translated for this file in the table
        po = _po([], lang, src, stamp=False)
        for e in f.entries:
            t = by_id.get(e.id) or current.get(e.id)
            if t is None or not t.text:
                continue
            text = e.source(src)
            fuzzy = t.fuzzy
            # a stale entry already in the catalogue stays marked, but is not this import's
            # problem: the report (and the exit status) speaks of the table imported
            mine = e.id in by_id
            if t.source != text:
                if mine:
                    report.stale.append(e.id)
                fuzzy = True
            elif placeholders(t.text) != placeholders(text):
                if mine:
                    report.placeholder.append(e.id)
                fuzzy = True
            report.translated += e.id in by_id and not fuzzy
            po.append(polib.POEntry(msgctxt=e.id, msgid=t.source, msgstr=t.text,
                                    flags=["fuzzy"] if fuzzy else []))
        out = catalogue_path(f.path, lang)
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
        po.save(str(tmp))
        os.replace(tmp, out)  # a run killed mid-write leaves the old catalogue, never half of one
        report.written.append(out)
    return report


@dataclass
class Coverage:
    total: int = 0
    done: dict[str, int] = field(default_factory=lambda: {lang: 0 for lang in LANGS})
    stale: dict[str, int] = field(default_factory=lambda: {lang: 0 for lang in LANGS})

    def add(self, other: Coverage) -> None:
        self.total += other.total
        for lang in LANGS:
            self.done[lang] += other.done[lang]
            self.stale[lang] += other.stale[lang]

    def to_json(self) -> dict[str, dict[str, int]]:
        return {lang: {"done": self.done[lang], "total": self.total, "stale": self.stale[lang]}
                for lang in LANGS}

    def line(self) -> str:
        parts = []
        for lang in LANGS:
            pct = 100 * self.done[lang] // self.total if self.total else 100
            stale = f", {self.stale[lang]} stale" if self.stale[lang] else ""
            parts.append(f"{lang} {pct}% ({self.done[lang]}/{self.total}{stale})")
        return "translations: " + ", ".join(parts)


def coverage(f: ContentFile) -> Coverage:
    """Texts per language, in the file or in a usable catalogue entry beside it. A plain
    string counts as every language (it was written for all)."""
    cov = Coverage()
    src = f.source
    cats = {lang: f.catalogue(lang) for lang in LANGS}
    for e in f.entries:
        cov.total += 1
        for lang in LANGS:
            t = cats[lang].get(e.id)
            if isinstance(e.text, str) or e.has(lang) or usable(e, t, src):
                cov.done[lang] += 1
            elif t is not None and t.text:
                cov.stale[lang] += 1
    return cov
