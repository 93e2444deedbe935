"""Checks pydantic cannot make alone: that ids point at things that exist.

`transitions` only fails when a bad transition fires, mid-call; these checks fail at load
time instead, naming the line.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .conditions import Condition, Effect
from .persona import REQUIRED_VARIABLES, Persona, Reply

if TYPE_CHECKING:  # keeps YAML out of a start that loads content from the cache
    from .yamlfile import Path_

BUILTIN_FLAGS = frozenset({"reason_given", "inability_shown"})


class _Suggest:
    """"Did you mean" for an unknown name. Each costs a difflib scan of every known name, so
    a file with thousands of errors among hundreds of states took minutes (issue 13): a
    name is looked up once, and only the first SUGGESTIONS names get one at all."""

    SUGGESTIONS = 200

    def __init__(self) -> None:
        self.seen: dict[tuple[str, int], str] = {}

    def __call__(self, name: str, known: Iterable[str]) -> str:
        key = (name, id(known))
        if key not in self.seen:
            if len(self.seen) >= self.SUGGESTIONS:
                return ""
            close = difflib.get_close_matches(name, list(known), n=1)
            self.seen[key] = f" (did you mean '{close[0]}'?)" if close else ""
        return self.seen[key]


def persona_problems(p: Persona) -> list[tuple[Path_, str]]:
    out: list[tuple[Path_, str]] = []
    _suggest = _Suggest()
    states = {s.id for s in p.states}
    variables = set(p.variables)
    flags = set(p.flags) | BUILTIN_FLAGS

    for name in REQUIRED_VARIABLES:
        if name not in variables:
            out.append((("variables",), f"missing required variable '{name}'"))
    seen_states: set[str] = set()
    for i, s in enumerate(p.states):
        if s.id in seen_states:
            out.append((("states", i, "id"), f"duplicate state id '{s.id}'"))
        seen_states.add(s.id)
    if p.initial not in states:
        out.append((("initial",), f"unknown state '{p.initial}'{_suggest(p.initial, states)}"))

    def target(path: Path_, to: str) -> None:
        if to not in states:
            out.append((path, f"unknown state '{to}'{_suggest(to, states)}"))

    def conditions(path: Path_, conds: Iterable[Condition]) -> None:
        for k, c in enumerate(conds):
            for v in c.variables() - variables:
                out.append(((*path, k), f"unknown variable '{v}'{_suggest(v, variables)}"))
            for st in c.states() - states:
                out.append(((*path, k), f"unknown state '{st}'{_suggest(st, states)}"))
            for name, value in sorted(c.facets()):
                if name not in p.facets:
                    out.append(((*path, k), f"unknown facet '{name}'{_suggest(name, p.facets)}"))
                elif value not in (known := [o.id for o in p.facets[name].options]):
                    out.append(((*path, k), f"facet '{name}' has no value '{value}'{_suggest(value, known)}"))
            for f in _flags_of(c) - flags:
                out.append(((*path, k), f"undeclared flag '{f}'{_suggest(f, flags)}; list it under `flags`"))

    def effects(path: Path_, effs: Iterable[Effect]) -> None:
        for k, e in enumerate(effs):
            if e.var is not None and e.var not in variables:
                out.append(((*path, k, "var"), f"unknown variable '{e.var}'{_suggest(e.var, variables)}"))
            if e.flag is not None and e.flag not in flags:
                out.append(((*path, k, "flag"), f"undeclared flag '{e.flag}'{_suggest(e.flag, flags)}; list it under `flags`"))
            conditions((*path, k, "when"), e.when)

    def reply(path: Path_, r: Reply) -> None:
        conditions((*path, "when"), r.when)
        effects((*path, "effects"), r.effects)
        if r.to is not None:
            target((*path, "to"), r.to)
        for b, br in enumerate(r.branches or ()):
            target((*path, "branches", b, "to"), br.to)
            conditions((*path, "branches", b, "when"), br.when)
            effects((*path, "branches", b, "effects"), br.effects)

    for i, s in enumerate(p.states):
        effects(("states", i, "on_enter"), s.on_enter)
        for j, line in enumerate(s.say):
            if not isinstance(line, (str, dict)):
                conditions(("states", i, "say", j, "when"), line.when)
        ids: set[str] = set()
        for j, r in enumerate(s.replies):
            if r.id in ids:
                out.append((("states", i, "replies", j, "id"), f"duplicate reply id '{r.id}' in state '{s.id}'"))
            ids.add(r.id)
            reply(("states", i, "replies", j), r)
        if s.ending is not None and s.replies:
            out.append((("states", i, "replies"), "an ending state offers no replies; remove them or the ending"))
    gids: set[str] = set()
    for j, r in enumerate(p.global_replies):
        if r.id in gids:
            out.append((("global_replies", j, "id"), f"duplicate reply id '{r.id}'"))
        gids.add(r.id)
        reply(("global_replies", j), r)
    for i, s in enumerate(p.states):
        if s.global_replies and not s.ending:
            for j, r in enumerate(s.replies):
                if r.id in gids:
                    out.append((("states", i, "replies", j, "id"), f"reply id '{r.id}' is also a global reply"))
    for k, it in enumerate(p.interrupts):
        conditions(("interrupts", k, "when"), it.when)
        target(("interrupts", k, "to"), it.to)
    return out


def _flags_of(c: Condition) -> set[str]:
    own = {c.flag} if c.flag else set()
    return own.union(*(_flags_of(x) for x in c.any or ()))
