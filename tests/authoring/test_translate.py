"""The translators' round trip: stable ids, PO and XLIFF out and back, stale and unsafe
input refused, coverage counted, and an imported line heard in the call."""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest

from simulator.authoring import translate as tr
from simulator.cli.main import main
from simulator.core.library import load_model
from simulator.core.persona import Persona
from simulator.core.text import render
from simulator.core.translations import text_entries
from simulator.engine.bundle import load_scenario
from simulator.engine.session import Session

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def content(tmp_path, monkeypatch) -> Path:
    for kind in ("personas", "scenarios"):
        (tmp_path / kind).mkdir()
    shutil.copy(ROOT / "personas" / "victim-seamstress.yaml", tmp_path / "personas")
    shutil.copy(ROOT / "scenarios" / "victim-day2.yaml", tmp_path / "scenarios")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _opening(scenario: Path, lang: str) -> str:
    # the seed whose opening is the first `say` variant of the initial state
    for seed in range(1, 40):
        s = Session(load_scenario(scenario), seed=seed, lang=lang)
        if s.opening.variant == 0:
            return s.opening.line
    raise AssertionError("no seed opens on the first variant")


def test_ids_come_from_state_and_reply_ids_and_survive_an_insertion(content):
    path = content / "personas" / "victim-seamstress.yaml"
    before = {e.id: e.text for e in text_entries(load_model(Persona, path).model)}
    assert "persona:victim-seamstress:states.answer.replies.identify.text" in before
    assert "persona:victim-seamstress:states.answer.say.0" in before
    # a new state at the top of the list moves every state's position, not their ids
    text = path.read_text(encoding="utf-8")
    head, sep, rest = text.partition("states:\n")
    extra = ("  - id: aside\n    say: [{en: 'Hm?', zh: '嗯？'}]\n"
             "    ending: {outcome: hang_up}\n")
    path.write_text(head + sep + extra + rest, encoding="utf-8")
    after = {e.id: e.text for e in text_entries(load_model(Persona, path).model)}
    assert {k: v for k, v in after.items() if ".aside." not in k} == before


def test_po_round_trip_changes_the_line_in_play(content, capsys):
    scenario = content / "scenarios" / "victim-day2.yaml"
    assert _opening(scenario, "es").startswith("‹en› ")  # untranslated: marked fallback
    assert main(["i18n", "export", "--lang", "es", "-o", "es.po"]) == 0
    po = polib.pofile("es.po")
    (entry,) = [e for e in po if e.msgctxt == "persona:victim-seamstress:states.answer.say.0"]
    entry.msgstr = "¿Diga? Perdone, soy Liu."
    po.save("es.po")
    assert main(["i18n", "import", "es.po"]) == 0
    assert (content / "personas" / "i18n" / "es" / "victim-seamstress.po").is_file()
    assert _opening(scenario, "es") == "¿Diga? Perdone, soy Liu."
    assert not _opening(scenario, "en").startswith("¿")  # other languages untouched
    # the next export offers the translation back to the translator
    assert main(["i18n", "export", "personas", "--lang", "es"]) == 0
    assert 'msgstr "¿Diga? Perdone, soy Liu."' in capsys.readouterr().out


def test_xliff_round_trip_and_stale_source(content):
    files = tr.content_files(["personas"])
    xlf = content / "zh-Hant.xlf"
    xlf.write_text(tr.export(files, "zh-Hant", "xliff"), encoding="utf-8")
    text = xlf.read_text(encoding="utf-8")
    assert 'target-language="zh-Hant"' in text and 'id="persona:victim-seamstress:name"' in text
    lang, table = tr.read_table(xlf)
    assert lang == "zh-Hant" and len(table) == len(files[0].entries)
    table = [tr.Translation(t.id, t.source, "劉梅") if t.id.endswith(":name") else t for t in table]
    rep = tr.import_table(files, "zh-Hant", table)
    assert rep.translated == 1 and not rep.stale
    persona = load_scenario(content / "scenarios" / "victim-day2.yaml").persona
    assert render(persona.name, "zh-Hant") == "劉梅"
    # the source changes after translation: the old translation is no longer used
    path = content / "personas" / "victim-seamstress.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("name: {en: Liu Mei,", "name: {en: Liu Meiling,", 1),
                    encoding="utf-8")
    persona = load_scenario(content / "scenarios" / "victim-day2.yaml").persona
    assert render(persona.name, "zh-Hant") != "劉梅"
    cov = tr.coverage(tr.content_files(["personas"])[0])
    assert cov.stale["zh-Hant"] == 1 and cov.done["zh-Hant"] == 0
    # importing another line later reports that line only: the stale name stays marked
    # (and counted by status) but does not fail the import
    files = tr.content_files(["personas"])
    other = next(e for e in files[0].entries if e.id.endswith("states.answer.say.0"))
    rep = tr.import_table(files, "zh-Hant", [tr.Translation(other.id, other.source("en"), "喂？")])
    assert rep.translated == 1 and not rep.stale and not rep.placeholder
    assert tr.coverage(tr.content_files(["personas"])[0]).stale["zh-Hant"] == 1


def test_placeholders_must_survive_translation(content):
    files = tr.content_files(["personas"])
    entry = next(e for f in files for e in f.entries if "{" not in e.source("en"))
    bad = tr.Translation(entry.id, entry.source("en"), "con {amount}")
    rep = tr.import_table(files, "es", [bad])
    assert rep.placeholder == [entry.id] and rep.translated == 0


def test_xml_with_entities_is_refused(content):
    evil = content / "evil.xlf"
    evil.write_text('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                    '<xliff version="1.2"><file><body><trans-unit id="a"><source>&e;</source>'
                    '</trans-unit></body></file></xliff>', encoding="utf-8")
    assert main(["i18n", "import", str(evil), "--lang", "es"]) == 1


def test_status_counts_each_language(content, capsys):
    assert main(["i18n", "status"]) == 0
    out = capsys.readouterr().out
    assert "en 100%" in out and "zh 100%" in out and "es 0%" in out


def test_lint_reports_coverage_per_language(content, capsys):
    files = tr.content_files(["personas"])
    entry = files[0].entries[0]
    tr.import_table(files, "es", [tr.Translation(entry.id, entry.source("en"), "Liu Mei")])
    main(["lint", "--no-explore", "personas"])  # warnings: the persona alone lacks its campaign
    total = len(files[0].entries)
    assert f"es {100 // total}% (1/{total})" in capsys.readouterr().out
    main(["lint", "--no-explore", "--format", "json", "personas"])
    import json

    assert json.loads(capsys.readouterr().out)["translations"]["es"]["done"] == 1


def test_translators_tools_accept_the_tables(content):
    """gettext's own checker (placeholders included) and translate-toolkit's counter read
    what export writes, as Poedit and Weblate would."""
    import shutil as sh
    import subprocess
    import sys

    msgfmt = sh.which("msgfmt")
    assert msgfmt, "gettext's msgfmt is needed (apt-get install gettext)"
    files = tr.content_files(["personas", "scenarios"])
    po = content / "es.po"
    po.write_text(tr.export(files, "es", "po"), encoding="utf-8")
    r = subprocess.run([msgfmt, "--check", "-o", "/dev/null", str(po)], capture_output=True, text=True)
    assert r.returncode == 0 and "warning" not in r.stderr, r.stderr
    xlf = content / "es.xlf"
    xlf.write_text(tr.export(files, "es", "xliff"), encoding="utf-8")
    pocount = Path(sys.executable).with_name("pocount")
    r = subprocess.run([str(pocount), "--csv", str(xlf)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    import csv

    (row,) = list(csv.DictReader(r.stdout.splitlines()))
    assert int(row["Total Message"]) == sum(len(f.entries) for f in files)


def test_prefill_converts_simplified_for_review(content):
    files = tr.content_files(["personas"])
    po = polib.pofile(tr.export(files, "zh-Hant", "po", prefill=True))
    by_id = {e.msgctxt: e for e in po}
    name = by_id["persona:victim-seamstress:name"]
    assert name.msgstr == "劉梅" and "fuzzy" in name.flags  # to be reviewed before use
    hung_up = [e for e in po if "掛斷" in e.msgstr or "結束通話" in e.msgstr]
    assert hung_up and all("結束通話" not in e.msgstr for e in hung_up)
    # 签 (sign) and 别 (don't) are not the lot-drawing 籤 and the stubborn 彆 OpenCC picks
    signed = [e for e in po if "簽" in e.msgstr]
    assert signed and not [e.msgstr for e in po if "籤" in e.msgstr or "彆" in e.msgstr]
    rep = tr.import_table(files, "zh-Hant", [tr.Translation(e.msgctxt, e.msgid, e.msgstr, True)
                                             for e in po])
    assert rep.translated == 0  # fuzzy entries are stored, not used


def test_a_line_keeps_its_id_when_it_gains_a_condition(content):
    path = content / "personas" / "victim-seamstress.yaml"
    first = '      - {en: "Hello? ...Sorry. Liu speaking.", zh: "喂？……不好意思，我是刘梅。"}\n'
    text = path.read_text(encoding="utf-8")
    assert first in text
    ids = [e.id for e in text_entries(load_model(Persona, path).model)]
    assert "persona:victim-seamstress:states.answer.say.2" in ids  # a variant with `when`
    path.write_text(text.replace(first, first.replace("      - {", "      - text: {").rstrip("\n")
                                 + "\n        when: [{var: anger, gte: 0}]\n"), encoding="utf-8")
    assert [e.id for e in text_entries(load_model(Persona, path).model)] == ids


def test_watch_sees_a_saved_catalogue(content):
    """`play --watch`: a translator saving the catalogue reloads the call like a YAML save."""
    from simulator.engine.reload import load_fresh, rebuild, watched_paths

    files = tr.content_files(["personas"])
    entry = next(e for e in files[0].entries if e.id.endswith("states.answer.say.0"))
    tr.import_table(files, "es", [tr.Translation(entry.id, entry.source("en"), "¿Diga?")])
    scenario = content / "scenarios" / "victim-day2.yaml"
    seed = next(s for s in range(1, 40)
                if Session(load_scenario(scenario), seed=s, lang="es").opening.variant == 0)
    old = Session(load_scenario(scenario), seed=seed, lang="es")
    assert old.opening.line == "¿Diga?"
    catalogue = content / "personas" / "i18n" / "es" / "victim-seamstress.po"
    assert catalogue.resolve() in {p.resolve() for p in watched_paths(old)}
    po = polib.pofile(str(catalogue))
    po.find(entry.source("en"), msgctxt=entry.id).msgstr = "¿Sí? ¿Diga?"
    po.save()
    assert rebuild(old, load_fresh(str(scenario))).session.opening.line == "¿Sí? ¿Diga?"
