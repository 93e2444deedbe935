"""The gradebook report: per candidate and item, cohort statistics, item analysis."""

from __future__ import annotations

import csv
import io
import json

from simulator.cli.main import main
from simulator.engine import new_session
from simulator.engine.policies import make_policy, play
from simulator.store import Store
from simulator.store.gradebook import build


def _rec(store: Store, who: str, policy: str) -> tuple[str, int]:
    s = new_session("first-call-zhang")
    play(s, make_policy(policy, s.seed))
    store.record(who, s.records(), s.report().model_dump(mode="json"))
    return s.turns[0].reply, s.report().total


def test_gradebook_cohort_and_item_analysis(db_url: str, capsys) -> None:
    store = Store(db_url)
    _rec(store, "weak-then-strong", "novice")
    first_expert, top = _rec(store, "weak-then-strong", "expert")  # the later attempt counts
    _rec(store, "strong", "expert")
    first_novice, low = _rec(store, "weak", "novice")
    assert first_expert != first_novice and top >= 70 > low
    d = build(store.attempts())
    book = {g["candidate"]: g for g in d["gradebook"]}
    assert book["weak-then-strong"]["attempts"] == 2 and book["weak-then-strong"]["total"] == top
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
    assert main(["report", "--db", db_url, "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert ["# gradebook"] in rows and ["# item analysis"] in rows
    assert main(["report", "--db", db_url, "--format", "html"]) == 0
    page = capsys.readouterr().out
    assert page.count("<table>") == 4 and "weak-then-strong" in page
    assert main(["report", "--db", db_url]) == 0
    assert "== cohort" in capsys.readouterr().out
