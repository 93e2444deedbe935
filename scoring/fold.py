"""The rubric as a memoised function from (fold state, what a turn shows) to fold state.

Scorer.key() is the part of a scorer's state that decides the score (turn numbers enter
it only as before/after facts), and a turn reaches the checks only through what `Seen`
holds. So one scoring step is a pure function (key, seen) -> key: computed once from a
stored snapshot of a scorer in that state, then looked up. The turn number is left out
of `Seen` on purpose: the same step at turn 4 or turn 9 is one step. Bulk grading shares steps across a cohort's transcripts; the explorer shares
them across every line of play it walks. Each distinct end state is scored once.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from .scorer import Scorer
from .turns import Turn

MEMO_LIMIT = 500_000  # steps remembered before the memo starts over (memory bound)

# (moves, pressure, flags, new flags, commitment items, ending): what the checks and the
# compliance profile read of a turn besides its number (scoring/checks.py, compliance.py)
Seen = tuple


def seen_of(moves: frozenset[str] | tuple, pressure: int | None, flags, new_flags,
            commitment: dict[str, Any] | None, ending: str | None) -> Seen:
    return (tuple(sorted(moves)), pressure, tuple(sorted(flags)), tuple(sorted(new_flags)),
            tuple(commitment.items()) if commitment else None, ending)


class FoldMemo:
    def __init__(self, scorer: Scorer):
        self.start: Hashable = scorer.key()
        self.snapshots: dict[Hashable, Scorer] = {self.start: scorer}
        self.steps: dict[tuple[Hashable, Hashable], Hashable] = {}
        self.verdicts: dict[Hashable, tuple[float, bool]] = {}

    def step(self, state: Hashable, seen: Hashable, turn: Callable[[], Turn]) -> Hashable:
        """The state after a turn that shows `seen`; `turn()` builds the record on a miss."""
        hit = self.steps.get((state, seen))
        if hit is None:
            if len(self.steps) > MEMO_LIMIT:
                self.steps.clear()
            sc = self.snapshots[state].copy()
            t = turn()
            sc.observe(t)
            nxt = sc.key()
            self.snapshots.setdefault(nxt, sc)
            hit = self.steps[(state, seen)] = nxt
        return hit

    def ended(self, state: Hashable, outcome: str) -> Hashable:
        """The state once the call is recorded as ended with `outcome` (no turn carried it)."""
        seen = ("\0end", outcome)
        hit = self.steps.get((state, seen))
        if hit is None:
            sc = self.snapshots[state].copy()
            sc.outcome = outcome
            nxt = sc.key()
            self.snapshots.setdefault(nxt, sc)
            hit = self.steps[(state, seen)] = nxt
        return hit

    def verdict(self, state: Hashable) -> tuple[float, bool]:
        """(total before rounding, passed) of a state."""
        hit = self.verdicts.get(state)
        if hit is None:
            sc = self.snapshots[state]
            total = sc.total()
            hit = self.verdicts[state] = (total, passed_at(sc, total))
        return hit


def passed_at(s: Scorer, total: float) -> bool:
    """Scorer.passed() without recomputing the total."""
    if s.compliance.auto_fails():
        return False
    pass_mark = s.ctx.pass_mark if s.ctx.pass_mark is not None else s.rubric.pass_mark
    return round(total) >= pass_mark and all(c.result().fraction >= 1 for c in s.checks if c.item.required)
