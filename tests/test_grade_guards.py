"""Grades that must not go wrong: each test here was called for by a mutant of the rubric or
of the turn step that survived the rest of the suite (issue 12, `make mutation`).

The rubric cases are transcripts written out turn by turn (the transcript format is what
the rubric reads), so they pin the grade, not how the checks are coded."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from scoring.bulk import BulkGrader
from scoring.checks import CHECKS, Check
from scoring.fold import FoldMemo, seen_of_record
from scoring.grade import score_transcript
from scoring.library import load_profile, load_rubric
from scoring.messages import rung, say
from scoring.model import ScoringContext, Unchecked
from scoring.scorer import Scorer
from scoring.turns import Turn
from simulator.authoring.default_scenario import bundle_for
from simulator.authoring.explore import explore
from simulator.core import transcript as tx
from simulator.core.library import bundled_dir, load_cached
from simulator.core.persona import Persona
from simulator.core.text import render
from simulator.engine import new_session
from simulator.engine.bundle import load_scenario
from simulator.engine.golden import golden_choices, golden_seed
from simulator.engine.session import Session

EXPERT = golden_choices("first-call-zhang")


def _records(turns: list[dict], end: str = "hang_up", **context) -> list[dict]:
    """The records of a finished call of these turns (moves, pressure, new_flags, flags set
    without a turn's news, commitment, ending) under the worked call's scoring context,
    changed by `context`."""
    head = new_session("first-call-zhang", seed=1).header()
    head["context"] = {**head["context"], **context}
    records = []
    flags: set[str] = set()
    for n, t in enumerate(turns, 1):
        new = set(t.get("new_flags", ()))
        flags |= new | set(t.get("flags", ()))
        records.append({"type": "turn", "turn": n, "state_before": f"s{n - 1}", "state_after": f"s{n}",
                        "reply": f"r{n}", "moves": sorted(t["moves"]), "pressure": t.get("pressure"),
                        "flags": sorted(flags), "new_flags": sorted(new), "commitment": t.get("commitment"),
                        "ending": t.get("ending"), "variables": t.get("variables", {}), "events": t.get("events", [])})
    records.append(tx.end_record(end, len(turns), ""))
    return [head, *records]


def _transcript(turns: list[dict], **context) -> tx.Transcript:
    return tx.parse_transcript(tx.to_text(_records(turns, **context)))


def _ended(turns: list[dict], end: str) -> str:
    return score_transcript(tx.parse_transcript(tx.to_text(_records(turns, end=end))))[0].ending


def _item(tr: tx.Transcript, item: str):
    return score_transcript(tr)[0].item(item)


# -- learn the reason: both asked and given --------------------------------------------

def test_a_reason_asked_and_heard_cites_both_turns():
    """The debrief's evidence for the task: the turn that asked and the turn the reason came."""
    tr = _transcript([{"moves": ["demand_today"]}, {"moves": ["ask_reason"]},
                      {"moves": ["listen_empathise"], "new_flags": ["reason_given"]}])
    item = _item(tr, "learn_reason")
    assert item.fraction == 1 and item.evidence == [2, 3]


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
    assert item.detail == ("the debt came at turn 1 before the identity was confirmed (see compliance); "
                           "you did not say who you are")  # nothing after the debt counts


def test_identity_asked_in_the_same_breath_as_the_debt_earns_no_confirmation():
    """'Is that Mr Li? You owe 50,000': the debt is out before he can answer, which the
    compliance profile fails as a right-party breach; the flow item must not credit it."""
    tr = _transcript([{"moves": ["introduce_self", "confirm_identity", "demand_today"]}, {"moves": ["ask_reason"]}],
                     knows_officer=False)
    report, _ = score_transcript(tr)
    item = report.item("identity_first")
    assert (item.fraction, item.evidence) == (0.4, [1])  # the introduction alone
    assert "before the identity was confirmed" in item.detail
    assert [f.rule for f in report.auto_fail] == ["right_party"]


def test_identity_never_confirmed_says_so():
    item = _item(_transcript([{"moves": ["introduce_self"]}, {"moves": ["listen_empathise"]}], knows_officer=False),
                 "identity_first")
    assert (item.fraction, item.detail) == (0.4, "you never confirmed who you were speaking to")


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


# -- talking debt to someone who is not the debtor -------------------------------------------

@pytest.mark.parametrize("profile,informed,fails", [("uk", True, True), ("uk", False, True),
                                                    ("cn", True, False), ("cn", False, True)])
def test_debt_talk_to_a_third_party_fails_unless_the_profile_allows_an_informed_one(profile, informed, fails):
    r = score_transcript(_transcript([{"moves": ["ask_for_debtor"]}, {"moves": ["demand_today"]}], profile=profile,
                                     is_debtor=False, third_party_informed=informed, rubric="third-party"))[0]
    assert bool([f for f in r.auto_fail if f.rule == "third_party" and f.turn == 2]) == fails


def test_a_dropped_threat_is_named_with_both_turns_the_level_and_the_limit():
    r = score_transcript(_transcript([{"moves": ["demand_today"], "pressure": 1},
                                      {"moves": ["escalate_field_visit"], "pressure": 5},
                                      {"moves": ["demand_today"], "pressure": 2}]))[0]
    (f,) = [f for f in r.auto_fail if f.rule == "red_line:false_threat"]
    assert f.turn == 2 and f.message == (f"false threat: threatened {say(rung(5))} on day 1 (proportionate up to "
                                         f"{say(rung(4))}) at turn 2, then dropped it at turn 3")


def test_a_call_at_a_forbidden_hour_fails_as_a_whole_not_at_a_turn():
    r = score_transcript(_transcript([{"moves": ["demand_today"]}], local_time="23:00:00"))[0]
    (f,) = [f for f in r.auto_fail if f.rule == "contact_hours"]
    assert f.turn == 0 and f.message == "call placed at 23:00, outside 08:00-22:00 allowed by profile 'cn'"


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


def _bulk_and_full(*calls: list[dict]) -> list[tuple[tuple[int, bool], tuple[int, bool]]]:
    """(bulk grade, full report) of each call, graded in order by one bulk grader."""
    grader = BulkGrader()
    out = []
    for turns in calls:
        text = tx.to_text(_records(turns))
        g, (want, _) = grader.grade_text(text), score_transcript(tx.parse_transcript(text))
        out.append(((g.total, g.passed), (want.total, want.passed)))
    return out


QUIET = {"moves": ["listen_empathise"]}  # changes no check's state: the rubric state stays put


def test_a_demand_after_the_reason_counts_when_another_call_heard_it_later():
    """The memo's state after the reason carries the first call's turn number for it (turn 3);
    the second call hears it on turn 1 and renews the demand on turn 2."""
    reason = {"moves": ["ask_reason"], "new_flags": ["reason_given"]}
    first, second = _bulk_and_full([QUIET, QUIET, reason], [reason, {"moves": ["demand_today"]}])
    assert first[0] == first[1] and second[0] == second[1]


def test_a_dropped_threat_fails_when_another_call_made_it_later():
    """A field visit threatened on day 1 (over the stage's limit), then the good line at
    lower pressure: a false threat, whichever turn the memo first met the threat on (turn 7
    in the first call, past the second call's end)."""
    threat = {"moves": ["escalate_field_visit"], "pressure": 5}
    first, second = _bulk_and_full([QUIET] * 6 + [threat], [threat, *GOOD])
    assert second[0] == second[1] and second[1][1] is False  # the call fails on the threat alone


def test_a_flag_that_is_news_and_one_already_held_are_different_turns_to_the_memo():
    held = {"moves": ["ask_reason"], "flags": ["reason_given"]}  # the reason was out already
    news = {"moves": ["ask_reason"], "new_flags": ["reason_given"]}  # it comes out now
    first, second = _bulk_and_full([held], [news])
    assert first[0] == first[1] and second[0] == second[1] and first[1] != second[1]


def _steps_after(*calls: tuple[list[dict], dict]) -> list[int]:
    """Fold steps one bulk grader has learnt after each call (turns, context changes)."""
    grader, out = BulkGrader(), []
    for turns, context in calls:
        text = tx.to_text(_records(turns, **context))
        want, _ = score_transcript(tx.parse_transcript(text))
        g = grader.grade_text(text)
        assert (g.total, g.passed) == (want.total, want.passed)
        out.append(sum(len(proto.steps) for protos in grader._protos.values() for _, proto in protos))
    return out


def test_flags_the_rubric_never_reads_do_not_split_the_memo():
    """A drawn facet sets flags of its own on every turn of the call: calls on other draws of
    the same debtor, played alike, are the same steps to the rubric."""
    facet = [{**t, "flags": ["reason_is_stock"]} for t in GOOD]  # a facet's flag, held throughout
    assert _steps_after((GOOD, {}), (facet, {})) == [len(GOOD)] * 2
    reason = [{**t, "flags": ["reason_given"]} for t in GOOD]  # a flag the rubric reads does split
    first, second = _steps_after((GOOD, {}), (reason, {}))
    assert second > first


def test_contexts_that_differ_only_in_the_draws_facets_share_one_prototype():
    drawn = {"facets": {"reason": "stock"}, "scenario": "another-name"}
    assert _steps_after((GOOD, {}), (GOOD, drawn)) == [len(GOOD)] * 2
    first, second = _steps_after((GOOD, {}), (GOOD, {"leverage": ["reputation"]}))  # scored: its own
    assert second == 2 * first


# The worked call's good line, as moves: calls branch off it at every turn, so bulk grading
# meets each turn's opening again with something different after it.
GOOD = [{"moves": ["demand_today"], "pressure": 1},
        {"moves": ["ask_reason"], "new_flags": ["reason_given"]},
        {"moves": ["cost_reputation"], "pressure": 2},
        {"moves": ["benefit_on_time", "demand_today"], "pressure": 2},
        {"moves": ["request_commitment", "pin_amount", "pin_date", "pin_method"],
         "commitment": {"amount": "full", "date_kind": "named", "method": "transfer"}, "ending": "commitment"}]
POOL = ["confirm_identity", "introduce_self", "disclose_collection", "demand_today", "ask_when_can_pay",
        "ask_reason", "listen_empathise", "cost_reputation", "cost_family", "benefit_on_time", "accept_on_spot",
        "doubt_story", "refer_to_management", "fix_callback", "fix_visit", "push_new_loan", "insult",
        "escalate_field_visit", "ask_for_debtor", "leave_message", "disclose_debt_third_party"]
# the worked call's context, and contexts where identity, disclosure, the last contact's peak,
# a profile's flag-gated rule and the third-party rubric come into play
CONTEXTS = [{}, {"knows_officer": False}, {"profile": "us", "knows_officer": False},
            {"profile": "uk", "knows_officer": False, "previous_peak": 2, "days_overdue": 10},
            {"rubric": "third-party", "is_debtor": False}]


def _random_turn(rng) -> dict:
    t: dict = {"moves": rng.sample(POOL, rng.randint(1, 2)), "pressure": rng.choice([None, None, 0, 1, 2, 3, 5, 6])}
    if rng.random() < 0.3:
        t[rng.choice(["new_flags", "flags"])] = [rng.choice(["reason_given", "inability_shown"])]
    if rng.random() < 0.15:
        t["commitment"] = {"amount": rng.choice([None, "full"]), "date_kind": rng.choice(["named", "vague"]),
                           "method": rng.choice([None, "unspecified", "transfer"])}
    return t


def _branch(rng) -> list[dict]:
    """The good line up to a random turn, then random turns, maybe two of them swapped (the
    reason before the demand...), maybe ending the call."""
    turns = [dict(t) for t in GOOD[: rng.randint(0, len(GOOD))]] + [_random_turn(rng) for _ in range(rng.randint(0, 4))]
    if len(turns) > 1 and rng.random() < 0.4:
        i, j = rng.sample(range(len(turns)), 2)
        turns[i], turns[j] = turns[j], turns[i]
        for t in turns[:-1]:
            t.pop("ending", None)  # only the last turn may end the call
    if not turns or turns[-1].get("ending") or rng.random() < 0.5:
        turns = turns or [_random_turn(rng)]
        turns[-1]["ending"] = turns[-1].get("ending") or rng.choice([None, "commitment", "hang_up"])
    else:
        turns[-1] = {**turns[-1], "ending": None}
    return turns


def test_bulk_grading_agrees_with_the_full_report_on_calls_that_share_their_openings():
    """Bulk grading remembers each (rubric state, turn) step and numbers rubric states by what
    decides the score: a turn's field left out of the memo's key, or a check's state left out
    of its `key()`, merges two calls that the full report tells apart."""
    rng = random.Random(12)
    grades = set()
    for context in CONTEXTS:
        grader = BulkGrader()  # one per context: the memo is shared across its calls only
        for i, turns in enumerate([GOOD, *(_branch(rng) for _ in range(80))]):
            text = tx.to_text(_records(turns, **context))
            want, _ = score_transcript(tx.parse_transcript(text))
            g = grader.grade_text(text, f"{context}-{i}")
            assert (g.total, g.passed) == (want.total, want.passed), (context, text)
            grades.add((want.total, want.passed))
    assert len(grades) > 30 and {True, False} <= {p for _, p in grades}  # the calls really differ


@pytest.mark.parametrize("rubric", ["default", "third-party", "informed-contact", "guarantor"])
def test_every_check_alone_folds_to_the_grade_a_fresh_scorer_gives(rubric):
    """A trainer may build a rubric of any checks: each check's `key()` must keep what its
    own grade depends on, not lean on another check's key to keep two calls apart (the
    memo numbers rubric states by the key, and a merged state keeps the first call's grade)."""
    rng = random.Random(rubric)
    full = load_rubric(rubric).model
    # and the checks no bundled rubric weighs (a trainer's may)
    apart = [full.items[0].model_copy(update={"check": c, "id": c}) for c in ("demand_before_reason", "demand_again")]
    for item in [*full.items, *(apart if rubric == "default" else [])]:
        alone = full.model_copy(update={"items": [item]})
        for context in CONTEXTS:
            ctx = ScoringContext.model_validate({**_records([], **context)[0]["context"], "rubric": rubric})

            def fresh(ctx=ctx, alone=alone) -> Scorer:
                return Scorer(alone, load_profile(ctx.profile).model, ctx)

            memo = FoldMemo(fresh())
            for _ in range(25):
                recs = _records(_branch(rng), **context)[1:-1]
                state = memo.start
                for r in recs:
                    state = memo.step(state, seen_of_record(r, memo.reads), lambda r=r: Turn.from_json(r))
                plain = fresh().observe_all(Turn.from_json(r) for r in recs)
                assert memo.verdict(state) == (plain.total(), plain.passed()), (item.id, context, recs)


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
flags: [met]
initial: answer
max_turns: 10
states:
  - id: answer
    say: ["Hello?"]
    replies:
      - {id: poke, text: "Pay.", moves: [demand_today], pressure: 1, effects: [{var: anger, add: 5}], to: angry}
      - {id: calm, text: "Hello.", moves: [introduce_self], to: calm,
         effects: [{var: trust, add: 2, when: [{visited: hold}]}]}
      - {id: wait, text: "One moment, please.", moves: [listen_empathise], to: hold}
      - {id: flare, text: "Pay now!", moves: [demand_today], pressure: 1, effects: [{var: anger, add: 8}], to: calm}
      - {id: shove, text: "Pay, now.", moves: [demand_today], pressure: 1, effects: [{var: anger, add: 6}], to: angry}
      - {id: rude, text: "Pay up, liar.", moves: [insult], to: hangs-up}
      - {id: plead, text: "Please, pay.", moves: [demand_today], pressure: 1, when: [{var: trust, gte: 5}, {flag: met, is: false}], to: calm}
  - id: hold
    say: ["..."]
    replies:
      - {id: back, text: "Sorry to keep you.", moves: [listen_empathise], to: answer}
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


def test_a_replys_effect_reads_the_states_the_call_has_been_in(guard):
    straight = guard.fork()
    for reply in ("wait", "back", "calm"):  # `calm` after a stay in `hold`
        guard.choose(reply)
    straight.choose("calm")
    assert (guard.values["trust"], straight.values["trust"]) == (7, 5)


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


def test_a_profile_penalty_takes_its_points_off_the_total():
    """A penalty costs its points and nothing else: the same call without it scores the same
    on every item and that many points more (a penalty counted as nothing survived a sampled
    mutation run: only the listing above was checked)."""
    opening = {"moves": ["introduce_self", "disclose_collection"]}
    clean = _us([opening, {"moves": ["demand_today"]}])
    pushed = _us([opening, {"moves": ["demand_today", "push_new_loan"]}])
    assert [(i.id, i.points) for i in pushed.items] == [(i.id, i.points) for i in clean.items]
    assert clean.total - pushed.total == 10


def test_the_report_names_the_last_contacts_peak_and_speaks_the_calls_language():
    s = new_session("promiser-day34", seed=1)
    s.choose(s.offered()[0].id)
    assert s.report().previous_peak == 3
    zh = s.report("zh").item("learn_reason")
    en = s.report("en").item("learn_reason")
    assert zh.title != en.title and any("\u4e00" <= ch <= "\u9fff" for ch in zh.title + zh.tip)
    assert en.tip


# -- what the debrief says about how the call ended -------------------------------------------

COMMITTED = {"amount": "full", "date_kind": "named", "method": "transfer"}


def test_a_promise_short_of_a_part_or_not_closed_says_what_went_wrong():
    """The commitment task's feedback names its failure: the part a promise lacks, or the
    ending that came after it (their message codes survived a sampled mutation run)."""
    lacks = _item(_transcript([{"moves": ["demand_today"]}, {"moves": [], "ending": "commitment",
                               "commitment": {"date_kind": "named", "method": "transfer"}}]), "get_commitment")
    assert lacks.fraction == 0 and lacks.detail.startswith("the promise at turn 2 lacks an amount")
    left = _item(_transcript([{"moves": ["demand_today"]}, {"moves": [], "commitment": COMMITTED},
                              {"moves": [], "ending": "hang_up"}]), "get_commitment")
    assert left.fraction == 0 and left.detail == "a promise was made at turn 2 but the call ended as 'debtor hung up'"


@pytest.mark.parametrize("last,end,said", [
    ({"ending": "commitment", "commitment": COMMITTED}, "commitment", "the debtor committed at turn 2"),
    ({"ending": "hang_up"}, "hang_up", 'at turn 2 you said "r2", which led straight to this ending'),
    ({"ending": "turn_limit"}, "turn_limit", "the call ran out of turns at turn 2"),
    ({"ending": "stuck"}, "stuck", "no reply was on offer after turn 2"),
    ({"ending": "abandoned"}, "abandoned", "you ended the call after turn 2"),
    # no turn carries the ending: only the end record says how the call ended
    ({}, "abandoned", "you ended the call after turn 2"),
    ({}, "turn_limit", "the call ran out of turns at turn 2"),
    ({}, "stuck", "no reply was on offer after turn 2"),
    ({}, "hang_up", "the call ended as 'debtor hung up' at turn 2"),
])
def test_the_debrief_says_how_the_call_ended(last, end, said):
    assert _ended([{"moves": ["demand_today"]}, {"moves": ["close_call"], **last}], end) == said


def test_the_debrief_names_the_reply_and_the_limit_it_pushed_past():
    turns = [{"moves": ["demand_today"], "variables": {"anger": 2, "trust": 5, "ability": 3}},
             {"moves": ["insult"], "variables": {"anger": 9, "trust": 4, "ability": 3, "shame": 1},
              "events": ["interrupt:hangs-up"], "ending": "hang_up"}]
    # what rose, from where: not what fell or stayed, and a variable new to the record from 0
    assert _ended(turns, "hang_up") == 'at turn 2 you said "r2", which pushed the debtor past a limit: anger 2→9, shame 0→1'


def test_the_debrief_names_the_limit_a_live_call_pushed_past(guard):
    """At turn 1 too: what rose is measured from where the debtor started, not from 0."""
    guard.choose("flare")  # anger 1 -> 9: the first interrupt hangs up
    said = 'at turn 1 you said "Pay now!", which pushed the debtor past a limit: anger 1→9'
    assert guard.report().ending == said
    rescored, _ = score_transcript(tx.parse_transcript(tx.to_text(guard.records())))
    assert rescored.ending == said  # the transcript keeps where the debtor started


def test_the_debrief_names_the_reply_that_led_straight_to_the_end(guard):
    guard.choose("rude")
    assert guard.report().ending == 'at turn 1 you said "Pay up, liar.", which led straight to this ending'


# -- pressure, in the debrief's words --------------------------------------------------------

def test_a_call_without_pressure_and_one_that_presses_before_the_reason_are_named():
    none = _item(_transcript([{"moves": ["listen_empathise"]}]), "pressure_within")
    early = _item(_transcript([{"moves": ["demand_today"], "pressure": 1},
                               {"moves": ["escalate_credit"], "pressure": 3}, {"moves": ["ask_reason"]}]),
                  "pressure_within")
    assert (none.fraction, none.detail) == (0, "no pressure at all: the call never demanded anything")
    assert early.detail.startswith(f"{say(rung(3))} at turn 2 before learning the reason")


def test_the_debrief_words_of_pressure_items_and_a_volunteered_reason():
    told = _item(_transcript([{"moves": ["demand_today"]}, {"moves": ["listen_empathise"], "new_flags": ["reason_given"]}]),
                 "learn_reason")
    assert told.detail == "the debtor gave the reason at turn 2 without being asked"
    first = _item(_transcript([{"moves": ["demand_today"], "pressure": 1}]), "pressure_across")
    assert (first.applicable, first.fraction, first.detail) == (False, 1, "first contact")
    flat = _item(_transcript([{"moves": ["listen_empathise"]}], previous_peak=2, first_contact=False), "pressure_across")
    assert flat.detail == f"peak pressure {say(rung(0))} did not exceed the last contact's {say(rung(2))}"
    over = _item(_transcript([{"moves": ["demand_today"], "pressure": 1},
                              {"moves": ["escalate_lawyer_letter"], "pressure": 6}]), "pressure_ceiling")
    assert over.detail == f"{say(rung(6))} at turn 2 is past the limit for day 1, class B: {say(rung(4))}"


def test_a_retreat_gives_back_in_proportion_to_how_far_it_falls():
    # accepting the delay at level 2 after pressing at 4 gives back half of the half at stake
    tr = _transcript([{"moves": ["ask_reason"], "pressure": 1}, {"moves": ["escalate_reputation"], "pressure": 4},
                      {"moves": ["accept_on_spot"], "pressure": 2}])
    assert _item(tr, "pressure_within").fraction == 0.75


def test_a_red_line_and_debt_talk_before_identity_are_cited_and_worded():
    r = score_transcript(_transcript([{"moves": ["demand_today", "insult"]}], knows_officer=False))[0]
    found = {f.rule: f for f in r.auto_fail}
    assert found["red_line:insult"].cite == "red line (all profiles)" and found["red_line:insult"].turn == 1
    assert found["right_party"].message == "spoke of the debt at turn 1 before confirming the person is the debtor"


def test_a_late_demand_names_the_first_question_that_came_before_it():
    item = _item(_transcript([{"moves": ["ask_when_can_pay"]}, {"moves": ["ask_reason"]}, {"moves": ["demand_today"]}]),
                 "demand_today")
    assert (item.fraction, item.evidence) == (0.5, [1, 3])
    assert item.detail.startswith("the first demand for today came only at turn 3, after asking 'when can you pay?' at turn 1")


def test_a_promise_without_a_method_meets_the_core_task_but_not_the_quality_item():
    tr = _transcript([{"moves": ["demand_today"]}, {"moves": ["pin_amount", "pin_date"], "ending": "commitment",
                                                    "commitment": {"amount": "full", "date_kind": "named"}}])
    assert _item(tr, "get_commitment").fraction == 1 and round(_item(tr, "commitment_quality").fraction, 2) == 0.67
    vague = _transcript([{"moves": ["demand_today"]}, {"moves": ["request_commitment"], "ending": "commitment",
                                                       "commitment": {"amount": "full", "date_kind": "vague"}}])
    assert _item(vague, "get_commitment").detail.endswith(
        "; the same missing parts also cost points under 'A concrete commitment'")
    none = _transcript([{"moves": ["demand_today"]}])
    assert _item(none, "commitment_quality").detail == "the call ended without a commitment"


def test_every_turn_that_proves_an_item_is_its_evidence():
    tr = _transcript([{"moves": ["demand_today"], "pressure": 1}, {"moves": ["ask_reason"], "new_flags": ["reason_given"]},
                      {"moves": ["cost_reputation"], "pressure": 2}, {"moves": ["benefit_on_time"]},
                      {"moves": ["demand_today", "cost_family"], "pressure": 2}, {"moves": ["accept_on_spot"], "pressure": 0}])
    assert _item(tr, "pros_and_cons").evidence == [3, 4, 5]
    assert _item(tr, "pressure_within").evidence == [6]
    assert _item(tr, "close_properly").detail == "did not refer the proposal to management; no call-back or visit fixed"


def test_the_first_menu_offers_a_reply_whose_condition_holds_at_the_start(guard):
    assert "plead" in [r.id for r in guard.offered()]  # trust starts at 5, flag `met` unset


def test_the_live_checklist_shows_the_last_pressure_used(guard):
    guard.choose("shove")  # pressure 1
    live = guard.live()
    assert (live.last, live.peak) == (1, 1)


def test_a_rubric_of_its_own_still_sees_every_pressed_turn():
    """A rubric object no call has used yet (a trainer's, just loaded) plans its dispatch afresh."""
    over = _alone("pressure_ceiling", [{"moves": ["escalate_lawyer_letter"], "pressure": 6}])
    assert over.fraction == 0
    opened = _alone("pressure_within", [{"moves": ["escalate_money"], "pressure": 2},
                                        {"moves": ["escalate_credit"], "pressure": 3},
                                        {"moves": ["accept_on_spot"], "pressure": 0}])
    assert opened.evidence == [1, 2, 3]  # opened above level 1, level 3 before the reason, a retreat


# -- the report's items ----------------------------------------------------------------------

def test_an_item_that_does_not_apply_earns_no_points_and_says_why():
    r = new_session("first-call-zhang", seed=golden_seed("first-call-zhang")).replay(EXPERT).report()
    idf = r.item("identity_first")  # they know each other (DOMAIN §9)
    assert not idf.applicable and idf.fraction == 1 and idf.points == 0
    assert idf.detail == "officer and debtor know each other"
    assert all(i.points > 0 for i in r.items if i.applicable and i.fraction > 0)


def test_what_the_profile_does_not_grade_is_said_in_the_calls_language():
    """The bundled profiles give these in English only; a trainer's may give more."""
    s = new_session("first-call-zhang", seed=golden_seed("first-call-zhang")).replay(EXPERT)
    both = {"en": "frequency", "zh": "频率"}
    s.scorer.profile = s.scorer.profile.model_copy(update={"unchecked": [Unchecked(rule=both, why=both)]})
    (en,), (zh,) = s.report("en").unchecked, s.report("zh").unchecked
    assert (en.rule, en.why, zh.rule, zh.why) == ("frequency", "frequency", "频率", "频率")


def _alone(check: str, turns: list[dict], rubric: str = "default", **context):
    """The report item of a rubric holding one item of kind `check` (taken from `rubric`,
    or the first item of it made into that kind): what a trainer's own rubric would show."""
    full = load_rubric(rubric).model
    item = next((i for i in full.items if i.check == check), None) or full.items[0].model_copy(
        update={"check": check, "id": check, "required": False})
    recs = _records(turns, **context)
    ctx = ScoringContext.model_validate({**recs[0]["context"], "rubric": rubric})
    sc = Scorer(full.model_copy(update={"items": [item]}), load_profile(ctx.profile).model, ctx)
    return sc.observe_all(Turn.from_json(r) for r in recs[1:-1]).report().item(item.id)


def test_a_demand_before_the_reason_is_checked_apart_when_a_rubric_asks():
    first = _alone("demand_before_reason", [{"moves": ["demand_today"]}, {"moves": ["ask_reason"]}])
    late = _alone("demand_before_reason", [{"moves": ["ask_reason"]}, {"moves": ["demand_today"]}])
    never = _alone("demand_before_reason", [{"moves": ["ask_reason"]}])
    assert (first.fraction, first.evidence, first.detail) == (1, [1], "")
    assert (late.fraction, late.evidence) == (0, [1, 2])
    assert late.detail == "asked for the reason at turn 1 before demanding payment today at turn 2"
    assert (never.fraction, never.detail) == (0, "no demand for payment today")


def test_a_renewed_demand_counts_apart_only_after_the_reason_came_out_on_an_earlier_turn():
    reason = {"moves": ["ask_reason"], "new_flags": ["reason_given"]}
    again = _alone("demand_again", [reason, {"moves": ["demand_today"]}, {"moves": ["demand_today"]}])
    same_turn = _alone("demand_again", [{"moves": ["demand_today"], "new_flags": ["reason_given"]}])
    assert (again.fraction, again.evidence, again.detail) == (1, [2], "")
    assert (same_turn.fraction, same_turn.evidence) == (0, [])
    assert same_turn.detail == "after hearing the reason you did not demand payment today again"


def test_a_forbidden_move_is_named_with_its_turn():
    tp = {"is_debtor": False, "knows_officer": False}
    hit = _alone("avoids_moves", [{"moves": ["ask_for_debtor"]}, {"moves": ["demand_today", "cost_family"]}],
                 "informed-contact", **tp)
    clean = _alone("avoids_moves", [{"moves": ["ask_for_debtor"]}], "informed-contact", **tp)
    assert (hit.fraction, hit.evidence) == (0, [2])
    assert hit.detail == "turn 2 did what this item forbids (costs to the family, demand payment today)"
    assert (clean.fraction, clean.detail) == (1, "")


# -- a check added to the code -----------------------------------------------------------------

def test_a_new_check_keys_on_its_own_state_but_not_its_evidence_and_copies_all_of_it():
    class Tally(Check):
        __slots__ = ("count", "last", "ev")

    class Once(Check):
        __slots__ = ("hit",)

    class Plain(Check):
        __slots__ = ("ev",)

    full = load_rubric("default").model
    ctx = ScoringContext.model_validate(_records([])[0]["context"])
    t, o, p = (k(full.items[0], ctx, full) for k in (Tally, Once, Plain))
    t.count, t.last, t.ev, o.hit, p.ev = 2, "x", (1, 3), True, (4,)
    assert (t.key(), o.key(), p.key()) == ((2, "x"), (True,), ())
    for c in (t, o, p):
        twin = c.copy()
        assert type(twin) is type(c) and twin is not c
        assert all(getattr(twin, s) is getattr(c, s) for s in ("item", "ctx", "rubric", *type(c).__slots__))


# -- the explorer scores through the same fold -------------------------------------------------

def test_the_explorer_scores_every_ending_as_the_call_itself_would(guard):
    """A rubric object the explorer has not met (an edited rubric, reloaded) gets a memo of
    its own, and every line it reports scores as the call played out does."""
    guard.scorer = Scorer(guard.scorer.rubric.model_copy(), guard.scorer.profile, guard.scorer.ctx)
    out = explore(guard, exact=True)
    lines = [*out.endings.values(), out.best, out.worst]
    assert out.complete and len(out.endings) >= 3  # the commitment, the hang-up and the turn limit
    for line in lines:
        played = guard.fork().replay(list(line.replies))
        r = played.report()
        assert (line.score, line.passed, line.outcome) == (r.total, r.passed, r.outcome), line


@pytest.mark.parametrize("scenario", sorted(p.stem for p in bundled_dir("scenarios").glob("*.yaml")))
def test_a_check_is_skipped_only_on_turns_that_cannot_change_it(scenario):
    """The scorer shows each turn only to the checks watching its moves, pressure, new flags,
    commitment or ending: every verdict must be what the check gives when it sees every turn."""
    from simulator.engine.policies import make_policy

    bundle = load_scenario(scenario)
    for seed in range(1, 9):
        s = Session(bundle, seed=seed)
        pick = make_policy("random", seed)
        seeing = [type(c)(c.item, c.ctx, c.rubric) for c in s.scorer.checks]
        while not s.ended:
            t = s.choose(pick(s))
            for c in seeing:
                c.observe(t)
            assert [c.result() for c in s.scorer.checks] == [c.result() for c in seeing], (seed, t.n)
            assert s.live().core == {c.item.check: c.result().done for c in seeing
                                     if c.item.check in s.live().core}


def test_a_copied_check_has_every_slot_and_is_its_own():
    """Each class's copier is made from its slots (scoring/slots.py): a slot missed
    would leave the copy without state, a shared object would let a fork change its parent."""
    from scoring.slots import all_slots
    from simulator.engine import new_session
    from simulator.engine.policies import make_policy, play

    s = play(new_session("first-call-zhang", seed=2), make_policy("expert", 2))
    assert len({type(c) for c in s.scorer.checks}) >= 10
    for c in s.scorer.checks:
        twin = c.copy()
        assert type(twin) is type(c) and twin is not c
        names = all_slots(type(c))
        assert set(names) >= {"item", "ctx", "rubric"} | set(type(c).__slots__)
        assert [getattr(twin, n) for n in names] == [getattr(c, n) for n in names]
    fork = s.scorer.copy()
    assert fork.key() == s.scorer.key() and fork.compliance is s.scorer.compliance


# -- what a sampled mutation run (2026-12-01) found untested ------------------------------------

def test_a_demand_made_before_identity_counts_once_the_person_is_confirmed():
    """Debt talk before confirmation fails the call on compliance, but the demand task still
    sees the demand: once the person is confirmed it counts from the turn it was made, and
    asking the reason in between does not make it late."""
    strangers = {"knows_officer": False}
    heard = _item(_transcript([{"moves": ["demand_today"]}, {"moves": ["ask_reason"]},
                               {"moves": ["confirm_identity"]}], **strangers), "demand_today")
    assert (heard.fraction, heard.evidence) == (1, [1])
    never = _item(_transcript([{"moves": ["demand_today"]}, {"moves": ["ask_reason"]}], **strangers), "demand_today")
    assert never.fraction == 0 and never.detail == "the demand at turn 1 went to someone never confirmed as the debtor"


def test_a_call_that_opens_high_and_presses_before_the_reason_is_told_both():
    """Each pressure fault is named, not only the last one found."""
    item = _item(_transcript([{"moves": ["escalate_money"], "pressure": 2},
                              {"moves": ["escalate_credit"], "pressure": 3}, {"moves": ["ask_reason"]}]),
                 "pressure_within")
    assert item.detail.startswith(f"opened at {say(rung(2))} at turn 1: negotiate first")
    assert f"{say(rung(3))} at turn 2 before learning the reason" in item.detail
    assert item.fraction == 0


def test_a_retreat_says_whether_it_accepted_the_delay_or_softened_the_demand():
    pressed = [{"moves": ["ask_reason"], "pressure": 1}, {"moves": ["escalate_reputation"], "pressure": 4}]
    softened = _item(_transcript([*pressed, {"moves": ["listen_empathise"], "pressure": 0}]), "pressure_within")
    accepted = _item(_transcript([*pressed, {"moves": ["accept_on_spot"], "pressure": 0}]), "pressure_within")
    assert softened.detail.endswith(": softened the demand")
    assert ": accepted a delay after pressing" in accepted.detail


def test_evidence_keeps_every_turn_that_proves_an_item_in_any_order():
    """An item's evidence lists each turn that counted, whichever came first."""
    told_then_asked = _transcript([{"moves": ["demand_today"], "new_flags": ["reason_given"]}, {"moves": ["ask_reason"]}])
    assert _item(told_then_asked, "learn_reason").evidence == [1, 2]
    closed = _transcript([{"moves": ["fix_callback"]}, {"moves": ["refer_to_management"]}])
    assert _item(closed, "close_properly").evidence == [1, 2]
    mistakes = _transcript([{"moves": ["doubt_story"]}, {"moves": ["listen_empathise"]}, {"moves": ["accept_on_spot"]}])
    assert _item(mistakes, "anti_patterns").evidence == [1, 3]


def test_a_threat_left_hanging_when_the_call_ends_is_a_false_threat():
    """A field visit threatened past the stage's limit, then the call ends on a quiet turn:
    the threat was never carried out."""
    r = score_transcript(_transcript([{"moves": ["escalate_field_visit"], "pressure": 5},
                                      {"moves": ["listen_empathise"], "ending": "hang_up"}]))[0]
    (found,) = [f for f in r.auto_fail if f.rule == "red_line:false_threat"]
    assert found.turn == 1 and not r.passed


def test_a_scenarios_own_weights_set_each_items_points_to_a_tenth():
    """A scenario may weigh items its own way (`weights`); points are shown to 0.1."""
    tr = _transcript([{"moves": ["demand_today"]}, {"moves": ["pin_amount", "pin_date"], "ending": "commitment",
                                                    "commitment": {"amount": "full", "date_kind": "named"}}],
                     weights={"commitment_quality": 5, "learn_reason": 60})
    report = score_transcript(tr)[0]
    item = report.item("commitment_quality")
    assert item.weight == 5 and item.points == 3.4  # two parts of three: 5 x 0.67 = 3.35
    scored = [i for i in report.items if i.applicable]  # the total weighs each item the same way
    assert report.total == round(100 * sum(i.weight * i.fraction for i in scored) / sum(i.weight for i in scored))


def test_the_reports_findings_and_pressure_speak_the_calls_language_and_name_the_last_contact():
    tr = _transcript([{"moves": ["demand_today", "insult"], "pressure": 1}], previous_peak=2, first_contact=False)
    zh = score_transcript(tr, "zh")[0]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in zh.auto_fail[0].message)
    en = score_transcript(tr)[0]
    assert en.pressure.endswith(f"; last contact {say(rung(2))}")


def test_bulk_grading_reads_a_turn_record_without_flags_as_the_transcript_reader_does():
    """The transcript format lets a turn record leave out `flags` and `new_flags` (none set)."""
    recs = _records([{"moves": ["demand_today"], "pressure": 1}, {"moves": ["ask_reason"]}])
    for r in recs[1:-1]:
        del r["flags"], r["new_flags"]
    text = tx.to_text(recs)
    want, _ = score_transcript(tx.parse_transcript(text))
    g = BulkGrader().grade_text(text)
    assert (g.total, g.passed) == (want.total, want.passed)


def test_a_call_whose_first_state_offers_no_reply_ends_stuck_at_once(tmp_path):
    p = tmp_path / "personas" / "guard.yaml"
    p.parent.mkdir()
    p.write_text(PERSONA.replace("initial: answer", "initial: hold").replace(
        "{id: back, text: \"Sorry to keep you.\", moves: [listen_empathise], to: answer}",
        "{id: back, text: \"Sorry to keep you.\", moves: [listen_empathise], to: answer, when: [{flag: met}]}"),
        encoding="utf-8")
    s = Session(bundle_for(load_cached(Persona, p).model, p), seed=1)
    assert s.ended and s.outcome == "stuck" and s.offered() == []


@pytest.mark.parametrize("kind", sorted(CHECKS))
def test_every_kind_of_check_is_skipped_only_on_turns_that_cannot_change_it(kind):
    """As above, for every kind of check a trainer's rubric may weigh, bundled rubrics or
    not, on random calls: a check that also changed on a turn it does not watch would grade
    by what the scorer happens to show it. Flags as a call sets them: held from the start,
    or news on the turn they appear (a flag is news on the turn the engine sets it)."""
    rubrics = [load_rubric(r).model for r in ("default", "third-party", "informed-contact", "guarantor")]
    item = next((i for r in rubrics for i in r.items if i.check == kind), None) or rubrics[0].items[0].model_copy(
        update={"check": kind, "id": kind})
    rng = random.Random(kind)
    for context in CONTEXTS:
        ctx = ScoringContext.model_validate(_records([], **context)[0]["context"])
        alone = rubrics[0].model_copy(update={"items": [item]})
        for _ in range(25):
            sc = Scorer(alone, load_profile(ctx.profile).model, ctx)
            seeing = CHECKS[kind](item, ctx, alone)
            turns = _branch(rng)
            for t in turns[1:]:
                t["new_flags"] = [*t.get("new_flags", ()), *t.pop("flags", ())]
            for r in _records(turns, **context)[1:-1]:
                t = Turn.from_json(r)
                sc.observe(t)
                seeing.observe(t)
                assert sc.checks[0].result() == seeing.result(), (kind, context, r)


def test_a_coaching_note_is_listed_apart_and_a_call_in_progress_has_no_ending():
    """The report's coaching list and its ending, in the middle of a call."""
    r = score_transcript(_transcript([{"moves": ["demand_today"]}, {"moves": ["suggest_bridge_financing"]}]))[0]
    (note,) = r.coaching
    assert (note.rule, note.turn) == ("cn-bridge-financing", 2) and not r.auto_fail and not r.penalties
    live = new_session("first-call-zhang", seed=1)
    live.choose(live.offered()[0].id)
    assert live.report().ending == ""


def test_each_item_is_titled_as_the_rubric_titles_it_in_the_calls_language():
    s = new_session("first-call-zhang", seed=1)
    rubric = load_rubric("default").model
    for lang in ("en", "zh"):
        assert [i.title for i in s.report(lang).items] == [render(i.title, lang) for i in rubric.items]


# -- a second sample (seed 13), measured before any test was aimed at it ---------------------

def test_costs_that_fit_do_not_apply_when_the_scenario_names_no_leverage():
    item = _item(_transcript([{"moves": ["demand_today", "cost_reputation"]}], leverage=[]), "costs_fit")
    assert (item.applicable, item.points) == (False, 0)


def test_a_retreat_and_an_opening_too_high_are_both_named_and_a_flat_call_names_its_level():
    item = _item(_transcript([{"moves": ["escalate_money"], "pressure": 2}, {"moves": ["ask_reason"]},
                              {"moves": ["escalate_credit"], "pressure": 3},
                              {"moves": ["accept_on_spot"], "pressure": 1}]), "pressure_within")
    assert item.detail.startswith(f"turn 4 retreated from {say(rung(3))} to {say(rung(1))}")
    assert f"opened at {say(rung(2))} at turn 1" in item.detail
    flat = _item(_transcript([{"moves": ["demand_today"], "pressure": 1}, {"moves": ["ask_reason"]}]), "pressure_within")
    assert say(rung(1)) in flat.detail.split("; ")[-1]


def test_an_items_fraction_is_given_to_two_places():
    """A retreat from 3 to 1 gives back a third of the half at stake: 0.67 of the item."""
    item = _item(_transcript([{"moves": ["ask_reason"], "pressure": 1}, {"moves": ["escalate_credit"], "pressure": 3},
                              {"moves": ["accept_on_spot"], "pressure": 1}]), "pressure_within")
    assert item.fraction == 0.67


def test_a_scenarios_own_pass_mark_decides_the_pass():
    turns = [dict(t) for t in GOOD]
    strict = score_transcript(_transcript(turns, pass_mark=100))[0]
    lenient = score_transcript(_transcript(turns, pass_mark=0))[0]
    assert strict.total < 100 and (strict.pass_mark, strict.passed) == (100, False)
    assert (lenient.pass_mark, lenient.passed) == (0, True)


def test_a_shared_table_left_by_another_rubric_is_never_reused(guard):
    """The tables every call on a rubric shares (the fold memo, the dispatch plans, what a set
    of moves means) are found by the rubric's and profile's ids, which a process may give to
    new objects once the old ones are gone (a rubric edited and reloaded): an entry left by
    another rubric or profile is made afresh, never used."""
    from scoring import compliance, fold, scorer
    from scoring.compliance import Compliance

    old = guard.scorer
    stale_memo, stale_table = fold.shared_memo(old), {}
    for changed in ({"rubric": old.rubric.model_copy()}, {"profile": old.profile.model_copy()}):
        rubric, profile = changed.get("rubric", old.rubric), changed.get("profile", old.profile)
        new = Scorer(rubric, profile, old.ctx)
        mine = fold.shared_memo(new)
        key = next(k for k, v in fold._SHARED.items() if v[2] is mine)
        fold._SHARED[key] = (old.rubric, old.profile, stale_memo)  # as if the ids had been reused
        assert fold.shared_memo(new) is not stale_memo
        key = next(k for k, v in compliance._BY_MOVES.items() if v[2] is new.compliance.by_moves)
        compliance._BY_MOVES[key] = (old.rubric, old.profile, stale_table)
        assert Compliance(rubric, profile, old.ctx).by_moves is not stale_table
    new = Scorer(old.rubric.model_copy(), old.profile, old.ctx)
    key = next(k for k, v in scorer._PLANS.items() if v[1] is new.plans)
    scorer._PLANS[key] = (old.rubric, stale_table)
    assert Scorer(new.rubric, old.profile, old.ctx).plans is not stale_table


def test_pros_and_cons_names_only_the_parts_missed():
    item = _item(_transcript([{"moves": ["demand_today"]}, {"moves": ["cost_reputation"]}]), "pros_and_cons")
    assert item.detail == "no benefit of paying on time; no renewed demand for today after the reason or the costs"


def test_a_profile_rule_waiting_for_its_flag_does_not_hide_the_rules_after_it():
    """A trainer's profile may list its rules in any order."""
    recs = _records([{"moves": ["demand_today", "push_new_loan"]}])  # before the debtor shows inability
    ctx = ScoringContext.model_validate({**recs[0]["context"], "profile": "uk"})
    uk = load_profile("uk").model
    waiting_first = uk.model_copy(update={"rules": list(reversed(uk.rules))})
    r = Scorer(load_rubric("default").model, waiting_first, ctx).observe_all(Turn.from_json(x) for x in recs[1:-1]).report()
    assert [f.rule for f in r.auto_fail] == ["uk-no-pressure-to-borrow"]


def test_a_call_ends_on_the_turn_limit_not_a_turn_after(guard):
    for n in range(1, 11):
        assert not guard.ended
        guard.choose("wait" if n % 2 else "back")
    assert guard.ended and guard.outcome == "turn_limit" and len(guard.turns) == 10
