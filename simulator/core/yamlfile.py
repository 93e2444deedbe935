"""Safe YAML reading that remembers where every value sits, for precise error messages.

The data is what `yaml.safe_load` gives, built in one loop over the parser's events (no
node tree, no recursion): every value's position and every key given twice are recorded
on the way, and the file's limits (`limits.Limits`) are checked as it grows, so a file
nested ten thousand deep, an alias bomb or a million values is refused at the event that
crosses the line, before it costs time or memory. A value YAML cannot make (`2026-02-30`,
`!!int abc`), a tag that is not plain data (`!!python/...`) or a recursive alias is a
problem naming its line, never a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from . import limits as _limits
from .errors import ContentError, Problem
from .safeio import read_content

Path_ = tuple[str | int, ...]
# libyaml's parser when installed: same events and marks, much faster.
_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TAGS: dict[tuple[str, tuple[bool, bool]], str] = {}

_P = "tag:yaml.org,2002:"
_STR, _SEQ, _MAP, _MERGE = _P + "str", _P + "seq", _P + "map", _P + "merge"
# What a scalar may be: the YAML types that are plain data. No binary, no Python objects.
_SCALARS = {_P + t for t in ("null", "bool", "int", "float", "str", "timestamp")}
_CONSTRUCT = yaml.constructor.SafeConstructor.yaml_constructors


class _SafeLoader(_BASE):  # type: ignore[misc, valid-type]
    """The safe loader, remembering how short plain scalars resolve: the safe loader has no
    path resolvers, so a scalar's tag depends only on its text, and content repeats its keys
    and words (the regex tests per scalar were a fifth of parsing a persona)."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is yaml.ScalarNode and len(value) <= 64:
            key = (value, implicit)
            tag = _TAGS.get(key)
            if tag is None:
                if len(_TAGS) > 100_000:
                    _TAGS.clear()
                tag = _TAGS[key] = _BASE.resolve(self, kind, value, implicit)
            return tag
        return _BASE.resolve(self, kind, value, implicit)


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


def read_yaml(path: str | Path, display: str | None = None) -> YamlDoc:
    """Read one YAML file safely; raise ContentError naming file, line and column."""
    file = display or str(path)
    raw = read_content(path, file, _limits.current().file_bytes)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ContentError([Problem(file, 1, 1, "", f"cannot read file: not UTF-8 text ({exc.reason} at byte {exc.start})")]) from None
    return parse_yaml(text.replace("\r\n", "\n").replace("\r", "\n"), file)


class _Refused(Exception):
    """A problem at one event: stops the build, reported with the event's position."""

    def __init__(self, mark: Any, message: str) -> None:
        super().__init__(message)
        self.mark = mark


class _Frame:
    """A list or mapping being built: where it sits and what is pending in it."""

    __slots__ = ("value", "is_map", "path", "anchor", "first_node", "key", "key_text", "has_key",
                 "explicit", "merges")

    def __init__(self, value: Any, is_map: bool, anchor: str | None, first_node: int):
        self.value = value
        self.is_map = is_map
        self.path: Path_ = ()  # set when it is put in place
        self.anchor = anchor
        self.first_node = first_node  # the node count when it opened: its expanded size is the difference
        self.key: Any = None  # a mapping's key waiting for its value
        self.key_text: str = ""
        self.has_key = False
        self.explicit: set[Any] = set()  # the keys written so far (a mapping's)
        self.merges: list[tuple[Any, Any]] = []  # (value, mark) of `<<` keys


def parse_yaml(text: str, file: str) -> YamlDoc:
    """Parse one YAML document of plain data into a YamlDoc; any problem is a ContentError."""
    try:
        data, positions, duplicates = _Builder(text, _limits.current()).build()
    except _Refused as exc:
        line, col = (exc.mark.line + 1, exc.mark.column + 1) if exc.mark else (1, 1)
        raise ContentError([Problem(file, line, col, "", str(exc))]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise ContentError([Problem(file, line, col, "", (exc.problem or str(exc)).strip())]) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow: a position, no mark
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        raise ContentError([Problem(file, line, col, "", f"not valid YAML: {exc.reason}")]) from None
    except yaml.YAMLError as exc:
        raise ContentError([Problem(file, 1, 1, "", f"not valid YAML: {exc}")]) from None
    if data is _EMPTY:
        raise ContentError([Problem(file, 1, 1, "", "the file is empty")])
    if not isinstance(data, dict):
        raise ContentError([Problem(file, 1, 1, "", "expected a mapping of fields at the top level")])
    return YamlDoc(file, data, positions, duplicates)


_EMPTY = object()


class _Builder:
    """One pass over the events: a stack of open lists and mappings instead of recursion.

    Every event is handled in the loop itself, and every value is put in place by the one
    block at its end, without a method call each: the loop's own cost was as much as
    libyaml's parsing (lint reads every file of a library)."""

    def __init__(self, text: str, lim: _limits.Limits) -> None:
        self.text = text
        self.limits = lim
        self.positions: dict[Path_, tuple[int, int]] = {}
        self.duplicates: list[tuple[str, int, int]] = []
        self.anchors: dict[str, tuple[Any, int]] = {}  # anchor -> (value, expanded size)
        self.root: Any = _EMPTY
        self.scalars = yaml.constructor.SafeConstructor()

    def build(self) -> tuple[Any, dict[Path_, tuple[int, int]], list[tuple[str, int, int]]]:
        loader = _SafeLoader(self.text)
        lim = self.limits
        max_nodes, max_text, max_depth = lim.nodes, lim.text, lim.depth
        positions, anchors, tags = self.positions, self.anchors, _TAGS
        stack: list[_Frame] = []
        scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
        map_start, seq_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
        map_end, seq_end, doc_start = yaml.MappingEndEvent, yaml.SequenceEndEvent, yaml.DocumentStartEvent
        top: _Frame | None = None
        nodes = documents = 0
        try:
            while loader.check_event():
                event = loader.get_event()
                kind = event.__class__
                opened: _Frame | None = None
                if kind is scalar_event:
                    text = value = event.value
                    mark = event.start_mark
                    nodes += 1
                    if nodes > max_nodes:
                        self._too_many(mark)
                    if len(value) > max_text:
                        raise _Refused(mark, f"refused: a value of {len(value):,} characters, over "
                                             f"the limit of {max_text:,} (COLLECTSIM_LIMITS=text=N)")
                    tag = event.tag
                    if tag is None or tag == "!":
                        implicit = event.implicit
                        if not implicit[0]:  # quoted, or tagged `!`: text, as the resolver says
                            tag = _STR
                        else:
                            tag = tags.get((value, implicit)) if len(value) <= 64 else None
                            if tag is None:
                                tag = loader.resolve(yaml.ScalarNode, value, implicit)
                    if tag != _STR:
                        value = self._construct(tag, value, event, top)
                    if event.anchor is not None:
                        anchors[event.anchor] = (value, 1)
                elif kind is map_start or kind is seq_start:
                    mark = event.start_mark
                    nodes += 1
                    if nodes > max_nodes:
                        self._too_many(mark)
                    if len(stack) >= max_depth:
                        raise _Refused(mark, f"refused: lists and mappings nested more than {max_depth} deep "
                                             "(COLLECTSIM_LIMITS=depth=N)")
                    mapping = kind is map_start
                    tag = event.tag
                    if tag is not None and tag != "!" and tag != (_MAP if mapping else _SEQ):
                        raise _Refused(mark, _tag_refused(tag))
                    if top is not None and top.is_map and not top.has_key:
                        raise _Refused(mark, "a key must be a single value, not a list or a mapping")
                    value = {} if mapping else []
                    opened = _Frame(value, mapping, event.anchor, nodes)
                elif kind is map_end or kind is seq_end:
                    frame = stack.pop()
                    if frame.merges:
                        _merge(frame)
                    if frame.anchor is not None:
                        anchors[frame.anchor] = (frame.value, nodes - frame.first_node + 1)
                    top = stack[-1] if stack else None
                    continue
                elif kind is alias_event:
                    mark = event.start_mark
                    text = event.anchor
                    found = anchors.get(text)
                    if found is None:  # also an alias to a list or mapping still open: a cycle
                        raise _Refused(mark, f"unknown alias *{text} (define &{text} before it, "
                                             "outside what it names)")
                    value, size = found
                    nodes += size
                    if nodes > max_nodes:
                        self._too_many(mark)
                    if top is not None and top.is_map and not top.has_key and isinstance(value, (dict, list)):
                        raise _Refused(mark, "a key must be a single value, not a list or a mapping")
                else:
                    if kind is doc_start:
                        documents += 1
                        if documents > 1:
                            raise _Refused(event.start_mark, "expected a single document in the file, "
                                                             "found a second one (`---`)")
                    continue
                # -- the value in place: the root, a list's next item, a mapping's key or value
                if top is None:
                    self.root = value
                    path: Path_ = ()
                elif not top.is_map:
                    path = (*top.path, len(top.value))
                    top.value.append(value)
                elif not top.has_key:  # a key (a scalar or an alias): kept until its value comes
                    top.key, top.key_text, top.has_key = value, text, True
                    if value is not _MergeKey:
                        if value in top.explicit:
                            self.duplicates.append((text, mark.line + 1, mark.column + 1))
                        top.explicit.add(value)
                    continue
                else:
                    path = (*top.path, top.key_text)
                    top.has_key = False
                    if top.key is _MergeKey:
                        top.merges.append((value, mark))
                    else:
                        top.value[top.key] = value
                if path not in positions:
                    positions[path] = (mark.line + 1, mark.column + 1)
                if opened is not None:
                    opened.path = path
                    stack.append(opened)
                    top = opened
        finally:
            loader.dispose()
        return self.root, positions, self.duplicates

    def _too_many(self, mark: Any) -> None:
        alias = " (YAML aliases expand it: an alias bomb?)" if self.anchors else ""
        raise _Refused(mark, f"refused: more than {self.limits.nodes:,} values in one file{alias}; "
                             "raise the limit with COLLECTSIM_LIMITS=nodes=N")

    def _construct(self, tag: str, value: str, event: Any, top: _Frame | None) -> Any:
        """A scalar that is not plain text: a number, a date, null, a merge key."""
        mark = event.start_mark
        if tag == _MERGE and top is not None and top.is_map and not top.has_key:
            return _MergeKey
        if tag not in _SCALARS:
            raise _Refused(mark, _tag_refused(tag))
        node = yaml.ScalarNode(tag, value, mark, event.end_mark, event.style)
        try:
            return _CONSTRUCT[tag](self.scalars, node)
        except Exception as exc:  # 2026-02-30, hour 25, !!int abc, !!bool maybe...
            raise _Refused(mark, f"'{_short(value)}' is not a valid {tag.removeprefix(_P)}"
                                 f"{_reason(exc)}") from None


class _MergeKey:
    """The `<<` key: its value's mappings are merged into the mapping when it closes."""


def _merge(frame: _Frame) -> None:
    """YAML merge keys: keys written in the mapping win, then earlier merged mappings."""
    merged: dict[Any, Any] = {}
    for value, mark in frame.merges:
        sources = value if isinstance(value, list) else [value]
        if not sources or not all(isinstance(s, dict) for s in sources):
            raise _Refused(mark, "a merge key (<<) takes a mapping or a list of mappings")
        for source in sources:
            for k, v in source.items():
                merged.setdefault(k, v)
    target = frame.value
    rest = dict(target)
    target.clear()
    target.update({k: v for k, v in merged.items() if k not in rest})
    target.update(rest)


def _tag_refused(tag: str) -> str:
    written = "!!" + tag.removeprefix(_P) if tag.startswith(_P) else tag
    return (f"refused: the tag {_short(written)} "
            "(only plain YAML data is allowed: no Python tags, no custom or binary types)")


def _short(value: str, n: int = 40) -> str:
    return value if len(value) <= n else value[:n] + "..."


def _reason(exc: Exception) -> str:
    msg = str(exc).strip()
    return f" ({msg})" if msg and isinstance(exc, ValueError) else ""
