"""Static analysis of a persona's state graph: what can reach what, and which conditions
can ever hold. No call is played here; this is the cheap half of lint."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from simulator.core.conditions import Condition
from simulator.core.persona import Interrupt, Persona, Reply
from simulator.engine.machine import replies_in


def reachable_range(p: Persona) -> dict[str, tuple[int, int]]:
    """The values each variable can ever take: its start, stretched to its bound in each
    direction some effect pushes it, plus every value an effect sets it to."""
    ups: set[str] = set()
    downs: set[str] = set()
    sets: dict[str, set[int]] = {}

    def effects(effs) -> None:
        for e in effs:
            if e.var is None:
                continue
            if e.add is not None:
                (ups if e.add > 0 else downs).add(e.var)
            if e.set is not None:
                sets.setdefault(e.var, set()).add(e.set)

    for effs in effect_lists(p):
        effects(effs)
    out: dict[str, tuple[int, int]] = {}
    for name, v in p.variables.items():
        lo, hi = (v.start, v.start) if isinstance(v.start, int) else v.start
        for x in sets.get(name, ()):
            x = min(v.max, max(v.min, x))
            lo, hi = min(lo, x), max(hi, x)
        if name in ups:
            hi = v.max
        if name in downs:
            lo = v.min
        out[name] = (lo, hi)
    return out


def effect_lists(p: Persona):
    """Every list of effects in a persona: on_enter, replies, their branches, global replies."""
    replies: list[Reply] = [r for s in p.states for r in s.replies] + list(p.global_replies)
    yield from (s.on_enter for s in p.states)
    for r in replies:
        yield r.effects
        yield from (b.effects for b in r.branches or ())


def flags_set(p: Persona) -> set[str]:
    return {e.flag for effs in effect_lists(p) for e in effs if e.flag is not None and not e.clear}


@dataclass(frozen=True)
class Bounds:
    """What a persona's data says can be true at all."""

    ranges: dict[str, tuple[int, int]]
    flags: set[str]
    states: set[str]  # states reachable from the initial one


def _interval(c: Condition) -> tuple[int, int]:
    lo, hi = -(10**9), 10**9
    if c.gte is not None:
        lo = max(lo, c.gte)
    if c.gt is not None:
        lo = max(lo, c.gt + 1)
    if c.lte is not None:
        hi = min(hi, c.lte)
    if c.lt is not None:
        hi = min(hi, c.lt - 1)
    if c.eq is not None:
        lo, hi = max(lo, c.eq), min(hi, c.eq)
    return lo, hi


def why_impossible(conds: list[Condition], b: Bounds) -> str | None:
    """Why these conditions (all must hold) can never hold together, or None."""
    if not conds:  # most replies and branches: asked thousands of times per persona
        return None
    bounds = dict(b.ranges)
    need: dict[str, bool] = {}
    for c in conds:
        if c.var is not None:
            if c.var not in bounds:
                continue
            lo0, hi0 = bounds[c.var]
            clo, chi = _interval(c)
            lo, hi = max(lo0, clo), min(hi0, chi)
            if c.ne is not None and lo == hi == c.ne:
                lo, hi = 1, 0
            if lo > hi:
                r = b.ranges[c.var]
                return (f"'{c.var}' can only be {r[0]}..{r[1]} here" if (lo0, hi0) == r
                        else f"the conditions on '{c.var}' contradict each other")
            bounds[c.var] = (lo, hi)
        elif c.flag is not None:
            if c.flag in need and need[c.flag] != c.is_:
                return f"flag '{c.flag}' must be both set and unset"
            need[c.flag] = c.is_
            if c.is_ and c.flag not in b.flags:
                return f"flag '{c.flag}' is never set by this persona"
        elif c.visited is not None:
            if c.is_ and c.visited not in b.states:
                return f"state '{c.visited}' is never reached"
        elif c.any is not None:
            reasons = [why_impossible([x], b) for x in c.any]
            if all(reasons):
                return "no alternative under `any` can hold: " + "; ".join(r for r in reasons if r)
    return None


def successors(p: Persona, state_id: str, b: Bounds | None = None) -> list[str]:
    """States one reply (and any interrupt) away; replies and branches that can never
    apply are left out when bounds are given."""
    st = p.state(state_id)
    if st.ending is not None:
        return []
    out: list[str] = []
    interrupts: list[Interrupt] | None = None  # those that can ever fire: worked out once
    for r in replies_in(p, st):
        if b is not None and why_impossible(r.when, b):
            continue
        for br in r.routes():
            if b is not None and br.when and why_impossible(br.when, b):
                continue
            out.append(br.to)
            dest = p.state(br.to)
            if dest.ending is not None or not p.interrupts:
                continue
            if interrupts is None:
                interrupts = [it for it in p.interrupts if b is None or not why_impossible(it.when, b)]
            touched = _touched([*r.effects, *br.effects, *dest.on_enter])
            out += [it.to for it in interrupts if _may_fire(it.when, touched)]
    return out


def _touched(effects) -> set[str]:
    return {e.var or e.flag for e in effects}  # type: ignore[misc]


def _may_fire(conds: list[Condition], touched: set[str]) -> bool:
    """An interrupt is checked after every turn, but it can only start to hold on a turn
    that changes what it reads (it would have fired earlier otherwise), or that moves the
    call somewhere new when it asks about visited states."""
    for c in conds:
        if c.visited is not None:
            return True
        if (c.var or c.flag) in touched:
            return True
        if c.any is not None and _may_fire(c.any, touched):
            return True
    return False


def reachable(p: Persona, b: Bounds | None = None) -> set[str]:
    seen = {p.initial}
    todo = deque([p.initial])
    while todo:
        for nxt in successors(p, todo.popleft(), b):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def can_end(p: Persona, b: Bounds | None = None) -> set[str]:
    """States from which some ending state can be reached."""
    back: dict[str, set[str]] = {s.id: set() for s in p.states}
    for s in p.states:
        for nxt in successors(p, s.id, b):
            back.setdefault(nxt, set()).add(s.id)
    done = {s.id for s in p.states if s.ending is not None}
    todo = deque(done)
    while todo:
        for prev in back.get(todo.popleft(), ()):
            if prev not in done:
                done.add(prev)
                todo.append(prev)
    return done


def bounds_for(p: Persona, starts: list | None = None) -> Bounds:
    """Ranges and flags first, then the states reachable given them (two passes: the
    reachability of a `visited` condition needs the first pass). `starts` are the
    `start:` overrides of scenarios that call this persona: a later contact may begin
    with flags set and variables moved by earlier ones."""
    ranges = reachable_range(p)
    flags = flags_set(p)
    for st in starts or ():
        flags |= set(st.flags)
        for name, value in st.variables.items():
            if name in ranges:
                v = p.variables[name]
                value = min(v.max, max(v.min, value))
                lo, hi = ranges[name]
                ranges[name] = (min(lo, value), max(hi, value))
    rough = Bounds(ranges, flags, {s.id for s in p.states})
    return Bounds(rough.ranges, rough.flags, reachable(p, rough))
