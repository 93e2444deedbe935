"""Content problems reported as `file:line:col: field: message`, never as tracebacks."""

from __future__ import annotations

from dataclasses import dataclass

from .safetext import shown


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    line: int
    col: int
    field: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        # Every part may quote the file (a name, a reference, a value): shown, so a newline
        # or an escape sequence in it cannot forge or hide a line of output.
        where = f"{shown(self.file)}:{self.line}:{self.col}"
        msg = shown(self.message)
        return f"{where}: {shown(self.field)}: {msg}" if self.field else f"{where}: {msg}"


class ContentError(Exception):
    """One or more problems in trainer-written files."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
