"""The loader's fuzz target: mutants of every shipped YAML file, loaded as a trainer's file.

A mutant is a bundled persona, scenario, rubric, profile or golden file with a few edits
drawn by Hypothesis: bytes flipped, ranges deleted or repeated, and tokens that broke the
loader before (issue 13) spliced in: bad dates and hours, explicit tags, anchors and
aliases, merge keys, deep brackets, control characters, long references, invalid UTF-8.
It is written to a trainer's folder and loaded the ways the CLI loads content: validate's
`check_file` (read, kind, model, scenario references) and, unless turned off for the long
run's speed, lint (duplicate keys, translations, the persona checks). The only acceptable outcomes are a clean load or
ContentError; anything else is a traceback. A load that spends HANG_SECONDS of CPU is a hang,
and so is one that blocks for BLOCKED_SECONDS of wall time (a FIFO waited on): CPU time,
because on a shared machine a niced run can wait seconds for the processor between two
lines of a load that takes milliseconds.

`tests/test_fuzz_loader.py` runs it briefly in `make test`; `make fuzz` runs it long.
"""

from __future__ import annotations

import itertools
import os
import re
import signal
import time
from collections import Counter
from pathlib import Path

from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
HANG_SECONDS = 10  # of CPU
BLOCKED_SECONDS = 120  # of wall time

SEEDS: list[tuple[str, Path]] = (
    [("personas", p) for p in sorted((ROOT / "personas").glob("*.yaml"))]
    + [("scenarios", p) for p in sorted((ROOT / "scenarios").glob("*.yaml"))]
    + [("rubrics", p) for p in sorted((ROOT / "scoring" / "rubrics").glob("*.yaml"))]
    + [("profiles", p) for p in sorted((ROOT / "scoring" / "profiles").glob("*.yaml"))]
    + [("golden", p) for p in sorted((ROOT / "personas" / "golden").glob("*.yaml"))[:4]]
)
_TEXT = {p: p.read_bytes() for _, p in SEEDS}

TOKENS = [
    b"2026-02-30", b"2026-01-01 25:00:00", b"!!int abc", b"!!bool maybe", b"!!timestamp abc",
    b"!!float x", b"!!binary AAAA", b"!!set {a}", b"!!omap [a: 1]", b"!!python/object/apply:os.system ['id']",
    b"!custom x", b"&a ", b"*a", b"*b", b"&b [*a, *a, *a, *a]", b"<<: *a\n", b"<<: [*a, *b]\n",
    b"[" * 70, b"]" * 70, b"{" * 70, b"- " * 70, b"[", b"]", b"{", b"}", b": ", b"- ", b"\n", b"\n  ",
    b"---\n", b"...\n", b"? ", b"|\n", b">-\n", b"'", b'"', b"\\", b"#", b"%YAML 1.1\n", b"%TAG ! tag:x,1:\n",
    b"\t", b"\r", b"\x00", b"\x1b]0;x\x07", b"\xff\xfe", b"\xef\xbb\xbf", "\u2028".encode(), "é中".encode(),
    b"~", b"null", b"yes", b"0x1F", b"1e999", b"-.inf", b".nan", b"9" * 5000, b"a" * 300,
    b"persona: ", b"persona: ''", b"persona: \"x\\ny\"", b"rubric: ../../etc/passwd", b"profile: zz",
    b"to: nowhere", b"initial: ", b"states: []", b"states: {}", b"id: ''", b"when: [{var: x}]",
]

_OPS = ("flip", "delete", "repeat", "insert", "insert", "insert")


@st.composite
def mutants(draw: st.DrawFn) -> tuple[str, str, bytes]:
    """(folder kind, file name, bytes): a shipped file with 1 to 8 edits."""
    kind, seed = draw(st.sampled_from(SEEDS))
    data = bytearray(_TEXT[seed])
    for _ in range(draw(st.integers(1, 8))):
        op = draw(st.sampled_from(_OPS))
        at = draw(st.integers(0, len(data)))
        if op == "flip" and data:
            at = min(at, len(data) - 1)
            data[at] = draw(st.integers(0, 255))
        elif op == "delete":
            del data[at:at + draw(st.integers(1, 200))]
        elif op == "repeat":
            chunk = bytes(data[at:at + draw(st.integers(1, 400))])
            data[at:at] = chunk * draw(st.integers(1, 20))
        else:
            data[at:at] = draw(st.sampled_from(TOKENS))
    return kind, seed.name, bytes(data)


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang


_VERSION = itertools.count(1)


def load_as_trainer(folder: Path, kind: str, name: str, data: bytes, lint: bool = True) -> str:
    """Write the mutant into `folder/kind/` and load it the ways the CLI does (validate;
    with `lint`, lint's own checks too). Returns "accepted" or "refused" (a ContentError);
    raises anything else."""
    from simulator.authoring.lint import lint_file
    from simulator.authoring.validate import check_file
    from simulator.core.errors import ContentError

    path = folder / kind / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    n = next(_VERSION)  # a new mtime per mutant: the in-process cache never serves the last one
    os.utime(path, ns=(n, n))
    try:
        problems = [str(p) for p in check_file(path)]
        findings = lint_file(path, winnable=False) if lint else []
    except ContentError:
        return "refused"
    for line in problems:  # every problem is one line of output: file:line:col: message
        assert "\n" not in line and re.match(r"^.+:\d+:\d+: ", line), line
    return "refused" if problems or any(f.severity == "error" for f in findings) else "accepted"


def run_one(folder: Path, kind: str, name: str, data: bytes, stats: Counter, lint: bool = True) -> None:
    """One mutant under two hang alarms; counts the outcome and the most CPU one load took."""
    start = time.process_time()
    old_cpu = signal.signal(signal.SIGVTALRM, _alarm)
    old_wall = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_VIRTUAL, HANG_SECONDS)
    signal.alarm(BLOCKED_SECONDS)
    try:
        stats[load_as_trainer(folder, kind, name, data, lint)] += 1
    except Hang:
        stats["hang"] += 1
        raise AssertionError(f"hang: {kind}/{name} took over {HANG_SECONDS} s of CPU "
                             f"or {BLOCKED_SECONDS} s blocked") from None
    except Exception:
        stats["traceback"] += 1
        raise
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.alarm(0)
        signal.signal(signal.SIGVTALRM, old_cpu)
        signal.signal(signal.SIGALRM, old_wall)
        stats["slowest_ms"] = max(stats["slowest_ms"], round((time.process_time() - start) * 1000))
