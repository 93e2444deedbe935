"""Issue 19: the rubric judges as a coach and a QA reviewer would (DOMAIN §4-§6, §10)."""

from __future__ import annotations

import yaml

from scoring.library import load_profile, load_rubric
from scoring.messages import CATALOGUE, Msg
from scoring.model import ScoringContext
from scoring.scorer import Scorer
from scoring.turns import Turn
from simulator.core.library import list_files
from simulator.engine import new_session
from simulator.engine.bundle import load_scenario
from simulator.engine.golden import golden_seed
from simulator.engine.policies import expert, novice, play, random_policy
from simulator.engine.session import Session


def _debtor(ref: str, **facets: str) -> Session:
    """A call on the debtor a hand-written line was written for (its facets pinned)."""
    return Session(load_scenario(ref), seed=1, facets=facets)


def scorer(profile="cn", **ctx) -> Scorer:
    base = dict(scenario="t", days_overdue=1, debtor_class="B", knows_officer=True, first_contact=False,
                leverage=["credit_record", "reputation"])
    return Scorer(load_rubric().model, load_profile(profile).model, ScoringContext(**{**base, **ctx}))


def turns(*spec, reason_at=2) -> list[Turn]:
    """(moves, pressure) per turn; the debtor gives the reason on turn `reason_at`."""
    out, flags = [], frozenset()
    for n, (moves, pressure) in enumerate(spec, 1):
        new = frozenset({"reason_given"}) if n == reason_at else frozenset()
        flags |= new
        out.append(Turn(n, "s", "s", f"r{n}", frozenset(moves), pressure, flags, new))
    return out


WORKED = [  # DOMAIN §9: demand, reason, money and rating, reputation, then the credit record
    (["demand_today"], 1), (["ask_reason"], None), (["cost_extra_burden", "benefit_on_time", "escalate_money"], 2),
    (["cost_reputation", "escalate_reputation"], 4), (["cost_credit_record", "escalate_credit"], 3),
    (["suggest_bridge_financing", "demand_today"], 1),
]


def test_a_dip_in_the_worked_call_keeps_pressure_within_full():
    v = next(c for c in scorer().observe_all(turns(*WORKED)).checks if c.item.id == "pressure_within").result()
    assert v.fraction == 1 and v.detail == ()


def test_a_renewed_demand_after_the_costs_is_not_a_fall():
    sc = scorer().observe_all(turns((["demand_today"], 1), (["ask_reason"], None),
                                    (["cost_credit_record", "escalate_credit"], 3), (["demand_today"], 1)))
    r = sc.report()
    assert r.item("pressure_within").fraction == 1
    assert r.item("pros_and_cons").done and r.item("pros_and_cons").detail == "no benefit of paying on time"


def test_a_later_slip_costs_once_and_keeps_the_demand_made():
    sc = scorer().observe_all(turns((["demand_today"], 1), (["ask_reason"], None),
                                    (["ask_when_can_pay"], 0), (["demand_today"], 1)))
    r = sc.report()
    assert r.item("demand_today").fraction == 1 and r.core_tasks["demand_today"]
    assert r.item("anti_patterns").detail == "turn 3: asked 'when can you pay?'"


def test_the_missing_renewed_demand_is_taken_off_once():
    r = scorer().observe_all(turns((["demand_today"], 1), (["ask_reason"], None),
                                   (["cost_credit_record", "benefit_on_time", "escalate_credit"], 3))).report()
    said = [i.id for i in r.items if "renewed demand" in i.detail or "demand payment today again" in i.detail]
    assert said == ["pros_and_cons"] and not r.core_tasks["pros_and_cons"]


def test_a_commitment_missing_only_the_method_is_told_so():
    t = turns((["demand_today"], 1))
    t[0].commitment = {"amount": "full", "date_kind": "named", "method": "unspecified"}
    r = scorer().observe_all(t).report()
    assert r.item("commitment_quality").detail.startswith("the promise at turn 1 lacks a method")
    assert "amount" not in r.item("commitment_quality").detail
    assert r.item("get_commitment").fraction == 1  # an amount and a named day: the core is there


def test_missing_only_the_benefit_still_passes_naming_it():
    line = ["identify", "demand-today", "facts-and-reason", "follow-up", "costs-money-2", "procedure", "plan",
            "close-report"]
    r = _debtor("entitled-day3", pay_by="app", bites="refinance", corner_rent="fifth").replay(line).report()
    assert r.passed and r.core_tasks["pros_and_cons"]
    assert r.item("pros_and_cons").detail == "no benefit of paying on time"


def test_the_debt_before_identity_fails_a_uk_call_naming_the_rule():
    line = ["blurt", "identify-late", "demand", "ask-reason", "costs-now", "credit", "remote-plan", "pin",
            "reputation", "close-report"]
    r = _debtor("forgetful-day7", pay_by="app", bites="credit").replay(line).report()
    (f,) = r.auto_fail
    assert not r.passed and f.rule == "right_party" and f.turn == 1 and "CONC 7.9.10R" in f.cite


def test_right_party_is_a_red_line_in_every_profile_unless_acquainted():
    for profile in ("cn", "us", "uk", "mx", "hk"):
        sc = scorer(profile, knows_officer=False).observe_all(turns((["demand_today"], 1)))
        assert [f.rule for f in sc.compliance.auto_fails()] == ["right_party"], profile
        assert load_profile(profile).model.identity_cite
    assert not scorer(knows_officer=True).observe_all(turns((["demand_today"], 1))).compliance.auto_fails()
    confirmed = turns((["confirm_identity", "introduce_self"], None), (["demand_today"], 1))
    assert not scorer(knows_officer=False).observe_all(confirmed).compliance.auto_fails()


def test_an_out_of_proportion_threat_then_dropped_is_a_false_threat():
    line = ["identify", "demand-today", "ask-reason", "costs-now", "visit-threat-early", "ask-reason-calm",
            "ask-payday", "costs", "promise-matters", "pin", "close-report"]
    r = new_session("promiser-day3", seed=1).replay(line).report()
    (f,) = r.auto_fail
    assert f.rule == "red_line:false_threat" and f.turn == 5 and "dropped it at turn 8" in f.message
    # kept up (restated at the same level), it is only out of proportion, not a false threat
    kept = scorer(days_overdue=3).observe_all(turns((["demand_today"], 1), (["ask_reason"], None),
                                                    (["escalate_field_visit"], 5), (["escalate_field_visit"], 5)))
    assert not kept.compliance.auto_fails()
    ended = scorer(days_overdue=3).observe_all(turns((["demand_today"], 1), (["escalate_lawyer_letter"], 6)))
    assert not ended.compliance.auto_fails()  # the call never went on past it: not shown dropped


def test_ordering_to_borrow_differs_from_offering_it_per_profile():
    order = turns((["demand_today"], 1), (["order_to_borrow", "demand_today"], 1))
    offer = turns((["demand_today"], 1), (["suggest_bridge_financing", "demand_today"], 1))
    severity = {}
    for profile in ("cn", "us", "uk", "mx", "hk"):
        found = scorer(profile).observe_all(order).compliance.findings
        severity[profile] = {f.severity for f in found}
        assert all(f.cite for f in found)
    assert severity == {"cn": {"auto_fail"}, "us": {"penalty"}, "uk": {"auto_fail"}, "mx": {"penalty"},
                        "hk": {"penalty"}}
    assert {f.severity for f in scorer("cn").observe_all(offer).compliance.findings} == {"coach"}


def _variant(tmp_path, ref, **changes):
    b = load_scenario(ref)
    data = yaml.safe_load(b.sources["scenario"].path.read_text(encoding="utf-8"))
    data["persona"] = str(b.sources["persona"].path)
    for key, value in changes.items():
        if key == "local_time":
            data["call"]["local_time"] = value
        else:
            data[key] = value
    p = tmp_path / f"{ref}-{len(list(tmp_path.iterdir()))}.yaml"
    p.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return str(p)


def test_mx_and_hk_calls_fail_at_0630_and_for_a_reference_asked_to_pay(tmp_path):
    for profile, clause in (("mx", "07:00-22:00"), ("hk", "43.2(a)(iii)")):
        early = new_session(_variant(tmp_path, "forgetful-day2", profile=profile, local_time="06:30"), seed=1)
        r = early.replay(["identify", "demand"]).report()
        assert not r.passed and r.auto_fail[0].rule == "contact_hours" and clause in r.auto_fail[0].cite
        assert "06:30" in r.auto_fail[0].message
        wife = new_session(_variant(tmp_path, "third-party-day3", profile=profile), seed=1)
        r = wife.replay(["ask-for-chen", "ask-who", "ask-her-pay"]).report()
        assert not r.passed and [f.rule for f in r.auto_fail] == ["third_party"], profile
        assert "guarant" in r.auto_fail[0].cite


def test_every_ending_says_why_in_the_words_the_officer_said():
    s = new_session("first-call-zhang", seed=golden_seed("first-call-zhang")).replay(["straight-to-it", "threaten-police"])
    said = s.turns[-1].officer_line
    assert said and "police" in said
    assert s.report().ending == f'at turn 2 you said "{said}", which led straight to this ending'
    s = new_session("first-call-zhang", seed=golden_seed("first-call-zhang")).replay(["straight-to-it", "ask-reason", "doubt", "double-down"])
    r = s.report()
    assert r.outcome == "hang_up" and f'turn 4 you said "{s.turns[-1].officer_line}"' in r.ending
    assert "double-down" not in r.ending
    zh = new_session("first-call-zhang", seed=golden_seed("first-call-zhang"), lang="zh").replay(["straight-to-it", "threaten-police"])
    assert zh.turns[-1].officer_line in zh.report().ending  # the call's own language and phrasing
    r = new_session("first-call-zhang", seed=golden_seed("first-call-zhang")).replay(
        ["straight-to-it", "ask-reason", "ask-customer", "penalty-and-rating-2", "cost-reputation", "sell-stock",
         "pin", "close-report"]).report()
    assert r.ending.startswith("the debtor committed at turn")


def codes(m: Msg) -> set[str]:
    out = {m.code}
    for _, v in m.params:
        for x in v if isinstance(v, tuple) else (v,):
            if isinstance(x, Msg):
                out |= codes(x)
    return out


def test_every_message_the_scorer_emits_is_in_the_catalogue_in_both_languages():
    said: set[str] = set()
    for _, path in list_files("scenarios"):
        for policy in (expert(), novice(), *(random_policy(k) for k in range(4))):
            s = play(new_session(str(path), seed=3), policy)
            for c in s.scorer.checks:
                for m in c.result().detail:
                    said |= codes(m)
            for f in s.scorer.compliance.findings:
                said |= codes(f.message) if isinstance(f.message, Msg) else set()
            if s.scorer.ending():
                said |= codes(s.scorer.ending())
    missing = {c for c in said if not {"en", "zh"} <= set(CATALOGUE.get(c, {}))}
    assert len(said) > 25 and not missing


def test_a_zh_report_speaks_chinese_with_the_same_figures():
    s = play(new_session("first-call-zhang", seed=golden_seed("first-call-zhang")), novice())
    en, zh = s.report("en"), s.report("zh")
    lost = [(a.detail, b.detail) for a, b in zip(en.items, zh.items, strict=True) if a.detail]
    assert len(lost) > 2 and all(a != b and not b.isascii() for a, b in lost)
    assert (en.total, en.passed) == (zh.total, zh.passed) and zh.ending and not zh.ending.isascii()


# DOMAIN §10's rows, by the words a rule or an `unchecked` entry must use to cover them
ROWS = {"call frequency": ("frequency",), "disclosure on the call": ("disclos", "who holds the debt"),
        "false threats": ("false threat",), "borrowing to pay": ("borrow",), "hardship": ("hardship", "forbearance")}


def test_profiles_cover_every_row_of_domain_section_10():
    for pid in ("cn", "us", "uk", "mx", "hk"):
        p = load_profile(pid).model
        assert p.contact_hours and p.hours_cite and p.identity_cite and p.third_party_cite, pid
        said = " ".join([p.disclosure_cite] + [r.cite for r in p.rules] + [f"{u.rule} {u.why}" for u in p.unchecked]).lower()
        if pid in ("cn", "us", "uk"):
            missing = [row for row, words in ROWS.items() if not any(w in said for w in words)]
            assert not missing, (pid, missing)
        assert all(u.why for u in p.unchecked)


def test_asking_the_reason_without_hearing_it_earns_nothing():
    r = scorer().observe_all(turns((["demand_today"], 1), (["ask_reason"], None), reason_at=0)).report()
    item = r.item("learn_reason")
    assert item.fraction == 0 and not item.done and item.detail == "the reason for non-payment never came out"


def test_fold_keys_keep_a_failed_state_apart_from_a_clean_one():
    """Bulk grading and the explorer merge states by key: a red line must change it."""
    clean = scorer(knows_officer=False).observe_all(turns((["confirm_identity"], None), (["demand_today"], 1)))
    breach = scorer(knows_officer=False).observe_all(turns((["introduce_self"], None), (["demand_today"], 1)))
    assert clean.compliance.key() != breach.compliance.key() and clean.key() != breach.key()
    threat = scorer(days_overdue=3).observe_all(turns((["demand_today"], 1), (["escalate_field_visit"], 5)))
    calm = scorer(days_overdue=3).observe_all(turns((["demand_today"], 1), (["escalate_reputation"], 4)))
    assert threat.compliance.key() != calm.compliance.key()  # a threat pending judgement is state
