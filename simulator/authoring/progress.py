"""A plain progress line on stderr, shown on a terminal once a task has run for a moment."""

from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, label: str, total: int | None = None, delay: float = 0.5, stream=None):
        self.label = label
        self.total = total
        self.delay = delay
        # our own CR: past the CLI's filter, which shows any CR that comes from data
        # (the CLI's SafeStream keeps the real stream as `unfiltered`)
        stream = stream or sys.stderr
        self.stream = getattr(stream, "unfiltered", stream)
        self.start = time.monotonic()
        self.shown = False

    def __call__(self, done: int) -> None:
        if time.monotonic() - self.start < self.delay or not self.stream.isatty():
            return  # not for logs and pipes: \r lines would pile up there
        self.shown = True
        if self.total:
            width = 30
            filled = int(width * done / self.total)
            bar = "#" * filled + "." * (width - filled)
            self.stream.write(f"\r{self.label} [{bar}] {done}/{self.total}")
        else:
            self.stream.write(f"\r{self.label}: {done:,} ...")
        self.stream.flush()

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r" + " " * 70 + "\r")
            self.stream.flush()
