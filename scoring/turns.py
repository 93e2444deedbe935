"""The turn record: one officer reply and the debtor's answer, as the rubric reads it.

The engine writes these; transcripts store them as JSON Lines; the rubric folds over them.
"""

from __future__ import annotations

import json
from collections.abc import Container, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Turn:
    n: int
    state_before: str
    state_after: str
    reply: str
    moves: frozenset[str]
    pressure: int | None
    flags: frozenset[str] = frozenset()  # all flags after the turn
    new_flags: frozenset[str] = frozenset()  # flags this turn set
    commitment: dict[str, Any] | None = None  # entered state's commitment, if any
    ending: str | None = None  # outcome, when the call ended on this turn
    variables: dict[str, int] = field(default_factory=dict)
    officer_line: str = ""
    debtor_line: str = ""
    offered: tuple[str, ...] = ()
    events: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "type": "turn",
            "turn": self.n,
            "state_before": self.state_before,
            "state_after": self.state_after,
            "reply": self.reply,
            "moves": sorted(self.moves),
            "pressure": self.pressure,
            "flags": sorted(self.flags),
            "new_flags": sorted(self.new_flags),
            "commitment": self.commitment,
            "ending": self.ending,
            "variables": self.variables,
            "officer_line": self.officer_line,
            "debtor_line": self.debtor_line,
            "offered": list(self.offered),
            "events": list(self.events),
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Turn:
        return cls(
            n=d["turn"],
            state_before=d["state_before"],
            state_after=d["state_after"],
            reply=d["reply"],
            moves=frozenset(d["moves"]),
            pressure=d.get("pressure"),
            flags=frozenset(d.get("flags", ())),
            new_flags=frozenset(d.get("new_flags", ())),
            commitment=d.get("commitment"),
            ending=d.get("ending"),
            variables=d.get("variables", {}),
            officer_line=d.get("officer_line", ""),
            debtor_line=d.get("debtor_line", ""),
            offered=tuple(d.get("offered", ())),
            events=tuple(d.get("events", ())),
        )


def is_concrete(c: dict[str, Any] | None) -> bool:
    return bool(
        c and c.get("amount") is not None and c.get("date_kind") == "named"
        and c.get("method") not in (None, "unspecified")
    )


class TranscriptError(ValueError):
    """A transcript that cannot be read: the message names the file and line."""


def scan_records(lines: Sequence[str], name: str, known_turns: Container[str] = frozenset()
                 ) -> tuple[dict[str, Any], list[tuple[str, dict[str, Any] | None]], dict[str, Any] | None]:
    """A transcript's JSON lines split into (header, turns, end record). Each turn comes as
    (raw line, record); a line in `known_turns` (already read as a valid turn) is not parsed
    again and comes with None. A torn last line, as a crash leaves, is dropped: the turns
    before it stand."""
    header: dict[str, Any] | None = None
    end: dict[str, Any] | None = None
    turns: list[tuple[str, dict[str, Any] | None]] = []
    last = len(lines)
    for i, raw in enumerate(lines, 1):
        if raw in known_turns:
            turns.append((raw, None))
            continue
        if not raw or raw.isspace():
            continue
        try:
            rec = json.loads(raw)
        except json.JSONDecodeError as exc:
            if i == last:
                break
            raise TranscriptError(f"{name}:{i}: not JSON: {exc.msg}") from None
        except RecursionError:  # json's decoder recurses: thousands of [ are not a record
            raise TranscriptError(f"{name}:{i}: not a record: nested too deep") from None
        if not isinstance(rec, dict):
            raise TranscriptError(f"{name}:{i}: not a record: expected a JSON object")
        kind = rec.get("type")
        if kind == "turn":
            turns.append((raw, rec))
        elif kind == "header":
            header = rec
        elif kind == "end":
            end = rec
        else:
            raise TranscriptError(f"{name}:{i}: unknown record type {kind!r}")
    if header is None:
        raise TranscriptError(f"{name}:1: no header record: is this a collectsim transcript?")
    return header, turns, end
