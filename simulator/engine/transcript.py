"""Transcripts as JSON Lines: a header, one record per turn, an end record.

The journal writes each record as it happens and syncs it to disk, so a call survives
Ctrl-C, a closed terminal or a crash; replaying its choices with the same seed puts the
call back exactly where it was.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from scoring.turns import TranscriptError, Turn, scan_records

__all__ = ["Journal", "Transcript", "TranscriptError", "dumps", "parse_transcript", "read_transcript"]


@dataclass
class Transcript:
    header: dict[str, Any]
    turns: list[Turn] = field(default_factory=list)
    end: dict[str, Any] | None = None

    @property
    def choices(self) -> list[str]:
        return [t.reply for t in self.turns]

    @property
    def finished(self) -> bool:
        return self.end is not None


def dumps(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def parse_transcript(lines: list[str] | str, name: str = "<transcript>") -> Transcript:
    if isinstance(lines, str):
        lines = lines.splitlines()
    header, turns, end = scan_records(lines, name)
    try:
        return Transcript(header, [Turn.from_json(rec) for _, rec in turns if rec is not None], end)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:  # a record someone else wrote
        raise TranscriptError(f"{name}: a turn record is not one collectsim writes "
                              f"({type(exc).__name__}: {exc})") from None


def read_transcript(path: str | Path) -> Transcript:
    from simulator.core.errors import ContentError
    from simulator.core.limits import current
    from simulator.core.safeio import read_content

    p = Path(path)
    try:  # a FIFO, /dev/zero or a huge file is refused, not waited on
        text = read_content(p, str(p), current().file_bytes).decode("utf-8")
    except ContentError as exc:
        raise TranscriptError(str(exc.problems[0])) from None
    except UnicodeDecodeError:
        raise TranscriptError(f"{p}: cannot read: not UTF-8 text") from None
    return parse_transcript(text, str(p))


class Journal:
    """Append-only, fsynced transcript file for a call in progress."""

    def __init__(self, path: str | Path, fsync: bool = True):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.fsync = fsync
        self._fh: IO[str] | None = None

    def _open(self) -> IO[str]:
        if self._fh is None:  # a call's record: private to the user from its creation
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            self._fh = os.fdopen(fd, "a", encoding="utf-8")
        return self._fh

    def write(self, record: dict[str, Any]) -> None:
        fh = self._open()
        fh.write(dumps(record) + "\n")
        fh.flush()
        if self.fsync:
            os.fsync(fh.fileno())

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None


def write_transcript(path: str | Path, records: list[dict[str, Any]]) -> None:
    Path(path).write_text("".join(dumps(r) + "\n" for r in records), encoding="utf-8")
