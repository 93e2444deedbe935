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
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass, field

from scoring.fold import seen_of, shared_memo
from scoring.turns import Turn
from simulator.core.conditions import Condition
from simulator.core.persona import Outcome, Persona
from simulator.engine.compiled import ReplyPlan, StatePlan, apply_effects
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


def conditions_of(p: Persona) -> Iterator[Condition]:
    """Every condition anywhere in the persona (replies, branches, effects, lines,
    arrivals, interrupts)."""
    for s in p.states:
        for e in s.on_enter:
            yield from e.when
        for line in s.say:
            if not isinstance(line, (str, dict)):
                yield from line.when
        for r in s.replies:
            yield from _reply_conditions(r)
    for r in p.global_replies:
        yield from _reply_conditions(r)
    for it in p.interrupts:
        yield from it.when


def _reply_conditions(r) -> Iterator[Condition]:
    yield from r.when
    for e in r.effects:
        yield from e.when
    for b in r.branches or ():
        yield from b.when
        for e in b.effects:
            yield from e.when


def visited_that_matter(p: Persona) -> frozenset[str]:
    """States named by `visited:` conditions: only they make the path matter, so the
    search key keeps only them (and stays small on personas that never ask)."""
    return frozenset().union(*(c.states() for c in conditions_of(p)))


def variables_that_matter(p: Persona) -> frozenset[str]:
    """Variables some condition reads. One no condition reads cannot change what happens
    next (menus, branches, endings, scores), so two situations that differ only in it
    are the same situation to the search."""
    return frozenset().union(*(c.variables() for c in conditions_of(p)))


def situation_key(s: Session, keep: frozenset[str]) -> Hashable:
    """The first four parts of `Session.situation()`, with visited states narrowed to
    `keep`: what the explorer merges situations on."""
    m = s.model
    return (m.state, tuple(m.values.values()), frozenset(m.flags), keep.intersection(m.visited))


def _result(s: Session, line: tuple[str, ...]) -> LineResult:
    return LineResult(line, round(s.scorer.total()), s.scorer.passed(),
                      s.outcome.value if s.outcome else "?", s.model.state)


# A node of the search: (state, values, flags, visited, turns, fold, outcome); its first
# four parts are the situation it is merged on, `visited` holds only the states that
# conditions ask about, `fold` is the rubric's state (scoring.fold). Plain tuples: the
# search makes thousands per persona.
Node = tuple


class _Walker:
    """Steps a call from situation to situation on the persona's plan, as Session._play
    does but without a Session per situation, the `transitions` model or debtor lines:
    the exhaustive search makes thousands of steps per persona. tests/authoring checks
    that it agrees with the engine turn by turn."""

    def __init__(self, session: Session, keep: frozenset[str]):
        self.states = session.plan.states
        self.interrupts = session.plan.interrupts
        self.names = tuple(session.model.values)
        self.max_turns = session.max_turns
        self.keep = keep
        self.fold = shared_memo(session.scorer)
        read = variables_that_matter(session.persona)
        self.read = tuple(i for i, name in enumerate(self.names) if name in read)

    def key(self, state: str, values: tuple[int, ...], flags: frozenset[str], visited: frozenset[str]) -> tuple:
        """The situation a search merges on: hidden values only of the variables that
        conditions read, visited states only those they ask about."""
        if len(self.read) < len(values):
            values = tuple([values[i] for i in self.read])
        return (state, values, flags, visited)

    def root(self, session: Session) -> Node:
        m = session.model
        return (m.state, tuple(m.values.values()), m.flags, self.keep.intersection(m.visited),
                len(session.turns), self.fold.enter(session.scorer.copy()),
                session.outcome.value if session.outcome else None)

    def menu(self, node: Node) -> tuple[ReplyPlan, ...]:
        sp = self.states[node[0]]
        if sp.static_menu is not None:
            return sp.static_menu
        return self._offered(sp, dict(zip(self.names, node[1], strict=True)), node[2], node[3])

    @staticmethod
    def _offered(sp: StatePlan, values: dict[str, int], flags: frozenset[str], visited) -> tuple[ReplyPlan, ...]:
        if sp.static_menu is not None:
            return sp.static_menu
        return tuple(p for p in sp.replies if p.when is None or p.when(values, flags, visited))

    def step(self, node: Node, rp: ReplyPlan) -> tuple[Node, Callable[[], Hashable]]:
        """The node after `rp` (its fold left empty) and how to get the rubric's state
        there: scoring is left to the caller, who needs it only for new situations."""
        state0, vals0, flags, visited, turns, fold, _ = node
        values = dict(zip(self.names, vals0, strict=True))
        before = flags
        if rp.effects:
            flags = apply_effects(rp.effects, values, flags, visited)
        if rp.branches is not None:
            fx, to = next((fx, to) for when, fx, to in rp.branches if when is None or when(values, flags, visited))
            if fx:
                flags = apply_effects(fx, values, flags, visited)
        else:
            to = rp.to
        sp, flags, visited = self._enter(to, values, flags, visited)  # type: ignore[arg-type]
        state = sp.state
        if self.interrupts and state.ending is None:
            for when, dest, _ in self.interrupts:
                if dest != to and (when is None or when(values, flags, visited)):
                    sp, flags, visited = self._enter(dest, values, flags, visited)
                    state = sp.state
                    break
        n = turns + 1
        outcome = None
        if state.ending is not None:
            outcome = state.ending.outcome.value
        elif n >= self.max_turns:
            outcome = Outcome.TURN_LIMIT.value
        elif not self._offered(sp, values, flags, visited):
            outcome = Outcome.STUCK.value

        def score() -> Hashable:
            new = flags - before if flags is not before else frozenset()
            reply = rp.reply
            seen = seen_of(rp.moves, reply.pressure, flags, new, sp.commitment, outcome)
            return self.fold.step(fold, seen, lambda: Turn(
                n, state0, state.id, reply.id, rp.moves, reply.pressure, flags, new, sp.commitment, outcome))

        return (state.id, tuple(values.values()), flags, visited, n, None, outcome), score

    def _enter(self, to: str, values: dict[str, int], flags: frozenset[str],
               visited: frozenset[str]) -> tuple[StatePlan, frozenset[str], frozenset[str]]:
        sp = self.states[to]
        if to in self.keep:
            visited = visited | {to}
        if sp.on_enter:
            flags = apply_effects(sp.on_enter, values, flags, visited)
        return sp, flags, visited

    def verdict(self, node: Node) -> tuple[int, bool]:
        total, passed = self.fold.verdict(node[5])
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
    keep = visited_that_matter(p)
    out = Exploration(p.id, coverage={s.id: 0 for s in p.states})
    walk = _Walker(session, keep)
    root = walk.root(session)
    rkey = walk.key(*root[:4])
    if exact:
        rkey = (*rkey, root[4], root[5])
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
        state = node[0]
        coverage[state] = coverage.get(state, 0) + 1
        if progress and out.situations % 500 == 0:
            progress(out.situations)
        if node[6] is not None:
            score, passed = walk.verdict(node)
            outcome = node[6]
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
        for rp in walk.menu(node):
            hit.add((state, rp.reply.id))
            child, fold_of = walk.step(node, rp)
            ckey = walk.key(*child[:4])
            if exact:
                fold = fold_of()
                ckey = (*ckey, child[4], fold)
            if ckey in parent:
                continue
            parent[ckey] = (key, rp.reply.id)
            queue.append((ckey, (*child[:5], fold if exact else fold_of(), child[6])))
    if not stop_at_pass and expert_budget and not (out.best and out.best.score >= 100 and out.best.passed):
        _with_expert(session, out, expert_budget)  # it can only raise the best, which is at the top
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
