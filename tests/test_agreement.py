"""The rubric against hand gradings written from DOMAIN.md (tests/expert_gradings.yaml).

Run with `-s` to print the agreement figures: verdicts, red lines and each core task.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from simulator.engine import new_session

GRADINGS = yaml.safe_load((Path(__file__).with_name("expert_gradings.yaml")).read_text(encoding="utf-8"))["calls"]
CORE = ("demand_today", "learn_reason", "pros_and_cons", "get_commitment")


def red_lines_of(report) -> set[str]:
    """The rubric's auto-fails in the gradings' words."""
    out = set()
    for f in report.auto_fail:
        rule = f.rule.removeprefix("red_line:")
        out.add({"disclose_debt_third_party": "third_party", "threat_violence": "threat_violence",
                 "harass": "harassment", "misstate_amount": "misstatement"}.get(rule, rule)
                if not rule.endswith("borrow") else "pressure_to_borrow")
    return out


def agreement() -> dict[str, tuple[int, int]]:
    agree = {"verdict": 0, "red_lines": 0, **{c: 0 for c in CORE}}
    for g in GRADINGS:
        r = new_session(g["scenario"], seed=1).replay(g["choices"]).report()
        agree["verdict"] += r.passed == (g["verdict"] == "pass")
        agree["red_lines"] += red_lines_of(r) == set(g["red_lines"])
        for c in CORE:
            agree[c] += r.core_tasks[c] == g["core"][c]
    return {k: (v, len(GRADINGS)) for k, v in agree.items()}


def test_the_rubric_agrees_with_the_hand_gradings():
    figures = agreement()
    print("\n" + "\n".join(f"{k:15s} {a}/{n}" for k, (a, n) in figures.items()))
    assert all(a == n for a, n in figures.values()), figures
