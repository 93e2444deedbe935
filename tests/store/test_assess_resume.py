"""Kill `collectsim assess` (SIGKILL) after every turn of the golden expert line, resume it,
and get exactly the headless engine's call: no turn lost, none counted twice. The scenario is
a drill (every facet pinned to the golden line's draw), so the sitting has one seed to draw."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

import pytest

from simulator.engine import new_session
from simulator.engine.golden import golden_choices
from simulator.store import Store

from .sittings import drill, problems

PROMPT = b"your reply (number)> "


def golden_line() -> list[str]:
    return golden_choices("first-call-zhang")


def menu_numbers(exam: str, ids: list[str]) -> list[int]:
    """The numbers a candidate types to play `ids` (menus are deterministic for the seed)."""
    s = new_session(exam)
    out = []
    for rid in ids:
        out.append([r.id for r in s.offered()].index(rid) + 1)
        s.choose(rid)
    return out


def cli(*args: str) -> list[str]:
    return [sys.executable, "-c", "import sys; from simulator.cli.main import main; sys.exit(main())", *args]


def read_until(proc: subprocess.Popen, marker: bytes, count: int) -> bytes:
    """Read stdout until `marker` has appeared `count` times (the prompt of turn `count`)."""
    buf = b""
    while buf.count(marker) < count:
        ch = os.read(proc.stdout.fileno(), 4096)
        assert ch, f"assess exited early:\n{buf.decode(errors='replace')}"
        buf += ch
    return buf


@pytest.fixture(scope="module")
def drilled(tmp_path_factory: pytest.TempPathFactory) -> str:
    return drill(tmp_path_factory.mktemp("drill"))


@pytest.fixture(scope="module")
def expected(drilled: str) -> tuple[list[str], int]:
    s = new_session(drilled).replay(golden_line())
    return [t.reply for t in s.turns], s.report().total


def test_kill_and_resume_at_every_turn(db_url: str, expected, drilled: str) -> None:
    ids = golden_line()
    nums = menu_numbers(drilled, ids)
    want_choices, want_total = expected
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    for k in range(len(ids)):  # killed with k turns played (k = 0: at the first prompt)
        who = f"cand-{k}"
        p = subprocess.Popen(cli("assess", drilled, "--candidate", who, "--db", db_url),
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
        read_until(p, PROMPT, 1)
        for i in range(k):
            p.stdin.write(f"{nums[i]}\n".encode())
            p.stdin.flush()
            read_until(p, PROMPT, 1)  # the next prompt: turn i+1 is committed
        p.send_signal(signal.SIGKILL)
        p.wait()
        store = Store(db_url)
        assert len(store.turns(store.attempts(candidate=who)[0].id)) == k
        rest = "".join(f"{n}\n" for n in nums[k:])
        r = subprocess.run(cli("assess", "--resume", "--candidate", who, "--db", db_url),
                           input=rest.encode(), capture_output=True, env=env, timeout=120)
        assert r.returncode == 0, r.stderr.decode()
        if k:
            assert f"resuming at turn {k + 1}".encode() in r.stdout
        [a] = store.attempts(candidate=who)
        assert a.status == "finished" and a.mode == "assessment"
        recs = [json.loads(x) for x in a.transcript.splitlines()]
        turns = [x for x in recs if x["type"] == "turn"]
        assert [t["reply"] for t in turns] == want_choices, k
        assert [t["turn"] for t in turns] == list(range(1, len(ids) + 1))
        assert a.total == want_total == json.loads(a.report)["total"]
        assert problems(store) == []
        store.close()
