from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def zhang(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the reference persona to plant defects in (cwd = its root)."""
    (tmp_path / "personas").mkdir()
    dst = tmp_path / "personas" / "zhang-wholesaler.yaml"
    shutil.copy(ROOT / "personas" / "zhang-wholesaler.yaml", dst)
    monkeypatch.chdir(tmp_path)
    return dst
