"""Scripted officers: expert, novice, random, or a script of reply ids.

`expert` searches the call for its best line (memoised on the call's situation, so cost
grows with distinct situations, not paths); it never uses anti-patterns or red lines.
`novice` makes the classic beginner's mistakes of DOMAIN §5. `random` picks uniformly.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

from simulator.core.moves import ANTI_PATTERN_MOVES, RED_LINE_MOVES, Move
from simulator.core.persona import Reply

from .session import Session

Policy = Callable[[Session], str]
POLICIES = ("expert", "novice", "random")


def _value(s: Session) -> tuple[int, int, int]:
    return (int(s.scorer.passed()), round(s.scorer.total() * 10), -len(s.turns))


def best_line(session: Session, budget: int = 200_000) -> tuple[list[str], tuple[int, int, int]]:
    """The highest-scoring line from here, by exhaustive memoised search."""
    memo: dict[tuple, tuple[tuple[int, int, int], list[str]]] = {}
    spent = 0

    def search(s: Session) -> tuple[tuple[int, int, int], list[str]]:
        nonlocal spent
        if s.ended:
            return _value(s), []
        key = s.situation()
        hit = memo.get(key)
        if hit is not None:
            return hit
        best: tuple[tuple[int, int, int], list[str]] | None = None
        candidates = [r for r in s.offered() if not _tainted(r)] or s.offered()
        for r in candidates:
            if spent >= budget:
                break
            spent += 1
            child = s.fork()
            child.choose(r.id)
            value, line = search(child)
            if best is None or value > best[0]:
                best = (value, [r.id, *line])
        if best is None:
            best = (_value(s), [])
        memo[key] = best
        return best

    value, line = search(session.fork(quiet=True))
    return line, value


def _tainted(r: Reply) -> bool:
    return any(m in ANTI_PATTERN_MOVES or m in RED_LINE_MOVES for m in r.moves)


def expert() -> Policy:
    plan: list[str] = []

    def choose(s: Session) -> str:
        nonlocal plan
        offered = {r.id for r in s.offered()}
        if not plan or plan[0] not in offered:
            plan, _ = best_line(s)
        return plan.pop(0)

    return choose


def novice() -> Policy:
    """Timid and eager to please: asks 'when can you pay?', doubts, decides on the spot,
    avoids pressure; never crosses a red line."""

    def rank(r: Reply) -> int:
        anti = sum(1 for m in r.moves if m in ANTI_PATTERN_MOVES)
        red = any(m in RED_LINE_MOVES for m in r.moves)
        # keen to get somewhere: does not hang up early unless a mistake comes with it
        quits = Move.CLOSE_CALL in r.moves and not anti
        return anti * 10 - (100 if red else 0) - (r.pressure or 0) - (5 if quits else 0)

    def choose(s: Session) -> str:
        offered = s.in_persona_order()
        return max(offered, key=rank).id  # max keeps the first of equals: the persona's order

    return choose


def random_policy(seed: int) -> Policy:
    rng = random.Random(f"officer:{seed}")

    def choose(s: Session) -> str:
        return rng.choice(s.offered()).id

    return choose


def scripted(ids: list[str]) -> Policy:
    queue = list(ids)

    def choose(s: Session) -> str:
        if not queue:
            raise ValueError(f"the script ran out of replies at turn {len(s.turns) + 1}")
        return queue.pop(0)

    return choose


def read_script(path: str | Path) -> list[str]:
    """A script: one reply id per line (blank lines and # comments ignored)."""
    from simulator.core.limits import current
    from simulator.core.safeio import read_content

    # content's reading rules (no FIFO, no device, bounded size); a ContentError names the file
    lines = read_content(path, str(path), current().file_bytes).decode("utf-8", "replace").splitlines()
    return [ln.split("#", 1)[0].strip() for ln in lines if ln.split("#", 1)[0].strip()]


def make_policy(name: str, seed: int) -> Policy:
    if name == "expert":
        return expert()
    if name == "novice":
        return novice()
    if name == "random":
        return random_policy(seed)
    raise ValueError(f"unknown policy {name!r}; choose one of {', '.join(POLICIES)}")


def play(session: Session, policy: Policy) -> Session:
    """Play the call to its end with a policy (turn limits and endings stop it)."""
    while not session.ended:
        session.choose(policy(session))
    return session
