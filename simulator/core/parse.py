"""Turn a YamlDoc into a validated model, mapping pydantic's errors to file positions."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .errors import ContentError, Problem
from .yamlfile import Path_, YamlDoc

M = TypeVar("M", bound=BaseModel)

_FRIENDLY = {
    "extra_forbidden": "unknown field (check the spelling; `collectsim schema` lists the fields)",
    "missing": "required field is missing",
}


def _data_path(data: Any, loc: tuple[Any, ...]) -> tuple[Path_, list[str]]:
    """Split pydantic's loc into the part that names real data and the rest (union tags)."""
    path: list[str | int] = []
    node = data
    rest: list[str] = []
    for part in loc:
        if isinstance(node, dict) and part in node or isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            path.append(part)
            node = node[part]
        else:
            rest.append(str(part))
            node = None
    return tuple(path), rest


def _message(err: ErrorDetails) -> str:
    kind = err.get("type", "")
    if kind in _FRIENDLY:
        return _FRIENDLY[kind]
    msg = str(err.get("msg", "invalid value"))
    return msg.removeprefix("Value error, ")


def validate_doc(model: type[M], doc: YamlDoc) -> M:
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        problems: list[Problem] = []
        seen: set[tuple[Path_, str]] = set()
        for err in exc.errors():
            path, rest = _data_path(doc.data, tuple(err["loc"]))
            field_tail = [r for r in rest if not any(c in r for c in "[]()-,")]
            if err.get("type") in ("missing", "extra_forbidden") and field_tail:
                path = (*path, field_tail[0])
            key = (path, err.get("type", ""))
            if path in {p for p, _ in seen}:
                continue  # one message per field: union branches repeat themselves
            seen.add(key)
            problems.append(doc.problem(path, _message(err)))
        raise ContentError(problems) from None
