"""`collectsim COMMAND` imports only that command's module, and parses exactly as before."""

from __future__ import annotations

import subprocess
import sys

import pytest

from simulator.cli.main import COMMANDS, _command, build_parser, main


def test_only_the_named_command_is_imported() -> None:
    code = ("import sys; from simulator.cli.main import build_parser; build_parser('play'); "
            "print(sorted(m for m in sys.modules if m.endswith('_cmd')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['simulator.cli.play_cmd']"


@pytest.mark.parametrize("argv", [
    ["play", "first-call-zhang", "--seed", "3", "--lang", "zh"],
    ["play", "--resume"],
    ["run", "first-call-zhang", "--policy", "expert"],
])
def test_partial_parser_parses_like_the_full_one(argv: list[str]) -> None:
    full = vars(build_parser().parse_args(argv))
    part = vars(build_parser(_command(argv)).parse_args(argv))
    assert part == full


def test_command_detection() -> None:
    assert _command(["--version"]) is None
    assert _command(["play", "x"]) == "play"
    assert _command(["--help", "play"]) is None  # top-level help: every command listed
    assert _command(["nosuch"]) is None
    assert {_command([name]) for name, _, _ in COMMANDS} == {name for name, _, _ in COMMANDS}


@pytest.mark.parametrize("argv", [["--help"], ["--help", "play"], ["-h", "run"]])
def test_top_level_help_still_lists_every_command(argv, capsys) -> None:
    with pytest.raises(SystemExit):
        main(argv)
    out = capsys.readouterr().out
    assert all(name in out for name, _, _ in COMMANDS)


def test_a_command_parser_holds_that_command_only() -> None:
    sub = next(a for a in build_parser("play")._actions if a.dest == "command")
    assert list(sub.choices) == ["play"]
