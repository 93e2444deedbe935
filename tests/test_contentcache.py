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
    return sorted(contentcache.cache_dir().glob("*.json"))


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
    head = entry.read_bytes().split(b"\n", 1)[0]
    entry.write_bytes(head + b"\n{garbage")
    assert load_model(Persona, persona).model == first
    assert Persona.model_validate_json(entry.read_bytes().split(b"\n", 1)[1]) == first  # rewritten


def test_an_entry_of_the_wrong_type_is_ignored(persona: Path) -> None:
    first = load_model(Persona, persona).model
    (entry,) = entries()
    head = entry.read_bytes().split(b"\n", 1)[0]
    entry.write_bytes(head + b'\n{"not": "a persona"}')
    assert load_model(Persona, persona).model == first


def test_a_swapped_entry_is_not_used(tmp_path: Path) -> None:
    """Renaming one entry over another (issue 13: first-call-zhang played the wrong
    persona) is refused: the first line of an entry names the key it was written for."""
    other = tmp_path / "other.yaml"
    shutil.copy(ROOT / "personas" / "hostile-contractor.yaml", other)
    mine = tmp_path / "zhang.yaml"
    shutil.copy(ZHANG, mine)
    load_model(Persona, other)
    (foreign,) = entries()
    load_model(Persona, mine)
    (own,) = set(entries()) - {foreign}
    os.replace(foreign, own)
    assert load_model(Persona, mine).model.id == "zhang-wholesaler"


def _pickle_bomb(marker: Path) -> bytes:
    """A pickle that creates `marker` when loaded: what the old cache would have run."""

    class Bomb:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    return pickle.dumps(Bomb())


def test_a_symlinked_pickle_never_runs(persona: Path, tmp_path: Path) -> None:
    """Issue 13's attack: an entry that is a symlink to a file the user owns but an attacker
    wrote (a cloned repository). Nothing is unpickled: entries are JSON, and a symlink is
    not followed at all."""
    first = load_model(Persona, persona).model
    (entry,) = entries()
    marker = tmp_path / "pwned"
    planted = tmp_path / "repo" / "evil.pickle"
    planted.parent.mkdir()
    planted.write_bytes(_pickle_bomb(marker))
    entry.unlink()
    entry.symlink_to(planted)
    assert load_model(Persona, persona).model == first
    assert not marker.exists()
    # the same bytes as a regular entry of ours: still data that is not JSON, rebuilt
    entry.unlink()
    entry.write_bytes(planted.read_bytes())
    entry.chmod(0o600)
    assert load_model(Persona, persona).model == first
    assert not marker.exists()


def test_an_entry_others_can_write_is_not_read(persona: Path, monkeypatch) -> None:
    load_model(Persona, persona)
    (entry,) = entries()
    seen = []
    monkeypatch.setattr(Persona, "model_validate_json", classmethod(lambda cls, b: seen.append(b)))
    os.chmod(entry, 0o666)
    load_model(Persona, persona)
    os.chmod(entry, 0o600)
    os.chmod(entry.parent, 0o777)  # a folder others can write: they could swap the entry
    load_model(Persona, persona)
    os.chmod(entry.parent, 0o700)
    if os.getuid() == 0:  # root can make the entry another user's
        os.chown(entry, 65534, 65534)
        load_model(Persona, persona)
        os.chown(entry, 0, 0)
    assert seen == []
    load_model(Persona, persona)
    assert len(seen) == 1  # and the same entry, ours again, is read


def test_every_bundled_file_comes_back_from_its_entry_equal(monkeypatch) -> None:
    """JSON round trip: what the cache gives is what validating the YAML gives."""
    from scoring.model import Rubric

    files = [(model, path) for model, folder in ((Persona, "personas"), (Scenario, "scenarios"),
                                                  (Rubric, "scoring/rubrics"))
             for path in sorted((ROOT / folder).glob("*.yaml"))]
    first = [load_model(model, path).model for model, path in files]
    monkeypatch.setattr("simulator.core.library._validate", lambda *a: pytest.fail("parsed again"))
    assert [load_model(model, path).model for model, path in files] == first


def test_the_key_includes_the_model_class(tmp_path: Path) -> None:
    scen = ROOT / "scenarios" / "first-call-zhang.yaml"
    load_model(Scenario, scen)
    with pytest.raises(ContentError):  # a scenario file is not a persona, cache or not
        load_model(Persona, scen)


def test_can_be_turned_off(persona: Path, monkeypatch) -> None:
    monkeypatch.setenv("COLLECTSIM_NO_CACHE", "1")
    load_model(Persona, persona)
    assert entries() == []
