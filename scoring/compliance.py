"""Red lines and the compliance profile: auto-fails, penalties and coaching notes.

Judged as a QA reviewer judges a call (DOMAIN §4, §10): besides the tagged red lines and the
profile's own rules, every profile fails a call that speaks of the debt before the person
is confirmed as the debtor (unless they know each other), and a threatened step out of
proportion for the overdue age that the officer then drops is a false threat.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

from simulator.core.moves import DEBT_MOVES

from .checks import (
    ACCEPT_ON_SPOT,
    CONFIRM_IDENTITY,
    DISCLOSE_COLLECTION,
    DISCLOSE_DEBT_THIRD_PARTY,
    FIX_VISIT,
    is_retreat,
)
from .messages import Msg, msg, rung
from .model import Profile, Rubric, ScoringContext
from .turns import Turn

# What a red line cites: no one profile's clause but every profile's, so words a report
# says in its language.
RED_LINE_CITE = msg("cite.red_line")
THREATENED_STEP = 5  # field visit and above: a step the officer says will happen (DOMAIN §4)


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    cite: Msg | str  # a profile's clause as written; the red lines' own citation is words
    turn: int  # 0: the call as a whole (e.g. its hour)
    severity: str  # auto_fail | penalty | coach
    points: int = 0
    message: Msg | str | dict[str, str] = ""  # a code, or a profile rule's own text


class Compliance:
    """Folds over turns collecting red-line and profile findings."""

    __slots__ = ("rubric", "profile", "ctx", "findings", "flags", "disclosed", "debt_seen", "red",
                 "rules", "third_party_rule", "disclosure_rule", "by_moves", "confirmed", "right_party_rule",
                 "threat", "posture", "stage_limit", "reads_flags")

    def __init__(self, rubric: Rubric, profile: Profile, ctx: ScoringContext):
        self.rubric = rubric
        self.profile = profile
        self.ctx = ctx
        self.red = frozenset(rubric.red_lines)
        # plain tuples: this runs on every turn of every call
        self.rules = tuple(
            (r.id, r.cite, r.severity, r.points, r.after_flag, frozenset(r.moves), r.description)
            for r in profile.rules
        )
        self.reads_flags = frozenset(r.after_flag for r in profile.rules if r.after_flag)
        self.third_party_rule = not ctx.is_debtor and (
            profile.third_party_debt_talk == "never" or not ctx.third_party_informed
        )
        self.disclosure_rule = (
            profile.first_contact_disclosure and ctx.first_contact and ctx.is_debtor
        )
        self.right_party_rule = ctx.is_debtor and not ctx.knows_officer
        self.stage_limit = rubric.ceiling(ctx.days_overdue, "B")  # by overdue age alone
        self.by_moves = _by_moves_for(rubric, profile)
        self.confirmed = False
        self.threat: tuple[int, int] | None = None  # (turn, level) of an out-of-proportion threat
        self.posture = -1
        self.flags: frozenset[str] = frozenset()
        self.disclosed = False
        self.debt_seen = False
        self.findings: tuple[Finding, ...] = ()
        hours = profile.contact_hours
        if hours and not hours.allows(ctx.local_time):
            self.findings += (
                Finding(
                    "contact_hours", profile.hours_cite, 0, "auto_fail",
                    message=msg("rule.hours", time=f"{ctx.local_time:%H:%M}", start=f"{hours.start:%H:%M}",
                                end=f"{hours.end:%H:%M}", profile=profile.id),
                ),
            )

    def _sorted_moves(self, moves: frozenset[str]) -> tuple[Any, ...]:
        """What a set of moves means to this profile, worked out once per distinct set
        (a call's replies repeat, and so do the sets across calls)."""
        hit = self.by_moves.get(moves)
        if hit is None:
            red = tuple(sorted(moves & self.red))
            debt_talk = not moves.isdisjoint(DEBT_MOVES)
            rules = tuple(r for r in self.rules if not moves.isdisjoint(r[5]))
            hit = self.by_moves[moves] = (red, debt_talk, DISCLOSE_COLLECTION in moves,
                                          DISCLOSE_DEBT_THIRD_PARTY in moves, rules)
        return hit

    def observe(self, t: Turn) -> None:
        if t.pressure is not None or self.threat is not None or ACCEPT_ON_SPOT in t.moves:
            self._pressure(t)
        red, debt_talk, discloses, tells_third_party, rules = self._sorted_moves(t.moves)
        if not (red or debt_talk or discloses or rules or (CONFIRM_IDENTITY in t.moves)):
            self.flags = t.flags & self.reads_flags  # the flags a rule waits for, as of this turn
            return
        found: list[Finding] = []
        for mv in red:
            found.append(Finding(f"red_line:{mv}", RED_LINE_CITE, t.n, "auto_fail",
                                 message=msg(f"red.{mv}")))
        if debt_talk and self.right_party_rule and not self.confirmed and not self.debt_seen:
            found.append(Finding("right_party", self.profile.identity_cite, t.n, "auto_fail",
                                 message=msg("red.right_party", turn=t.n)))
        self.confirmed = self.confirmed or CONFIRM_IDENTITY in t.moves
        if debt_talk and self.third_party_rule and not tells_third_party:
            found.append(Finding("third_party", self.profile.third_party_cite, t.n, "auto_fail",
                                 message=msg("rule.third_party")))
        if discloses:
            self.disclosed = True
        if debt_talk and self.disclosure_rule and not self.debt_seen and not self.disclosed:
            found.append(Finding("first_contact_disclosure", self.profile.disclosure_cite, t.n, "auto_fail",
                                 message=msg("rule.disclosure")))
        self.debt_seen = self.debt_seen or debt_talk
        for rid, cite, severity, points, after_flag, _, description in rules:
            if after_flag and after_flag not in self.flags:
                continue
            found.append(Finding(rid, cite, t.n, severity, points, message=description))
        self.flags = t.flags & self.reads_flags
        if found:
            self.findings += tuple(found)

    def _pressure(self, t: Turn) -> None:
        """A threatened step out of proportion for the overdue age, then dropped (the next
        pressing reply is lower, or the officer retreats): a false threat (DOMAIN §4)."""
        p = t.pressure
        # a threat is set below, after this test, so any threat here came on an earlier turn;
        # no turn-number comparison: a memoised state carries another call's turn numbers
        if self.threat is not None:
            at, level = self.threat
            if (p is not None and p >= level) or FIX_VISIT in t.moves:
                self.threat = None  # restated or carried out
            elif is_retreat(t, self.posture) or p is not None or t.ending is not None:
                self.threat = None
                self.findings += (Finding("red_line:false_threat", RED_LINE_CITE, at, "auto_fail",
                                          message=msg("red.dropped_threat", turn=at, dropped=t.n, level=rung(level),
                                                      days=self.ctx.days_overdue, limit=rung(self.stage_limit))),)
        if p is not None:
            if p >= THREATENED_STEP and p > self.stage_limit and self.threat is None:
                self.threat = (t.n, p)
            self.posture = max(self.posture, p)

    def auto_fails(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "auto_fail"]

    def penalty(self) -> int:
        return sum(f.points for f in self.findings if f.severity == "penalty")

    def key(self) -> Hashable:
        return (bool(self.auto_fails()), self.penalty(), self.disclosed, self.debt_seen, self.flags,
                self.confirmed, self.threat is not None and self.threat[1], self.posture if self.threat else 0)


_BY_MOVES: dict[tuple[int, int], tuple[Rubric, Profile, dict[frozenset[str], tuple[Any, ...]]]] = {}


def _by_moves_for(rubric: Rubric, profile: Profile) -> dict[frozenset[str], tuple[Any, ...]]:
    """What a set of moves means depends only on the rubric's red lines and the profile's
    rules, so every call under the same pair shares one table."""
    key = (id(rubric), id(profile))
    hit = _BY_MOVES.get(key)
    if hit is None or hit[0] is not rubric or hit[1] is not profile:
        if len(_BY_MOVES) > 256:
            _BY_MOVES.clear()
        hit = _BY_MOVES[key] = (rubric, profile, {})
    return hit[2]
