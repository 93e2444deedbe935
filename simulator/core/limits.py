"""How big a content file may be: the bounds every load path enforces, and how to raise them.

Why: a YAML file is written by someone else. Without bounds a 100 MB file, an alias bomb or
ten thousand levels of brackets costs gigabytes and minutes before any error is possible.
The defaults sit far above the bundled content (the largest file is 33 KB, 2,132 values,
depth 11, 24 states, 347 characters in one text); a trainer who needs more sets
`COLLECTSIM_LIMITS` (AUTHORING.md, "Limits"), for example

    COLLECTSIM_LIMITS="file_kb=4096,nodes=500000" collectsim validate personas
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from functools import lru_cache

from .errors import ContentError, Problem

ENV = "COLLECTSIM_LIMITS"


@dataclass(frozen=True)
class Limits:
    file_kb: int = 1024  # bytes of one file, in KiB
    nodes: int = 100_000  # values in one file, every alias counted as what it expands to
    depth: int = 64  # lists and mappings inside one another
    states: int = 1_000  # states of one persona
    text: int = 20_000  # characters of one value (a line, a name, a reference)
    reference: int = 200  # characters of an id or a path that names another file

    @property
    def file_bytes(self) -> int:
        return self.file_kb * 1024


class LimitsError(ContentError):
    """COLLECTSIM_LIMITS is not a list of known `name=positive integer` pairs: reported
    like a content problem (named after the variable), so every command prints it cleanly."""

    def __init__(self, message: str) -> None:
        super().__init__([Problem(ENV, 1, 1, "", message)])


def parse(spec: str) -> Limits:
    names = {f.name for f in fields(Limits)}
    out = Limits()
    for part in filter(None, (p.strip() for p in spec.split(","))):
        name, _, value = part.partition("=")
        name = name.strip()
        if name not in names:
            raise LimitsError(f"unknown limit '{name}' (known: {', '.join(sorted(names))})")
        try:
            n = int(value)
        except ValueError:
            n = 0
        if n <= 0:
            raise LimitsError(f"{name} needs a positive whole number, not '{value.strip()}'")
        out = replace(out, **{name: n})
    return out


@lru_cache(maxsize=4)
def _parsed(spec: str) -> Limits:
    return parse(spec)


def current() -> Limits:
    """The limits in force: the defaults, raised or lowered by COLLECTSIM_LIMITS."""
    return _parsed(os.environ.get(ENV, ""))


def token() -> str:
    """Names the limits in force, for cache keys: content accepted under other limits is
    checked again."""
    return repr(current())
