"""The gradebook report: per candidate and item, cohort statistics, item analysis."""

from __future__ import annotations

import csv
import io
import json
import re

from simulator.cli.main import main
from simulator.engine import new_session
from simulator.engine.policies import make_policy, play
from simulator.store import Store, keys
from simulator.store.gradebook import build

from .sittings import set_sitting, sit


def _rec(store: Store, who: str, policy: str) -> tuple[str, int]:
    s = new_session("first-call-zhang")
    play(s, make_policy(policy, s.seed))
    sit(store, set_sitting(store, [who], ["first-call-zhang"], 1)[(who, 1)], policy)
    return s.turns[0].reply, s.report().total


def test_gradebook_cohort_and_item_analysis(db_url: str, capsys, tmp_path) -> None:
    keys.create_key()
    store = Store(db_url)
    _rec(store, "weak-then-strong", "novice")
    first_expert, top = _rec(store, "weak-then-strong", "expert")  # the later attempt counts
    _rec(store, "strong", "expert")
    first_novice, low = _rec(store, "weak", "novice")
    assert first_expert != first_novice and top >= 70 > low
    d = build(store.attempts(), min_n=1)
    book = {g["candidate"]: g for g in d["gradebook"]}
    assert book["weak-then-strong"]["attempts"] == 2 and book["weak-then-strong"]["total"] == top
    assert (book["weak-then-strong"]["first"], book["weak-then-strong"]["best"]) == (low, top)
    assert book["weak"]["passed"] is False and book["strong"]["items"]["demand_today"] == 16
    c = d["cohort"]["first-call-zhang"]
    assert c["candidates"] == 3 and c["pass_rate"] == round(2 / 3, 3) and c["max"] == top
    assert c["mean"] == round((2 * top + low) / 3, 1)
    turn1 = {r["reply"]: r for r in d["item_analysis"] if r["turn"] == 1}
    good, bad = turn1[first_expert], turn1[first_novice]
    assert (good["picked"], good["offered"], good["pass_if_picked"], good["pass_if_not"]) == (2, 3, 1.0, 0.0)
    assert (bad["picked"], bad["pass_if_picked"], bad["separation"]) == (1, 0.0, -1.0)
    assert turn1["insult"]["picked"] == 0 and turn1["insult"]["pass_if_picked"] is None

    assert main(["report", "--db", db_url, "--format", "json", "--candidate", "weak"]) == 0
    only = json.loads(capsys.readouterr().out)
    assert [g["candidate"] for g in only["gradebook"]] == ["weak"]
    assert main(["report", "--db", db_url, "--format", "csv", "--table", "cohort"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))  # one table: a spreadsheet loads it
    assert rows[0][:3] == ["scenario", "n", "mean"] and len(rows) == 2
    assert main(["report", "--db", db_url, "--format", "csv", "--out", str(tmp_path / "csv")]) == 0
    files = sorted(p.name for p in (tmp_path / "csv").iterdir())
    assert files == ["cohort.csv", "gradebook.csv", "item-analysis.csv", "items.csv", "signatures.csv"]
    book_csv = list(csv.DictReader((tmp_path / "csv" / "gradebook.csv").open()))
    assert {r["candidate"]: (r["first"], r["best"], r["latest"]) for r in book_csv}["weak-then-strong"] \
        == (str(low), str(top), str(top))
    assert main(["report", "--db", db_url, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["item_analysis"] == []  # n = 3: below the minimum
    assert main(["report", "--db", db_url, "--format", "html"]) == 0
    page = capsys.readouterr().out
    assert "weak-then-strong" in page and "Core task 1: demand payment today" in page  # titles, not ids
    assert "@media print" in page and "hsl(" in page  # printable; the heatmap
    assert f"{low} → {top}" in page  # first to best
    assert main(["report", "--db", db_url]) == 0
    table = capsys.readouterr().out
    assert "== cohort" in table
    assert max(len(line) for line in table.splitlines()) <= 120  # a terminal's width, not one column per item
    per_item = table.split("== gradebook by rubric item")[1].split("\n\n")[0].splitlines()[2:]
    cells = [re.split(r"\s{2,}", line.strip()) for line in per_item]  # candidate, scenario, item, points
    strong = {item: points for who, _, item, points in cells if who == "strong"}
    assert strong["Core task 1: demand payment today"] == "16"  # every item, by title, with its points


def test_csv_cells_a_spreadsheet_would_run_are_neutralised(db_url: str, capsys) -> None:
    keys.create_key()
    store = Store(db_url)
    who = '=HYPERLINK("http://evil.example","x")'
    sit(store, set_sitting(store, [who], ["first-call-zhang"], 1)[(who, 1)])
    assert main(["report", "--db", db_url, "--format", "csv", "--table", "gradebook"]) == 0
    [row] = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert row["candidate"] == "'" + who and row["latest"] == "100"
