"""The rubric, item by item, on golden lines of the worked call (DOMAIN §9)."""


import yaml

from scoring.messages import rung, say
from simulator.core.move_reference import LADDER, ladder_name
from simulator.core.text import render
from simulator.engine import new_session
from simulator.engine.bundle import load_scenario
from simulator.engine.golden import golden_choices, golden_seed
from simulator.engine.session import Session

EXPERT = golden_choices("first-call-zhang")
SEED = golden_seed("first-call-zhang")  # the debtor the expert line was written for


def _call(choices, ref="first-call-zhang", seed=SEED):
    return new_session(ref, seed=seed).replay(choices)


def test_expert_line_passes_with_all_four_core_tasks():
    r = _call(EXPERT).report()
    assert r.passed and not r.auto_fail
    assert r.core_tasks == {"demand_today": True, "learn_reason": True, "pros_and_cons": True, "get_commitment": True}
    assert r.total >= 90
    assert r.item("demand_today").evidence[0] == 1
    assert r.item("get_commitment").evidence == [8]


def test_asking_when_can_you_pay_before_any_demand_fails_the_demand_task():
    line = ["identify", "when-pay", "demand-after-when", *EXPERT[1:]]
    r = _call(line).report()
    item = r.item("demand_today")
    assert item.points == item.weight / 2 and 2 in item.evidence
    assert "turn 3, after asking 'when can you pay?' at turn 2" in item.detail
    assert not r.core_tasks["demand_today"] and not r.passed
    assert r.item("anti_patterns").detail == "turn 2: asked 'when can you pay?'"


def test_a_threat_auto_fails_naming_rule_and_turn():
    r = _call(["straight-to-it", "threaten-police"]).report()
    assert not r.passed
    (f,) = r.auto_fail
    assert f.turn == 2 and f.rule == "red_line:false_threat" and "false threat" in f.message


def test_a_retreat_costs_in_proportion_and_names_the_turn():
    # pressure 2 at turn 3, then 0 when backing off (accepting the delay) at turn 4
    r = _call(["straight-to-it", "ask-reason", "penalty-and-rating", "back-off"]).report()
    item = r.item("pressure_within")
    assert item.fraction == 0.5  # gave back all of level 2: half the item, not all of it
    assert item.detail.startswith("turn 4 retreated from money consequences (2) to courteous reminder (0): "
                                  "accepted a delay after pressing;")
    assert "also counts as a beginner's mistake" in item.detail  # the report says two items share it


def _with_history(tmp_path, peak: int) -> str:
    b = load_scenario("first-call-zhang")
    data = yaml.safe_load(b.sources["scenario"].path.read_text(encoding="utf-8"))
    data["id"] = "zhang-second-contact"
    data["persona"] = str(b.sources["persona"].path)
    data["case"]["loan"]["days_overdue"] = 6
    data["history"] = [{"day": 1, "channel": "call", "peak_pressure": peak, "outcome": "promised Friday", "broken_promise": True}]
    p = tmp_path / "second.yaml"
    p.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return str(p)


def test_pressure_must_exceed_the_previous_contact(tmp_path):
    low = _call(EXPERT, _with_history(tmp_path, peak=3)).report().item("pressure_across")
    assert low.points == 0 and ("peak pressure credit consequences (3) did not exceed the last contact's "
                                "credit consequences (3)") in low.detail
    ok = _call(EXPERT, _with_history(tmp_path, peak=2)).report().item("pressure_across")
    assert ok.points == ok.weight and ok.applicable


def test_live_checklist_agrees_with_the_final_report():
    s: Session = new_session("first-call-zhang", seed=SEED)
    seen = []
    for rid in EXPERT:
        s.choose(rid)
        seen.append(sum(s.live().core.values()))
    assert seen == sorted(seen) and seen[-1] == 4
    assert s.live().core == {k: v for k, v in s.report().core_tasks.items()}


def test_call_outside_profile_hours_auto_fails(tmp_path):
    b = load_scenario("first-call-zhang")
    data = yaml.safe_load(b.sources["scenario"].path.read_text(encoding="utf-8"))
    data["persona"] = str(b.sources["persona"].path)
    data["call"]["local_time"] = "22:30"
    p = tmp_path / "late.yaml"
    p.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    r = _call(EXPERT, str(p)).report()
    assert not r.passed and r.auto_fail[0].rule == "contact_hours" and "22:30" in r.auto_fail[0].message


def test_a_pressure_level_is_shown_in_the_ladders_own_words_in_every_language():
    for level, texts in LADDER.items():
        for lang, row in texts.items():
            name = ladder_name(row)
            assert name and row.startswith(name)
            assert name in say(rung(level), lang) and str(level) in say(rung(level), lang)
    assert say(rung(2)) == "money consequences (2)"
    assert say(rung(5), "zh") == "上门拜访（5）"


def test_the_report_says_the_pressure_in_words_and_what_the_profile_does_not_grade():
    s = _call(EXPERT)
    r = s.report()
    peak = max(t.pressure for t in s.turns if t.pressure is not None)
    assert r.pressure.startswith(f"peak {say(rung(peak))}, limit {say(rung(r.ceiling))}")
    assert [(u.rule, u.why) for u in r.unchecked] == [(render(u.rule), render(u.why)) for u in s.profile.unchecked]
    assert r.unchecked and f"not graded under profile {s.profile.id}:" in r.summary()
    assert f"pressure: {r.pressure}" in r.summary()
    assert s.report("zh").pressure.startswith("峰值")
