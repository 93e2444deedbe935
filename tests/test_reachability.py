"""Every move of the vocabulary, red lines included, can be made in some bundled persona,
and lint says so when a library lets a red line go unpractised."""

from __future__ import annotations

import shutil
from pathlib import Path

from simulator.authoring.lint import WARNING, lint_paths, scenarios_using
from simulator.authoring.reachability import library_moves, persona_moves
from simulator.core.library import load_persona
from simulator.core.moves import Move

ROOT = Path(__file__).resolve().parent.parent


def _library(folder: Path):
    out = []
    for f in sorted(folder.glob("*.yaml")):
        p = load_persona(f).model
        out.append((p, [sc.start for sc in scenarios_using(p.id, f)]))
    return out


def test_every_move_is_reachable_in_the_bundled_library():
    table = library_moves(_library(ROOT / "personas"))
    assert [m.value for m, who in table.items() if not who] == []


def test_a_reply_that_can_never_be_offered_does_not_count(tmp_path):
    src = (ROOT / "personas" / "zhang-wholesaler.yaml").read_text(encoding="utf-8")
    extra = """  - id: round-up
    text: "It's 60,000 with fees now."
    moves: [misstate_amount]
    WHEN
    to: complaint
"""
    marker = "global_replies:\n"
    for when, expected in (("when: [{var: trust, gte: 99}]", False), ("when: []", True)):
        path = tmp_path / "zhang-wholesaler.yaml"
        path.write_text(src.replace(marker, marker + extra.replace("WHEN", when), 1), encoding="utf-8")
        assert (Move.MISSTATE_AMOUNT in persona_moves(load_persona(path).model)) is expected


def test_lint_warns_about_red_lines_no_persona_in_a_folder_can_reach(tmp_path):
    folder = tmp_path / "personas"
    folder.mkdir()
    for name in ("zhang-wholesaler", "third-party-wife"):
        shutil.copy(ROOT / "personas" / f"{name}.yaml", folder)
    found = lint_paths([str(folder)], winnable=False)
    warned = [f.message for fs in found.values() for f in fs if f.severity == WARNING]
    assert any("'misstate_amount' cannot be reached" in m for m in warned), warned
    assert any("'harass' cannot be reached" in m for m in warned), warned
    assert not any("'false_threat'" in m for m in warned)  # zhang's police threat reaches it


def test_one_file_is_not_a_library(tmp_path):
    found = lint_paths([str(ROOT / "personas" / "zhang-wholesaler.yaml")], winnable=False)
    assert not any("cannot be reached in any persona" in f.message for fs in found.values() for f in fs)
