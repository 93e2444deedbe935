"""Trainer mistakes get one clear message each, naming file, line and field."""

from pathlib import Path

import pytest

from simulator.core.errors import ContentError
from simulator.core.library import load_model
from simulator.core.persona import Persona

ZHANG = Path(__file__).resolve().parent.parent / "personas" / "zhang-wholesaler.yaml"


def _problems(path: Path) -> list[str]:
    with pytest.raises(ContentError) as exc:
        load_model(Persona, path)
    return [str(p) for p in exc.value.problems]


def _planted(tmp_path: Path, old: str, new: str) -> tuple[Path, int]:
    text = ZHANG.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    line = text[: text.index(new)].count("\n") + 1
    p = tmp_path / "zhang.yaml"
    p.write_text(text, encoding="utf-8")
    return p, line


def test_bundled_persona_loads():
    assert load_model(Persona, ZHANG).model.id == "zhang-wholesaler"


def test_unknown_state_names_line_field_and_suggestion(tmp_path):
    p, line = _planted(tmp_path, "to: asks-week-again", "to: asks-wek-again")
    (msg,) = _problems(p)
    assert msg.startswith(f"{p}:{line}:")
    assert "replies[3].to: unknown state 'asks-wek-again' (did you mean 'asks-week-again'?)" in msg


def test_condition_written_as_code_is_refused(tmp_path):
    p, line = _planted(tmp_path, "- when: [{var: anger, gte: 9}]", "- when: ['anger >= 9']")
    (msg,) = _problems(p)
    assert f":{line}:" in msg and "interrupts[0].when[0]" in msg
    assert "conditions are data, not code" in msg


def test_unknown_variable_in_condition(tmp_path):
    p, _ = _planted(tmp_path, "{var: pressure, gte: 5}, {var: trust, gte: 4}", "{var: presure, gte: 5}")
    (msg,) = _problems(p)
    assert "unknown variable 'presure' (did you mean 'pressure'?)" in msg


def test_unknown_field_and_bad_move(tmp_path):
    p, line = _planted(tmp_path, "moves: [confirm_identity, introduce_self]", "moves: [confirm_identiy]")
    msgs = _problems(p)
    assert any(f":{line}:" in m and "moves[0]" in m for m in msgs), msgs


def test_python_tag_is_refused(tmp_path):
    p = tmp_path / "evil.yaml"
    p.write_text("id: x\nname: !!python/object/apply:os.system ['echo pwned']\n", encoding="utf-8")
    (msg,) = _problems(p)
    assert msg.startswith(f"{p}:2:") and "refused" in msg and "python" in msg


def test_alias_bomb_is_refused(tmp_path):
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        prev = f"*a{i-1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 9)}]")
    p = tmp_path / "bomb.yaml"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (msg,) = _problems(p)
    assert "alias bomb" in msg


def test_pressure_below_ladder_floor(tmp_path):
    p, _ = _planted(tmp_path, "moves: [escalate_lawyer_letter]\n        pressure: 6", "moves: [escalate_lawyer_letter]\n        pressure: 2")
    (msg,) = _problems(p)
    assert "pressure level 6 or more" in msg


def _oracle_positions(node, path, out):
    """The reference walk over PyYAML's node tree (recursive: fine for test files)."""
    import yaml

    out.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _oracle_positions(value, (*path, key.value), out)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _oracle_positions(item, (*path, i), out)


def _oracle_duplicates(node, found):
    import yaml

    if isinstance(node, yaml.MappingNode):
        keys = set()
        for k, v in node.value:
            if k.value in keys:
                found.append((k.value, k.start_mark.line + 1, k.start_mark.column + 1))
            keys.add(k.value)
            _oracle_duplicates(v, found)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _oracle_duplicates(item, found)
    return found


def test_one_pass_yaml_builder_matches_safe_load_and_the_node_walks():
    """parse_yaml builds data, positions and duplicate keys in one loop over the events; it
    must give what yaml.safe_load and walks over PyYAML's node tree give, on every YAML
    file shipped and on the unusual corners (numbers, booleans, null, dates, int keys,
    duplicates, anchors and merge keys)."""
    import yaml

    from simulator.core.yamlfile import parse_yaml

    root_dir = Path(__file__).resolve().parent.parent
    texts = [p.read_text(encoding="utf-8") for p in sorted(root_dir.glob("**/*.yaml"))
             if ".venv" not in p.parts and "schemas" not in p.parts]
    texts += [
        "a: 1\nb: [yes, no, ~, 2.5, 2024-01-02, '7']\nc: {1: x, 2: y}\na: 3\n",
        "base: &b {x: 1, y: [1, 2]}\nother:\n  <<: *b\n  y: 3\nsame: *b\n",
        "list:\n  - {k: v, k: w}\n  - - nested\n    - 0x1F\n",
        "a: &a {p: 1}\nb: &b {p: 2, q: 2}\nc: {<<: [*a, *b], r: 3}\n",
    ]
    assert len(texts) > 40
    for text in texts:
        doc = parse_yaml(text, "t.yaml")
        assert doc.data == yaml.safe_load(text)
        if "*" in text:  # aliases: the tree shares nodes, so the walks below do not apply
            continue
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        positions: dict = {}
        _oracle_positions(root, (), positions)
        assert doc.positions == positions
        assert sorted(doc.duplicates) == sorted(_oracle_duplicates(root, []))
    assert parse_yaml(texts[-4], "t.yaml").duplicates == [("a", 4, 1)]
    aliased = parse_yaml(texts[-3], "t.yaml")
    assert aliased.positions[("same",)] == (5, 7)  # where the alias is written
    assert aliased.positions[("other", "y")] == (4, 6)
