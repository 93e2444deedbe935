"""Exhaustive and random exploration of a call, for trainers checking a persona.

The exhaustive search is breadth-first over situations - the persona's state, the values
of the variables conditions read, the flags and the visited states conditions ask about
(`Session.situation()` narrowed to what can change what happens next) - each expanded
once, so the cost grows with the number of distinct situations, not the number of paths.
It steps on the persona's pre-read plan and scores through the rubric's fold memo
(scoring/fold.py); a test checks each step against the engine. Breadth-first order makes
every line it reports the shortest way to its situation. A situation reached again later
in a call is not explored again, so the score it would have there is not seen: when the
best found is below 100 the expert search (`policies.best_line`, exact over every line
without anti-patterns or red lines) also has its say, and the lowest is the lowest found
(`exact=True` searches every line's score, at many times the situations).
"""

from __future__ import annotations

import random
from collections import Counter, deque
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field

from scoring.fold import seen_of, shared_memo
from scoring.turns import Turn
from simulator.engine.compiled import ReplyPlan, variables_that_matter, visited_that_matter
from simulator.engine.policies import play, random_policy
from simulator.engine.session import Session
from simulator.engine.step import Call, Happened, menu, step

__all__ = ["explore", "line_passes", "random_calls", "situation_key", "variables_that_matter", "visited_that_matter"]

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


def situation_key(s: Session, keep: frozenset[str]) -> Hashable:
    """The first four parts of `Session.situation()`, with visited states narrowed to
    `keep`: what the explorer merges situations on."""
    c = s.call
    return (c.state, tuple(c.values.values()), c.flags, keep.intersection(c.visited))


def _result(s: Session, line: tuple[str, ...]) -> LineResult:
    return LineResult(line, round(s.scorer.total()), s.scorer.passed(),
                      s.outcome.value if s.outcome else "?", s.call.state)


# A node of the search: (call, fold) - the call state the turn step returns, and the
# rubric's state (scoring.fold) as a number of the fold memo.
Node = tuple[Call, int]


class _Search:
    """What the explorer needs around the turn step (`simulator.engine.step`): the
    situation key to merge on, and the rubric's fold memo to score each turn once."""

    def __init__(self, session: Session):
        self.plan = session.plan
        self.max_turns = session.max_turns
        self.fold = shared_memo(session.scorer)
        read = variables_that_matter(session.persona)
        self.read = tuple(i for i, name in enumerate(session.call.values) if name in read)
        self.every = len(self.read) == len(session.call.values)

    def key(self, c: Call) -> tuple:
        """The situation a search merges on: hidden values only of the variables that
        conditions read (visited states are already only those they ask about)."""
        values = tuple(c.values.values())
        if not self.every:
            values = tuple([values[i] for i in self.read])
        return (c.state, values, c.flags, c.visited)

    def root(self, session: Session) -> Node:
        return session.call, self.fold.enter(session.scorer.copy())

    def step(self, node: Node, rp: ReplyPlan) -> tuple[Call, Happened, Callable[[], int]]:
        """The call after `rp`, and how to get the rubric's state there: scoring is left
        to the caller, who needs it only for new situations."""
        call, fold = node
        nxt, h = step(self.plan, call, rp, self.max_turns)

        def fold_of() -> int:
            reply = rp.reply
            sp = h.arrived
            seen = seen_of(rp.moves, reply.pressure, nxt.flags, h.new_flags, sp.commitment, nxt.outcome,
                           self.fold.reads)
            return self.fold.step(fold, seen, lambda: Turn(
                nxt.turns, call.state, nxt.state, reply.id, rp.moves, reply.pressure, nxt.flags,
                h.new_flags, sp.commitment, nxt.outcome))

        return nxt, h, fold_of

    def verdict(self, fold: int) -> tuple[int, bool]:
        total, passed = self.fold.verdict(fold)
        return round(total), passed


def explore(
    session: Session,
    budget: int = 200_000,
    stop_at_pass: bool = False,
    progress: Progress | None = None,
    expert_budget: int = 1_000,
    exact: bool = False,
) -> Exploration:
    """Every situation reachable from `session` (which is not changed).

    `exact` merges situations only when the rubric's state agrees too: every line's
    score is then seen (the highest and lowest are exact, no expert search needed), at
    many times the situations."""
    p = session.persona
    out = Exploration(p.id, coverage={s.id: 0 for s in p.states})
    walk = _Search(session)
    root = walk.root(session)
    rkey = walk.key(root[0])
    if exact:
        rkey = (*rkey, root[0].turns, root[1])
    parent: dict[Hashable, tuple[Hashable, str] | None] = {rkey: None}
    queue: deque[tuple[Hashable, Node]] = deque([(rkey, root)])
    coverage = out.coverage
    hit = out.replies_hit

    def line_to(key: Hashable) -> tuple[str, ...]:
        ids: list[str] = []
        step = parent[key]
        while step is not None:
            key, rid = step
            ids.append(rid)
            step = parent[key]
        return tuple(reversed(ids))

    while queue:
        key, node = queue.popleft()
        out.situations += 1
        call = node[0]
        state = call.state
        coverage[state] = coverage.get(state, 0) + 1
        if progress and out.situations % 500 == 0:
            progress(out.situations)
        if call.outcome is not None:
            score, passed = walk.verdict(node[1])
            outcome = call.outcome
            out.outcomes[outcome] += 1
            better = out.best is None or (score, passed) > (out.best.score, out.best.passed)
            worse = out.worst is None or (score, passed) < (out.worst.score, out.worst.passed)
            first_pass = passed and out.shortest_pass is None
            if better or worse or first_pass or state not in out.endings:
                r = LineResult(line_to(key), score, passed, outcome, state)
                out.endings.setdefault(state, r)
                if better:
                    out.best = r
                if worse:
                    out.worst = r
                if first_pass:
                    out.shortest_pass = r
                    if stop_at_pass:
                        out.complete = False
                        break
            continue
        if len(parent) >= budget:
            out.complete = False
            continue
        for rp in menu(walk.plan.states[state], call.values, call.flags, call.visited):
            hit.add((state, rp.reply.id))
            child, _, fold_of = walk.step(node, rp)
            ckey = walk.key(child)
            if exact:
                fold = fold_of()
                ckey = (*ckey, child.turns, fold)
            if ckey in parent:
                continue
            parent[ckey] = (key, rp.reply.id)
            queue.append((ckey, (child, fold if exact else fold_of())))
    if not stop_at_pass and expert_budget and not (out.best and out.best.score >= 100 and out.best.passed):
        _with_expert(session, out, expert_budget)  # it can only raise the best, which is at the top
    return out


def line_passes(session: Session, line: Sequence[str],
                played: dict[Hashable, bool | None] | None = None) -> bool | None:
    """Whether `line`, played from `session`'s start, ends the call with a pass: stepped and
    scored as the explorer steps (the fold memo scores each turn once, so a line replayed on
    many draws costs little after the first). None when the line cannot be played as
    written there: a reply of it is not on offer, or the call ends before its last reply.

    `played` remembers verdicts by starting situation across calls: draws that start alike
    (the same situation to a search, the same rubric state) play the line alike."""
    walk = _Search(session)
    call, fold = walk.root(session)
    start = (walk.fold, walk.key(call), fold)
    if played is not None and start in played:
        return played[start]
    verdict: bool | None = None
    for rid in line:
        if call.outcome is not None:
            break
        for rp in menu(walk.plan.states[call.state], call.values, call.flags, call.visited):
            if rp.id == rid:
                break
        else:
            break
        call, _, fold_of = walk.step((call, fold), rp)
        fold = fold_of()
    else:
        verdict = call.outcome is not None and walk.verdict(fold)[1]
    if played is not None:
        played[start] = verdict
    return verdict


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
