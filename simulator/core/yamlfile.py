"""Safe YAML reading that remembers where every value sits, for precise error messages.

The data comes from `yaml.safe_load`; positions come from `yaml.compose` with the safe
loader (composition builds no Python objects). Aliases are allowed, but a file whose alias
graph expands past a limit (a "billion laughs" bomb) is refused before anything walks it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import ContentError, Problem

Path_ = tuple[str | int, ...]
# Positions come from libyaml's safe composer when installed: same marks, much faster.
_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TAGS: dict[tuple[str, tuple[bool, bool]], str] = {}


class _SafeLoader(_BASE):  # type: ignore[misc, valid-type]
    """The safe loader, remembering how plain scalars resolve: the safe loader has no path
    resolvers, so a scalar's tag depends only on its text, and content repeats its keys
    and words (the regex tests per scalar were a fifth of parsing a persona)."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is yaml.ScalarNode:
            key = (value, implicit)
            tag = _TAGS.get(key)
            if tag is None:
                if len(_TAGS) > 100_000:
                    _TAGS.clear()
                tag = _TAGS[key] = _BASE.resolve(self, kind, value, implicit)
            return tag
        return _BASE.resolve(self, kind, value, implicit)


_SAFE = _SafeLoader
MAX_EXPANDED_NODES = 200_000


def format_path(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class YamlDoc:
    """Parsed YAML data plus a map from data paths to (line, column), both 1-based."""

    def __init__(self, file: str, data: Any, positions: dict[Path_, tuple[int, int]],
                 duplicates: list[tuple[str, int, int]] | None = None):
        self.file = file
        self.data = data
        self.positions = positions
        # keys given twice in one mapping (key, line, col of the later one): YAML keeps the
        # last without a word, so the data alone cannot tell
        self.duplicates = duplicates or []

    def where(self, path: Path_) -> tuple[int, int]:
        """Position of the deepest part of `path` that exists in the file."""
        for n in range(len(path), -1, -1):
            pos = self.positions.get(tuple(path[:n]))
            if pos:
                return pos
        return (1, 1)

    def problem(self, path: Path_, message: str, severity: str = "error") -> Problem:
        line, col = self.where(path)
        return Problem(self.file, line, col, format_path(path), message, severity)


def _expanded_size(root: yaml.Node) -> int:
    """Nodes the document would have with every alias expanded, computed without expanding."""
    memo: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, ready = stack.pop()
        if id(node) in memo:
            continue
        children: list[yaml.Node] = []
        if isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        elif isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        if ready:
            total = 1 + sum(memo[id(c)] for c in children)
            memo[id(node)] = min(total, MAX_EXPANDED_NODES + 1)
        else:
            stack.append((node, True))
            stack.extend((c, False) for c in children if id(c) not in memo)
    return memo[id(root)]


def _positions(node: yaml.Node, path: Path_, out: dict[Path_, tuple[int, int]], seen: set[int]) -> None:
    out.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
    if id(node) in seen:  # an alias: its positions are recorded where it was defined
        return
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                _positions(value, (*path, key.value), out, seen)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _positions(item, (*path, i), out, seen)


_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"


class _Unusual(Exception):
    """The document uses something the one-pass builder leaves to the safe constructor."""


def _build(node: yaml.Node, path: Path_, positions: dict[Any, Any], duplicates: list[Any],
           scalars: Any) -> Any:
    """The data `SafeConstructor` would build, plus positions and duplicate keys, in one
    walk of the node tree (the constructor's generic machinery and the two extra walks
    cost more than the parse). Plain maps, lists and strings are built here; other
    scalars (numbers, booleans, null, dates) by the safe constructor itself; anything
    else - other tags, merge keys, shared (aliased) nodes - raises _Unusual."""
    positions.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
    cls = node.__class__
    if cls is yaml.ScalarNode:
        return node.value if node.tag == _STR else scalars.construct_object(node)
    if cls is yaml.MappingNode and node.tag == _MAP:
        out: dict[Any, Any] = {}
        for k, v in node.value:
            if k.__class__ is not yaml.ScalarNode or k.tag not in (_STR, "tag:yaml.org,2002:int"):
                raise _Unusual
            key = k.value if k.tag == _STR else scalars.construct_object(k)
            if key in out:
                duplicates.append((k.value, k.start_mark.line + 1, k.start_mark.column + 1))
            out[key] = _build(v, (*path, k.value), positions, duplicates, scalars)
        return out
    if cls is yaml.SequenceNode and node.tag == _SEQ:
        return [_build(item, (*path, i), positions, duplicates, scalars) for i, item in enumerate(node.value)]
    raise _Unusual


def _duplicate_keys(root: yaml.Node) -> list[tuple[str, int, int]]:
    found = []
    todo, seen = [root], set()
    while todo:
        node = todo.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            keys: set[str] = set()
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode):
                    if k.value in keys:
                        found.append((k.value, k.start_mark.line + 1, k.start_mark.column + 1))
                    keys.add(k.value)
                todo.append(v)
        elif isinstance(node, yaml.SequenceNode):
            todo.extend(node.value)
    return found


def read_yaml(path: str | Path, display: str | None = None) -> YamlDoc:
    """Read one YAML file safely; raise ContentError naming file, line and column."""
    file = display or str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError([Problem(file, 1, 1, "", f"cannot read file: {exc}")]) from None
    return parse_yaml(text, file)


def parse_yaml(text: str, file: str) -> YamlDoc:
    try:
        root = yaml.compose(text, Loader=_SAFE)
        if root is None:
            raise ContentError([Problem(file, 1, 1, "", "the file is empty")])
        # an alias needs an anchor (`&name`): without one the file cannot expand
        if "&" in text and _expanded_size(root) > MAX_EXPANDED_NODES:
            raise ContentError(
                [
                    Problem(
                        file, 1, 1, "",
                        f"refused: YAML aliases expand this file past {MAX_EXPANDED_NODES:,} "
                        "nodes (an alias bomb?); write the content out instead",
                    )
                ]
            )
        positions: dict[Path_, tuple[int, int]] = {}
        duplicates: list[tuple[str, int, int]] = []
        try:
            if "&" in text:  # anchors: aliased nodes are shared, which the builder does not do
                raise _Unusual
            data = _build(root, (), positions, duplicates, yaml.constructor.SafeConstructor())
        except _Unusual:  # tags, merge keys or aliases: the full safe constructor, then the walks
            data = yaml.constructor.SafeConstructor().construct_document(root)  # = safe_load, unparsed twice
            positions, duplicates = {}, _duplicate_keys(root)
            _positions(root, (), positions, set())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        msg = exc.problem or str(exc)
        if "python/" in msg or (exc.problem and "constructor" in exc.problem):
            msg = f"refused: {msg.strip()} (only plain YAML data is allowed; no Python tags)"
        raise ContentError([Problem(file, line, col, "", msg.strip())]) from None
    except yaml.YAMLError as exc:
        raise ContentError([Problem(file, 1, 1, "", f"not valid YAML: {exc}")]) from None
    if not isinstance(data, dict):
        raise ContentError([Problem(file, 1, 1, "", "expected a mapping of fields at the top level")])
    return YamlDoc(file, data, positions, duplicates)
