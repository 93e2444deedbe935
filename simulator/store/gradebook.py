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

from simulator.core.transcript import parse_transcript

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
        tr = parse_transcript(a.transcript or "", f"attempt {a.id}")
        choices = [(t.n, t.state_before, t.offered, t.reply) for t in tr.turns]
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


# -- for the gradebook screen: small pure functions, the screen only displays ------------

def filter_sheets(rows: list[Sheet], text: str) -> list[Sheet]:
    """Rows whose candidate or scenario contains `text` (case-insensitive; blank keeps all)."""
    needle = text.strip().lower()
    return [r for r in rows if needle in r.candidate.lower() or needle in r.scenario.lower()]


def signature_status(a: Attempt, key: bytes) -> str:
    """'valid', 'tampered' (content no longer matches its HMAC) or 'unsigned'."""
    from . import signing
    from .db import attempt_fields

    if a.signature is None:
        return "unsigned"
    return "valid" if signing.matches(attempt_fields(a), a.signature, key) else "tampered"


def flag(row: dict[str, Any], threshold: float = 0.5) -> str:
    """An item-analysis row is a 'tempting' mistake when it was picked and those who picked it
    passed clearly less often than those who did not; 'separating' when clearly more often."""
    sep = row.get("separation")
    if sep is None or not row.get("picked"):
        return ""
    if sep <= -threshold:
        return "tempting"
    if sep >= threshold:
        return "separating"
    return ""


@dataclass
class Detail:
    """Everything the attempt screen shows about one stored attempt."""

    attempt: int
    candidate: str
    scenario: str
    mode: str
    seed: int
    lang: str
    started_at: str
    ended_at: str | None
    hashes: dict[str, str]
    signature: str  # valid | tampered | unsigned
    total: int
    passed: bool
    pass_mark: int | None
    outcome: str | None
    items: list[dict[str, Any]]  # id, title, points, weight, applicable
    auto_fail: list[dict[str, Any]]  # turn, message, cite
    penalties: list[dict[str, Any]]  # turn, points, message, cite
    coaching: list[dict[str, Any]]  # turn, message, cite: mistakes that cost points, not red lines
    lines: list[tuple[int, str, str]]  # (turn, "officer"|"debtor", text); turn 0 = opening
    others: list[tuple[int, int, bool]] = field(default_factory=list)  # this pair's attempts: id, total, passed


def attempts_of(attempts: list[Attempt], candidate: str, scenario: str) -> list[Attempt]:
    """A candidate's finished attempts on one scenario, oldest first (the last one counts)."""
    rows = [a for a in attempts if a.candidate == candidate and a.scenario == scenario
            and a.status == "finished" and a.report]
    return sorted(rows, key=lambda a: (a.ended_at or "", a.id))


def detail(a: Attempt, key: bytes, siblings: list[Attempt] | None = None) -> Detail:
    """The stored report and transcript of one attempt, as read (not re-scored), plus whether
    its signature still matches."""
    rep = json.loads(a.report or "{}")
    tr = parse_transcript(a.transcript or "", f"attempt {a.id}")
    lines = [(0, "debtor", tr.header.opening_line)] if tr.header.opening_line else []
    for t in tr.turns:
        lines += [(t.n, "officer", t.officer_line), (t.n, "debtor", t.debtor_line)]
    return Detail(
        attempt=a.id, candidate=a.candidate, scenario=a.scenario, mode=a.mode, seed=a.seed,
        lang=a.lang, started_at=a.started_at, ended_at=a.ended_at,
        hashes={"persona": a.persona_hash, "scenario": a.scenario_hash, "rubric": a.rubric_hash},
        signature=signature_status(a, key), total=int(a.total or 0), passed=bool(a.passed),
        pass_mark=rep.get("pass_mark"), outcome=rep.get("outcome"),
        items=[{k: i.get(k) for k in ("id", "title", "points", "weight", "applicable")}
               for i in rep.get("items", [])],
        auto_fail=[{k: f.get(k) for k in ("turn", "message", "cite")} for f in rep.get("auto_fail", [])],
        penalties=[{k: f.get(k) for k in ("turn", "points", "message", "cite")} for f in rep.get("penalties", [])],
        coaching=[{k: f.get(k) for k in ("turn", "message", "cite")} for f in rep.get("coaching", [])],
        lines=lines,
        others=[(s.id, int(s.total or 0), bool(s.passed)) for s in siblings or []],
    )


@dataclass
class Book:
    """What the gradebook screen shows, computed once per load."""

    rows: list[Sheet]
    status: dict[int, str]  # attempt id -> signature status, for every finished attempt
    cohort: dict[str, Any]
    items: list[dict[str, Any]]  # item analysis rows, each with its "flag"
    finished: int
    in_progress: int
    tampered: int


def book(attempts: list[Attempt], key: bytes) -> Book:
    rows = sheets(attempts)
    done = [a for a in attempts if a.status == "finished"]
    status = {a.id: signature_status(a, key) for a in done}
    ia = [{**r, "flag": flag(r)} for r in item_analysis(rows)]
    return Book(rows=rows, status=status, cohort=cohort(rows), items=ia, finished=len(done),
                in_progress=sum(a.status == "in_progress" for a in attempts),
                tampered=sum(s != "valid" for s in status.values()))
