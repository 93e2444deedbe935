"""Every way issue 17 found to forge or hide a result, each caught by `verify` (and shown by
`report`) or made impossible. Real SQLite and PostgreSQL; the SQL is what an attacker with
database access would run."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import text

from simulator.cli.main import main
from simulator.engine import new_session
from simulator.engine.policies import make_policy, play
from simulator.store import Store, keys
from simulator.store.audit import audit
from simulator.store.db import Signer, StoreError
from simulator.store.sitting import open_sitting

from .sittings import set_sitting, sit


@pytest.fixture
def assessor(isolated_user_dir: Path) -> Path:
    path, made = keys.create_key()
    assert made
    return keys.public_path(path)


def _verify(db_url: str, *extra: str) -> tuple[int, str]:
    import contextlib
    import io

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        rc = main(["verify", "--db", db_url, *extra])
    return rc, buf.getvalue()


def _sql(store: Store, sql: str, **params) -> None:
    with store.engine.begin() as c:
        c.execute(text(sql), params)


@pytest.fixture
def pass_then_fail(db_url: str, assessor: Path) -> tuple[Store, int, int]:
    """ann passed attempt 1 and failed attempt 2 of a two-attempt sitting."""
    store = Store(db_url)
    codes = set_sitting(store, ["ann", "bob"], ["first-call-zhang"])
    [first] = sit(store, codes[("ann", 1)], "expert")
    [second] = sit(store, codes[("ann", 2)], "novice")
    sit(store, codes[("bob", 1)], "expert")
    got = {a.id: (a.total, bool(a.passed)) for a in store.attempts()}
    assert got[first] == (100, True) and got[second][1] is False
    assert _verify(db_url)[0] == 0
    return store, first, second


def test_intact_sittings_verify_with_only_the_public_key(pass_then_fail, db_url: str, assessor: Path,
                                                         tmp_path: Path) -> None:
    rc, out = _verify(db_url, "--public-key", str(assessor), "--witness", str(tmp_path / "none"))
    assert rc == 0 and "3 valid" in out and "no witness log" in out


def test_a_candidates_own_key_signs_nothing_that_verifies(pass_then_fail, db_url: str, assessor: Path,
                                                          tmp_path: Path, monkeypatch) -> None:
    """The issue's first route: the candidate's process signing with a key of its own."""
    store, _, _ = pass_then_fail
    monkeypatch.setenv("COLLECTSIM_HOME", str(tmp_path / "candidate-home"))
    keys.create_key()  # the candidate's own key pair
    forger = Store(db_url, Signer.load())
    code = set_sitting(forger, ["ann"], ["first-call-zhang"], 1, name="self-made")[("ann", 1)]
    sit(forger, code, "expert")
    rc, out = _verify(db_url, "--public-key", str(assessor),
                      "--witness", str(assessor.with_suffix(".witness.jsonl")))
    assert rc == 1
    assert "sitting 'self-made'" in out and "not the assessor's" in out
    r = audit(store, keys.load_public(assessor))
    assert sum(s == "valid" for s in r.status.values()) == 3  # the real ones only


def test_practice_records_never_count(db_url: str, assessor: Path, capsys) -> None:
    s = new_session("first-call-zhang")
    play(s, make_policy("expert", s.seed))
    assert main(["run", "first-call-zhang", "--policy", "expert", "--record", "--candidate", "X",
                 "--db", db_url]) == 0
    capsys.readouterr()
    assert main(["report", "--db", db_url, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["gradebook"] == [] and data["practice_ignored"] == 1
    store = Store(db_url)
    _sql(store, "UPDATE attempts SET mode = 'assessment'")  # passing practice off as assessment
    assert main(["report", "--db", db_url, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    [g] = data["gradebook"]
    assert g["total"] is None and g["signature"] == "unsigned"
    assert _verify(db_url)[0] == 1


def test_the_key_file_is_private_from_birth_and_never_empty(tmp_path: Path, monkeypatch) -> None:
    old = os.umask(0)
    try:
        path, made = keys.create_key(tmp_path / "k" / "assessor.key")
    finally:
        os.umask(old)
    assert made and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert keys.load_private(path).is_private
    assert not list(path.parent.glob(".*tmp"))
    empty = tmp_path / "empty.key"
    fd = os.open(empty, os.O_WRONLY | os.O_CREAT, 0o600)
    os.close(fd)
    with pytest.raises(keys.KeyProblem, match="empty or cut short"):
        keys.load_private(empty)
    short = tmp_path / "short.key"
    short.write_bytes(path.read_bytes()[:40])
    short.chmod(0o600)
    with pytest.raises(keys.KeyProblem, match="empty or cut short"):
        keys.load_private(short)
    path.chmod(0o644)
    with pytest.raises(keys.KeyProblem, match="readable by others"):
        keys.load_private(path)
    with pytest.raises(keys.KeyProblem):  # and create_key refuses it rather than keep it
        keys.create_key(path)


def test_deleting_a_later_fail_is_caught(pass_then_fail, db_url: str) -> None:
    store, _, second = pass_then_fail
    _sql(store, "DELETE FROM turns WHERE attempt_id = :i", i=second)
    _sql(store, "DELETE FROM attempts WHERE id = :i", i=second)
    rc, out = _verify(db_url)
    assert rc == 1 and f"attempt {second} (ann): witnessed, but missing" in out
    assert "code for attempt 2 was used" in out
    # the code put back as unused too: the witness still has it
    _sql(store, "UPDATE codes SET used_at = NULL")
    rc, out = _verify(db_url)
    assert rc == 1 and f"attempt {second} (ann): witnessed, but missing" in out


def test_deleting_an_earlier_attempt_breaks_the_chain_without_a_witness(pass_then_fail, db_url: str,
                                                                        assessor: Path, tmp_path: Path) -> None:
    store, first, _ = pass_then_fail
    _sql(store, "DELETE FROM turns WHERE attempt_id = :i", i=first)
    _sql(store, "DELETE FROM attempts WHERE id = :i", i=first)
    _sql(store, "UPDATE codes SET used_at = NULL")
    rc, out = _verify(db_url, "--public-key", str(assessor), "--witness", str(tmp_path / "none"))
    assert rc == 1 and "ann: attempt number 1 of 2 is missing" in out


def test_setting_a_fail_back_to_in_progress_is_caught(pass_then_fail, db_url: str) -> None:
    store, _, second = pass_then_fail
    _sql(store, "UPDATE attempts SET status = 'in_progress', jws = NULL, total = NULL, passed = NULL, "
                "report = NULL, ended_at = NULL WHERE id = :i", i=second)
    rc, out = _verify(db_url)
    assert rc == 1 and f"attempt {second}: ann" in out and "result was removed" in out
    with pytest.raises(StoreError):  # nor can it be sat again to a better end
        code_hash = store.attempts()[1].code_hash
        from simulator.store.sitting import open_claim

        open_claim(store, store.claim(code_hash, hashed=True))
    # the status alone flipped back, the signature kept
    _sql(store, "UPDATE attempts SET status = 'in_progress' WHERE id = :i", i=second)
    assert _verify(db_url)[0] == 1


def test_undoing_a_turn_and_resuming_is_refused_and_caught(db_url: str, assessor: Path) -> None:
    store = Store(db_url)
    code = set_sitting(store, ["ann"], ["first-call-zhang"], 1)[("ann", 1)]
    [aid] = sit(store, code, "expert", stop_after=4)
    _sql(store, "DELETE FROM turns WHERE attempt_id = :i AND turn = 4", i=aid)
    with pytest.raises(StoreError, match="turn 4 was played but is no longer"):
        open_sitting(store, code)
    rc, out = _verify(db_url)
    assert rc == 1 and "turn 4 was played but is missing" in out


def test_replacing_a_turn_is_caught(db_url: str, assessor: Path) -> None:
    store = Store(db_url)
    code = set_sitting(store, ["ann"], ["first-call-zhang"], 1)[("ann", 1)]
    [aid] = sit(store, code, "novice")
    row = json.loads(store.turn_texts(aid)[2])
    row["reply"] = "something-better"
    _sql(store, "UPDATE turns SET record = :r WHERE attempt_id = :i AND turn = 3",
         r=json.dumps(row, sort_keys=True, separators=(",", ":")), i=aid)
    rc, out = _verify(db_url)
    assert rc == 1 and "turn 3 is not the turn that was played" in out and "chain" in out


def test_repointing_an_attempt_to_an_easier_scenario_is_refused_and_caught(db_url: str, assessor: Path) -> None:
    store = Store(db_url)
    code = set_sitting(store, ["ann"], ["hostile-day20"], 1)[("ann", 1)]
    [aid] = sit(store, code, "expert", stop_after=2)
    [a] = store.attempts()
    easy = new_session("first-call-zhang").header()
    header = json.loads(a.transcript.splitlines()[0])
    header.update(scenario=easy["scenario"], scenario_path=easy["scenario_path"], hashes=easy["hashes"])
    _sql(store, "UPDATE attempts SET transcript = :t, scenario = 'first-call-zhang', scenario_hash = :h "
                "WHERE id = :i", t=json.dumps(header), h=easy["hashes"]["scenario"], i=aid)
    with pytest.raises(StoreError, match="does not match its sitting"):
        open_sitting(store, code)
    rc, out = _verify(db_url)
    assert rc == 1 and "changed since it began" in out and "not the scenario" in out


@pytest.mark.parametrize("swap", ["candidate", "seq", "content"])
def test_swapping_or_reordering_attempts_is_caught(pass_then_fail, db_url: str, swap: str) -> None:
    store, first, second = pass_then_fail
    if swap == "candidate":  # bob's PASS becomes ann's, ann's FAIL becomes bob's
        bob = next(a.id for a in store.attempts() if a.candidate == "bob")
        _sql(store, "UPDATE attempts SET seq = -seq WHERE id IN (:a, :b)", a=second, b=bob)
        _sql(store, "UPDATE attempts SET candidate = CASE WHEN id = :a THEN 'bob' ELSE 'ann' END, "
                    "seq = CASE WHEN id = :a THEN 1 ELSE 2 END WHERE id IN (:a, :b)", a=second, b=bob)
    elif swap == "seq":  # the FAIL first, the PASS as the latest
        _sql(store, "UPDATE attempts SET seq = -seq WHERE id IN (:a, :b)", a=first, b=second)
        _sql(store, "UPDATE attempts SET seq = CASE WHEN id = :a THEN 2 ELSE 1 END WHERE id IN (:a, :b)",
             a=first, b=second)
    else:  # the two results trade places: the PASS's score, report and transcript on the later row
        with store.engine.begin() as c:
            cols = "total, passed, report, transcript, jws"
            a = c.execute(text(f"SELECT {cols} FROM attempts WHERE id = :i"), {"i": first}).one()
            b = c.execute(text(f"SELECT {cols} FROM attempts WHERE id = :i"), {"i": second}).one()
            for row, into in ((a, second), (b, first)):
                c.execute(text("UPDATE attempts SET total = :t, passed = :p, report = :r, transcript = :x, "
                               "jws = :j WHERE id = :i"),
                          {"t": row[0], "p": row[1], "r": row[2], "x": row[3], "j": row[4], "i": into})
    rc, out = _verify(db_url)
    assert rc == 1, out
    assert "changed since" in out


@pytest.mark.parametrize("fmt", ["table", "csv", "json", "html"])
def test_reports_never_show_a_changed_result_as_valid(pass_then_fail, db_url: str, fmt: str, capsys) -> None:
    store, _, second = pass_then_fail
    _sql(store, "UPDATE attempts SET total = 100, passed = 1 WHERE id = :i", i=second)
    extra = ["--table", "signatures"] if fmt == "csv" else []
    assert main(["report", "--db", db_url, "--format", fmt, *extra]) == 0
    out = capsys.readouterr().out
    if fmt == "json":
        data = json.loads(out)
        [rec] = [r for r in data["records"] if r["attempt"] == second]
        assert rec["signature"] == "changed" and rec["total"] is None and rec["passed"] is None
        [g] = [g for g in data["gradebook"] if g["candidate"] == "ann"]
        assert g["signature"] == "changed" and g["attempts"] == 2 and g["total"] == 100  # attempt 1's
    else:
        line = next(x for x in out.splitlines() if x.startswith((f"{second} ", f"{second},", f"<tr><td class=n>{second}<")))
        assert "CHANGED" in line and "100" not in line


def test_every_attempt_is_kept_first_best_latest(pass_then_fail, db_url: str, capsys) -> None:
    assert main(["report", "--db", db_url, "--format", "json"]) == 0
    [g] = [g for g in json.loads(capsys.readouterr().out)["gradebook"] if g["candidate"] == "ann"]
    assert g["attempts"] == 2 and g["first"] == 100 and g["best"] == 100 and g["total"] < 100
    assert g["passed"] is False and g["signature"] == "valid"


def test_a_code_works_once_and_only_for_its_attempts(pass_then_fail) -> None:
    store, _, _ = pass_then_fail
    with pytest.raises(StoreError, match="no sitting has this code"):
        open_sitting(store, "AAAA-BBBB-CCCC")
    code = set_sitting(store, ["cy"], ["first-call-zhang"], 1)[("cy", 1)]
    sit(store, code)
    with pytest.raises(StoreError, match="has been used"):
        open_sitting(store, code)


def test_a_candidate_name_is_required(db_url: str, assessor: Path, capsys) -> None:
    store = Store(db_url)
    for bad in ([""], ["  "], ["ann", "ann"]):
        with pytest.raises(StoreError):
            set_sitting(store, bad, ["first-call-zhang"])
    assert main(["assess", "first-call-zhang", "--candidate", "", "--db", db_url]) == 2
    assert main(["sitting", "create", "--name", "x", "--candidate", " ", "--scenario", "first-call-zhang",
                 "--db", db_url]) == 2
    assert store.sittings() == []


def test_a_closed_sitting_shows_any_deletion_to_anyone_with_the_public_key(
        pass_then_fail, db_url: str, assessor: Path, tmp_path: Path, capsys) -> None:
    """Without the witness log, a deleted last attempt leaves no gap in any chain; once the
    assessor closes the sitting, its signed seal lists every attempt it held."""
    store, _, second = pass_then_fail
    [sid] = [s.id for s in store.sittings()]
    assert main(["sitting", "close", sid, "--db", db_url]) == 0
    assert "3 attempts sealed, 3 of them finished" in capsys.readouterr().out
    only_public = ["--public-key", str(assessor), "--witness", str(tmp_path / "none")]
    assert _verify(db_url, *only_public)[0] == 0
    _sql(store, "DELETE FROM turns WHERE attempt_id = :i", i=second)
    _sql(store, "DELETE FROM attempts WHERE id = :i", i=second)
    _sql(store, "UPDATE codes SET used_at = NULL")
    rc, out = _verify(db_url, *only_public)
    assert rc == 1 and f"attempt {second} (ann) of closed sitting 'cohort A': missing" in out
    code = set_sitting(store, ["dee"], ["first-call-zhang"], 1, name="later")[("dee", 1)]
    sit(store, code)
    with pytest.raises(StoreError, match="closed"):  # and a closed sitting opens nothing
        bob2 = [c for c in store.codes() if c.candidate == "bob" and c.slot == 2][0]
        open_sitting_hashed(store, bob2.code_hash)


def open_sitting_hashed(store: Store, h: str):
    from simulator.store.sitting import open_claim

    return open_claim(store, store.claim(h, hashed=True))
