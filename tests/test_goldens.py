"""Every golden line shipped beside the personas keeps its expected outcome."""

from pathlib import Path

import pytest

from simulator.engine.golden import golden_files, run_golden_file

ROOT = Path(__file__).resolve().parent.parent
FILES = golden_files(ROOT / "personas")


def test_there_are_golden_files():
    assert any(f.stem == "first-call-zhang" for f in FILES)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_golden_lines_hold(path):
    failures = [f"{r.name}: {'; '.join(r.diffs)}" for r in run_golden_file(path) if not r.ok]
    assert not failures, "\n".join(failures)


def test_a_changed_persona_is_caught(tmp_path, content_copy):
    persona = content_copy / "personas" / "zhang-wholesaler.yaml"
    text = persona.read_text(encoding="utf-8").replace(
        "- when: [{var: pressure, gte: 5}, {var: trust, gte: 4}]", "- when: [{var: pressure, gte: 9}]"
    )
    persona.write_text(text, encoding="utf-8")
    (r, *_) = run_golden_file(content_copy / "personas" / "golden" / "first-call-zhang.yaml")
    assert not r.ok and "close-report" in r.diffs[0] and "wriggles" in r.diffs[0]
