"""The gradebook: each candidate's first, best and latest assessment score per scenario and
per rubric item, with every record's signature status; cohort statistics; item analysis
(for each turn's menu, how often each reply was picked and the pass rate of those who
picked it against those who did not), only where enough candidates saw the menu.

Only assessment results count: practice records are never listed as results, and a record
that does not check out against the assessor's public key is shown as CHANGED or UNSIGNED
and never scored (`collectsim verify` says why).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path
from typing import Any

from simulator.core.safetext import csv_cell, shown

from .common import err, guarded

EPILOG = """\
examples:
  collectsim report
  collectsim report --scenario first-call-zhang --format html > cohort.html
  collectsim report --format csv --out results/          one CSV file per table
  collectsim report --format csv --table gradebook       one table to stdout
  collectsim report --candidate "Li Wei" --format json
  collectsim report --format xapi > statements.json      xAPI statements (see `export`)

To browse the same data interactively (sort, filter, open an attempt): collectsim gradebook
"""

TABLES = ("gradebook", "cohort", "items", "item-analysis", "signatures")


def add_filters(p: argparse.ArgumentParser) -> None:
    """--db, --candidate, --scenario: shared with `collectsim gradebook`."""
    p.add_argument("--db", metavar="URL", help="results db (default: $COLLECTSIM_DB or a local SQLite file)")
    p.add_argument("--candidate", metavar="NAME", help="only this candidate")
    p.add_argument("--scenario", metavar="ID", help="only this scenario")


def add_arguments(p: argparse.ArgumentParser) -> None:
    from .verify_cmd import add_key_arguments

    add_filters(p)
    add_key_arguments(p)
    p.add_argument("--format", choices=["table", "csv", "json", "html", "xapi"], default="table")
    p.add_argument("--table", choices=TABLES, help="with --format csv: this table only, to stdout")
    p.add_argument("--out", metavar="DIR", type=Path, help="with --format csv: one file per table here")
    p.add_argument("--min-n", type=int, default=None, metavar="N",
                   help="item analysis only for menus seen by at least N candidates (default 10)")
    p.add_argument("--home-page", default=None, metavar="URL",
                   help="with --format xapi: the homePage of candidates' accounts and of activity ids")


def run(args: argparse.Namespace) -> int:
    return guarded(lambda: _run(args))  # type: ignore[return-value]


def load(args: argparse.Namespace) -> tuple[Any, list[Any], Any]:
    """(store, attempts, audit) for the arguments' filters and keys."""
    from simulator.store import open_store

    from .verify_cmd import audit_for

    store = open_store(args.db)
    rows = store.attempts(candidate=args.candidate, scenario=args.scenario)
    everything = store.attempts() if args.candidate or args.scenario else rows
    result = audit_for(store, args, everything)  # chains need every attempt of the candidate
    return store, rows, result


def _run(args: argparse.Namespace) -> int:
    from simulator.store.gradebook import MIN_N, build

    store, rows, result = load(args)
    if args.format == "xapi":
        from simulator.store.xapi import DEFAULT_HOME, statements

        out = [st for a in rows if result.counts(a) and a.status == "finished"
               for st in statements(a, store.store_id, args.home_page or DEFAULT_HOME)]
        store.close()
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    sittings = store.sittings()
    store.close()
    data = build(rows, result.status, args.min_n if args.min_n is not None else MIN_N)
    data["records"] = [_record(a, result) for a in rows if a.mode == "assessment"]
    data["practice_ignored"] = sum(a.mode != "assessment" for a in rows)
    data["problems"] = result.problems
    data["sittings"] = {x.id: x.name for x in sittings}
    if args.format == "csv":
        return _csv(data, args)
    print({"table": _table, "json": _json, "html": _html}[args.format](data), end="")
    return 0


def _record(a: Any, result: Any) -> dict[str, Any]:
    st = result.status.get(a.id, "unsigned")
    return {"attempt": a.id, "candidate": a.candidate, "scenario": a.scenario, "sitting": a.sitting,
            "number": a.seq, "started_at": a.started_at, "ended_at": a.ended_at, "seed": a.seed,
            "status": a.status, "signature": st,
            "total": a.total if st == "valid" else None,
            "passed": bool(a.passed) if st == "valid" and a.total is not None else None,
            "problems": list(result.why.get(a.id, []))}


def _score(v: Any) -> str:
    return "—" if v is None else str(v)


def _verdict(g: dict[str, Any]) -> str:
    if g["total"] is None:
        return "—"
    return "PASS" if g["passed"] else "FAIL"


def _sig(s: str) -> str:
    return {"valid": "valid", "changed": "CHANGED", "unsigned": "UNSIGNED"}.get(s, s)


def sections(d: dict[str, Any], wide: bool = True) -> dict[str, tuple[str, list[str], list[list[Any]]]]:
    """Every table of the report: name -> (title, header, rows). `wide`: the gradebook
    carries one column per rubric item (a spreadsheet's shape); otherwise, for a terminal,
    the items go in a table of their own, one row per candidate and item."""
    items = sorted({i for g in d["gradebook"] for i in g["items"]}) if wide else []
    titles = d.get("item_titles", {})
    book = [[g["candidate"], g["scenario"], g["attempts"], _score(g["first"]), _score(g["best"]),
             _score(g["total"]), _verdict(g), _sig(g["signature"]), (g["ended_at"] or "")[:16].replace("T", " "),
             *(_num(g["items"].get(i)) for i in items)] for g in d["gradebook"]]
    per_item = {} if wide else {"gradebook-items": (
        "gradebook by rubric item (points, latest counted attempt)",
        ["candidate", "scenario", "item", "points"],
        [[g["candidate"], g["scenario"], titles.get(i, i), _num(v)] for g in d["gradebook"]
         for i, v in sorted(g["items"].items())])}
    stats = [[s, c["candidates"], c["mean"], c["median"], c["stdev"], c["min"], c["max"], c["pass_rate"]]
             for s, c in d["cohort"].items()]
    item_means = [[s, titles.get(i, i), v] for s, c in d["cohort"].items() for i, v in c["items"].items()]
    ia = [[r["scenario"], r["turn"], r["state"], r["reply"], r["offered"], r["picked"], r["pick_rate"],
           _num(r["pass_if_picked"]), _num(r["pass_if_not"]), _num(r["separation"])] for r in d["item_analysis"]]
    sigs = [[r["attempt"], r["candidate"], r["scenario"], _score(r["number"]), (r["started_at"] or "")[:16],
             r["status"], _score(r["total"]), _sig(r["signature"]), "; ".join(r["problems"])] for r in d["records"]]
    return {
        "gradebook": ("gradebook (first, best and latest counted score)",
                      ["candidate", "scenario", "attempts", "first", "best", "latest", "result", "signature",
                       "last ended (UTC)", *(titles.get(i, i) for i in items)], book),
        **per_item,
        "cohort": ("cohort", ["scenario", "n", "mean", "median", "stdev", "min", "max", "pass_rate"], stats),
        "items": ("rubric items (mean fraction of the points)", ["scenario", "item", "mean"], item_means),
        "item-analysis": (f"item analysis (menus seen by at least {d['min_n']} candidates)",
                          ["scenario", "turn", "state", "reply", "offered", "picked", "pick_rate",
                           "pass_if_picked", "pass_if_not", "separation"], ia),
        "signatures": ("every assessment record and its signature",
                       ["attempt", "candidate", "scenario", "number", "started (UTC)", "status", "score",
                        "signature", "problems"], sigs),
    }


def _num(v: Any) -> str:
    return "" if v is None else (f"{v:g}" if isinstance(v, float) else str(v))


def _table(d: dict[str, Any]) -> str:
    out = []
    for title, head, rows in sections(d, wide=False).values():
        cells = [head, *[[shown(c) for c in r] for r in rows]]  # a newline in a name: no new row
        widths = [max(len(r[i]) for r in cells) for i in range(len(head))]
        out.append(f"== {title}")
        for r in cells:
            out.append("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
        out.append("")
    out += _footer(d)
    return "\n".join(out) + "\n"


def _footer(d: dict[str, Any]) -> list[str]:
    lines = []
    if d["practice_ignored"]:
        lines.append(f"{d['practice_ignored']} practice records not counted")
    for p in d["problems"]:
        lines.append(f"PROBLEM: {p}")
    return lines


def _csv_text(head: list[str], rows: list[list[Any]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow([csv_cell(h) for h in head])
    w.writerows([[csv_cell(c) for c in r] for r in rows])  # =HYPERLINK(...) stays text
    return buf.getvalue()


def _csv(d: dict[str, Any], args: argparse.Namespace) -> int:
    secs = sections(d)
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        for name, (_, head, rows) in secs.items():
            (args.out / f"{name}.csv").write_text(_csv_text(head, rows), encoding="utf-8")
        err(f"wrote {', '.join(f'{n}.csv' for n in secs)} to {args.out}")
        return 0
    name = args.table or "gradebook"
    if not args.table:
        err("CSV holds one table: this is the gradebook; --table NAME for another, --out DIR for all")
    _, head, rows = secs[name]
    sys.stdout.write(_csv_text(head, rows))
    return 0


def _json(d: dict[str, Any]) -> str:
    return json.dumps(d, ensure_ascii=False, indent=2) + "\n"


def _html(d: dict[str, Any]) -> str:
    from simulator.store.report_html import render

    return render(d)
