"""Transcripts graded per second against bare json.loads of the same files, in one run.

Goal: grading at least half as fast as just parsing the JSON. Writes N transcripts (a
cohort: a quarter expert, a quarter novice, half random calls) to a temp folder, then times (a) reading every file and
json.loads of every line, (b) the full `collectsim grade` path: read, parse, score.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scoring.bulk import BulkGrader  # noqa: E402
from scoring.grade import score_transcript  # noqa: E402
from simulator.core.transcript import read_transcript, write_transcript  # noqa: E402
from simulator.engine import new_session  # noqa: E402
from simulator.engine.policies import make_policy, play  # noqa: E402

N = int(sys.argv[1]) if len(sys.argv) > 1 else 400
ROUNDS = 5


def make(folder: Path, same_seed: bool) -> list[Path]:
    paths = []
    for i in range(N):
        s = new_session("first-call-zhang", seed=None if same_seed else i)
        play(s, make_policy(("expert", "novice", "random", "random")[i % 4], i))
        p = folder / f"t{i:04d}.jsonl"
        write_transcript(p, s.records())
        paths.append(p)
    return paths


def bare(paths: list[Path]) -> None:
    for p in paths:
        for line in p.read_text(encoding="utf-8").splitlines():
            json.loads(line)


def full_report(paths: list[Path]) -> None:
    """The old path: a full pydantic ScoreReport per transcript (for comparison)."""
    for p in paths:
        score_transcript(read_transcript(p))


def grade(paths: list[Path]) -> None:
    """What `collectsim grade` runs."""
    g = BulkGrader()
    for p in paths:
        g.grade_file(p)


def once(fn, paths: list[Path]) -> float:
    t0 = time.perf_counter()
    fn(paths)
    return time.perf_counter() - t0


def best(fns: list, paths: list[Path]) -> list[float]:
    """The best of ROUNDS runs of each, the runs interleaved (bare, grading, bare, ...) so
    that the machine's drift from minute to minute hits both alike."""
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(ROUNDS):
        for fn, ts in zip(fns, times, strict=True):
            ts.append(once(fn, paths))
    return [min(ts) for ts in times]


def main() -> None:
    for same_seed in (True, False):
        print("== " + ("an assessment cohort: everyone on the scenario's fixed seed" if same_seed
                       else "practice calls: a different seed each"))
        measure(same_seed)


def measure(same_seed: bool) -> None:
    with tempfile.TemporaryDirectory() as d:
        paths = make(Path(d), same_seed)
        grade(paths[:5])  # warm the rubric/profile caches
        t_json, t_grade = best([bare, grade], paths)
        (t_full,) = best([full_report], paths)
        turns = sum(len(p.read_text().splitlines()) - 2 for p in paths) / N
    r_json, r_grade = N / t_json, N / t_grade
    print(f"transcripts: {N}, {turns:.1f} turns on average (best of {ROUNDS})")
    print(f"bare json.loads: {r_json:10.0f} transcripts/s")
    print(f"grading:         {r_grade:10.0f} transcripts/s")
    print(f"(full reports:   {N / t_full:10.0f} transcripts/s)")
    ratio = r_grade / r_json
    print(f"ratio: {ratio:.2f} (goal >= 0.50): {'MET' if ratio >= 0.5 else 'NOT MET'}")


if __name__ == "__main__":
    main()
