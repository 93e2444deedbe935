"""The trainer's gradebook, driven by keys against a real SQLite results db filled the way a
trainer fills it (a sitting, sat through the functions `collectsim sit` uses), with a fixed
clock so screens are repeatable."""


from __future__ import annotations

import itertools
import sqlite3
from pathlib import Path

import pytest
from store.sittings import set_sitting, sit  # tests/store: the sitting helpers

from simulator.cli.main import main
from simulator.engine import new_session
from simulator.engine.policies import make_policy, play
from simulator.store import Store, keys
from simulator.tui.gradebook_app import create_gradebook_app
from simulator.tui.screens.gradebook import AttemptScreen, GradebookScreen
from simulator.tui.screens.help import HelpScreen

# (candidate, scenario, policy), in the order recorded; bob's second try is the one that counts
PLAN = [
    ("ann", "first-call-zhang", "expert"),
    ("bob", "first-call-zhang", "novice"),
    ("cho", "first-call-zhang", "random"),
    ("bob", "first-call-zhang", "expert"),
    ("ann", "forgetful-day2", "expert"),
    ("cho", "forgetful-day2", "random"),  # crosses a red line: an auto-fail to show
]


def headless(scenario: str, policy: str):
    """The engine's own report for a policy's call, without any store or screen."""
    s = new_session(scenario)
    play(s, make_policy(policy, s.seed))
    return s, s.report()


def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    ticks = itertools.count()
    monkeypatch.setattr("simulator.store.db.now",
                        lambda: f"2026-03-02T09:{next(ticks):02d}:00.000000+00:00")


def fill(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    fixed_clock(monkeypatch)
    url = f"sqlite:///{tmp_path / 'results.db'}"
    keys.create_key()
    store = Store(url)
    for who, scen, pol in PLAN:
        code = set_sitting(store, [who], [scen], 1, name=f"{who} {scen}")[(who, 1)]
        sit(store, code, pol)
    store.close()
    return url


async def loaded(pilot) -> None:
    """The db is read in a worker after the first paint: wait for it."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def cell(table, row_key: str, col: str) -> str:
    return str(table.get_cell(row_key, col))


def book_rows(app) -> list[tuple[str, str]]:
    table = app.screen.query_one("#gb-table")
    return [tuple(str(table.get_row_at(i)[j]) for j in (0, 1)) for i in range(table.row_count)]


async def open_pair(pilot, app, candidate: str, scenario: str) -> None:
    table = app.screen.query_one("#gb-table")
    table.move_cursor(row=table.get_row_index(f"{candidate}\x00{scenario}"))
    await pilot.press("enter")
    await pilot.pause()


async def test_table_shows_the_engines_scores(tmp_path, monkeypatch):
    url = fill(tmp_path, monkeypatch)
    latest = {(w, s): headless(s, p)[1] for w, s, p in PLAN}  # later entries overwrite earlier
    app = create_gradebook_app(db=url)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        screen = app.screen
        assert isinstance(screen, GradebookScreen)
        table = screen.query_one("#gb-table")
        assert table.row_count == len(latest) == 5
        for (who, scen), rep in latest.items():
            key = f"{who}\x00{scen}"
            assert cell(table, key, "score") == str(rep.total)
            assert cell(table, key, "result") == ("PASS" if rep.passed else "FAIL")
            assert cell(table, key, "signature") == "valid"
        assert cell(table, "bob\x00first-call-zhang", "attempts") == "2"
        assert cell(table, "ann\x00first-call-zhang", "attempts") == "1"
        assert latest[("bob", "first-call-zhang")].passed and latest[("cho", "forgetful-day2")].total < 70
        status = str(screen.query_one("#gb-status").render())
        assert "5 results" in status and "6 finished attempts" in status


async def test_opening_a_row_shows_the_recorded_attempt(tmp_path, monkeypatch):
    url = fill(tmp_path, monkeypatch)
    session, rep = headless("first-call-zhang", "novice")
    app = create_gradebook_app(db=url)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await open_pair(pilot, app, "bob", "first-call-zhang")
        screen = app.screen
        assert isinstance(screen, AttemptScreen)
        assert len(screen.details) == 2 and screen.detail.total == headless("first-call-zhang", "expert")[1].total
        await pilot.press("left_square_bracket")  # bob's first, failed, attempt
        await pilot.pause()
        items = screen.query_one("#at-items")
        applicable = [i for i in rep.items if i.applicable]
        assert items.row_count == len(rep.items)
        for i in applicable:
            assert cell(items, i.id, "points") == f"{i.points:g}/{i.weight}"
            assert cell(items, i.id, "item") == i.title
        head = str(screen.query_one("#at-head").render())
        assert f"{rep.total}/100" in head and "FAIL" in head and "signature: valid" in head
        ident = str(screen.query_one("#at-ident").render())
        assert f"seed {session.seed}" in ident and "2026-03-02T09:" in ident
        hashes = session.records()[0]["hashes"]
        assert hashes["persona"][:16] in ident and hashes["rubric"][:16] in ident
        lines = [str(w.render()) for w in screen.query(".gb-line")]
        assert len(lines) == 1 + 2 * len(session.turns)
        assert session.opening.line in lines[0] and session.turns[-1].debtor_line in lines[-1]
        assert session.turns[0].officer_line in lines[1]
        findings = str(screen.query_one("#at-findings").render())
        for f in rep.auto_fail:
            assert f.message in findings
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, GradebookScreen)
        _, red = headless("forgetful-day2", "random")
        assert red.auto_fail
        await open_pair(pilot, app, "cho", "forgetful-day2")
        findings = str(app.screen.query_one("#at-findings").render())
        assert "AUTO-FAIL" in findings and red.auto_fail[0].message in findings
        assert f"{red.total}/100" in str(app.screen.query_one("#at-head").render())


async def test_a_changed_record_is_shown_tampered(tmp_path, monkeypatch):
    url = fill(tmp_path, monkeypatch)
    with sqlite3.connect(tmp_path / "results.db") as db:  # an edit behind the app's back
        n = db.execute("UPDATE attempts SET total = 95, passed = 1 "
                       "WHERE candidate = 'cho' AND scenario = 'forgetful-day2'").rowcount
    assert n == 1
    app = create_gradebook_app(db=url)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        table = app.screen.query_one("#gb-table")
        assert cell(table, "cho\x00forgetful-day2", "signature") == "TAMPERED"
        assert cell(table, "ann\x00forgetful-day2", "signature") == "valid"
        assert "1 record(s) TAMPERED" in str(app.screen.query_one("#gb-status").render())
        await open_pair(pilot, app, "cho", "forgetful-day2")
        head = str(app.screen.query_one("#at-head").render())
        assert "signature: TAMPERED" in head and "changed after the call" in head


async def test_empty_db_says_how_to_fill_it(tmp_path, monkeypatch):
    fixed_clock(monkeypatch)
    app = create_gradebook_app(db=f"sqlite:///{tmp_path / 'empty.db'}")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        empty = app.screen.query_one("#gb-empty")
        assert empty.display and not app.screen.query_one("#gb-tabs").display
        text = str(empty.render())
        assert "collectsim assess" in text and "sitting create" in text
        assert "empty.db" in text
        assert app.screen.check_action("sort", ()) is False  # no table keys in the footer


async def test_unreadable_db_is_an_error_on_screen_not_a_crash(tmp_path, monkeypatch):
    fixed_clock(monkeypatch)
    app = create_gradebook_app(db=f"sqlite:///{tmp_path / 'no' / 'such' / 'dir.db'}")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert "Cannot read the results db" in str(app.screen.query_one("#gb-status").render())


async def test_filter_sort_tabs_help_and_language(tmp_path, monkeypatch):
    url = fill(tmp_path, monkeypatch)
    app = create_gradebook_app(db=url)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("slash", "b", "o", "b")  # typed into the filter, not taken as keys
        await pilot.pause()
        assert book_rows(app) == [("bob", "first-call-zhang")]
        assert "1 of 5 shown" in str(app.screen.query_one("#gb-status").render())
        assert app.screen.visible is True  # Textual's own flag, not shadowed by a method
        await pilot.press("escape", "ctrl+a", "ctrl+k")
        app.screen.query_one("#gb-filter").value = ""
        await pilot.pause()
        await pilot.press("escape", "s")  # sort: candidate -> scenario
        await pilot.pause()
        assert [r[1] for r in book_rows(app)] == sorted(r[1] for r in book_rows(app))
        await pilot.press("s")  # -> score, best first
        await pilot.pause()
        table = app.screen.query_one("#gb-table")
        scores = [int(str(table.get_row_at(i)[2])) for i in range(table.row_count)]
        assert scores == sorted(scores, reverse=True) and scores[0] > scores[-1]
        await pilot.click("#gb-table", offset=(2, 0))  # a header click sorts by that column
        await pilot.pause()
        assert app.screen.sort_col == "candidate" and [r[0] for r in book_rows(app)][0] == "ann"
        await pilot.click("#gb-table", offset=(2, 0))  # again: the other way
        await pilot.pause()
        assert app.screen.sort_reverse and [r[0] for r in book_rows(app)][0] == "cho"
        await pilot.press("c")
        await pilot.pause()
        cohort = app.screen.query_one("#gb-cohort")
        assert cohort.row_count == 2 and cell(cohort, "first-call-zhang", "n") == "3"
        cohort.move_cursor(row=cohort.get_row_index("forgetful-day2"))
        await pilot.press("enter")  # the candidates behind a scenario's statistics
        await pilot.pause()
        assert sorted(book_rows(app)) == [("ann", "forgetful-day2"), ("cho", "forgetful-day2")]
        await pilot.press("i")
        await pilot.pause()
        analysis = app.screen.query_one("#gb-analysis")
        flags = [str(analysis.get_row_at(i)[0]) for i in range(analysis.row_count)]
        assert flags == []  # three candidates: too few to call any reply tempting (issue 17)
        assert "at least 10 candidates" in str(app.screen.query_one("#gb-analysis-hint").render())
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen) and app.screen.topic == "gb.help_text"
        await pilot.press("question_mark")  # ? on the help closes it, never stacks another
        await pilot.pause()
        assert isinstance(app.screen, GradebookScreen)
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, GradebookScreen) and screen.lang == "zh"
        assert str(screen.query_one("#gb-table").columns["candidate"].label).startswith("学员")
        assert screen.query_one("#gb-filter").value == "forgetful-day2"  # kept across the switch
        assert screen.query_one("#gb-table").row_count == 2


def test_cli_help_and_report_point_to_each_other(capsys):
    with pytest.raises(SystemExit):
        main(["gradebook", "--help"])
    out = capsys.readouterr().out
    assert "--db URL" in out and "--candidate" in out and "collectsim report" in out
    with pytest.raises(SystemExit):
        main(["report", "--help"])
    assert "collectsim gradebook" in capsys.readouterr().out
