"""Text from files, candidates and databases, made safe to show: one rule, used everywhere.

Why: a persona line, a file name or a candidate's name is written by someone else. Sent raw,
an escape sequence in it retitles the window, clears the screen or fakes output; a newline
in a name forges a line of a report; a spreadsheet runs a cell that starts with `=`.

`shown()` replaces every control character (C0, DEL, C1, the Unicode line and paragraph
separators and the bidirectional overrides that reorder what is seen) by its visible escape,
`\\u001b` style (`\\n`, `\\t`, `\\r` for the common three), so it is displayed, never obeyed.
The escapes are also JSON's, so a JSON document stays valid and means the same after it.
`csv_cell()` applies OWASP's rule for CSV injection on top.
"""

from __future__ import annotations

import re

_CONTROLS = "".join(
    [chr(c) for c in range(0x20)] + [chr(0x7F)] + [chr(c) for c in range(0x80, 0xA0)]
    + ["\u2028", "\u2029"] + [chr(c) for c in range(0x202A, 0x202F)] + [chr(c) for c in range(0x2066, 0x206A)]
)
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}
_VISIBLE = {ord(c): _NAMED.get(c, f"\\u{ord(c):04x}") for c in _CONTROLS}
_ANY = re.compile(f"[{re.escape(_CONTROLS)}]")
# Layout keeps newlines, tabs and CR LF line ends (a CR right before a LF moves nothing).
_BUT_LAYOUT = re.compile(f"\r(?!\n)|[{re.escape(_CONTROLS.replace(chr(10), '').replace(chr(9), '').replace(chr(13), ''))}]")


def shown(text: object, *, layout: bool = False) -> str:
    """`text` with control characters made visible. A field (a name, a line, a reference)
    keeps nothing: a newline in it cannot start a line of output. `layout=True` is for
    whole blocks of output our code laid out, which keep their newlines, tabs and CR LF
    line ends (CSV's)."""
    s = text if isinstance(text, str) else str(text)
    pattern = _BUT_LAYOUT if layout else _ANY
    if pattern.search(s) is None:  # the usual case: nothing to do, no copy
        return s
    if layout:
        return pattern.sub(lambda m: _VISIBLE[ord(m.group())], s)
    return s.translate(_VISIBLE)


_FORMULA = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def csv_cell(value: object) -> object:
    """A CSV cell a spreadsheet shows as text (OWASP: prefix `'` to a cell starting with
    = + - @ tab or CR), with control characters visible so no newline splits a row.
    Numbers, and text that is just a number, pass unchanged: `-0.25` is data, not a formula."""
    if value is None or isinstance(value, (int, float)):
        return value
    s = str(value)
    if s.startswith(_FORMULA) and not _NUMBER.fullmatch(s):
        s = "'" + s
    return shown(s)
