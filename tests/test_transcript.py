"""The transcript format: one module writes, reads, versions and upgrades it."""

from __future__ import annotations

import pytest

from simulator.core import transcript as tx
from simulator.engine import new_session
from simulator.engine.policies import make_policy, play


def _call():
    s = new_session("first-call-zhang", seed=3)
    play(s, make_policy("expert", seed=3))
    return s


def test_round_trip_keeps_every_turn_and_the_header():
    s = _call()
    text = tx.to_text(s.records())
    tr = tx.parse_transcript(text, "call.jsonl")
    assert tr.turns == s.turns
    assert tr.header.scenario == "first-call-zhang" and tr.header.seed == 3
    assert tr.header.opening_line == s.opening.line
    assert tr.finished and tr.outcome == s.outcome.value
    assert tx.to_text(tr.records()) == text


def test_header_keeps_keys_it_does_not_know():
    h = {**_call().header(), "sitting_note": "room 2"}
    assert tx.Header.from_json(h).to_json()["sitting_note"] == "room 2"


def test_a_newer_format_is_refused_by_name_not_misread():
    s = _call()
    recs = s.records()
    recs[0]["format"] = tx.FORMAT + 1
    with pytest.raises(tx.TranscriptError, match=r"new\.jsonl:1: written by a newer collectsim"):
        tx.parse_transcript(tx.to_text(recs), "new.jsonl")


def test_an_older_format_goes_through_its_upgrade_step(monkeypatch):
    s = _call()
    recs = s.records()

    def rename(records):  # a pretend format 2 that renamed 'reply' to 'answer' and back
        return [{**r, "reply": r["reply"].upper()} if r["type"] == "turn" else r for r in records]

    monkeypatch.setattr(tx, "FORMAT", 2)
    monkeypatch.setitem(tx.UPGRADES, 1, rename)
    tr = tx.parse_transcript(tx.to_text(recs), "old.jsonl")
    assert tr.choices == [t.reply.upper() for t in s.turns]
    assert tr.header.format == 2 and tr.finished


def test_a_torn_last_line_is_dropped_and_the_turns_before_it_stand():
    s = _call()
    text = tx.to_text(s.records()[:-1])
    torn = text + text.splitlines()[-1][:20]
    assert tx.parse_transcript(torn).choices == tx.parse_transcript(text).choices


@pytest.mark.parametrize(("text", "message"), [
    ('{"type":"turn","turn":1}\n', "no header record"),
    ('{"type":"header","seed":1}\n', "header lacks lang, scenario"),
    ('{"type":"header"}\nnot json\n{"type":"end"}\n', ":2: not JSON"),
    ('{"type":"header","scenario":"x","seed":1,"lang":"en"}\n{"type":"turn","turn":1}\n', "lacks 'state_before'"),
])
def test_a_bad_transcript_names_the_file_and_what_is_wrong(text, message):
    with pytest.raises(tx.TranscriptError, match=message) as err:
        tx.parse_transcript(text, "bad.jsonl")
    assert str(err.value).startswith("bad.jsonl")


def test_the_header_alone_is_enough_to_restore_a_call():
    s = _call()
    h = tx.read_header(tx.dumps(s.header()))
    assert (h.ref, h.seed, h.lang) == (str(s.bundle.sources["scenario"].path), 3, s.lang)


def test_a_record_line_parses_as_json_loads_would():
    """loads_line skips json.loads' whitespace scans on the lines this module writes; on
    any other line it must accept and refuse exactly what json.loads does."""
    import json

    import pytest

    from simulator.core.transcript import loads_line

    for line in ('{"type": "turn", "turn": 1}', ' {"a": [1, 2]} ', '{"a": 1}\t', '"x"', "[]", "3"):
        assert loads_line(line) == json.loads(line)
    for bad in ('{"a": 1} {"b": 2}', '{"a": 1}x', "", "   ", '{"a": ', "nope"):
        with pytest.raises(json.JSONDecodeError):
            json.loads(bad)
        with pytest.raises(json.JSONDecodeError):
            loads_line(bad)
