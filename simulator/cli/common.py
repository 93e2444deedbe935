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
    from simulator.engine.transcript import TranscriptError

    try:
        return fn()
    except ContentError as exc:
        for p in exc.problems:
            err(str(p))
        return 1
    except TranscriptError as exc:
        err(str(exc))
        return 1
