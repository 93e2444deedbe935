"""The reference that ends AUTHORING.md is generated from the models and the move
vocabulary; `collectsim moves` prints the same table in each language."""

from __future__ import annotations

from simulator.authoring.reference import AUTHORING, field_rows, with_reference
from simulator.authoring.schemas import SCHEMA_KINDS
from simulator.cli.main import main
from simulator.core.langs import LANGS
from simulator.core.move_reference import KIND, LADDER, MEANING, move_rows
from simulator.core.moves import LADDER_FLOOR, RED_LINE_MOVES, Move


def test_authoring_md_ends_with_the_generated_reference():
    text = AUTHORING.read_text(encoding="utf-8")
    assert text == with_reference(text), (
        "AUTHORING.md's reference is stale: run `python -m simulator.authoring.reference`")


def test_every_field_and_move_has_a_meaning_in_every_language():
    for kind in SCHEMA_KINDS:
        rows = field_rows(kind)
        assert rows and all(meaning for *_, meaning in rows), kind
    for m in Move:
        assert all(MEANING[m].get(lang) for lang in LANGS), m
    assert all(all(t.get(lang) for lang in LANGS) for t in LADDER.values())
    assert all(all(t.get(lang) is not None for lang in LANGS) for t in KIND.values())


def test_reference_follows_the_models():
    persona = {row[0] for row in field_rows("persona")}
    assert {"`states[].replies[].moves`", "`variables.NAME.start`", "`interrupts[].when`"} <= persona
    scenario = {row[0]: row for row in field_rows("scenario")}
    assert "HH:MM" in scenario["`call.local_time`"][1]
    levels = {m: lvl for m, _k, lvl, _t in move_rows("en")}
    assert levels["escalate_lawyer_letter"] == str(LADDER_FLOOR[Move.ESCALATE_LAWYER_LETTER])
    assert levels["ask_reason"] == ""


def test_moves_prints_the_table_in_the_chosen_language(capsys):
    assert main(["moves", "--lang", "es"]) == 0
    out = capsys.readouterr().out
    assert "significado" in out and "línea roja" in out and "threat_violence" in out
    assert main(["moves", "--lang", "zh-Hant", "--format", "markdown"]) == 0
    md = capsys.readouterr().out
    red = [line for line in md.splitlines() if line.startswith("| `") and "紅線" in line]
    assert len(red) == len(RED_LINE_MOVES)
