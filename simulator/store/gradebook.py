"""Gradebook, cohort statistics and item analysis, computed from stored attempts.

Item analysis asks, for each turn's menu, which replies were picked and how picking each
relates to passing: a tempting mistake is picked often by those who fail; a separating
reply has a much higher pass rate among those who picked it than among those who did not.
"""

from __future__ import annotations

import json
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from .models import Attempt


@dataclass
class Sheet:
    """One candidate on one scenario: their latest finished attempt."""

    candidate: str
    scenario: str
    attempt: int
    attempts: int
    total: int
    passed: bool
    items: dict[str, float]  # rubric item id -> points (n/a items left out)
    item_weights: dict[str, int]
    ended_at: str | None
    choices: list[tuple[int, str, tuple[str, ...], str]] = field(default_factory=list)  # n, state, offered, reply


def sheets(attempts: list[Attempt]) -> list[Sheet]:
    finished = [a for a in attempts if a.status == "finished" and a.report]
    counts: dict[tuple[str, str], int] = defaultdict(int)
    latest: dict[tuple[str, str], Attempt] = {}
    for a in finished:
        k = (a.candidate, a.scenario)
        counts[k] += 1
        if k not in latest or (a.ended_at or "", a.id) > (latest[k].ended_at or "", latest[k].id):
            latest[k] = a
    out = []
    for k, a in sorted(latest.items()):
        rep = json.loads(a.report or "{}")
        items = {i["id"]: i["points"] for i in rep.get("items", []) if i.get("applicable")}
        weights = {i["id"]: i["weight"] for i in rep.get("items", []) if i.get("applicable")}
        choices = []
        for line in (a.transcript or "").splitlines():
            r = json.loads(line)
            if r.get("type") == "turn":
                choices.append((r["turn"], r.get("state_before", ""), tuple(r.get("offered") or ()), r["reply"]))
        out.append(Sheet(a.candidate, a.scenario, a.id, counts[k], int(a.total or 0), bool(a.passed),
                         items, weights, a.ended_at, choices))
    return out


def cohort(rows: list[Sheet]) -> dict[str, Any]:
    """Per scenario: how the cohort did overall and on each rubric item."""
    out: dict[str, Any] = {}
    for scen in sorted({r.scenario for r in rows}):
        rs = [r for r in rows if r.scenario == scen]
        totals = [r.total for r in rs]
        items: dict[str, list[float]] = defaultdict(list)
        for r in rs:
            for i, pts in r.items.items():
                items[i].append(pts / r.item_weights[i] if r.item_weights[i] else 1.0)
        out[scen] = {
            "candidates": len(rs),
            "mean": round(statistics.fmean(totals), 1),
            "median": statistics.median(totals),
            "stdev": round(statistics.pstdev(totals), 1),
            "min": min(totals),
            "max": max(totals),
            "pass_rate": round(sum(r.passed for r in rs) / len(rs), 3),
            "items": {i: round(statistics.fmean(v), 3) for i, v in sorted(items.items())},
        }
    return out


def item_analysis(rows: list[Sheet]) -> list[dict[str, Any]]:
    """One row per (scenario, turn, state, reply offered there)."""
    menus: dict[tuple[str, int, str], list[tuple[Sheet, tuple[str, ...], str]]] = defaultdict(list)
    for r in rows:
        for n, state, offered, reply in r.choices:
            menus[(r.scenario, n, state)].append((r, offered, reply))
    out = []
    for (scen, n, state), seen in sorted(menus.items()):
        replies = sorted({x for _, offered, reply in seen for x in (*offered, reply)})
        for rid in replies:
            offered_to = [(r, reply) for r, offered, reply in seen if rid in offered or reply == rid]
            pick = [r for r, reply in offered_to if reply == rid]
            rest = [r for r, reply in offered_to if reply != rid]
            p_pick = sum(r.passed for r in pick) / len(pick) if pick else None
            p_rest = sum(r.passed for r in rest) / len(rest) if rest else None
            out.append({
                "scenario": scen, "turn": n, "state": state, "reply": rid,
                "offered": len(offered_to), "picked": len(pick),
                "pick_rate": round(len(pick) / len(offered_to), 3) if offered_to else 0.0,
                "pass_if_picked": None if p_pick is None else round(p_pick, 3),
                "pass_if_not": None if p_rest is None else round(p_rest, 3),
                "separation": None if p_pick is None or p_rest is None else round(p_pick - p_rest, 3),
            })
    return out


def build(attempts: list[Attempt]) -> dict[str, Any]:
    rows = sheets(attempts)
    return {
        "gradebook": [{
            "candidate": r.candidate, "scenario": r.scenario, "attempt": r.attempt,
            "attempts": r.attempts, "total": r.total, "passed": r.passed, "ended_at": r.ended_at,
            "items": r.items,
        } for r in rows],
        "cohort": cohort(rows),
        "item_analysis": item_analysis(rows),
    }
