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

from .checks import Verdict
from .model import NOT_SCORED
from .scorer import Scorer
from .turns import Turn

MEMO_LIMIT = 500_000  # steps remembered before the memo starts over (memory bound)

# (moves, pressure, flags, new flags, commitment items, ending): what the checks and the
# compliance profile read of a turn besides its number (scoring/checks.py, compliance.py)
Seen = tuple[Any, ...]


def seen_of(moves: frozenset[str], pressure: int | None, flags: frozenset[str], new_flags: frozenset[str],
            commitment: dict[str, Any] | None, ending: str | None, reads: frozenset[str]) -> Seen:
    """Sets stay frozensets (they cache their hash). The one shape every memo uses: the
    explorer builds it from its own step, bulk grading from a turn record (`seen_of_record`).
    Of the flags, only those the rubric reads (`reads`: `Scorer.reads_flags`): the debtor's
    other flags (its drawn facets, the persona's own) would split one step into many."""
    return (moves, pressure, flags & reads, new_flags & reads,
            tuple(commitment.items()) if commitment else None, ending)


def seen_of_record(rec: dict[str, Any], reads: frozenset[str]) -> Seen:
    """What a turn record shows, without building the rest of the turn (the flags read
    straight into the few the rubric reads: `reads & flags` is `seen_of`'s own mask)."""
    flags, new = reads.intersection(rec.get("flags", ())), reads.intersection(rec.get("new_flags", ()))
    return seen_of(frozenset(rec["moves"]), rec.get("pressure"), flags, new, rec.get("commitment"),
                   rec.get("ending"), reads)


def scorer_for(context: dict[str, Any], start: dict[str, int] | None = None) -> tuple[Scorer, str]:
    """A fresh scorer for a transcript header's context (and the debtor's starting variables,
    when it records them), and the rubric file's hash: the one way re-scoring
    (score_transcript) and bulk grading (BulkGrader) load what they need."""
    from .library import load_profile, load_rubric
    from .model import ScoringContext

    ctx = ScoringContext.model_validate(context)
    rubric = load_rubric(ctx.rubric)
    return Scorer(rubric.model, load_profile(ctx.profile).model, ctx, start), rubric.source.sha256


class FoldMemo:
    """Fold states are numbered as they are found (hashing a scorer key - fourteen nested
    tuples - on every lookup would cost more than the lookups save): `start` is 0, and
    `step`, `ended` and `verdict` take and return these numbers."""

    def __init__(self, scorer: Scorer):
        self.start = 0
        self.reads = scorer.reads_flags  # the flags a `Seen` for this memo keeps
        self.numbers: dict[Hashable, int] = {scorer.key(): 0}
        self.snapshots: list[Scorer] = [scorer]
        self.steps: dict[tuple[int, Hashable], int] = {}
        self.verdicts: dict[int, tuple[float, bool]] = {}
        self.check_results: dict[tuple[int, Hashable], Verdict] = {}  # (check's place, its key) -> verdict

    def enter(self, scorer: Scorer) -> int:
        """The number of a scorer's state (a call explored from the middle starts there)."""
        return self._number(scorer)

    def _number(self, sc: Scorer) -> int:
        key = sc.key()
        n = self.numbers.get(key)
        if n is None:
            n = self.numbers[key] = len(self.snapshots)
            self.snapshots.append(sc)
        return n

    def step(self, state: int, seen: Hashable, turn: Callable[[], Turn]) -> int:
        """The state after a turn that shows `seen`; `turn()` builds the record on a miss."""
        hit = self.steps.get((state, seen))
        if hit is None:
            if len(self.steps) > MEMO_LIMIT:
                self.steps.clear()
            sc = self.snapshots[state].copy()
            sc.observe(turn())
            hit = self.steps[(state, seen)] = self._number(sc)
        return hit

    def ended(self, state: int, outcome: str) -> int:
        """The state once the call is recorded as ended with `outcome` (no turn carried it)."""
        seen = ("\0end", outcome)
        hit = self.steps.get((state, seen))
        if hit is None:
            sc = self.snapshots[state].copy()
            sc.outcome = outcome
            hit = self.steps[(state, seen)] = self._number(sc)
        return hit

    def outcome(self, state: int) -> str | None:
        return self.snapshots[state].outcome

    def verdict(self, state: int) -> tuple[float, bool]:
        """(total before rounding, passed) of a state. A check's verdict depends only on its
        key (the state that can change the score), and end states differ in a check or two:
        each check's verdict is asked once per key, not once per end state."""
        hit = self.verdicts.get(state)
        if hit is None:
            sc = self.snapshots[state]
            results = self.check_results
            got = []
            for i, c in enumerate(sc.checks):
                k = (i, c.key())
                v = results.get(k)
                if v is None:
                    v = results[k] = c.result()
                got.append(v)
            hit = self.verdicts[state] = sc.verdict(got)
        return hit


_SHARED: dict[tuple[int, int, str], tuple[object, object, FoldMemo]] = {}


def shared_memo(scorer: Scorer) -> FoldMemo:
    """One memo per rubric, profile and scoring context in this process: the fold is the
    same function for every persona scored under them (linting a library of personas
    under the default first call explores them all with one rubric)."""
    key = (id(scorer.rubric), id(scorer.profile), scorer.ctx.model_dump_json(exclude=set(NOT_SCORED)))
    hit = _SHARED.get(key)
    if hit is None or hit[0] is not scorer.rubric or hit[1] is not scorer.profile:
        if len(_SHARED) > 64:
            _SHARED.clear()
        fresh = Scorer(scorer.rubric, scorer.profile, scorer.ctx)
        hit = _SHARED[key] = (scorer.rubric, scorer.profile, FoldMemo(fresh))
    return hit[2]
