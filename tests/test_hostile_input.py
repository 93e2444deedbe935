"""Issue 13's reproducers: each hostile or clumsy file gets the project's own problem, naming
file and line, never a traceback, a hang or a forged line of output."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
import yaml

from simulator.authoring.validate import check_file
from simulator.core.errors import ContentError
from simulator.core.library import load_model
from simulator.core.persona import Persona
from simulator.core.yamlfile import read_yaml
from simulator.engine.bundle import load_scenario

ROOT = Path(__file__).resolve().parent.parent
ZHANG = ROOT / "personas" / "zhang-wholesaler.yaml"
SCEN = ROOT / "scenarios" / "first-call-zhang.yaml"


def problems(path: Path, model=Persona) -> list[str]:
    with pytest.raises(ContentError) as exc:
        load_model(model, path)
    return [str(p) for p in exc.value.problems]


def write(tmp_path: Path, text: str, name: str = "p.yaml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


@pytest.mark.parametrize(("value", "says"), [
    ("2026-02-30", "'2026-02-30' is not a valid timestamp (day is out of range for month)"),
    ("2026-01-01 25:00:00", "is not a valid timestamp (hour must be in 0..23)"),
    ("!!int abc", "'abc' is not a valid int"),
    ("!!bool maybe", "'maybe' is not a valid bool"),
    ("!!timestamp abc", "'abc' is not a valid timestamp"),
    ("!!binary AAAA", "refused: the tag !!binary"),
    ("!custom x", "refused: the tag !custom"),
    ("!!python/name:os.system", "refused: the tag !!python/name:os.system"),
])
def test_a_value_yaml_cannot_make_is_a_problem_at_its_line(tmp_path, value, says) -> None:
    p = write(tmp_path, f"id: x\nflags: [a]\nwhen: {value}\n")
    (msg,) = problems(p)
    assert msg.startswith(f"{p}:3:7: ") and says in msg, msg


@pytest.mark.parametrize("shape", ["flow", "block"])
def test_deep_nesting_is_refused_without_recursion(tmp_path, shape) -> None:
    depth = 5000
    text = ("a: " + "[" * depth + "]" * depth if shape == "flow"
            else "".join(f"{'  ' * i}k:\n" for i in range(depth)) + "  " * depth + "v\n")
    (msg,) = problems(write(tmp_path, text))
    assert "nest" in msg  # our depth limit (or libyaml's own, on flow brackets)


def test_an_alias_cycle_is_an_unknown_alias(tmp_path) -> None:
    (msg,) = problems(write(tmp_path, "a: &x [1, *x]\n"))
    assert ":1:11: unknown alias *x" in msg


def test_limits_on_nodes_text_and_states_can_be_raised(tmp_path, monkeypatch) -> None:
    many = write(tmp_path, "id: x\nflags: [" + ", ".join(f"f{i}" for i in range(120_000)) + "]\n", "many.yaml")
    assert "more than 100,000 values" in problems(many)[0]
    long = write(tmp_path, "id: x\nsummary: " + "a" * 30_000 + "\n", "long.yaml")
    assert problems(long)[0].startswith(f"{long}:2:10: refused: a value of 30,000 characters")
    text = ZHANG.read_text(encoding="utf-8")
    monkeypatch.setenv("COLLECTSIM_LIMITS", "states=3")
    (msg,) = problems(write(tmp_path, text, "z.yaml"))
    states = len(yaml.safe_load(text)["states"])
    assert f"states: refused: {states} states, over the limit of 3" in msg
    monkeypatch.setenv("COLLECTSIM_LIMITS", "nodes=200000,text=40000,file_kb=4096")
    assert not any("more than" in m for m in problems(many))  # past the limit now: other errors
    assert not any("refused" in m for m in problems(long))


def test_a_bad_limits_setting_is_reported_not_raised(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("COLLECTSIM_LIMITS", "nodes=lots")
    assert [str(p) for p in check_file(ZHANG)] == ["COLLECTSIM_LIMITS:1:1: nodes needs a positive whole number, not 'lots'"]


def test_size_is_refused_before_reading(tmp_path) -> None:
    big = tmp_path / "big.yaml"
    with open(big, "wb") as f:  # 100 MB, sparse: refused from its size alone
        f.truncate(100 * 1024 * 1024)
    (msg,) = problems(big)
    assert msg == f"{big}:1:1: refused: the file is larger than 1,024 KiB (raise it with COLLECTSIM_LIMITS=file_kb=N)"


def test_special_files_are_refused(tmp_path) -> None:
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(tmp_path / "loop2.yaml")
    (tmp_path / "loop2.yaml").symlink_to(loop)
    assert problems(Path("/dev/zero")) == ["/dev/zero:1:1: refused: not a regular file (a device, FIFO or socket)"]
    assert problems(fifo) == [f"{fifo}:1:1: refused: not a regular file (a device, FIFO or socket)"]
    assert problems(loop) == [f"{loop}:1:1: cannot read file: Too many levels of symbolic links"]
    assert [str(p) for p in check_file(loop)] == [f"{loop}:1:1: cannot read file: Too many levels of symbolic links"]
    with pytest.raises(ContentError, match="not a regular file"):
        read_yaml(fifo)


def _scenario(tmp_path: Path, persona_line: str) -> Path:
    text = SCEN.read_text(encoding="utf-8")
    assert "\npersona: zhang-wholesaler\n" in text
    shutil.copy(ZHANG, tmp_path / "zhang-wholesaler.yaml")
    return write(tmp_path, text.replace("\npersona: zhang-wholesaler\n", f"\n{persona_line}\n"), "s.yaml")


def _line_of(path: Path, start: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.startswith(start))


@pytest.mark.parametrize(("persona_line", "says"), [
    ('persona: ""', "persona '': it is empty"),
    ("persona: " + "x" * 5000, "is longer than 200 characters"),
    ('persona: "zhang\\nFORGED: 1:1: fake problem"', "contains control characters"),
    ("persona: nobody-at-all", "no persona with this id or path"),
])
def test_a_reference_that_names_no_file_is_reported_in_the_scenario(tmp_path, persona_line, says) -> None:
    scen = _scenario(tmp_path, persona_line)
    with pytest.raises(ContentError) as exc:
        load_scenario(str(scen))
    (msg,) = [str(p) for p in exc.value.problems]
    assert msg.startswith(f"{scen}:{_line_of(scen, 'persona:')}:10: persona: ") and says in msg, msg
    assert "\n" not in msg  # the newline in the reference is shown as \n, not printed


def test_twenty_thousand_errors_are_all_reported(tmp_path) -> None:
    """Error reporting is linear (bench/hostile.py measures it): every problem is there."""
    text = ZHANG.read_text(encoding="utf-8")
    bad = "".join(f"      - {{id: r{i}, text: x, to: answer, to_be: {i}}}\n" for i in range(10_000))
    p = write(tmp_path, text.replace("\n    replies:\n", "\n    replies:\n" + bad, 1), "many-errors.yaml")
    msgs = problems(p)  # two per reply: `moves` missing, `to_be` unknown
    assert len(msgs) == 20_000
    assert all(f"states[0].replies[{i // 2}].{'moves' if i % 2 == 0 else 'to_be: unknown field'}" in m
               for i, m in enumerate(msgs))


def test_a_hostile_transcript_is_a_transcript_error(tmp_path) -> None:
    """Transcripts (`score`, `grade`, `play --resume`) are files from others too."""
    from simulator.core.transcript import TranscriptError, read_transcript
    from simulator.engine import new_session

    header = new_session("first-call-zhang", seed=1).records()[0]
    cases = {
        "deep.jsonl": "[" * 100_000 + "]" * 100_000 + "\n",
        "number.jsonl": "5\n",
        "fields.jsonl": json.dumps(header) + '\n{"type": "turn", "n": 1}\n',
    }
    for name, text in cases.items():
        write(tmp_path, text, name)
    os.mkfifo(tmp_path / "fifo.jsonl")
    for name, says in [("deep.jsonl", "deep.jsonl:1: not a record: nested too deep"),
                       ("number.jsonl", "number.jsonl:1: unknown record type None"),
                       ("fields.jsonl", "fields.jsonl: a turn record lacks 'turn'"),
                       ("fifo.jsonl", "fifo.jsonl:1:1: refused: not a regular file")]:
        with pytest.raises(TranscriptError, match=re.escape(says)):
            read_transcript(tmp_path / name)
