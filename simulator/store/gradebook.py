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
    """One candidate on one scenario: their assessment attempts, first, best and latest.
    Only attempts whose signatures check out count; a changed one is listed, never scored."""

    candidate: str
    scenario: str
    attempt: int  # the latest counted attempt (or the latest at all, when none counts)
    attempts: int  # finished assessment attempts, counted or not
    total: int | None  # latest counted score; None when no attempt counts
    passed: bool
    items: dict[str, float]  # rubric item id -> points (n/a items left out)
    item_weights: dict[str, int]
    ended_at: str | None
    choices: list[tuple[int, str, tuple[str, ...], str]] = field(default_factory=list)  # n, state, offered, reply
    first: int | None = None
    best: int | None = None
    status: str = "valid"  # the worst signature status among the pair's records
    titles: dict[str, str] = field(default_factory=dict)  # rubric item id -> its title
    sitting: str = ""
    started_at: str | None = None


_WORST = ["changed", "unsigned", "valid"]


def sheets(attempts: list[Attempt], status: dict[int, str] | None = None) -> list[Sheet]:
    """Assessment results only (practice never counts), one Sheet per candidate x scenario.
    `status`: attempt id -> signature status (audit.py); without it every record counts."""
    status = status or {}
    finished = [a for a in attempts if a.mode == "assessment" and a.status == "finished" and a.report]
    pairs: dict[tuple[str, str], list[Attempt]] = defaultdict(list)
    for a in finished:
        pairs[(a.candidate, a.scenario)].append(a)
    out = []
    for (cand, scen), rows in sorted(pairs.items()):
        rows.sort(key=lambda a: (a.seq or 0, a.ended_at or "", a.id))
        ok = [a for a in rows if status.get(a.id, "valid") == "valid"]
        worst = min((status.get(a.id, "valid") for a in rows), key=lambda x: _WORST.index(x) if x in _WORST else 0)
        latest = ok[-1] if ok else rows[-1]
        rep = json.loads(latest.report or "{}") if ok else {}
        items = {i["id"]: i["points"] for i in rep.get("items", []) if i.get("applicable")}
        weights = {i["id"]: i["weight"] for i in rep.get("items", []) if i.get("applicable")}
        titles = {i["id"]: i.get("title") or i["id"] for i in rep.get("items", [])}
        choices: list[tuple[int, str, tuple[str, ...], str]] = []
        if ok:
            tr = parse_transcript(latest.transcript or "", f"attempt {latest.id}")
            choices = [(t.n, t.state_before, t.offered, t.reply) for t in tr.turns]
        out.append(Sheet(cand, scen, latest.id, len(rows), int(latest.total or 0) if ok else None,
                         bool(latest.passed) if ok else False, items, weights, latest.ended_at, choices,
                         first=int(ok[0].total or 0) if ok else None,
                         best=max(int(a.total or 0) for a in ok) if ok else None,
                         status=worst, titles=titles, sitting=latest.sitting, started_at=latest.started_at))
    return out


def cohort(rows: list[Sheet]) -> dict[str, Any]:
    """Per scenario: how the cohort did overall and on each rubric item."""
    out: dict[str, Any] = {}
    rows = [r for r in rows if r.total is not None]
    for scen in sorted({r.scenario for r in rows}):
        rs = [r for r in rows if r.scenario == scen]
        totals = [r.total or 0 for r in rs]
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


MIN_N = 10


def item_analysis(rows: list[Sheet], min_n: int = MIN_N) -> list[dict[str, Any]]:
    """One row per (scenario, turn, state, reply offered there), for menus offered to at
    least `min_n` candidates: below that a pass rate says nothing about a reply."""
    menus: dict[tuple[str, int, str], list[tuple[Sheet, tuple[str, ...], str]]] = defaultdict(list)
    for r in rows:
        for n, state, offered, reply in r.choices:
            menus[(r.scenario, n, state)].append((r, offered, reply))
    out = []
    for (scen, n, state), seen in sorted(menus.items()):
        if len(seen) < min_n:
            continue
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


def build(attempts: list[Attempt], status: dict[int, str] | None = None,
          min_n: int = MIN_N) -> dict[str, Any]:
    rows = sheets(attempts, status)
    return {
        "gradebook": [{
            "candidate": r.candidate, "scenario": r.scenario, "attempt": r.attempt,
            "attempts": r.attempts, "first": r.first, "best": r.best, "total": r.total,
            "passed": r.passed if r.total is not None else None, "signature": r.status,
            "started_at": r.started_at, "ended_at": r.ended_at, "sitting": r.sitting, "items": r.items,
            "weights": r.item_weights,
        } for r in rows],
        "item_titles": {i: t for r in rows for i, t in r.titles.items()},
        "cohort": cohort(rows),
        "item_analysis": item_analysis(rows, min_n),
        "min_n": min_n,
    }


# -- for the gradebook screen: small pure functions, the screen only displays ------------

def filter_sheets(rows: list[Sheet], text: str) -> list[Sheet]:
    """Rows whose candidate or scenario contains `text` (case-insensitive; blank keeps all)."""
    needle = text.strip().lower()
    return [r for r in rows if needle in r.candidate.lower() or needle in r.scenario.lower()]


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
    signature: str  # audit.py's status: valid | changed | unsigned | in progress | practice
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
            and a.mode == "assessment" and a.status == "finished" and a.report]
    return sorted(rows, key=lambda a: (a.seq or 0, a.ended_at or "", a.id))


def detail(a: Attempt, status: str, siblings: list[Attempt] | None = None) -> Detail:
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
        signature=status, total=int(a.total or 0), passed=bool(a.passed),
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


def book(attempts: list[Attempt], status: dict[int, str]) -> Book:
    rows = sheets(attempts, status)
    done = [a for a in attempts if a.status == "finished" and a.mode == "assessment"]
    status = {a.id: status.get(a.id, "unsigned") for a in done}
    ia = [{**r, "flag": flag(r)} for r in item_analysis(rows)]
    return Book(rows=rows, status=status, cohort=cohort(rows), items=ia, finished=len(done),
                in_progress=sum(a.status == "in_progress" for a in attempts),
                tampered=sum(s != "valid" for s in status.values()))
