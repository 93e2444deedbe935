"""The small pure functions behind the gradebook screen, on both SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import text

from simulator.engine import new_session
from simulator.engine.policies import make_policy, play
from simulator.store import Store, keys, witness
from simulator.store.audit import audit
from simulator.store.gradebook import attempts_of, book, detail, filter_sheets, flag, sheets

from .sittings import set_sitting, sit


def _rec(store: Store, who: str, scen: str, policy: str):
    s = new_session(scen)
    play(s, make_policy(policy, s.seed))
    [aid] = sit(store, set_sitting(store, [who], [scen], 1)[(who, 1)], policy)
    return aid, s, s.report()


def _status(store: Store) -> dict[int, str]:
    return audit(store, keys.load_public(keys.public_path()), witness.witness_path()).status


def test_detail_book_and_tampering(db_url: str) -> None:
    keys.create_key()
    store = Store(db_url)
    first, _, _ = _rec(store, "li", "first-call-zhang", "novice")
    second, s, rep = _rec(store, "li", "first-call-zhang", "expert")
    _rec(store, "wu", "first-call-zhang", "novice")
    sit(store, set_sitting(store, ["zoe"], ["first-call-zhang"], 1)[("zoe", 1)], stop_after=1)  # in progress
    rows = store.attempts()
    pair = attempts_of(rows, "li", "first-call-zhang")
    assert [a.id for a in pair] == [first, second]
    status = _status(store)
    d = detail(pair[-1], status[second], pair)
    assert (d.attempt, d.total, d.passed, d.signature, d.seed) == (second, rep.total, True, "valid", s.seed)
    assert d.others == [(first, pair[0].total, False), (second, rep.total, True)]
    assert [(i["id"], i["points"], i["weight"]) for i in d.items] == [(i.id, i.points, i.weight) for i in rep.items]
    assert d.lines[0] == (0, "debtor", s.opening.line)
    assert d.lines[1:] == [x for t in s.turns for x in ((t.n, "officer", t.officer_line), (t.n, "debtor", t.debtor_line))]
    novice = detail(pair[0], status[first])
    li = sheets(rows, status)[0]
    assert (li.first, li.best, li.total) == (novice.total, rep.total, rep.total)

    b = book(rows, status)
    assert (b.finished, b.in_progress, b.tampered) == (3, 1, 0)
    assert {(r.candidate, r.total) for r in b.rows} == {("li", rep.total), ("wu", pair[0].total)}
    assert all(r["flag"] == flag(r) for r in b.items)

    with store.engine.begin() as c:
        c.execute(text("UPDATE attempts SET seed = seed + 1 WHERE id = :i"), {"i": first})
    rows = store.attempts()
    status = _status(store)
    b = book(rows, status)
    assert b.tampered == 1 and b.status[first] == "changed" and b.status[second] == "valid"
    [li] = [r for r in b.rows if r.candidate == "li"]
    assert li.status == "changed" and li.first == li.best == rep.total  # the changed one never counts
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
