from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A private copy of the bundled personas and scenarios, to plant defects in."""
    for kind in ("personas", "scenarios"):
        shutil.copytree(ROOT / kind, tmp_path / kind)
    return tmp_path


@pytest.fixture(autouse=True)
def isolated_user_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("collectsim-home")
    monkeypatch.setenv("COLLECTSIM_HOME", str(home))
    monkeypatch.delenv("COLLECTSIM_PATH", raising=False)
    return home


@pytest.fixture
def zhang_copy(tmp_path: Path) -> tuple[Path, Path]:
    """A trainer's own copy of the worked scenario and its persona, side by side: (scenario,
    persona), for tests that edit them."""
    d = tmp_path / "mine"
    d.mkdir()
    scen = d / "first-call-zhang.yaml"
    pers = d / "zhang-wholesaler.yaml"
    shutil.copy(ROOT / "scenarios" / "first-call-zhang.yaml", scen)
    shutil.copy(ROOT / "personas" / "zhang-wholesaler.yaml", pers)
    with scen.open("a", encoding="utf-8") as f:  # the debtor these tests were written for
        f.write("facets: {reason: customer_late, first_story: whole_truth, bites: mortgage}\n")
    return scen, pers
