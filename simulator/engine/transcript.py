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
    return Transcript(header, [Turn.from_json(rec) for _, rec in turns if rec is not None], end)


def read_transcript(path: str | Path) -> Transcript:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise TranscriptError(f"{p}: cannot read: {exc.strerror}") from None
    return parse_transcript(text, str(p))


class Journal:
    """Append-only, fsynced transcript file for a call in progress."""

    def __init__(self, path: str | Path, fsync: bool = True):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.fsync = fsync
        self._fh: IO[str] | None = None

    def _open(self) -> IO[str]:
        if self._fh is None:
            _cut_torn_tail(self.path)
            self._fh = self.path.open("a", encoding="utf-8")
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


def _cut_torn_tail(path: Path) -> None:
    """A crash mid-write leaves a last line without its newline. Readers skip it; appending
    after it would glue the next record onto it and make the whole journal unreadable, so
    it is cut off before the journal is written to again."""
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


def write_transcript(path: str | Path, records: list[dict[str, Any]]) -> None:
    Path(path).write_text("".join(dumps(r) + "\n" for r in records), encoding="utf-8")
