"""The remembered opening screen: same frame as a cold start, the same call behind it, and
never trusted once a content file changed."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

from simulator.core.transcript import read_transcript
from simulator.engine.resume import sessions_dir
from simulator.tui import firstframe
from simulator.tui.app import create_app
from simulator.tui.screens.call import CallScreen
from simulator.tui.view import CallView, Line
from simulator.tui.widgets.conversation import Conversation

ROOT = Path(__file__).resolve().parents[2]


async def cold_start(ref: str, seed: int | None = 1, lang: str | None = None) -> CallView:
    """Open the call the ordinary way (which writes the cache entry) and return its view."""
    app = create_app(ref, seed=seed, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.call_view()
    return view


async def test_a_cold_start_remembers_the_view_it_showed():
    view = await cold_start("first-call-zhang")
    assert firstframe.load("first-call-zhang", 1, None) == view
    assert firstframe.load("first-call-zhang", 2, None) is None  # another seed, another call
    assert firstframe.load("first-call-zhang", 1, "zh") is None


async def test_warm_start_shows_the_view_then_takes_over_the_same_call():
    view = await cold_start("first-call-zhang")
    preview = firstframe.load("first-call-zhang", 1, None)
    app = create_app("first-call-zhang", seed=1, preview=preview)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, CallScreen) and app.screen.view == view
        k = [rid for rid, _ in view.menu].index("straight-to-it")
        await pilot.press(str(k + 1))  # possibly before the engine has loaded: it waits for it
        await pilot.pause()
        assert app.preview is None and app.call is not None
        first = app.call.session.turns[0]
        assert first.reply == view.menu[k][0]
        convo = " ".join(app.screen.query_one(Conversation).transcript())
        assert first.debtor_line[:20] in convo
    journals = sorted(sessions_dir().glob("*.jsonl"))
    assert read_transcript(journals[-1]).choices == [view.menu[k][0]]


async def test_a_stale_view_is_replaced_by_what_the_session_shows():
    view = await cold_start("first-call-zhang")
    stale = replace(view, lines=(Line("debtor", "something the persona never says"),))
    app = create_app("first-call-zhang", seed=1, preview=stale)
    async with app.run_test(size=(80, 24)) as pilot:
        app.hydrate()
        await pilot.pause()
        assert isinstance(app.screen, CallScreen) and app.screen.view == view
        assert "never says" not in " ".join(app.screen.query_one(Conversation).transcript())


async def test_editing_a_content_file_invalidates_the_entry(tmp_path, monkeypatch):
    for kind in ("personas", "scenarios"):
        shutil.copytree(ROOT / kind, tmp_path / kind)
    monkeypatch.setenv("COLLECTSIM_PATH", str(tmp_path))
    ref = str(tmp_path / "scenarios" / "first-call-zhang.yaml")
    await cold_start(ref)
    assert firstframe.load(ref, 1, None) is not None
    persona = tmp_path / "personas" / "zhang-wholesaler.yaml"
    persona.write_text(persona.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert firstframe.load(ref, 1, None) is None


async def test_a_corrupt_entry_is_ignored():
    await cold_start("first-call-zhang")
    (entry,) = (firstframe._dir()).glob("*.json")
    entry.write_text("{not json", encoding="utf-8")
    assert firstframe.load("first-call-zhang", 1, None) is None
    entry.write_text('{"files": {}, "view": {}}', encoding="utf-8")
    assert firstframe.load("first-call-zhang", 1, None) is None


async def test_an_entry_not_ours_alone_is_not_used(tmp_path):
    """Issue 13: an attacker-owned first-frame JSON was drawn. An entry is used only when it
    and its folder are this user's, not symlinks, and writable by nobody else."""
    import os

    await cold_start("first-call-zhang")
    (entry,) = (firstframe._dir()).glob("*.json")
    assert firstframe.load("first-call-zhang", 1, None) is not None
    entry.chmod(0o666)
    assert firstframe.load("first-call-zhang", 1, None) is None
    entry.chmod(0o600)
    entry.parent.chmod(0o777)
    assert firstframe.load("first-call-zhang", 1, None) is None
    entry.parent.chmod(0o700)
    planted = tmp_path / "planted.json"
    planted.write_bytes(entry.read_bytes())
    planted.chmod(0o600)
    entry.rename(tmp_path / "kept.json")
    entry.symlink_to(planted)
    assert firstframe.load("first-call-zhang", 1, None) is None
    entry.unlink()
    (tmp_path / "kept.json").rename(entry)
    if os.getuid() == 0:
        os.chown(entry, 65534, 65534)
        assert firstframe.load("first-call-zhang", 1, None) is None
        os.chown(entry, 0, 0)
    assert firstframe.load("first-call-zhang", 1, None) is not None  # ours again: used


def test_the_opening_worked_out_in_one_language_is_the_one_the_call_shows():
    """A first launch's child merges only the catalogues of the language shown
    (`load_scenario(shown_in=...)`): its view must be the full call's, word for word, and its
    entry must name the files it read (so a changed catalogue of that language invalidates
    it), and no others."""
    from simulator.engine.bundle import load_scenario
    from simulator.engine.session import Session
    from simulator.tui.view import call_view

    for ref in ("first-call-zhang", "stubborn-day25", "bereaved-day15"):
        full = load_scenario(ref)
        for lang in (None, "zh", "es", "zh-Hant"):
            alone = load_scenario(ref, shown_in=lang)
            assert call_view(Session(alone, seed=3, lang=lang)) == call_view(Session(full, seed=3, lang=lang))
            shown = lang or full.scenario.language
            assert {k for k in alone.sources if ":" in k} == {k for k in full.sources
                                                              if k.endswith(f":{shown}")}
    assert any(":" in k for k in load_scenario("first-call-zhang", shown_in="es").sources)
