"""The small pure functions behind the gradebook screen, on both SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import text

from simulator.engine import new_session
from simulator.engine.policies import make_policy, play
from simulator.store import Store
from simulator.store.gradebook import attempts_of, book, detail, filter_sheets, flag, sheets

KEY = b"helpers-test-key"


def _rec(store: Store, who: str, scen: str, policy: str):
    s = new_session(scen)
    play(s, make_policy(policy, s.seed))
    rep = s.report()
    return store.record(who, s.records(), rep.model_dump(mode="json")), s, rep


def test_detail_book_and_tampering(db_url: str) -> None:
    store = Store(db_url, key=KEY)
    first, _, _ = _rec(store, "li", "first-call-zhang", "novice")
    second, s, rep = _rec(store, "li", "first-call-zhang", "expert")
    _rec(store, "wu", "first-call-zhang", "novice")
    store.start("zoe", s.records()[0])  # in progress: counted, not graded
    rows = store.attempts()
    pair = attempts_of(rows, "li", "first-call-zhang")
    assert [a.id for a in pair] == [first, second]
    d = detail(pair[-1], KEY, pair)
    assert (d.attempt, d.total, d.passed, d.signature, d.seed) == (second, rep.total, True, "valid", s.seed)
    assert d.others == [(first, pair[0].total, False), (second, rep.total, True)]
    assert [(i["id"], i["points"], i["weight"]) for i in d.items] == [(i.id, i.points, i.weight) for i in rep.items]
    assert d.lines[0] == (0, "debtor", s.opening.line)
    assert d.lines[1:] == [x for t in s.turns for x in ((t.n, "officer", t.officer_line), (t.n, "debtor", t.debtor_line))]
    assert d.hashes["persona"] == s.records()[0]["hashes"]["persona"]
    novice = detail(pair[0], KEY)
    novice_rep = new_session("first-call-zhang").replay([c[3] for c in sheets(rows[:1])[0].choices]).report()
    assert [f["message"] for f in novice.coaching] == [f.message for f in novice_rep.coaching]
    assert novice.total == novice_rep.total < 70

    b = book(rows, KEY)
    assert (b.finished, b.in_progress, b.tampered) == (3, 1, 0)
    assert {(r.candidate, r.total) for r in b.rows} == {("li", rep.total), ("wu", pair[0].total)}
    assert all(r["flag"] == flag(r) for r in b.items)

    with store.engine.begin() as c:
        c.execute(text("UPDATE attempts SET seed = seed + 1 WHERE id = :i"), {"i": first})
    rows = store.attempts()
    b = book(rows, KEY)
    assert b.tampered == 1 and b.status[first] == "tampered" and b.status[second] == "valid"
    assert detail(attempts_of(rows, "li", "first-call-zhang")[0], KEY).signature == "tampered"
    assert detail(pair[-1], b"another trainer's key").signature == "tampered"
    store.close()


def test_filter_and_flag() -> None:
    from simulator.store.gradebook import Sheet

    rows = [Sheet("Li Wei", "first-call-zhang", 1, 1, 90, True, {}, {}, None),
            Sheet("Wu Fang", "hostile-day3", 2, 1, 30, False, {}, {}, None)]
    assert [r.candidate for r in filter_sheets(rows, "li")] == ["Li Wei"]
    assert [r.candidate for r in filter_sheets(rows, "HOSTILE")] == ["Wu Fang"]
    assert len(filter_sheets(rows, "  ")) == 2 and filter_sheets(rows, "nobody") == []
    assert flag({"picked": 3, "separation": -0.75}) == "tempting"
    assert flag({"picked": 2, "separation": 1.0}) == "separating"
    assert flag({"picked": 0, "separation": None}) == ""
    assert flag({"picked": 4, "separation": 0.2}) == ""
    assert sheets([]) == []
