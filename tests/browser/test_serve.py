"""`collectsim serve` in a real Chromium: sign in, play by keys, close the tab mid-call and
come back to the same turn, the stored score equal to the headless engine's, a page that
fetches nothing from outside and draws Chinese, two servers sharing one PostgreSQL."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from simulator.engine import new_session
from simulator.engine.golden import golden_choices
from simulator.store import Store

from .conftest import ARTEFACTS, Tab, _new_pg_db, alive, serve

SCENARIO = "first-call-zhang"
USER = "Li Wei 李伟"


def attempts(db_url: str, user: str = USER):
    store = Store(db_url)
    try:
        return store.attempts(candidate=user)
    finally:
        store.close()


def wait_attempt(db_url: str, turns: int | None = None, status: str | None = None, timeout: float = 30):
    """The user's one attempt once it has `turns` turns stored (or `status`)."""
    end = time.monotonic() + timeout
    while True:
        rows = attempts(db_url)
        if rows:
            a = rows[-1]
            store = Store(db_url)
            try:
                n = len(store.turns(a.id))
            finally:
                store.close()
            if (turns is None or n == turns) and (status is None or a.status == status):
                return a
        if time.monotonic() > end:
            raise AssertionError(f"store never reached turns={turns} status={status}: {rows}")
        time.sleep(0.1)


class Call:
    """The headless engine's twin of the browser call: same scenario, seed and replies."""

    def __init__(self, db_url: str) -> None:
        a = wait_attempt(db_url, turns=0)
        header = json.loads(a.transcript.splitlines()[0])
        self.session = new_session(SCENARIO, seed=a.seed, lang=header["lang"])
        self.line = golden_choices(SCENARIO)

    def next_key(self) -> str:
        """The key of the expert's next reply (the first offered, if the line has run out)."""
        offered = [r.id for r in self.session.offered()]
        n = len(self.session.turns)
        rid = self.line[n] if n < len(self.line) and self.line[n] in offered else offered[0]
        self.session.choose(rid)
        return str(offered.index(rid) + 1)


def play(tab: Tab, call: Call, db_url: str, turns: int | None = None) -> None:
    """Press replies until `turns` are stored (or the call ends), each one awaited in the
    store and then on screen, as a person reads the answer before the next reply (a key
    that lands while the menu is being rebuilt is not what a trainee does)."""
    while not call.session.ended and (turns is None or len(call.session.turns) < turns):
        mark = tab.mark()
        tab.keys(call.next_key())
        wait_attempt(db_url, turns=len(call.session.turns))
        if not call.session.ended:
            tab.wait_text(call.session.turns[-1].debtor_line[:12], since=mark)


def open_practice(browser, server, name: str = USER) -> Tab:
    tab = Tab(browser)
    tab.sign_in(server.url, name)
    return tab


def pick(tab: Tab, scenario: str = SCENARIO) -> None:
    """On the picker: filter to `scenario` and open it; returns once its call screen shows."""
    tab.wait_text(scenario)
    tab.keys("Shift+Tab")  # to the filter
    tab.page.wait_for_timeout(500)
    mark = tab.mark()
    tab.page.keyboard.type(scenario)
    tab.wait_text(scenario[-4:], since=mark)  # echoed in the filter
    mark = tab.mark()
    tab.keys("Enter")  # to the list, its one match highlighted
    for _ in range(3):  # on a loaded machine the focus can move after the next key is read
        tab.page.wait_for_timeout(1000)
        tab.keys("Enter")
        try:
            tab.wait_text("Your reply", since=mark, timeout=20)
            return
        except AssertionError:
            continue
    raise AssertionError(f"{scenario} never opened")


def begin(browser, server, db: str) -> tuple[Tab, Call]:
    """A signed-in tab on a new call of SCENARIO, and its headless twin."""
    tab = open_practice(browser, server)
    pick(tab)
    return tab, Call(db)


def gone(pid: int, timeout: float = 10) -> bool:
    """Whether process `pid` has ended within `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    return not alive(pid)


def shot(tab: Tab, name: str) -> Path:
    folder = Path(os.environ.get("COLLECTSIM_ARTEFACTS", ARTEFACTS))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    tab.page.wait_for_timeout(500)  # the last frame painted
    tab.page.screenshot(path=str(path))
    return path


def test_practice_call_by_keys_resumes_after_closing_the_tab_and_scores_as_headless(chromium, tmp_path):
    db = f"sqlite:///{tmp_path / 'results.db'}"
    with serve(db, tmp_path) as server:
        tab, call = begin(chromium, server, db)
        play(tab, call, db, turns=3)
        pid = server.health()["pids"][0]
        last_line = call.session.turns[-1].debtor_line

        tab.close()  # mid-call: the app process goes, the call stays in the store
        assert server.wait_sessions(0)["sessions"] == 0
        assert gone(pid)
        assert wait_attempt(db, turns=3).status == "in_progress"

        tab = open_practice(chromium, server)  # a new tab, signed in again: the same turn
        tab.wait_text(last_line[:12])
        play(tab, call, db)
        a = wait_attempt(db, status="finished")
        report = call.session.report()
        assert (a.total, bool(a.passed)) == (report.total, report.passed)
        assert [json.loads(x)["reply"] for x in a.transcript.splitlines()
                if '"type":"turn"' in x] == [t.reply for t in call.session.turns]
        tab.wait_text(f"{report.total}/100")
        en = shot(tab, "debrief-en.png")
        mark = tab.mark()
        tab.keys("l")
        tab.wait_text("复盘", since=mark)
        zh = shot(tab, "debrief-zh.png")
        assert en.stat().st_size > 10_000 and zh.stat().st_size > 10_000
        # every byte of the page came from this server: no font or script host outside
        assert tab.hosts == {server.url.split("/")[2]}
        tab.close()
    assert not alive(pid)


def test_the_newest_tab_of_a_user_takes_over_the_call(chromium, tmp_path):
    db = f"sqlite:///{tmp_path / 'results.db'}"
    with serve(db, tmp_path) as server:
        old, call = begin(chromium, server, db)
        play(old, call, db, turns=1)
        old_pid = server.health()["pids"][0]
        new = open_practice(chromium, server)  # the same name in another window
        new.wait_text(call.session.turns[-1].debtor_line[:12])
        old.page.wait_for_selector("body.-closed .closed-dialog", timeout=10_000)
        assert gone(old_pid) and len(server.health()["pids"]) == 1
        play(new, call, db, turns=2)
        assert wait_attempt(db, turns=2).status == "in_progress"
        old.close()
        new.close()


def test_history_is_the_users_own(chromium, tmp_path):
    db = f"sqlite:///{tmp_path / 'results.db'}"
    with serve(db, tmp_path) as server:
        tab, call = begin(chromium, server, db)
        play(tab, call, db)
        a = wait_attempt(db, status="finished")
        mine = f"{a.total} {'PASS' if a.passed else 'FAIL'}"
        tab.wait_text(f"{a.total}/100")
        mark = tab.mark()
        tab.keys("h")  # the debrief's history: this call, scored
        tab.wait_text(mine, since=mark)
        tab.close()

        other = open_practice(chromium, server, "Wang Fang")
        pick(other)
        mark = other.mark()
        other.keys("h")  # their history: their own call in progress, nothing of Li Wei's
        other.wait_text("unfinished", since=mark)
        other.page.wait_for_timeout(500)
        assert mine not in other.text(mark)
        assert [x.status for x in attempts(db, "Wang Fang")] == ["in_progress"]
        other.close()


def test_a_full_server_says_so_and_every_app_ends_with_the_server(chromium, tmp_path):
    db = f"sqlite:///{tmp_path / 'results.db'}"
    with serve(db, tmp_path, "--max-sessions", "1") as server:
        first = open_practice(chromium, server)
        first.wait_text(SCENARIO)
        second = Tab(chromium)
        second.sign_in(server.url, "Wang Fang")
        assert "All places are taken" in second.page.locator("#title").inner_text()
        response = second.page.goto(server.url + "/practice")
        assert response is not None and response.status == 503
        pids = server.health()["pids"]
        assert len(pids) == 1 and alive(pids[0])
        second.close()
    assert server.proc.returncode == 0
    assert gone(pids[0])
    first.close()


def test_a_killed_server_takes_its_apps_with_it(chromium, tmp_path):
    db = f"sqlite:///{tmp_path / 'results.db'}"
    with serve(db, tmp_path) as server:
        tab = open_practice(chromium, server)
        tab.wait_text(SCENARIO)
        pid = server.health()["pids"][0]
        server.proc.kill()  # no shutdown handler runs: the kernel ends the app (PDEATHSIG)
        server.proc.wait()
        assert gone(pid)
        tab.close()


def test_idle_tab_is_closed_and_its_call_kept(chromium, tmp_path):
    db = f"sqlite:///{tmp_path / 'results.db'}"
    with serve(db, tmp_path, "--idle-timeout", "8") as server:
        tab, call = begin(chromium, server, db)
        play(tab, call, db, turns=1)
        assert server.wait_sessions(0, timeout=20)["sessions"] == 0
        tab.page.wait_for_selector("body.-closed .closed-dialog", timeout=10_000)
        assert wait_attempt(db, turns=1).status == "in_progress"
        tab.close()


def test_sign_in_is_needed_and_a_proxy_header_only_when_configured(chromium, tmp_path):
    db = f"sqlite:///{tmp_path / 'results.db'}"
    with serve(db, tmp_path) as server:
        tab = Tab(chromium)
        tab.page.goto(server.url + "/practice")
        assert tab.page.url.endswith("/")  # sent to sign in
        tab.page.set_extra_http_headers({"X-Remote-User": "Mallory"})
        tab.page.goto(server.url + "/")
        assert tab.page.locator("#user").count() == 0  # the header is not trusted by default
        tab.close()
    with serve(db, tmp_path, "--user-header", "X-Remote-User") as server:
        tab = Tab(chromium)
        tab.page.set_extra_http_headers({"X-Remote-User": "Zhao Lei"})
        tab.page.goto(server.url + "/")
        assert tab.page.locator("#user").inner_text() == "Zhao Lei"
        tab.page.goto(server.url + "/practice")
        tab.wait_text("Zhao Lei")  # the app's title bar names the user
        tab.close()


def test_sitting_route_runs_the_configured_command(chromium, tmp_path):
    db = f"sqlite:///{tmp_path / 'results.db'}"
    sit = f"{os.sys.executable} -m simulator.cli.main play {SCENARIO}"
    with serve(db, tmp_path, "--sit-command", sit) as server:
        tab = Tab(chromium)
        tab.page.goto(server.url + "/sit")  # no sign-in: the sitting asks for its code itself
        tab.wait_text("Zhang")
        assert server.health()["sessions"] == 1
        tab.close()


def test_gradebook_needs_the_assessor_key(chromium, tmp_path):
    db = f"sqlite:///{tmp_path / 'results.db'}"
    with serve(db, tmp_path, env={"COLLECTSIM_ASSESSOR_KEY": "k3y"}) as server:
        tab = Tab(chromium)
        tab.page.goto(server.url + "/gradebook")
        tab.page.fill("#key", "wrong")
        tab.page.click("button[type=submit]")
        assert tab.page.locator(".error").count() == 1 and server.health()["sessions"] == 0
        tab.page.fill("#key", "k3y")
        tab.page.click("button[type=submit]")
        tab.page.wait_for_url("**/gradebook")
        tab.wait_text("collectsim")
        assert server.health()["sessions"] == 1
        tab.close()


def test_a_call_begun_on_one_server_resumes_on_another(chromium, tmp_path, pg_server):  # noqa: F811
    db = _new_pg_db(pg_server)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()  # two servers, two machines' worth of local folders
    with serve(db, tmp_path / "a") as one, serve(db, tmp_path / "b") as two:
        tab, call = begin(chromium, one, db)
        play(tab, call, db, turns=2)
        last_line = call.session.turns[-1].debtor_line
        tab.close()
        assert one.wait_sessions(0)["sessions"] == 0

        tab = open_practice(chromium, two)
        tab.wait_text(last_line[:12])
        play(tab, call, db)
        a = wait_attempt(db, status="finished")
        assert a.total == call.session.report().total
        assert two.health()["sessions"] == 1 and one.health()["sessions"] == 0
        tab.close()
