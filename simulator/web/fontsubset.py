"""Rebuild the CJK font the web page serves (static/fonts/cjk.woff2). A maintainer's tool:

    apt-get install fonts-droid-fallback && pip install fonttools brotli
    python -m simulator.web.fontsubset /usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf

Droid Sans Fallback (Apache-2.0, Google; Debian's fonts-droid-fallback) cut down to what a
call shows: CJK punctuation and full-width forms, the 6,763 hanzi of GB 2312 (every common
simplified character), and any other character in the bundled Chinese text and UI strings.
A rarer character a trainer writes falls back to the reader's own fonts.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).parent / "static" / "fonts" / "cjk.woff2"
TEXT_DIRS = ("personas", "scenarios", "scoring", "simulator/tui")


def gb2312() -> set[str]:
    chars = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return chars


def bundled_text() -> set[str]:
    chars: set[str] = set()
    for d in TEXT_DIRS:
        for p in (ROOT / d).rglob("*"):
            if p.suffix in (".yaml", ".py", ".tcss") and p.is_file():
                chars.update(c for c in p.read_text(encoding="utf-8") if ord(c) >= 0x2E80)
    return chars


def main(argv: list[str]) -> int:
    from fontTools import subset

    if len(argv) != 1:
        print(__doc__)
        return 2
    chars = gb2312() | bundled_text()
    chars |= {chr(c) for c in [*range(0x3000, 0x3040), *range(0xFF00, 0xFFF0)]}
    opts = subset.Options()
    opts.flavor = "woff2"
    opts.layout_features = []
    opts.hinting = False
    opts.name_IDs = ["*"]  # keep the copyright and licence records
    font = subset.load_font(argv[0], opts)
    sub = subset.Subsetter(opts)
    sub.populate(text="".join(sorted(chars)))
    sub.subset(font)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    subset.save_font(font, str(OUT), opts)
    print(f"{OUT}: {len(chars)} characters, {OUT.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
