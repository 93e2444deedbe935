"""Numbers the debrief shows, computed by the engine (no rules here, no Textual)."""

from __future__ import annotations

from dataclasses import dataclass

from scoring.messages import say
from simulator.core.text import render
from simulator.engine.mood import MOOD_LABELS, mood_of
from simulator.engine.session import Session


@dataclass(frozen=True)
class Road:
    reply_id: str
    text: str
    chosen: bool
    total: float
    total_before: float
    peak: int | None
    ceiling: int  # the highest pressure level this debtor's stage allows
    mood: str
    fails: tuple[str, ...] = ()  # the red lines this reply crosses: it fails the call


def mood_label(mood: str, lang: str) -> str:
    return MOOD_LABELS.get(mood, {}).get(lang, mood)


def before_turn(s: Session, n: int) -> Session:
    """The call as it stood just before turn n, rebuilt from scratch with the same seed."""
    fresh = Session(s.bundle, seed=s.seed, lang=s.lang, facets=s.facets)
    return fresh.replay([t.reply for t in s.turns[: n - 1]])


def roads(s: Session, n: int) -> list[Road]:
    """Every reply on offer at turn n and what it would have done at once, red lines
    included: a reply that crosses one fails the call whatever its score."""
    base = before_turn(s, n)
    chosen = s.turns[n - 1].reply
    before = base.scorer.total()
    out = []
    for r in base.offered():
        _, other = base.preview(r.id)
        live = other.live()
        fails = tuple(say(f.message, s.lang)
                      for f in other.scorer.compliance.auto_fails() if f.turn == n)
        out.append(Road(r.id, base.say(r), r.id == chosen, other.scorer.total(),
                        before, live.peak, live.ceiling, mood_label(other.mood(), s.lang), fails))
    return out


def mood_series(s: Session) -> list[str]:
    """The debtor's visible mood after each turn."""
    out = []
    for t in s.turns:
        override = s.persona.state(t.state_after).mood
        out.append(render(override, s.lang) if override is not None
                   else mood_label(mood_of(t.variables), s.lang))
    return out
