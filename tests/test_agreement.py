"""The rubric against hand gradings written from DOMAIN.md (tests/expert_gradings.yaml).

Run with `-s` to print the agreement figures: verdicts, red lines and each core task, for
the calls the rubric was reworked on (tuned) and for the held-out batch graded before the
rubric ever ran on it.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from simulator.engine.bundle import load_scenario
from simulator.engine.session import Session

GRADINGS = yaml.safe_load((Path(__file__).with_name("expert_gradings.yaml")).read_text(encoding="utf-8"))["calls"]
CORE = ("demand_today", "learn_reason", "pros_and_cons", "get_commitment")
HELD_OUT = "held-out-3"
# The rubric's auto-fail rules in the gradings' words. A profile rule the gradings record in
# the verdict but not among red lines (the UK forbearance breach) maps to None.
WORDS = {"disclose_debt_third_party": "third_party", "threat_violence": "threat_violence",
         "harass": "harassment", "misstate_amount": "misstatement", "uk-forbearance": None}


def red_lines_of(report) -> set[str]:
    """The rubric's auto-fails in the gradings' words."""
    out = set()
    for f in report.auto_fail:
        rule = f.rule.removeprefix("red_line:")
        word = "pressure_to_borrow" if rule.endswith("borrow") else WORDS.get(rule, rule)
        if word is not None:
            out.add(word)
    return out


def graded(g: dict):
    s = Session(load_scenario(g["scenario"]), seed=g.get("seed", 1), facets=g.get("facets"))
    return s.replay(g["choices"]).report()


def agreement(calls: list[dict]) -> dict[str, tuple[int, int]]:
    agree = {"verdict": 0, "red_lines": 0, **{c: 0 for c in CORE}}
    for g in calls:
        r = graded(g)
        agree["verdict"] += r.passed == (g["verdict"] == "pass")
        agree["red_lines"] += red_lines_of(r) == set(g["red_lines"])
        for c in CORE:
            agree[c] += r.core_tasks[c] == g["core"][c]
    return {k: (v, len(calls)) for k, v in agree.items()}


def _show(title: str, figures: dict[str, tuple[int, int]]) -> None:
    print(f"\n{title}\n" + "\n".join(f"  {k:15s} {a}/{n}" for k, (a, n) in figures.items()))


def test_the_rubric_agrees_with_the_gradings_it_was_reworked_on():
    figures = agreement([g for g in GRADINGS if g.get("batch") != HELD_OUT])
    _show("tuned", figures)
    assert all(a == n for a, n in figures.values()), figures


def test_the_rubric_is_never_more_lenient_than_the_held_out_gradings():
    """On the held-out batch the rubric may be stricter than the gradings (reported, see
    -s) but never passes a call they fail nor misses a red line they saw."""
    held = [g for g in GRADINGS if g.get("batch") == HELD_OUT]
    assert len(held) >= 10
    _show("held out", agreement(held))
    lenient = []
    for g in held:
        r = graded(g)
        if r.passed and g["verdict"] == "fail":
            lenient.append(f"{g['name']}: passed at {r.total}")
        missed = set(g["red_lines"]) - red_lines_of(r)
        if missed:
            lenient.append(f"{g['name']}: missed {sorted(missed)}")
        stricter = red_lines_of(r) - set(g["red_lines"])
        if stricter or (not r.passed and g["verdict"] == "pass"):
            print(f"  stricter: {g['name']}: {r.total} {'PASS' if r.passed else 'FAIL'} {sorted(stricter)}")
    assert not lenient, lenient
