"""The gradebook: each candidate's latest result per scenario and per rubric item, cohort
statistics, and item analysis (for each turn's menu, how often each reply was picked and
the pass rate of those who picked it against those who did not)."""

from __future__ import annotations

import argparse
import csv
import html
import io
import json
from typing import Any

from simulator.core.safetext import csv_cell, shown

EPILOG = """\
examples:
  collectsim report
  collectsim report --scenario first-call-zhang --format html > cohort.html
  collectsim report --candidate "Li Wei" --format json

To browse the same data interactively (sort, filter, open an attempt): collectsim gradebook
"""


def add_filters(p: argparse.ArgumentParser) -> None:
    """--db, --candidate, --scenario: shared with `collectsim gradebook`."""
    p.add_argument("--db", metavar="URL", help="results db (default: $COLLECTSIM_DB or a local SQLite file)")
    p.add_argument("--candidate", metavar="NAME", help="only this candidate")
    p.add_argument("--scenario", metavar="ID", help="only this scenario")


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_filters(p)
    p.add_argument("--format", choices=["table", "csv", "json", "html"], default="table")


def run(args: argparse.Namespace) -> int:
    from simulator.store import open_store
    from simulator.store.gradebook import build

    store = open_store(args.db)
    data = build(store.attempts(candidate=args.candidate, scenario=args.scenario))
    store.close()
    print({"table": _table, "csv": _csv, "json": _json, "html": _html}[args.format](data), end="")
    return 0


def _sections(d: dict[str, Any]) -> list[tuple[str, list[str], list[list[Any]]]]:
    items = sorted({i for g in d["gradebook"] for i in g["items"]})
    book = [[g["candidate"], g["scenario"], g["attempts"], g["total"], "PASS" if g["passed"] else "FAIL",
             *(_num(g["items"].get(i)) for i in items)] for g in d["gradebook"]]
    stats = [[s, c["candidates"], c["mean"], c["median"], c["stdev"], c["min"], c["max"], c["pass_rate"]]
             for s, c in d["cohort"].items()]
    item_means = [[s, i, v] for s, c in d["cohort"].items() for i, v in c["items"].items()]
    ia = [[r["scenario"], r["turn"], r["state"], r["reply"], r["offered"], r["picked"], r["pick_rate"],
           _num(r["pass_if_picked"]), _num(r["pass_if_not"]), _num(r["separation"])] for r in d["item_analysis"]]
    return [
        ("gradebook", ["candidate", "scenario", "attempts", "total", "result", *items], book),
        ("cohort", ["scenario", "n", "mean", "median", "stdev", "min", "max", "pass_rate"], stats),
        ("rubric items (mean fraction of the points)", ["scenario", "item", "mean"], item_means),
        ("item analysis", ["scenario", "turn", "state", "reply", "offered", "picked", "pick_rate",
                           "pass_if_picked", "pass_if_not", "separation"], ia),
    ]


def _num(v: Any) -> str:
    return "" if v is None else (f"{v:g}" if isinstance(v, float) else str(v))


def _table(d: dict[str, Any]) -> str:
    out = []
    for title, head, rows in _sections(d):
        cells = [head, *[[shown(c) for c in r] for r in rows]]  # a newline in a name: no new row
        widths = [max(len(r[i]) for r in cells) for i in range(len(head))]
        out.append(f"== {title}")
        for r in cells:
            out.append("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
        out.append("")
    return "\n".join(out)


def _csv(d: dict[str, Any]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    for title, head, rows in _sections(d):
        w.writerow([f"# {title}"])
        w.writerow(head)
        w.writerows([csv_cell(c) for c in r] for r in rows)  # =HYPERLINK(...) stays text
        w.writerow([])
    return buf.getvalue()


def _json(d: dict[str, Any]) -> str:
    return json.dumps(d, ensure_ascii=False, indent=2) + "\n"


def _html(d: dict[str, Any]) -> str:
    e = html.escape
    parts = ["<!doctype html><meta charset='utf-8'><title>collectsim gradebook</title>",
             "<style>table{border-collapse:collapse}td,th{border:1px solid #999;padding:2px 6px}</style>"]
    for title, head, rows in _sections(d):
        parts.append(f"<h2>{e(title)}</h2><table><tr>{''.join(f'<th>{e(h)}</th>' for h in head)}</tr>")
        for r in rows:
            parts.append("<tr>" + "".join(f"<td>{e(shown(c))}</td>" for c in r) + "</tr>")
        parts.append("</table>")
    return "\n".join(parts) + "\n"
