"""No raw control character reaches the terminal from any command, and data stays data:
escapes in persona text, titles, file names and candidates' names are printed visibly, a
newline in a name forges no line or row, and CSV cells a spreadsheet would run stay text
(issue 13). Every command runs as a real process, so nothing can bypass the check."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ESCAPES, MARKUP, raw_controls

BIN = Path(sys.executable).parent / "collectsim"
EVIL = f"Eve {ESCAPES} {MARKUP}\nFORGED ROW"
FORMULA = '=HYPERLINK("http://evil.example","open me")'
VISIBLE = "\\u001b]0;PWNED\\u0007\\u001b[2J"


def cli(*args: str, stdin: str = "") -> str:
    out = subprocess.run([str(BIN), *args], input=stdin, capture_output=True, text=True,
                         env=os.environ.copy(), timeout=120)
    text = out.stdout + out.stderr
    assert "Traceback" not in text, text
    assert raw_controls(text) == [], (args, raw_controls(text), text[:2000])
    return text


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("COLLECTSIM_HOME", str(tmp_path / "home"))  # the assessor key, made here
    return f"sqlite:///{tmp_path / 'results.db'}"


def test_every_command_shows_escapes_never_sends_them(hostile_content: Path, db: str, tmp_path: Path) -> None:
    transcript = tmp_path / "call.jsonl"
    printed = [
        cli("list"),
        cli("validate", str(hostile_content)),
        cli("lint", str(hostile_content / "personas" / "evil-zhang.yaml")),
        cli("graph", "evil-zhang"),
        cli("run", "evil-call", "--policy", "expert", "--transcript", str(transcript),
            "--record", "--candidate", EVIL, "--db", db),
        cli("run", "evil-call", "--policy", "novice", "--record", "--candidate", FORMULA, "--db", db),
        cli("score", str(transcript)),
        cli("grade", str(transcript)),
        cli("play", "evil-call", "--plain", stdin="1\n1\nq\n"),
        cli("assess", "evil-call", "--candidate", EVIL, "--db", db, stdin="1\n1\n"),
        cli("verify", "--db", db),
        cli("history"),
        *(cli("report", "--format", f, "--db", db) for f in ("table", "csv", "json", "html")),
    ]
    joined = "".join(printed)
    assert VISIBLE in printed[0] and VISIBLE in printed[4] and VISIBLE in printed[8]  # shown, as text
    assert MARKUP in joined  # markup printed as written


def test_a_file_name_with_escapes_is_shown(tmp_path: Path) -> None:
    bad = tmp_path / f"evil{ESCAPES}.yaml"
    bad.write_text("id: [unclosed\n", encoding="utf-8")
    assert "evil" + VISIBLE + ".yaml:" in cli("validate", str(bad))


def test_reports_keep_names_in_their_cell(hostile_content: Path, db: str) -> None:
    """Names go in as the assessor typed them when setting the sitting; the calls are sat
    through the functions `collectsim sit` uses (reports count assessments only)."""
    from store.sittings import set_sitting, sit  # tests/store: the sitting helpers

    from simulator.store import Store, keys

    names = (EVIL, FORMULA, "+1 cmd", "@SUM(A1)", "-2+3", "TAB\there")  # a sitting trims names
    keys.create_key()
    store = Store(db)
    try:
        codes = set_sitting(store, list(names), ["evil-call"], attempts=1)
        for who in names:
            sit(store, codes[(who, 1)])
    finally:
        store.close()
    table = cli("report", "--format", "table", "--db", db)
    book = table.split("== gradebook")[1].split("\n\n")[0].splitlines()[1:]  # after its title
    assert len(book) == 1 + len(names)  # the header and one row per candidate: no forged row
    assert "FORGED ROW" not in [line.split()[0] for line in book]
    rows = list(csv.reader(io.StringIO(cli("report", "--format", "csv", "--db", db))))
    names = {r[0] for r in rows[1:7]}  # after the header row
    assert names == {"'" + FORMULA, "'+1 cmd", "'@SUM(A1)", "'-2+3", "TAB\\there",
                     f"Eve {VISIBLE} {MARKUP}\\nFORGED ROW"}
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) or cell.lstrip("-").replace(".", "").isdigit()
               for r in rows for cell in r)
