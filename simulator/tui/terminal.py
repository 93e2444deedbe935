"""Leave when the terminal goes away.

A closed terminal normally sends SIGHUP, which ends the process. Started through a parent
that keeps it from arriving (`make play` does), the app would live on with a dead
terminal, and Textual's input thread spins on the end of its input at full CPU (a known
Textual bug, Textualize/textual#6690). A hung-up terminal stops being a tty, so a slow
timer notices. The process then ends at once, as SIGHUP would have ended it: a graceful
Textual exit would hang writing the terminal-reset sequences nobody can receive. Every
turn is already journaled (`last_words` makes sure it is on disk), and `play --resume`
goes on from it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from textual.app import App

CHECK_SECONDS = 1.0


def watch_terminal(app: App, last_words: Callable[[], None] | None = None) -> None:
    """End the process once `app`'s terminal is gone, after `last_words()` (no-op when the
    app runs headless or not on a tty)."""
    if app.is_headless:
        return
    try:
        fd = sys.__stdin__.fileno()
    except (AttributeError, ValueError, OSError):
        return
    if not os.isatty(fd):
        return

    def check() -> None:
        if not os.isatty(fd):
            if last_words is not None:
                last_words()
            os._exit(0)

    app.set_interval(CHECK_SECONDS, check, name="terminal-watch")
