"""Red lines and the compliance profile: auto-fails, penalties and coaching notes."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

from simulator.core.moves import DEBT_MOVES, Move

from .model import Profile, Rubric, ScoringContext
from .turns import Turn

M = Move
_RED_LINE_RULES = {
    M.THREAT_VIOLENCE: "threat of violence",
    M.INSULT: "insult or obscene language",
    M.FALSE_THREAT: "false threat (arrest, jail, action not intended or not lawful)",
    M.DISCLOSE_DEBT_THIRD_PARTY: "disclosing the debt to a third party",
    M.MISSTATE_AMOUNT: "lying about the amount owed or one's authority",
    M.HARASS: "harassment",
}


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    cite: str
    turn: int  # 0: the call as a whole (e.g. its hour)
    severity: str  # auto_fail | penalty | coach
    points: int = 0
    message: str = ""
    message_zh: str = ""  # a profile rule's own Chinese wording; built-in ones: see zh.py


class Compliance:
    """Folds over turns collecting red-line and profile findings."""

    __slots__ = ("rubric", "profile", "ctx", "findings", "flags", "disclosed", "debt_seen", "red",
                 "rules", "third_party_rule", "disclosure_rule", "by_moves")

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
        self.third_party_rule = not ctx.is_debtor and (
            profile.third_party_debt_talk == "never" or not ctx.third_party_informed
        )
        self.disclosure_rule = (
            profile.first_contact_disclosure and ctx.first_contact and ctx.is_debtor
        )
        self.by_moves = _by_moves_for(rubric, profile)
        self.flags: frozenset[str] = frozenset()
        self.disclosed = False
        self.debt_seen = False
        self.findings: tuple[Finding, ...] = ()
        hours = profile.contact_hours
        if hours and not hours.allows(ctx.local_time):
            self.findings += (
                Finding(
                    "contact_hours", profile.hours_cite, 0, "auto_fail",
                    message=f"call placed at {ctx.local_time:%H:%M}, outside "
                    f"{hours.start:%H:%M}-{hours.end:%H:%M} allowed by profile '{profile.id}'",
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
            hit = self.by_moves[moves] = (red, debt_talk, M.DISCLOSE_COLLECTION in moves,
                                          M.DISCLOSE_DEBT_THIRD_PARTY in moves, rules)
        return hit

    def observe(self, t: Turn) -> None:
        red, debt_talk, discloses, tells_third_party, rules = self._sorted_moves(t.moves)
        if not (red or debt_talk or discloses or rules):
            self.flags = t.flags
            return
        found: list[Finding] = []
        for mv in red:
            found.append(Finding(f"red_line:{mv}", "red line (all profiles)", t.n, "auto_fail",
                                 message=_RED_LINE_RULES.get(mv, mv)))
        if debt_talk and self.third_party_rule and not tells_third_party:
            found.append(Finding("third_party", self.profile.third_party_cite, t.n, "auto_fail",
                                 message="discussed the debt with someone who is not the debtor"))
        if discloses:
            self.disclosed = True
        if debt_talk and self.disclosure_rule and not self.debt_seen and not self.disclosed:
            found.append(Finding("first_contact_disclosure", self.profile.disclosure_cite, t.n, "auto_fail",
                                 message="discussed the debt before saying this is an attempt to collect a debt"))
        self.debt_seen = self.debt_seen or debt_talk
        for rid, cite, severity, points, after_flag, _, description in rules:
            if after_flag and after_flag not in self.flags:
                continue
            found.append(Finding(rid, cite, t.n, severity, points, message=_text(description),
                                 message_zh=_text(description, "zh")))
        self.flags = t.flags
        if found:
            self.findings += tuple(found)

    def auto_fails(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "auto_fail"]

    def penalty(self) -> int:
        return sum(f.points for f in self.findings if f.severity == "penalty")

    def key(self) -> Hashable:
        return (bool(self.auto_fails()), self.penalty(), self.disclosed, self.debt_seen, self.flags)


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


def _text(t: object, lang: str = "en") -> str:
    from simulator.core.text import render

    return render(t, lang)  # type: ignore[arg-type]
