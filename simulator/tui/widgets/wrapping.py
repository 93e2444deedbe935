"""Word wrapping for the call screen's line views, cheap enough for every keypress and right
for Chinese.

Why not Textual's own: `Visual.to_strips` costs about 0.25 ms a paragraph, and a turn wraps a
whole new menu (most of a keypress's budget, issue 3); and it breaks lines only at spaces, so
a Chinese sentence, which has none, moves whole to the next line and leaves a label such as
"你:" alone on its own. Here a line may break at a space or next to a wide (CJK) character,
never before closing punctuation nor after opening punctuation; a word longer than a line is
folded. (A simplified UAX #14: the library that implements it all, uniseg, takes ~25 ms a
paragraph.)
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import TypeVar

from rich.cells import cell_len, chop_cells, get_character_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from simulator.core.safetext import shown

OPENING = frozenset("([{<（［｛〈《「『【〔“‘")
CLOSING = frozenset(")]}>,.;:!?%）］｝〉》」』】〕”’，。、；：！？…·～")

Piece = tuple[str, Style | None]  # a run of text and its style
S = TypeVar("S")
_ASCII_UNIT = re.compile(r"(\s+)|\S+")  # ASCII has no wide characters: words and spaces


def _units(text: str) -> Iterator[tuple[int, int, bool]]:
    """(start, end, is_space) of the spans a line never breaks inside (unless one is wider
    than a line): a run of spaces; or a run of narrow characters, or one wide character, with
    opening punctuation held to what follows it and closing punctuation to what precedes it."""
    if text.isascii():
        for m in _ASCII_UNIT.finditer(text):
            yield m.start(), m.end(), m.group(1) is not None
        return
    n = len(text)
    i = 0
    while i < n:
        j = i
        if text[i].isspace():
            while j < n and text[j].isspace():
                j += 1
            yield i, j, True
            i = j
            continue
        while j < n and text[j] in OPENING:
            j += 1
        if j < n and not text[j].isspace():
            if get_character_cell_size(text[j]) == 2:
                j += 1
            else:
                while j < n and not text[j].isspace() and get_character_cell_size(text[j]) < 2 \
                        and not (j > i and text[j] in OPENING):
                    j += 1
        while j < n and (text[j] in CLOSING or get_character_cell_size(text[j]) == 0) \
                and not text[j].isspace():
            j += 1
        j = max(j, i + 1)  # never an empty unit
        yield i, j, False
        i = j


def wrap_offsets(text: str, width: int, rest_width: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each line of `text` wrapped to `width` cells (`rest_width` for the
    lines after the first). Spaces at a break are dropped; newlines are breaks of their own."""
    rest_width = width if rest_width is None else rest_width
    lines: list[tuple[int, int]] = []
    base = 0
    for paragraph in text.split("\n"):
        _wrap_paragraph(paragraph, base, width if not lines else rest_width, rest_width, lines)
        base += len(paragraph) + 1
    return lines


def _wrap_paragraph(text: str, base: int, width: int, rest_width: int,
                    lines: list[tuple[int, int]]) -> None:
    start = end = 0  # the current line is text[start:end]; spaces after `end` are not shown
    used = 0  # cells from `start` to where the scan is, spaces included
    limit = max(1, width)
    measure = len if text.isascii() else cell_len
    for i, j, space in _units(text):
        if space:
            if i == 0:  # spaces opening a paragraph are its indentation: kept
                end = j
            used += measure(text[i:j])
            continue
        size = measure(text[i:j])
        if end > start and used + size > limit:  # does not fit: a new line starts here
            lines.append((base + start, base + end))
            start, used, limit = i, 0, max(1, rest_width)
        if size > limit:  # longer than a whole line: folded
            pos = i
            for k, part in enumerate(chop_cells(text[i:j], limit)):
                if k:
                    lines.append((base + start, base + pos))
                    start, limit = pos, max(1, rest_width)
                pos += len(part)
            used = measure(text[start:j])
        else:
            used += size
        end = j
    lines.append((base + start, base + end))


def wrap_runs(pieces: Sequence[tuple[str, S]], width: int, *, indent: int = 0,
              hang: int = 0) -> list[tuple[int, list[tuple[str, S]]]]:
    """Styled text wrapped to `width` cells: each line as (its indent, its runs of (text,
    style)); every line indented by `indent` and the lines after the first by `hang` more.
    The style is whatever the caller paints with (a Rich style, a Textual style string).
    Every piece is data: its control characters are shown, never sent to the terminal."""
    pieces = [(shown(part), style) for part, style in pieces]
    text = "".join(part for part, _ in pieces)
    bounds: list[tuple[int, int, S]] = []
    pos = 0
    for part, style in pieces:
        bounds.append((pos, pos + len(part), style))
        pos += len(part)
    return [(indent + (hang if n else 0),
             [(text[max(lo, start):min(hi, end)], style) for lo, hi, style in bounds
              if lo < end and hi > start])
            for n, (start, end) in enumerate(wrap_offsets(text, width - indent, width - indent - hang))]


def wrap_pieces(pieces: Sequence[Piece], width: int, *, indent: int = 0, hang: int = 0,
                fill: Style | None = None) -> list[Strip]:
    """`wrap_runs` as strips; with `fill`, each strip is padded to the full width in that
    style (a cursor bar), its indent included."""
    strips: list[Strip] = []
    for lead, runs in wrap_runs(pieces, width, indent=indent, hang=hang):
        segments = [Segment(" " * lead, fill)] if lead else []
        segments += [Segment(text, style) for text, style in runs]
        strip = Strip(segments)
        if fill is not None and strip.cell_length < width:
            strip = strip.extend_cell_length(width, fill)
        strips.append(strip)
    return strips
