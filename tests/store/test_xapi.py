"""xAPI export against a real Learning Record Store (Ralph, started here on loopback with its
file backend): the statements `report --format xapi` prints are the ones `export` posts,
and the LRS accepts and stores them."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import free_port

from simulator.cli.main import main
from simulator.engine import new_session
from simulator.engine.policies import make_policy, play
from simulator.store import Store, keys
from simulator.store.xapi import VERBS, registration

from .sittings import set_sitting, sit

ROOT = Path(__file__).resolve().parents[2]
AUTH = "assessor:lrs-test-secret"


def _ralph() -> Path:
    found = Path(os.environ.get("COLLECTSIM_RALPH") or ROOT / ".venv-lrs" / "bin" / "ralph")
    if not found.exists():
        pytest.fail(f"Ralph LRS not found at {found}: `make test` (or .ci/run) installs it in .venv-lrs",
                    pytrace=False)
    return found



@pytest.fixture(scope="module")
def lrs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    ralph = _ralph()
    root = tmp_path_factory.mktemp("lrs")
    env = {**os.environ, "RALPH_APP_DIR": str(root / "app"), "RALPH_AUTH_FILE": str(root / "auth.json"),
           "RALPH_RUNSERVER_BACKEND": "fs"}
    user, password = AUTH.split(":")
    subprocess.run([str(ralph), "auth", "-u", user, "-p", password, "-s", "all",
                    "-M", "mailto:assessor@example.org", "-w"], env=env, check=True, capture_output=True)
    port = free_port(8200, 8300)  # the LRS's range
    log = (root / "server.log").open("w")
    proc = subprocess.Popen([str(ralph), "runserver", "-b", "fs", "--fs-default-directory-path",
                             str(root / "data"), "-h", "127.0.0.1", "-p", str(port)],
                            env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"{url}/__heartbeat__", timeout=1):
                    break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("Ralph did not start:\n" + (root / "server.log").read_text(), pytrace=False)
        yield f"{url}/xAPI"
    finally:
        os.killpg(proc.pid, 15)
        proc.wait(30)


def _stored(lrs: str, reg: str) -> list[dict]:
    req = urllib.request.Request(f"{lrs}/statements?registration={reg}", headers={
        "X-Experience-API-Version": "1.0.3", "Authorization": "Basic " + base64.b64encode(AUTH.encode()).decode()})
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.loads(r.read())["statements"]


def test_statements_are_accepted_by_a_real_lrs(lrs: str, tmp_path: Path, monkeypatch, capsys) -> None:
    keys.create_key()
    db = f"sqlite:///{tmp_path / 'r.db'}"
    store = Store(db)
    codes = set_sitting(store, ["Li Wei", "Ana Ruiz", "Bo"], ["first-call-zhang"], 1)
    [passed] = sit(store, codes[("Li Wei", 1)], "expert")
    [failed] = sit(store, codes[("Ana Ruiz", 1)], "novice")
    [changed] = sit(store, codes[("Bo", 1)], "novice")
    with store.engine.begin() as c:  # a FAIL edited to PASS is never sent
        c.exec_driver_sql(f"UPDATE attempts SET total = 100, passed = 1 WHERE id = {changed}")

    assert main(["report", "--db", db, "--format", "xapi"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert len(printed) == 6
    by_verb = {(s["actor"]["account"]["name"], s["verb"]["id"]): s for s in printed}
    win = by_verb[("Li Wei", VERBS["passed"])]
    assert win["result"]["score"] == {"scaled": 1.0, "raw": 100, "min": 0, "max": 100}
    assert win["result"]["success"] is True and win["result"]["duration"].startswith("PT")
    assert win["context"]["registration"] == registration(store.store_id, passed)
    items = next(v for k, v in win["result"]["extensions"].items() if k.endswith("/rubric-items"))
    s = new_session("first-call-zhang")
    play(s, make_policy("expert", s.seed))
    assert items == {i.id: {"points": i.points, "weight": i.weight} for i in s.report().items if i.applicable}
    assert ("Ana Ruiz", VERBS["failed"]) in by_verb and ("Ana Ruiz", VERBS["attempted"]) in by_verb
    assert not any(name == "Bo" for name, _ in by_verb)

    monkeypatch.setenv("COLLECTSIM_LRS_AUTH", AUTH)
    assert main(["export", "--db", db, "--lrs", lrs]) == 1  # sent, but one record held back
    out = capsys.readouterr()
    assert "6 statements sent for 2 attempts, 6 newly stored" in out.out and f"not sent: attempt {changed}" in out.err
    for aid, verbs in ((passed, {"attempted", "completed", "passed"}), (failed, {"attempted", "completed", "failed"})):
        got = _stored(lrs, registration(store.store_id, aid))
        assert {s["verb"]["id"] for s in got} == {VERBS[v] for v in verbs}
        assert {s["id"] for s in got} <= {s["id"] for s in printed}
    assert _stored(lrs, registration(store.store_id, changed)) == []
    assert main(["export", "--db", db, "--lrs", lrs]) == 1  # sent again: the same statements
    assert "6 statements sent for 2 attempts, 0 newly stored" in capsys.readouterr().out
    assert len(_stored(lrs, registration(store.store_id, passed))) == 3


def test_a_refusing_lrs_is_a_clear_error(lrs: str, tmp_path: Path, monkeypatch, capsys) -> None:
    keys.create_key()
    db = f"sqlite:///{tmp_path / 'r.db'}"
    store = Store(db)
    sit(store, set_sitting(store, ["Li Wei"], ["first-call-zhang"], 1)[("Li Wei", 1)])
    monkeypatch.setenv("COLLECTSIM_LRS_AUTH", "assessor:wrong")
    assert main(["export", "--db", db, "--lrs", lrs]) == 1
    assert "the LRS refused the statements (401)" in capsys.readouterr().err
