"""Shared CLI plumbing: printing content problems without tracebacks."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TypeVar

from simulator.core.errors import ContentError

T = TypeVar("T")


def err(msg: str) -> None:
    print(msg, file=sys.stderr)


def guarded(fn: Callable[[], T]) -> T | int:
    """Run `fn`; content and transcript errors print cleanly and give exit 1."""
    try:
        return fn()
    except ContentError as exc:
        for p in exc.problems:
            err(str(p))
        return 1
    except Exception as exc:
        # Imported only here: importing the engine up front cost `play` ~150 ms of startup.
        from simulator.core.transcript import TranscriptError
        from simulator.store.db import StoreError
        from simulator.store.keys import KeyProblem

        if not isinstance(exc, TranscriptError | StoreError | KeyProblem):
            raise
        err(str(exc))
        return 1
