from __future__ import annotations

import random
import shutil
import socket
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


# Hostile text of issue 13: a window-title and a clear-screen escape, and Textual markup
# that crashed screens (`[/bold]`, `[/]`) or acted when clicked (`[@click=app.quit]`).
ESCAPES = "\x1b]0;PWNED\x07\x1b[2J"
MARKUP = "[/bold] oops [@click=app.quit]click[/]"


def raw_controls(text: str) -> list[str]:
    """Control characters in output other than layout (newline, tab, CR before LF)."""
    import re

    return re.findall(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)", text)


@pytest.fixture
def hostile_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user folder (on COLLECTSIM_PATH) holding scenario `evil-call` on persona `evil-zhang`:
    the worked call with escapes and markup in the persona's name, first line, first reply,
    the mood of its first two states and the scenario's title. Returns the folder."""
    esc = ESCAPES.replace("\x1b", "\\e").replace("\x07", "\\a")  # YAML's double-quoted escapes
    root = tmp_path / "hostile"
    (root / "personas").mkdir(parents=True)
    (root / "scenarios").mkdir()
    p = (ROOT / "personas" / "zhang-wholesaler.yaml").read_text(encoding="utf-8")
    for old, new in [
        ("id: zhang-wholesaler", "id: evil-zhang"),
        ("name: {en: Zhang Wei, zh: 张伟}", f'name: "Zhang {esc} {MARKUP}\\nFAKE LINE"'),
        ('  - id: answer\n    say:\n      - {en: "Hello, Zhang speaking.", zh: "喂，我是张伟。"}\n'
         '      - {en: "Yes? Zhang here, who\'s calling?", zh: "喂？我是老张，哪位？"}',
         f'  - id: answer\n    mood: "tired [/] {esc}"\n    say:\n      - "Hello{esc} {MARKUP}"'),
        ("  - id: identified\n", f'  - id: identified\n    mood: "tired [/] {esc}"\n'),
        ('en: "Mr Zhang Wei? This is Sun from Hengxin Microcredit, your loan officer."',
         f'en: "Mr Zhang{esc} {MARKUP}? This is Sun."'),
    ]:
        assert old in p, old
        p = p.replace(old, new)
    (root / "personas" / "evil-zhang.yaml").write_text(p, encoding="utf-8")
    s = (ROOT / "scenarios" / "first-call-zhang.yaml").read_text(encoding="utf-8")
    s = s.replace("id: first-call-zhang", "id: evil-call").replace("persona: zhang-wholesaler", "persona: evil-zhang")
    old = 'title: {en: "Day 1: Zhang\'s 50,000 is overdue", zh: "逾期第一天：张伟的五万元"}'
    assert old in s
    s = s.replace(old, f'title: "Day 1 {esc} {MARKUP}"')
    (root / "scenarios" / "evil-call.yaml").write_text(s, encoding="utf-8")
    monkeypatch.setenv("COLLECTSIM_PATH", str(root))
    return root


def free_port(first: int, last: int) -> int:
    """A free loopback port in [first, last) (the range a part of this suite may use), tried
    in random order: another run of the suite on the machine scans the same range."""
    for port in random.sample(range(first, last), last - first):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    pytest.fail(f"no free port in {first}-{last - 1}", pytrace=False)
