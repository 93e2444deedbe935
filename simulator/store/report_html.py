"""The gradebook as one HTML page an HR office can read on screen and print: candidates by
name with first, best and latest scores and each record's signature status, the rubric
items by title, a heatmap of items by cohort (sitting), cohort statistics and item analysis.
Every value is escaped: names and ids come from outside."""

from __future__ import annotations

import datetime as dt
import html
from collections import defaultdict
from typing import Any

CSS = """
body{font:11pt/1.4 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK SC",sans-serif;
 color:#1a1a1a;max-width:60rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.5rem;margin:0 0 .2rem}h2{font-size:1.15rem;margin:2rem 0 .5rem;border-bottom:2px solid #345}
.meta{color:#555;margin:0 0 1rem}
table{border-collapse:collapse;width:100%;margin:.4rem 0;font-size:.92rem}
th,td{border:1px solid #bbb;padding:.25rem .45rem;text-align:left;vertical-align:top}
th{background:#eef2f6}td.n{text-align:right;font-variant-numeric:tabular-nums}
.pass{color:#0a6b2b;font-weight:600}.fail{color:#a11;font-weight:600}
.bad{background:#a11;color:#fff;font-weight:700;padding:0 .3rem}.ok{color:#0a6b2b}
.heat td.n{color:#000}.note{color:#555;font-size:.9rem}
.problems li{color:#a11}
@media print{body{margin:0;max-width:none;font-size:9.5pt}h2{break-after:avoid}
 tr{break-inside:avoid}table{page-break-inside:auto}a{color:inherit}}
@page{size:A4;margin:15mm}
"""


def _e(v: Any) -> str:
    return html.escape("" if v is None else str(v))


def _when(iso: str | None) -> str:
    if not iso:
        return ""
    return dt.datetime.fromisoformat(iso).strftime("%d %b %Y %H:%M UTC")


def _sig(s: str) -> str:
    if s == "valid":
        return "<span class=ok>valid</span>"
    return f"<span class=bad>{_e(s.upper())}</span>"


def _heat(v: float | None) -> str:
    if v is None:
        return "<td></td>"
    hue = int(120 * max(0.0, min(1.0, v)))  # red 0 .. green 120
    return f"<td class=n style='background:hsl({hue},70%,80%)'>{v * 100:.0f}%</td>"


def _table(head: list[str], rows: list[list[str]], cls: str = "") -> str:
    h = "".join(f"<th>{x}</th>" for x in head)
    body = "\n".join("<tr>" + "".join(cells) + "</tr>" for cells in rows)
    return f"<table class='{cls}'><thead><tr>{h}</tr></thead><tbody>\n{body}\n</tbody></table>"


def render(d: dict[str, Any]) -> str:
    titles: dict[str, str] = d.get("item_titles", {})
    sittings: dict[str, str] = d.get("sittings", {})
    now = dt.datetime.now(dt.UTC).strftime("%d %b %Y %H:%M UTC")
    p = ["<!doctype html><html lang=en><meta charset='utf-8'>",
         "<meta name=viewport content='width=device-width,initial-scale=1'>",
         f"<title>Assessment results</title><style>{CSS}</style><body>",
         "<h1>Assessment results</h1>",
         f"<p class=meta>Generated {now}. Only signed assessment results count; a record shown "
         "CHANGED or UNSIGNED does not match the assessor's signature and is not scored.</p>"]
    if d["problems"]:
        p.append("<h2>Problems found by verification</h2><ul class=problems>"
                 + "".join(f"<li>{_e(x)}</li>" for x in d["problems"]) + "</ul>")

    p.append("<h2>Results by candidate</h2>")
    rows = []
    for g in d["gradebook"]:
        verdict = "—" if g["total"] is None else (
            "<span class=pass>PASS</span>" if g["passed"] else "<span class=fail>FAIL</span>")
        rows.append([f"<td>{_e(g['candidate'])}</td>", f"<td>{_e(g['scenario'])}</td>",
                     f"<td>{_e(sittings.get(g['sitting'], ''))}</td>",
                     f"<td class=n>{_e(g['attempts'])}</td>",
                     f"<td class=n>{_e(_dash(g['first']))} → {_e(_dash(g['best']))}</td>",
                     f"<td class=n>{_e(_dash(g['total']))}</td>", f"<td>{verdict}</td>",
                     f"<td>{_sig(g['signature'])}</td>", f"<td>{_e(_when(g['ended_at']))}</td>"])
    p.append(_table(["Candidate", "Scenario", "Sitting", "Attempts", "First → best", "Latest",
                     "Result", "Signature", "Last ended"], rows))

    items = sorted({i for g in d["gradebook"] for i in g["items"]})
    if items:
        p.append("<h2>Rubric items (latest counted attempt, points)</h2>")
        rows = []
        for g in d["gradebook"]:
            if g["total"] is None:
                continue
            rows.append([f"<td>{_e(g['candidate'])}</td>", f"<td>{_e(g['scenario'])}</td>",
                         *(f"<td class=n>{_e(_pts(g, i))}</td>" for i in items)])
        p.append(_table(["Candidate", "Scenario", *(_e(titles.get(i, i)) for i in items)], rows))

        p.append("<h2>Items by cohort (mean share of the points)</h2>")
        cohorts: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
        for g in d["gradebook"]:
            if g["total"] is None:
                continue
            for i, pts in g["items"].items():
                w = g.get("weights", {}).get(i) or 0
                cohorts[g["sitting"]][i].append(pts / w if w else 1.0)
        cols = sorted(cohorts, key=lambda s: sittings.get(s, s))
        rows = [[f"<td>{_e(titles.get(i, i))}</td>",
                 *(_heat(sum(v) / len(v) if (v := cohorts[c].get(i)) else None) for c in cols)]
                for i in items]
        p.append(_table(["Item", *(_e(sittings.get(c, c[:8])) for c in cols)], rows, "heat"))

    p.append("<h2>Cohort statistics</h2>")
    p.append(_table(["Scenario", "Candidates", "Mean", "Median", "SD", "Min", "Max", "Pass rate"],
                    [[f"<td>{_e(s)}</td>", *(f"<td class=n>{_e(c[k])}</td>" for k in
                                            ("candidates", "mean", "median", "stdev", "min", "max")),
                      f"<td class=n>{c['pass_rate'] * 100:.0f}%</td>"] for s, c in d["cohort"].items()]))

    p.append("<h2>Item analysis</h2>")
    if d["item_analysis"]:
        p.append(_table(["Scenario", "Turn", "Reply", "Offered", "Picked", "Pass if picked", "Pass if not"],
                        [[f"<td>{_e(r['scenario'])}</td>", f"<td class=n>{r['turn']}</td>",
                          f"<td>{_e(r['reply'])}</td>", f"<td class=n>{r['offered']}</td>",
                          f"<td class=n>{r['picked']}</td>", f"<td class=n>{_e(_pct(r['pass_if_picked']))}</td>",
                          f"<td class=n>{_e(_pct(r['pass_if_not']))}</td>"] for r in d["item_analysis"]]))
    else:
        p.append(f"<p class=note>Not shown: no menu was seen by {d['min_n']} or more candidates, "
                 "and below that a pass rate says nothing about a reply.</p>")

    p.append("<h2>Every record</h2>")
    p.append(_table(["Attempt", "Candidate", "Scenario", "No.", "Started", "Score", "Signature"],
                    [[f"<td class=n>{r['attempt']}</td>", f"<td>{_e(r['candidate'])}</td>",
                      f"<td>{_e(r['scenario'])}</td>", f"<td class=n>{_e(_dash(r['number']))}</td>",
                      f"<td>{_e(_when(r['started_at']))}</td>",
                      f"<td class=n>{_e(_dash(r['total']) if r['status'] == 'finished' else r['status'])}</td>",
                      f"<td>{_sig(r['signature'])}</td>"] for r in d["records"]]))
    if d["practice_ignored"]:
        p.append(f"<p class=note>{d['practice_ignored']} practice records are not counted.</p>")
    p.append("</body></html>")
    return "\n".join(p) + "\n"


def _dash(v: Any) -> Any:
    return "—" if v is None else v


def _pts(g: dict[str, Any], i: str) -> str:
    v = g["items"].get(i)
    return "" if v is None else f"{v:g}/{g.get('weights', {}).get(i, '')}"


def _pct(v: float | None) -> str:
    return "" if v is None else f"{v * 100:.0f}%"
