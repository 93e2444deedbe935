"""Data on screen as text: never read as markup, control characters shown, never sent.

Why: Textual reads a `str` given to a Static, a DataTable cell or column, an option or a
notification as markup. A candidate named `[/bold] oops` crashed the gradebook, a mood of
`tired [/]` crashed the debrief, a name holding `[@click=app.quit]` quit the app when
clicked, and an escape sequence in a persona reached the terminal. Everything from files,
candidates or the results db goes on screen through these helpers; markup is only ever
written by our own code, around data, never with it.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from simulator.core.safetext import shown

NL = Content("\n")  # our own line break between parts (data's newlines are shown as \n)


def plain(text: object) -> Content:
    """One piece of data as a Static's content."""
    return Content(shown(text))


def styled(*parts: str | tuple[str, str] | Content) -> Content:
    """Pieces laid out in a row: `str` (data or our words, plain), `(text, style)`, or
    `Content` of our own (NL, a styled label) passed as it is."""
    out: list[Content | str | tuple[str, str]] = []
    for part in parts:
        if isinstance(part, Content):
            out.append(part)
        elif isinstance(part, tuple):
            out.append((shown(part[0]), part[1]))
        else:
            out.append(shown(part))
    return Content.assemble(*out)


def lines(*rows: Content) -> Content:
    return NL.join(rows)


def cell(text: object, style: str = "", justify: str | None = None) -> Text:
    """A DataTable cell or column label: a `str` there would be read as markup."""
    return Text(shown(text), style=style, justify=justify)  # type: ignore[arg-type]
