"""Every line the CLI prints passes `shown()`: stdout and stderr are wrapped for the run.

Why here and not at each print: the CLI prints persona text, file names, references and
candidates' names from dozens of places; one filter on the two streams cannot be forgotten
by the next command. Newlines and tabs our own layout writes pass; every other control
character (an ESC from a persona, a CR from a name) is printed as its visible escape.
Fields that may hold a newline of their own (a name in a table, a reference in a message)
are passed through `shown()` where they are formatted, so they cannot start a line either.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from simulator.core.safetext import shown


class SafeStream:
    """A text stream that writes `shown(text, layout=True)` to the stream it wraps.
    `unfiltered` is the wrapped stream, for our own terminal controls (a progress line's CR)."""

    def __init__(self, stream: TextIO) -> None:
        self.unfiltered = stream

    def write(self, text: str) -> int:
        self.unfiltered.write(shown(text, layout=True))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:  # flush, isatty, fileno, encoding...
        return getattr(self.unfiltered, name)


@contextmanager
def safe_streams() -> Iterator[None]:
    """sys.stdout and sys.stderr filtered while the block runs (a test's capture included)."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(out), SafeStream(err)  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err


def unfiltered(stream: TextIO) -> TextIO:
    """The real stream behind a SafeStream (for our own CR and padding), else `stream`."""
    return getattr(stream, "unfiltered", stream)
