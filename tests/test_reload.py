"""Live reload (`play --watch`), headless: rebuild on new files and replay the longest prefix."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from simulator.core.transcript import read_transcript
from simulator.engine.bundle import load_scenario
from simulator.engine.reload import (
    Broken,
    FileWatch,
    ReloadError,
    load_fresh,
    rebuild,
    reload_call,
    resume_prefix,
)
from simulator.engine.resume import JournaledCall
from simulator.engine.session import Session

OLD_EXCUSE = "One of my customers is sitting on 60,000 of mine"
NEW_EXCUSE = "A customer owes me 60,000 and keeps stalling"


def edit(path: Path, old: str, new: str, count: int = -1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def played(scen: Path, choices: list[str]) -> Session:
    return Session(load_scenario(scen), seed=1).replay(choices)


def test_text_change_keeps_the_turn_and_shows_the_new_line(zhang_copy):
    scen, pers = zhang_copy
    old = played(scen, ["straight-to-it", "ask-reason"])
    assert OLD_EXCUSE in old.turns[-1].debtor_line
    edit(pers, OLD_EXCUSE, NEW_EXCUSE)
    r = rebuild(old, load_fresh(str(scen)), [pers])
    assert r.broken is None and r.kept == r.of == 2
    assert NEW_EXCUSE in r.session.turns[-1].debtor_line
    assert [t.reply for t in r.session.turns] == ["straight-to-it", "ask-reason"]
    assert r.session.state.id == old.state.id == "excuse"
    assert "still at turn 3" in r.message()


def test_effect_change_is_replayed(zhang_copy):
    scen, pers = zhang_copy
    old = played(scen, ["straight-to-it", "ask-reason"])
    edit(pers, "effects: [{var: trust, add: 1}]\n        to: excuse",
         "effects: [{var: trust, add: 3}]\n        to: excuse")
    r = rebuild(old, load_fresh(str(scen)))
    assert r.session.values["trust"] == min(10, old.values["trust"] + 2)


def test_removed_reply_truncates_at_its_turn(zhang_copy):
    scen, pers = zhang_copy
    old = played(scen, ["straight-to-it", "ask-reason", "ask-customer"])
    edit(pers, "id: ask-reason\n", "id: ask-why\n")
    r = rebuild(old, load_fresh(str(scen)), [pers])
    assert r.broken == Broken(2, "ask-reason", "no longer exists in the persona")
    assert r.kept == 1 and r.of == 3
    assert [t.reply for t in r.session.turns] == ["straight-to-it"]
    assert "ask-why" in [x.id for x in r.session.offered()]
    msg = r.message()
    assert "turn 2" in msg and "'ask-reason'" in msg and "kept 1 of 3" in msg


def test_reply_no_longer_on_offer_names_the_state(zhang_copy):
    scen, pers = zhang_copy
    old = played(scen, ["straight-to-it", "ask-reason"])
    # straight-to-it now leads to 'busy', where ask-reason is not offered
    edit(pers, "effects: [{var: pressure, add: 1}]\n        to: asks-week",
         "effects: [{var: pressure, add: 1}]\n        to: busy", count=1)
    r = rebuild(old, load_fresh(str(scen)))
    assert r.broken == Broken(2, "ask-reason", "is not on offer in state 'busy' any more")
    assert r.session.state.id == "busy" and not r.session.ended


def test_hung_up_officer_stays_hung_up_and_the_debrief_updates(zhang_copy):
    scen, pers = zhang_copy
    old = played(scen, ["straight-to-it", "ask-reason"])
    old.end_call()
    edit(pers, OLD_EXCUSE, NEW_EXCUSE)
    r = rebuild(old, load_fresh(str(scen)))
    assert r.session.ended and r.session.outcome == old.outcome
    assert NEW_EXCUSE in r.session.turns[-1].debtor_line


def _journaled(scen: Path, folder: Path, choices: list[str]) -> JournaledCall:
    call = JournaledCall.start(str(scen), seed=1, folder=folder)
    for rid in choices:
        call.choose(rid)
    return call


def test_broken_save_keeps_the_old_call_and_its_journal(zhang_copy, tmp_path):
    scen, pers = zhang_copy
    call = _journaled(scen, tmp_path / "s", ["straight-to-it", "ask-reason"])
    before = call.session.situation()
    good = pers.read_text(encoding="utf-8")
    pers.write_text(good.replace("  - id: busy\n", "  - id: busy\n   bad: [\n"), encoding="utf-8")
    with pytest.raises(ReloadError) as exc:
        reload_call(call, [pers])
    assert exc.value.problems[0].file.endswith("zhang-wholesaler.yaml")
    assert call.session.situation() == before
    call.choose("ask-customer")  # the old call goes on, journaled as before
    assert read_transcript(call.path).choices == ["straight-to-it", "ask-reason", "ask-customer"]
    # an unknown state is an error too, in the loader's file:line:col form
    pers.write_text(good.replace("        to: excuse\n", "        to: nowhere\n", 1), encoding="utf-8")
    with pytest.raises(ReloadError) as exc:
        reload_call(call, [pers])
    assert any("nowhere" in p.message and p.file.endswith("zhang-wholesaler.yaml") for p in exc.value.problems)
    # and the next good save reloads
    pers.write_text(good.replace(OLD_EXCUSE, NEW_EXCUSE), encoding="utf-8")
    new, r = reload_call(call, [pers])
    assert r.broken is None and len(new.session.turns) == 3
    assert NEW_EXCUSE in new.session.turns[1].debtor_line


def test_reloaded_journal_has_new_hashes_and_resumes(zhang_copy, tmp_path):
    scen, pers = zhang_copy
    call = _journaled(scen, tmp_path / "s", ["straight-to-it", "ask-reason", "ask-customer"])
    old_hash = read_transcript(call.path).header.hashes["persona"]
    edit(pers, "id: ask-customer\n", "id: ask-who\n")
    new, r = reload_call(call, [pers])
    assert r.kept == 2 and new.path == call.path
    tr = read_transcript(call.path)
    assert tr.choices == ["straight-to-it", "ask-reason"] and not tr.finished
    assert tr.header.hashes["persona"] != old_hash and tr.header.reloaded_at
    new.choose("ask-who")
    resumed = JournaledCall.resume(call.path)
    assert resumed.session.situation() == new.session.situation()


def test_resume_fits_an_old_journal_to_edited_files(zhang_copy, tmp_path):
    scen, pers = zhang_copy
    call = _journaled(scen, tmp_path / "s", ["straight-to-it", "ask-reason", "ask-customer"])
    call.journal.close()
    edit(pers, "id: ask-reason\n", "id: ask-why\n")
    jc, r = resume_prefix(call.path)
    assert r.broken is not None and r.broken.turn == 2 and r.kept == 1
    assert read_transcript(call.path).choices == ["straight-to-it"]
    jc.choose("ask-why")
    assert read_transcript(call.path).choices == ["straight-to-it", "ask-why"]


def test_watch_refuses_an_assessment(zhang_copy):
    scen, pers = zhang_copy
    old = played(scen, ["straight-to-it"])
    edit(scen, "mode: practice", "mode: assessment")
    with pytest.raises(Exception, match="practice calls only"):
        rebuild(old, load_fresh(str(scen)))


def test_load_fresh_sees_a_save_that_kept_the_mtime(zhang_copy):
    scen, pers = zhang_copy
    load_scenario(scen)  # cached for this mtime
    st = pers.stat()
    text = pers.read_text(encoding="utf-8")
    same_size = text.replace("Hello, Zhang speaking.", "Hello, Zhang listening")
    assert len(same_size) == len(text)
    pers.write_text(same_size, encoding="utf-8")
    os.utime(pers, ns=(st.st_atime_ns, st.st_mtime_ns))  # a coarse-clock filesystem
    assert "Zhang listening" not in str(load_scenario(scen).persona.states[0].say)
    assert "Zhang listening" in str(load_fresh(str(scen)).persona.states[0].say)


class Clock:
    def __init__(self) -> None:
        self.t = 0.0

    def __call__(self) -> float:
        return self.t


def test_file_watch_settles_bursts_and_sees_rename(tmp_path):
    f = tmp_path / "p.yaml"
    f.write_text("a: 1\n")
    clock = Clock()
    w = FileWatch([f], settle=0.3, clock=clock)
    assert w.poll() == []
    f.write_text("a: 2\n")
    assert w.poll() == []  # just changed: wait for it to settle
    clock.t = 0.1
    f.write_text("a: 33\n")  # a burst of saves
    assert w.poll() == []
    clock.t = 0.3
    assert w.poll() == []  # 0.2 s since the last change
    clock.t = 0.5
    assert w.poll() == [f.resolve()]
    clock.t = 1.0
    assert w.poll() == []  # reported once
    # an editor's save: write a temp file, rename it over the original
    tmp = tmp_path / ".p.yaml.swp"
    tmp.write_text("a: 4\n")
    os.replace(tmp, f)
    assert w.poll() == []
    clock.t = 1.5
    assert w.poll() == [f.resolve()]
    # a file deleted and not put back is reported (loading it then says why)
    f.unlink()
    w.poll()
    clock.t = 2.0
    assert w.poll() == [f.resolve()]


def test_file_watch_track_keeps_baselines(tmp_path):
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text("1")
    b.write_text("1")
    w = FileWatch([a], settle=0)
    a.write_text("22")
    w.track([a, b])  # a keeps its old baseline: its change is still reported
    assert w.poll() == [a.resolve()]
    b.write_text("22")
    assert w.poll() == [b.resolve()]


def test_call_the_persona_ended_goes_on_when_the_edit_no_longer_ends_it(zhang_copy):
    scen, pers = zhang_copy
    old = played(scen, ["straight-to-it", "insult"])
    assert old.ended and old.outcome.value == "hang_up"
    edit(pers, "effects: [{var: anger, add: 6}]\n    to: hangs-up",
         "effects: [{var: anger, add: 1}]\n    to: asks-week-again")
    r = rebuild(old, load_fresh(str(scen)))
    assert r.broken is None and r.kept == 2
    assert not r.session.ended and r.session.state.id == "asks-week-again"
    assert "still at turn 3" in r.message()


def test_replies_after_a_new_ending_are_cut_and_the_call_ends(zhang_copy):
    scen, pers = zhang_copy
    old = played(scen, ["straight-to-it", "ask-reason", "ask-customer"])
    # ask-reason now makes him hang up
    edit(pers, "effects: [{var: trust, add: 1}]\n        to: excuse",
         "effects: [{var: trust, add: 1}]\n        to: hangs-up")
    r = rebuild(old, load_fresh(str(scen)))
    assert r.broken is not None and r.broken.turn == 3 and r.broken.reply == "ask-customer"
    assert "after the call now ends" in r.broken.reason
    assert r.session.ended and r.kept == 2
    assert "the call now ends at turn 2" in r.message()
