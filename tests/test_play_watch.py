"""`collectsim play --watch` on the command line: refusals and the --plain reload."""

from __future__ import annotations

import argparse
import subprocess
import sys

from simulator.cli import play_cmd
from simulator.core.transcript import read_transcript
from simulator.engine.resume import sessions_dir

OLD_EXCUSE = "One of my customers is sitting on 60,000 of mine"
NEW_EXCUSE = "A customer owes me 60,000 and keeps stalling"


def parse(*argv: str) -> argparse.Namespace:
    p = argparse.ArgumentParser()
    play_cmd.add_arguments(p)
    return p.parse_args(argv)


def test_watch_refuses_an_assessment_before_the_screen_opens(zhang_copy, isolated_user_dir):
    scen, _ = zhang_copy
    scen.write_text(scen.read_text(encoding="utf-8").replace("mode: practice", "mode: assessment"),
                    encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "simulator.cli.main", "play", str(scen), "--watch"],
                         capture_output=True, text=True, timeout=60,
                         env={"COLLECTSIM_HOME": str(isolated_user_dir), "PATH": "/usr/bin:/bin"})
    assert out.returncode == 1
    assert "--watch reloads practice calls only" in out.stderr and "Traceback" not in out.stderr


def number(scen, played: list[str], rid: str) -> str:
    """What to type for `rid` after `played`: menus are shown in a seeded order."""
    from simulator.engine.session import new_session

    return str([r.id for r in new_session(str(scen), seed=1).replay(played).offered()].index(rid) + 1)


def test_plain_watch_reloads_between_turns(zhang_copy, monkeypatch, capsys):
    scen, pers = zhang_copy
    good = pers.read_text(encoding="utf-8")

    def save(text: str) -> str:
        pers.write_text(text, encoding="utf-8")
        return ""  # Enter: check the files

    third = number(scen, ["straight-to-it", "ask-reason"], "ask-customer")
    steps = iter([
        lambda: number(scen, [], "straight-to-it"),
        lambda: number(scen, ["straight-to-it"], "ask-reason"),
        lambda: save(good.replace(OLD_EXCUSE, NEW_EXCUSE)),
        lambda: save(good.replace("  - id: busy\n", "  - id: busy\n   bad: [\n")),
        lambda: third,  # the old version still plays: ask-customer
        lambda: save(good.replace("id: ask-reason\n", "id: ask-why\n")),
        lambda: "q",
    ])
    monkeypatch.setattr("builtins.input", lambda prompt="": (print(prompt), next(steps)())[1])
    assert play_cmd.run(parse(str(scen), "--plain", "--watch", "--seed", "1")) == 0
    out = capsys.readouterr().out
    assert "Enter to reload" in out
    first, rest = out.split("-- Reloaded", 1)
    assert "still at turn 3" in rest.splitlines()[0]
    assert f"debtor: {NEW_EXCUSE}" in rest
    assert "-- save not loaded; still playing the last version that loaded:" in rest
    assert "type a number" not in out  # Enter alone only checks the files
    assert "zhang-wholesaler.yaml:" in rest.split("save not loaded", 1)[1]
    assert "turn 2: reply 'ask-reason' no longer exists" in rest
    (journal,) = sessions_dir().glob("*.jsonl")
    tr = read_transcript(journal)
    assert tr.choices == ["straight-to-it"] and tr.finished
