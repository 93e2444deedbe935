"""A scenario across draws: what each seed's debtor is, how hard it is, and whether one
line wins them all.

A seed draws the persona's facets (the real reason, the cost that bites, whether the first
story is true...) and its starting values. `rate` plays one draw: the shortest passing line
(breadth-first, so it is the shortest), how often random officers pass, and a difficulty
from both. `survey` rates N draws for `collectsim explore --draws N`: coverage per facet
value, distinct winning lines, and how often the first draw's winning line wins the others
(memorised). `seed_band` is what an assessment sitting draws from: only the draws whose
difficulty lies in the scenario's middle band, so candidates meet different debtors of
equal difficulty.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from simulator.engine.bundle import Bundle
from simulator.engine.policies import best_line, play, random_policy
from simulator.engine.session import Session, UnknownReply

from .explore import explore

RANDOM_OFFICERS = 24  # random calls per draw for its random pass rate
POOL = 16  # seeds an assessment sitting draws among
BAND = 1.0  # a draw is in the band when its difficulty is within this of the median


@dataclass(frozen=True)
class Draw:
    """One seed of a scenario, rated."""

    seed: int
    facets: dict[str, str]
    line: tuple[str, ...] | None  # the shortest passing line; None: no line passes
    random_pass: float  # share of random officers who pass

    @property
    def winnable(self) -> bool:
        return self.line is not None

    @property
    def difficulty(self) -> float:
        """Turns the shortest pass needs, less what luck alone gives (a random officer's
        pass rate, in tenths); an unwinnable draw is off the scale."""
        if self.line is None:
            return float("inf")
        return len(self.line) - 10 * self.random_pass

    def to_json(self) -> dict:
        return {"seed": self.seed, "facets": self.facets, "line": list(self.line) if self.line else None,
                "random_pass": self.random_pass,
                "difficulty": None if self.line is None else round(self.difficulty, 2)}


def replays_to_pass(make: Callable[[int], Session], seed: int, line: Sequence[str]) -> bool:
    """Does `line`, said word for word, pass on this seed?"""
    s = make(seed).fork(quiet=True)
    try:
        s.replay(list(line))
    except UnknownReply:
        return False
    return s.ended and s.scorer.passed()


def rate(make: Callable[[int], Session], seed: int, officers: int = RANDOM_OFFICERS,
         budget: int = 50_000) -> Draw:
    s = make(seed)
    found = explore(s, stop_at_pass=True, budget=budget, expert_budget=0)
    passed = 0
    for k in range(officers):
        passed += play(make(seed), random_policy(seed * 1000 + k)).scorer.passed()
    line = found.shortest_pass.replies if found.shortest_pass else None
    if line is None:  # situations merged without the rubric's state can hide a pass
        best, value = best_line(s, budget=budget)
        line = tuple(best) if value[0] else None
    return Draw(seed, dict(s.facets), line, passed / officers if officers else 0.0)


@dataclass
class Survey:
    label: str
    draws: list[Draw]
    # facet -> value -> [draws with it, winnable draws with it]
    coverage: dict[str, dict[str, list[int]]] = field(default_factory=dict)
    options: dict[str, list[str]] = field(default_factory=dict)  # facet -> declared values
    memorised: float = 0.0  # share of the other draws the first winnable draw's line passes

    @property
    def winning_lines(self) -> Counter:
        return Counter(d.line for d in self.draws if d.line is not None)

    def to_json(self) -> dict:
        return {"label": self.label, "draws": [d.to_json() for d in self.draws],
                "coverage": self.coverage, "distinct_winning_lines": len(self.winning_lines),
                "memorised": self.memorised}


def survey(label: str, make: Callable[[int], Session], n: int, first: int = 1,
           progress: Callable[[int], None] | None = None) -> Survey:
    draws = []
    for k in range(n):
        draws.append(rate(make, first + k))
        if progress:
            progress(k + 1)
    persona = make(first).persona
    out = Survey(label, draws, options={f: [o.id for o in facet.options] for f, facet in persona.facets.items()})
    cov: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for d in draws:
        for f, v in d.facets.items():
            cov[f][v][0] += 1
            cov[f][v][1] += d.winnable
    out.coverage = {f: {v: list(cov[f][v]) for v in out.options[f]} for f in out.options}
    model = next((d for d in draws if d.line is not None), None)
    others = [d for d in draws if d is not model]
    if model is not None and others:
        out.memorised = sum(replays_to_pass(make, d.seed, model.line) for d in others) / len(others)  # type: ignore[arg-type]
    return out


def in_band(draws: Sequence[Draw], band: float = BAND) -> list[Draw]:
    """The winnable draws whose difficulty lies within `band` of their median."""
    ok = [d for d in draws if d.winnable]
    if not ok:
        return []
    mid = statistics.median(d.difficulty for d in ok)
    return [d for d in ok if abs(d.difficulty - mid) <= band]


_RATED: dict[tuple, list[Draw]] = {}


def seed_band(bundle: Bundle, pool: int = POOL, progress: Callable[[int], None] | None = None) -> list[int]:
    """The seeds an assessment sitting draws each candidate's debtor from: the scenario's own
    seed when it pins every facet (a drill), else those among the first `pool` seeds whose
    draws are of middling difficulty (failing that, the winnable ones). Ratings are kept per
    content version for the process."""
    persona = bundle.persona
    if not persona.facets or set(persona.facets) <= set(bundle.scenario.facets):
        return [bundle.scenario.seed]
    key = (tuple(sorted(bundle.hashes().items())), pool)
    draws = _RATED.get(key)
    if draws is None:
        def make(seed: int) -> Session:
            return Session(bundle, seed=seed)

        draws = []
        for seed in range(1, pool + 1):
            draws.append(rate(make, seed))
            if progress:
                progress(seed)
        _RATED[key] = draws
    band = in_band(draws) or [d for d in draws if d.winnable] or draws
    return [d.seed for d in band]
