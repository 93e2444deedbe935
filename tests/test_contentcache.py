"""The validated-content cache: a second load skips YAML, yet never serves stale or foreign data."""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

import pytest

from simulator.core import contentcache
from simulator.core.errors import ContentError
from simulator.core.library import load_model
from simulator.core.persona import Persona
from simulator.core.scenario import Scenario

ROOT = Path(__file__).resolve().parent.parent
ZHANG = ROOT / "personas" / "zhang-wholesaler.yaml"


def entries() -> list[Path]:
    return sorted(contentcache.cache_dir().glob("*.pickle"))


@pytest.fixture
def persona(tmp_path: Path) -> Path:
    path = tmp_path / "zhang.yaml"
    shutil.copy(ZHANG, path)
    return path


def test_second_load_comes_from_the_cache_and_equals_the_first(persona: Path, monkeypatch) -> None:
    first = load_model(Persona, persona)
    assert len(entries()) == 1
    assert oct(entries()[0].stat().st_mode & 0o777) == oct(0o600)

    def no_yaml(*a, **k):
        raise AssertionError("parsed the YAML again")

    monkeypatch.setattr("simulator.core.library._validate", no_yaml)
    again = load_model(Persona, persona)
    assert again.model == first.model
    assert again.source == first.source
    assert again.model.state(first.model.initial).id == first.model.initial  # private index restored


def test_editing_the_file_invalidates(persona: Path) -> None:
    load_model(Persona, persona)
    text = persona.read_text(encoding="utf-8")
    assert "\nmax_turns: 20\n" in text
    persona.write_text(text.replace("\nmax_turns: 20\n", "\nmax_turns: 19\n"), encoding="utf-8")
    assert load_model(Persona, persona).model.max_turns == 19
    assert len(entries()) == 2


def test_an_edit_that_breaks_the_file_is_reported_not_served_from_cache(persona: Path) -> None:
    load_model(Persona, persona)
    persona.write_text(persona.read_text(encoding="utf-8") + "\nbogus_field: 1\n", encoding="utf-8")
    with pytest.raises(ContentError, match="unknown field"):
        load_model(Persona, persona)


def test_a_corrupt_entry_is_ignored_and_rebuilt(persona: Path) -> None:
    first = load_model(Persona, persona).model
    (entry,) = entries()
    entry.write_bytes(b"\x80\x05garbage")
    assert load_model(Persona, persona).model == first
    assert pickle.loads(entry.read_bytes()) == first  # rewritten with the good model


def test_an_entry_of_the_wrong_type_is_ignored(persona: Path) -> None:
    first = load_model(Persona, persona).model
    (entry,) = entries()
    entry.write_bytes(pickle.dumps({"not": "a persona"}))
    assert load_model(Persona, persona).model == first


def test_an_entry_others_can_write_is_not_read(persona: Path, monkeypatch) -> None:
    load_model(Persona, persona)
    (entry,) = entries()
    os.chmod(entry, 0o666)
    seen = []
    monkeypatch.setattr("pickle.load", lambda f: seen.append(f) or None)
    load_model(Persona, persona)
    assert seen == []


def test_the_key_includes_the_model_class(tmp_path: Path) -> None:
    scen = ROOT / "scenarios" / "first-call-zhang.yaml"
    load_model(Scenario, scen)
    with pytest.raises(ContentError):  # a scenario file is not a persona, cache or not
        load_model(Persona, scen)


def test_can_be_turned_off(persona: Path, monkeypatch) -> None:
    monkeypatch.setenv("COLLECTSIM_NO_CACHE", "1")
    load_model(Persona, persona)
    assert entries() == []
