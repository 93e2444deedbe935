"""Exhaustive and random exploration of a call, for trainers checking a persona.

The exhaustive search is breadth-first over situations - the persona's state, variable
values, flags and the visited states that conditions ask about (from
`Session.situation()`) - each expanded once, so the cost grows with the number of distinct
situations, not the number of paths. Breadth-first order makes every line it reports the
shortest way to its situation. A situation reached again later in a call is not explored
again, so the score it would have there is not seen: the highest score therefore also
comes from the expert search (`policies.best_line`, exact over every line without
anti-patterns or red lines), and the lowest is the lowest found.
"""

from __future__ import annotations

import random
from collections import Counter, deque
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

from simulator.core.conditions import Condition
from simulator.core.persona import Persona
from simulator.engine.policies import play, random_policy
from simulator.engine.session import Session

Progress = Callable[[int], None]


@dataclass(frozen=True)
class LineResult:
    """One line of play, start to end, and how it scored."""

    replies: tuple[str, ...]
    score: int
    passed: bool
    outcome: str
    end_state: str

    def to_json(self) -> dict:
        return {"replies": list(self.replies), "score": self.score, "passed": self.passed,
                "outcome": self.outcome, "end_state": self.end_state}


@dataclass
class Exploration:
    persona: str
    situations: int = 0
    complete: bool = True
    best: LineResult | None = None
    worst: LineResult | None = None
    shortest_pass: LineResult | None = None
    endings: dict[str, LineResult] = field(default_factory=dict)  # end state -> shortest line
    outcomes: Counter = field(default_factory=Counter)  # outcome -> end situations
    coverage: dict[str, int] = field(default_factory=dict)  # state -> situations in it
    replies_hit: set[tuple[str, str]] = field(default_factory=set)  # (state, reply)

    def to_json(self) -> dict:
        def j(x: LineResult | None):
            return x.to_json() if x else None

        return {
            "persona": self.persona, "situations": self.situations, "complete": self.complete,
            "best": j(self.best), "worst": j(self.worst), "shortest_pass": j(self.shortest_pass),
            "endings": {k: v.to_json() for k, v in self.endings.items()},
            "outcomes": dict(self.outcomes), "coverage": self.coverage,
            "replies_hit": sorted(f"{s}/{r}" for s, r in self.replies_hit),
        }


def visited_that_matter(p: Persona) -> frozenset[str]:
    """States named by `visited:` conditions: only they make the path matter, so the
    search key keeps only them (and stays small on personas that never ask)."""
    out: set[str] = set()

    def conds(cs: list[Condition]) -> None:
        for c in cs:
            out.update(c.states())

    for s in p.states:
        for e in s.on_enter:
            conds(e.when)
        for line in s.say:
            if not isinstance(line, (str, dict)):
                conds(line.when)
        for r in [*s.replies]:
            _reply_conds(r, conds)
    for r in p.global_replies:
        _reply_conds(r, conds)
    for it in p.interrupts:
        conds(it.when)
    return frozenset(out)


def _reply_conds(r, conds) -> None:
    conds(r.when)
    for e in r.effects:
        conds(e.when)
    for b in r.branches or ():
        conds(b.when)
        for e in b.effects:
            conds(e.when)


def situation_key(s: Session, keep: frozenset[str]) -> Hashable:
    """The first four parts of `Session.situation()`, with visited states narrowed to
    `keep`; built from the model directly, since the scorer's key is not wanted here and
    is the costly part."""
    m = s.model
    return (m.state, tuple(m.values.values()), frozenset(m.flags), keep.intersection(m.visited))


def _result(s: Session, line: tuple[str, ...]) -> LineResult:
    return LineResult(line, round(s.scorer.total()), s.scorer.passed(),
                      s.outcome.value if s.outcome else "?", s.model.state)


def explore(
    session: Session,
    budget: int = 200_000,
    stop_at_pass: bool = False,
    progress: Progress | None = None,
    expert_budget: int = 1_000,
) -> Exploration:
    """Every situation reachable from `session` (which is not changed)."""
    p = session.persona
    keep = visited_that_matter(p)
    out = Exploration(p.id, coverage={s.id: 0 for s in p.states})
    root = session.fork(quiet=True)
    rkey = situation_key(root, keep)
    parent: dict[Hashable, tuple[Hashable, str] | None] = {rkey: None}
    queue: deque[tuple[Hashable, Session]] = deque([(rkey, root)])

    def line_to(key: Hashable) -> tuple[str, ...]:
        ids: list[str] = []
        step = parent[key]
        while step is not None:
            key, rid = step
            ids.append(rid)
            step = parent[key]
        return tuple(reversed(ids))

    while queue:
        key, s = queue.popleft()
        out.situations += 1
        out.coverage[s.model.state] = out.coverage.get(s.model.state, 0) + 1
        if progress and out.situations % 500 == 0:
            progress(out.situations)
        if s.ended:
            r = _result(s, line_to(key))
            out.outcomes[r.outcome] += 1
            out.endings.setdefault(r.end_state, r)
            if out.best is None or (r.score, r.passed) > (out.best.score, out.best.passed):
                out.best = r
            if out.worst is None or (r.score, r.passed) < (out.worst.score, out.worst.passed):
                out.worst = r
            if r.passed and out.shortest_pass is None:
                out.shortest_pass = r
                if stop_at_pass:
                    out.complete = False
                    break
            continue
        if len(parent) >= budget:
            out.complete = False
            continue
        state = s.model.state
        menu = s.offered()
        for k, reply in enumerate(menu):
            out.replies_hit.add((state, reply.id))
            child = s if k == len(menu) - 1 else s.fork()  # the last reply may use up `s`
            child.choose(reply.id)
            ckey = situation_key(child, keep)
            if ckey in parent:
                continue
            parent[ckey] = (key, reply.id)
            queue.append((ckey, child))
    if not stop_at_pass and expert_budget:
        _with_expert(session, out, expert_budget)
    return out


def _with_expert(session: Session, out: Exploration, budget: int) -> None:
    """Let the expert search improve the highest score and the shortest pass (within a
    budget of expansions: on looping personas the full expert search can be long)."""
    from simulator.engine.policies import best_line

    line, _ = best_line(session, budget=budget)
    s = session.fork(quiet=True).replay(line)
    if not s.ended:
        return
    r = _result(s, tuple(line))
    if out.best is None or (r.score, r.passed) > (out.best.score, out.best.passed):
        out.best = r
    if r.passed and (out.shortest_pass is None or len(r.replies) < len(out.shortest_pass.replies)):
        out.shortest_pass = r


@dataclass
class RandomRun:
    calls: int
    states: Counter  # state -> calls that reached it
    replies: Counter  # (state, reply) -> times chosen
    scores: Counter  # score -> calls
    outcomes: Counter
    passed: int

    def to_json(self) -> dict:
        return {"calls": self.calls, "passed": self.passed, "states": dict(self.states),
                "replies": {f"{s}/{r}": n for (s, r), n in self.replies.items()},
                "scores": {str(k): v for k, v in sorted(self.scores.items())},
                "outcomes": dict(self.outcomes)}


def random_calls(make: Callable[[int], Session], n: int, seed: int = 1,
                 progress: Progress | None = None) -> RandomRun:
    """`n` calls with a uniformly random officer; call i uses seed `seed + i`, so the
    debtor's starting values vary as they would across trainees."""
    run = RandomRun(n, Counter(), Counter(), Counter(), Counter(), 0)
    rng = random.Random(seed)
    for i in range(n):
        s = make(seed + i)
        play(s, random_policy(rng.randrange(1 << 30)))
        run.states.update({s.opening.state, *(t.state_after for t in s.turns)})
        run.replies.update((t.state_before, t.reply) for t in s.turns)
        run.scores[round(s.scorer.total())] += 1
        run.outcomes[s.outcome.value if s.outcome else "?"] += 1
        run.passed += s.scorer.passed()
        if progress and (i + 1) % 50 == 0:
            progress(i + 1)
    return run
