"""Each TUI test journals into its own folder, never the user's real data dir."""

import pytest


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    monkeypatch.setenv("COLLECTSIM_HOME", str(tmp_path / "home"))
    return tmp_path / "home"
