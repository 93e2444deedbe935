"""Grades that must not go wrong: each test here was called for by a mutant of the rubric or
of the turn step that survived the rest of the suite (issue 12, `make mutation`).

The rubric cases are transcripts written out turn by turn (the transcript format is what
the rubric reads), so they pin the grade, not how the checks are coded."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring.bulk import BulkGrader
from scoring.grade import score_transcript
from simulator.authoring.default_scenario import bundle_for
from simulator.core import transcript as tx
from simulator.core.library import load_cached
from simulator.core.persona import Persona
from simulator.engine import new_session
from simulator.engine.golden import golden_choices, golden_seed
from simulator.engine.session import Session

EXPERT = golden_choices("first-call-zhang")


def _transcript(turns: list[dict], **context) -> tx.Transcript:
    """A finished transcript of these turns (moves, flags...) under the worked call's
    scoring context, changed by `context`."""
    head = new_session("first-call-zhang", seed=1).header()
    head["context"] = {**head["context"], **context}
    records = []
    flags: set[str] = set()
    for n, t in enumerate(turns, 1):
        new = set(t.get("new_flags", ()))
        flags |= new
        records.append({"type": "turn", "turn": n, "state_before": f"s{n - 1}", "state_after": f"s{n}",
                        "reply": f"r{n}", "moves": sorted(t["moves"]), "pressure": t.get("pressure"),
                        "flags": sorted(flags), "new_flags": sorted(new), "ending": t.get("ending")})
    records.append(tx.end_record("hang_up", len(turns), ""))
    return tx.parse_transcript(tx.to_text([head, *records]))


def _item(tr: tx.Transcript, item: str):
    return score_transcript(tr)[0].item(item)


# -- learn the reason: both asked and given --------------------------------------------

def test_asking_for_the_reason_without_hearing_it_earns_nothing():
    tr = _transcript([{"moves": ["demand_today"]}, {"moves": ["ask_reason"]}])
    assert _item(tr, "learn_reason").fraction == 0


def test_a_volunteered_reason_is_heard_but_costs_a_quarter_and_an_asked_one_earns_all():
    told = _transcript([{"moves": ["demand_today"]}, {"moves": ["listen_empathise"], "new_flags": ["reason_given"]}])
    asked = _transcript([{"moves": ["demand_today"]}, {"moves": ["ask_reason"], "new_flags": ["reason_given"]}])
    # issue 19: the core of the task is the reason heard; not asking is a named deduction
    assert _item(told, "learn_reason").fraction == 0.75 and _item(told, "learn_reason").done
    assert _item(asked, "learn_reason").fraction == 1


# -- identity first ------------------------------------------------------------------------

def test_identity_confirmed_only_after_the_debt_earns_nothing():
    tr = _transcript([{"moves": ["demand_today"]}, {"moves": ["confirm_identity", "introduce_self"]}],
                     knows_officer=False)
    item = _item(tr, "identity_first")
    assert item.applicable and item.fraction == 0 and item.evidence == [1]


def test_identity_confirmed_before_the_debt_earns_all():
    tr = _transcript([{"moves": ["confirm_identity", "introduce_self"]}, {"moves": ["demand_today"]}],
                     knows_officer=False)
    assert _item(tr, "identity_first").fraction == 1


# -- the us profile's first-contact disclosure ----------------------------------------------

def _us(turns):
    return score_transcript(_transcript(turns, profile="us", first_contact=True))[0]


def test_a_us_first_contact_that_discloses_first_is_not_failed():
    r = _us([{"moves": ["introduce_self", "disclose_collection"]}, {"moves": ["demand_today"]}])
    assert not [f for f in r.auto_fail if f.rule == "first_contact_disclosure"]


def test_a_us_first_contact_that_talks_debt_before_disclosing_fails_at_that_turn():
    r = _us([{"moves": ["introduce_self"]}, {"moves": ["demand_today"]}, {"moves": ["disclose_collection"]}])
    (f,) = [f for f in r.auto_fail if f.rule == "first_contact_disclosure"]
    assert f.turn == 2 and not r.passed


# -- bulk grading keeps an auto-failed call apart from a clean one ---------------------------

def test_bulk_grading_never_merges_a_red_line_into_a_clean_call(tmp_path):
    clean = new_session("first-call-zhang", seed=golden_seed("first-call-zhang")).replay(EXPERT).records()
    dirty = [dict(r) for r in clean]
    dirty[2] = {**dirty[2], "moves": sorted([*dirty[2]["moves"], "insult"])}  # turn 2 insults
    grader = BulkGrader()
    got = []
    for name, recs in (("clean", clean), ("dirty", dirty), ("clean-again", clean)):
        text = tx.to_text(recs)
        g = grader.grade_text(text, name)
        want, _ = score_transcript(tx.parse_transcript(text))
        assert (g.total, g.passed) == (want.total, want.passed), name
        got.append(g.passed)
    assert got == [True, False, True]


# -- the turn step: interrupts -------------------------------------------------------------

PERSONA = """
id: guard
name: Guard
archetype: stubborn
debtor_class: B
variables:
  willingness: {start: 5}
  ability: {start: 5}
  trust: {start: 5}
  pressure: {start: 1}
  anger: {start: 1}
  entered: {start: 0}
initial: answer
max_turns: 10
states:
  - id: answer
    say: ["Hello?"]
    replies:
      - {id: poke, text: "Pay.", moves: [demand_today], pressure: 1, effects: [{var: anger, add: 5}], to: angry}
      - {id: calm, text: "Hello.", moves: [introduce_self], to: calm}
      - {id: flare, text: "Pay now!", moves: [demand_today], pressure: 1, effects: [{var: anger, add: 8}], to: calm}
      - {id: shove, text: "Pay, now.", moves: [demand_today], pressure: 1, effects: [{var: anger, add: 6}], to: angry}
  - id: calm
    say: ["Yes?"]
    replies:
      - {id: bye, text: "Bye.", moves: [close_call], to: done}
  - id: angry
    on_enter: [{var: entered, add: 1}]
    mood: {en: fuming, zh: 冒火}
    say: ["What?!"]
    replies:
      - {id: bye-angry, text: "Bye.", moves: [close_call], to: done}
      - {id: apologise, text: "Sorry.", moves: [listen_empathise], when: [{var: anger, gte: 7}], to: calm}
  - id: done
    say: ["Bye."]
    commitment: {amount: full, date: {en: Friday, zh: 周五}, date_kind: named, method: lump_sum}
    ending: {outcome: commitment}
  - id: hangs-up
    say: ["*click*"]
    ending: {outcome: hang_up}
interrupts:
  - when: [{var: anger, gte: 9}]
    to: hangs-up
  - when: [{var: anger, gte: 5}]
    to: angry
"""


@pytest.fixture
def guard(tmp_path: Path) -> Session:
    p = tmp_path / "personas" / "guard.yaml"
    p.parent.mkdir()
    p.write_text(PERSONA, encoding="utf-8")
    persona = load_cached(Persona, p).model
    return Session(bundle_for(persona, p), seed=1)


def test_an_interrupt_to_the_state_just_entered_does_not_enter_it_again(guard):
    t = guard.choose("poke")  # anger 6: the second interrupt holds, but the call is already there
    assert t.state_after == "angry" and guard.values["entered"] == 1
    assert not [e for e in t.events if e.startswith("interrupt:")]


def test_an_interrupt_whose_condition_fails_does_not_fire(guard):
    t = guard.choose("calm")
    assert t.state_after == "calm" and guard.values["entered"] == 0 and not guard.ended


def test_of_several_interrupts_that_hold_only_the_first_fires(guard):
    t = guard.choose("flare")  # anger 9: both interrupts hold
    assert t.state_after == "hangs-up" and t.ending == "hang_up"
    assert [e for e in t.events if e.startswith("interrupt:")] == ["interrupt:hangs-up"]
    assert guard.values["entered"] == 0  # `angry` was never entered on the way


def test_a_reply_is_offered_only_while_its_condition_holds(guard):
    other = guard.fork()
    guard.choose("poke")  # anger 6
    assert [r.id for r in guard.offered()] == ["bye-angry"]
    other.choose("shove")  # anger 7
    assert sorted(r.id for r in other.offered()) == ["apologise", "bye-angry"]  # menus are shuffled per seed


# -- what the live checklist shows ---------------------------------------------------------

def test_the_live_checklist_knows_the_last_contacts_peak():
    s = new_session("promiser-day34", seed=1)
    assert s.live().previous_peak == 3  # the scenario's history: peak 3 on day 3


# -- third-party rubric: a move used is evidenced where it was first used --------------------

def test_a_required_move_is_credited_at_its_first_use():
    tp = {"rubric": "third-party", "is_debtor": False}
    tr = _transcript([{"moves": ["ask_for_debtor"]}, {"moves": ["leave_message"]}, {"moves": ["ask_for_debtor"]}], **tp)
    item = _item(tr, "ask_for_debtor")
    assert item.fraction == 1 and item.evidence == [1]
    assert _item(_transcript([{"moves": ["leave_message"]}], **tp), "ask_for_debtor").fraction == 0


def test_bulk_grading_scores_a_call_the_officer_hung_up_as_the_full_report_does():
    s = new_session("first-call-zhang", seed=1).replay(EXPERT[:4])
    s.end_call()  # abandoned: no turn carries the ending, only the end record
    text = tx.to_text(s.records())
    want, _ = score_transcript(tx.parse_transcript(text))
    grader = BulkGrader()
    for _ in range(2):  # the second time from the memo
        g = grader.grade_text(text)
        assert (g.total, g.passed, g.outcome) == (want.total, want.passed, "abandoned")
    assert want.outcome == "abandoned"


def test_a_states_own_mood_and_commitment_reach_the_call_in_its_language(guard):
    calm = guard.fork()
    guard.choose("poke")
    assert guard.mood() == "fuming"
    calm.choose("calm")
    assert calm.mood() != "fuming"
    t = calm.choose("bye")
    assert t.commitment is not None and t.commitment["date"] == "Friday" and t.ending == "commitment"


# -- what the report carries besides the total ------------------------------------------------

def test_a_profile_penalty_is_listed_with_its_points():
    r = _us([{"moves": ["introduce_self", "disclose_collection"]}, {"moves": ["push_new_loan"]}])
    (p,) = r.penalties
    assert (p.rule, p.turn, p.points) == ("us-no-new-loans", 2, 10)


def test_the_report_names_the_last_contacts_peak_and_speaks_the_calls_language():
    s = new_session("promiser-day34", seed=1)
    s.choose(s.offered()[0].id)
    assert s.report().previous_peak == 3
    zh = s.report("zh").item("learn_reason")
    en = s.report("en").item("learn_reason")
    assert zh.title != en.title and any("\u4e00" <= ch <= "\u9fff" for ch in zh.title + zh.tip)
    assert en.tip
