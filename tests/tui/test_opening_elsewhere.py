"""A first launch computes its opening screen in a forked child while Textual loads
(simulator/tui/speed.py, 5.): the child must hand over exactly what the engine shows,
remember it for the next launch, open no journal, and fail silently on bad content, leaving
the error to the app's own process."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from simulator.engine.bundle import load_scenario
from simulator.engine.resume import sessions_dir
from simulator.engine.session import Session
from simulator.tui import firstframe, speed
from simulator.tui.view import call_view

pytestmark = pytest.mark.skipif(not speed.forks_ahead(), reason="the child is used only on Linux with two cores")


@pytest.mark.parametrize(("seed", "lang"), [(1, None), (7, "zh")])
def test_the_child_hands_over_the_view_the_engine_shows_and_remembers_it(seed, lang):
    expected = call_view(Session(load_scenario("first-call-zhang"), seed=seed, lang=lang))
    assert firstframe.load("first-call-zhang", seed, lang) is None
    receive = speed.opening_elsewhere("first-call-zhang", seed, lang)
    assert receive() == expected
    assert firstframe.load("first-call-zhang", seed, lang) == expected  # the next launch is warm
    assert not list(sessions_dir().glob("*.jsonl"))  # the call is the app's to start


def test_a_child_meeting_bad_content_hands_over_nothing_and_prints_nothing(tmp_path, capfd):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: bad\npersona: [unclosed\n", encoding="utf-8")
    receive = speed.opening_elsewhere(str(bad), 1, None)
    assert receive() is None
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def test_a_first_launch_with_bad_content_still_reports_it_cleanly(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: bad\npersona: [unclosed\n", encoding="utf-8")
    env = dict(os.environ, COLLECTSIM_HOME=str(tmp_path / "home"), COLLECTSIM_NO_CACHE="1")
    out = subprocess.run([sys.executable, "-m", "simulator.cli.main", "play", str(bad)],
                         capture_output=True, text=True, env=env, timeout=60, stdin=subprocess.DEVNULL)
    assert out.returncode != 0
    assert re.search(r"bad\.yaml:\d+:\d+: ", out.stderr)  # file, line and column of the error
    assert "Traceback" not in out.stderr + out.stdout
