"""The transcript format, in one place: what a call's record looks like on disk and in the db.

A transcript is JSON Lines: one `header` record (scenario, seed, language, file hashes, the
scoring context, the opening line), one `turn` record per officer reply, and an `end`
record once the call is over. The engine writes it (journal, `run --transcript`), the
store keeps it (one turn row per reply, the whole text when the attempt is sealed), the
rubric re-scores it and the gradebook reads choices and lines out of it: all of them go
through this module, so a change of format is made here and upgraded here.

Versioning: the header's `format` says which format wrote the file. `upgrade` brings the
records of an older format up to `FORMAT` (one function per step in `UPGRADES`); a file
from a newer collectsim is refused with a clear message rather than misread.

The format lives with the content models because every layer above reads it: the rubric
(turns), the engine (writing), the store and the front ends (reading).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Container, Iterable, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import IO, Any

FORMAT = 1
"""The format this collectsim writes. Raise it, and add a step to UPGRADES, whenever a
record changes shape."""

Record = dict[str, Any]

UPGRADES: dict[int, Callable[[list[Record]], list[Record]]] = {}
"""format N -> a function turning format-N records into format N+1. Format 1 is the first
format ever written, so there is no step yet."""


class CallMovedOn(Exception):
    """The record already holds this turn: the same call went on somewhere else (another
    tab, or another server on the same store). This copy must stop, not overwrite it."""


class TranscriptError(ValueError):
    """A transcript that cannot be read: the message names the file and line."""


@dataclass(slots=True)
class Turn:
    """One officer reply and the debtor's answer, as the rubric reads it."""

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

    def to_json(self) -> Record:
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
    def from_json(cls, d: Record) -> Turn:
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


@dataclass(frozen=True)
class Header:
    """What the call was played on: enough to replay it (scenario, seed, language) and to
    re-score it (the scoring context), plus the hashes of the files it was played on."""

    scenario: str
    seed: int
    lang: str
    persona: str = ""
    scenario_path: str | None = None
    mode: str = "practice"
    started_at: str = ""
    hashes: dict[str, str] = field(default_factory=dict)
    context: dict[str, Any] = field(default_factory=dict)
    opening: dict[str, Any] = field(default_factory=dict)  # state, line
    collectsim: str = ""
    format: int = FORMAT
    reloaded_at: str | None = None  # set when `play --watch` rebuilt the call
    extra: dict[str, Any] = field(default_factory=dict)  # keys this version does not know

    @property
    def ref(self) -> str:
        """Where to load the scenario from again: the file it was played on, else its id."""
        return self.scenario_path or self.scenario

    @property
    def opening_line(self) -> str:
        return str(self.opening.get("line") or "")

    @property
    def opening_variables(self) -> dict[str, int]:
        """The debtor's variables before the first reply; {} when not recorded (older
        transcripts) or not a table of whole numbers (a file is untrusted)."""
        raw = self.opening.get("variables")
        if not isinstance(raw, dict):
            return {}
        return {str(k): v for k, v in raw.items() if isinstance(v, int) and not isinstance(v, bool)}

    def to_json(self) -> Record:
        out: Record = {"type": "header", "format": self.format, "collectsim": self.collectsim,
                       "scenario": self.scenario, "scenario_path": self.scenario_path,
                       "persona": self.persona, "seed": self.seed, "lang": self.lang,
                       "mode": self.mode, "started_at": self.started_at, "hashes": self.hashes,
                       "context": self.context, "opening": self.opening}
        if self.reloaded_at is not None:
            out["reloaded_at"] = self.reloaded_at
        return {**self.extra, **out}

    @classmethod
    def from_json(cls, d: Record) -> Header:
        known = {f.name for f in fields(cls)} - {"extra"}
        kw = {k: v for k, v in d.items() if k in known and v is not None}
        extra = {k: v for k, v in d.items() if k not in known and k != "type"}
        try:
            return cls(**kw, extra=extra)
        except TypeError:
            missing = sorted({"scenario", "seed", "lang"} - kw.keys())
            raise TranscriptError(f"header lacks {', '.join(missing)}") from None


def end_record(outcome: str | None, turns: int, ended_at: str) -> Record:
    return {"type": "end", "outcome": outcome, "turns": turns, "ended_at": ended_at}


@dataclass
class Transcript:
    header: Header
    turns: list[Turn] = field(default_factory=list)
    end: Record | None = None

    @property
    def choices(self) -> list[str]:
        return [t.reply for t in self.turns]

    @property
    def finished(self) -> bool:
        return self.end is not None

    @property
    def outcome(self) -> str | None:
        return None if self.end is None else self.end.get("outcome")

    def records(self) -> list[Record]:
        out = [self.header.to_json(), *(t.to_json() for t in self.turns)]
        return out if self.end is None else [*out, self.end]


# -- writing -------------------------------------------------------------------------------

def dumps(record: Record) -> str:
    """One record as one line: compact, keeps Chinese readable."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def to_text(records: Iterable[Record]) -> str:
    return "".join(dumps(r) + "\n" for r in records)


def write_transcript(path: str | Path, records: Iterable[Record]) -> None:
    Path(path).write_text(to_text(records), encoding="utf-8")


def write_atomically(path: Path, records: Iterable[Record]) -> None:
    """Replace the file at `path` with these records, never leaving half a file behind."""
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # a call's record: private
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(to_text(records))
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


class Journal:
    """Append-only, fsynced transcript file for a call in progress: the call survives
    Ctrl-C, a closed terminal or a crash, and replaying its choices with the same seed puts
    it back exactly where it was."""

    def __init__(self, path: str | Path, fsync: bool = True):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.fsync = fsync
        self._fh: IO[str] | None = None

    def write(self, record: Record) -> None:
        if self._fh is None:  # a call's record: private to the user from its creation
            _cut_torn_tail(self.path)
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            self._fh = os.fdopen(fd, "a", encoding="utf-8")
        self._fh.write(dumps(record) + "\n")
        self._fh.flush()
        if self.fsync:
            os.fsync(self._fh.fileno())

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None


def _cut_torn_tail(path: Path) -> None:
    """A crash mid-write leaves a last line without its newline. Readers skip it; appending
    after it would glue the next record onto it and make the whole journal unreadable, so
    it is cut off before the journal is written to again (issue 17)."""
    try:
        with path.open("rb+") as fh:
            size = fh.seek(0, os.SEEK_END)
            if size == 0:
                return
            fh.seek(size - 1)
            if fh.read(1) == b"\n":
                return
            chunk = min(size, 1 << 16)
            while True:
                fh.seek(size - chunk)
                cut = fh.read(chunk).rfind(b"\n")
                if cut >= 0 or chunk == size:
                    fh.truncate(size - chunk + cut + 1 if cut >= 0 else 0)
                    fh.flush()
                    os.fsync(fh.fileno())
                    return
                chunk = min(size, chunk * 2)
    except FileNotFoundError:
        return


# -- reading -------------------------------------------------------------------------------

def upgrade(header: Record, records: list[Record], name: str) -> list[Record]:
    """`records` (everything after the header) brought from the header's format to FORMAT."""
    fmt = header.get("format", 1)
    if not isinstance(fmt, int) or fmt < 1:
        raise TranscriptError(f"{name}:1: unknown transcript format {fmt!r}")
    if fmt > FORMAT:
        raise TranscriptError(f"{name}:1: written by a newer collectsim (transcript format {fmt}; "
                              f"this one reads up to {FORMAT}): upgrade collectsim to read it")
    while fmt < FORMAT:
        records = UPGRADES[fmt](records)
        fmt += 1
    header["format"] = FORMAT
    return records


_scan_once: Callable[[str, int], tuple[Any, int]] = json.JSONDecoder().scan_once  # type: ignore[attr-defined]


def loads_line(raw: str) -> Any:
    """`json.loads` of one record line, without the two scans for whitespace around it that
    json.loads makes: this module writes none, and bulk grading parses every line of a
    practice cohort (a third of its time). Anything else (whitespace, bad JSON) goes through
    json.loads itself, which accepts it or raises its own error."""
    try:
        rec, end = _scan_once(raw, 0)
    except StopIteration:
        return json.loads(raw)
    return rec if end == len(raw) else json.loads(raw)


def scan_records(lines: Sequence[str], name: str, known_turns: Container[str] = frozenset()
                 ) -> tuple[Record, list[tuple[str, Record | None]], Record | None]:
    """A transcript's JSON lines split into (header, turns, end record), for readers that
    want the raw lines (bulk grading remembers them). Each turn comes as (raw line, record);
    a line in `known_turns` (already read as a valid turn) is not parsed again and comes
    with None. A torn last line, as a crash leaves, is dropped: the turns before it stand."""
    header: Record | None = None
    end: Record | None = None
    turns: list[tuple[str, Record | None]] = []
    last = len(lines)
    for i, raw in enumerate(lines, 1):
        if raw in known_turns:
            turns.append((raw, None))
            continue
        if not raw or raw.isspace():
            continue
        try:
            rec = loads_line(raw)
        except json.JSONDecodeError as exc:
            if i == last:
                break
            raise TranscriptError(f"{name}:{i}: not JSON: {exc.msg}") from None
        except RecursionError:  # json's decoder recurses: thousands of [ are not a record
            raise TranscriptError(f"{name}:{i}: not a record: nested too deep") from None
        kind = rec.get("type") if isinstance(rec, dict) else None
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
    if header.get("format", 1) != FORMAT:
        old = [json.loads(raw) if r is None else r for raw, r in turns]
        rest = upgrade(header, old + ([end] if end else []), name)
        turns = [(dumps(r), r) for r in rest if r.get("type") == "turn"]
        end = next((r for r in rest if r.get("type") == "end"), None)
    return header, turns, end


def parse_transcript(text: str | Sequence[str], name: str = "<transcript>") -> Transcript:
    lines = text.splitlines() if isinstance(text, str) else text
    head, turns, end = scan_records(lines, name)
    try:
        header = Header.from_json(head)
        return Transcript(header, [Turn.from_json(rec) for _, rec in turns if rec is not None], end)
    except TranscriptError as exc:
        raise TranscriptError(f"{name}: {exc}") from None
    except (KeyError, TypeError, ValueError, AttributeError) as exc:  # a record someone else wrote
        raise TranscriptError(f"{name}: a turn record lacks {exc}") from None


def read_transcript(path: str | Path) -> Transcript:
    from .errors import ContentError
    from .limits import current
    from .safeio import read_content

    p = Path(path)
    try:  # a FIFO, /dev/zero or a huge file is refused, not waited on
        text = read_content(p, str(p), current().file_bytes).decode("utf-8")
    except ContentError as exc:
        raise TranscriptError(str(exc.problems[0])) from None
    except UnicodeDecodeError:
        raise TranscriptError(f"{p}: cannot read: not UTF-8 text") from None
    return parse_transcript(text, str(p))


def read_header(text: str, name: str = "<transcript>") -> Header:
    """Only the header of a transcript (the store's in-progress attempts hold just that)."""
    first = text.split("\n", 1)[0]
    try:
        rec = json.loads(first)
    except json.JSONDecodeError as exc:
        raise TranscriptError(f"{name}:1: not JSON: {exc.msg}") from None
    except RecursionError:
        raise TranscriptError(f"{name}:1: not a record: nested too deep") from None
    if not isinstance(rec, dict) or rec.get("type") != "header":
        raise TranscriptError(f"{name}:1: no header record: is this a collectsim transcript?")
    return Header.from_json(rec)
