"""Hostile files against the loader: each must be refused in under 1 s and 100 MB (issue 13).

Each file is loaded the way `collectsim validate` loads it (`check_file`), in this process,
after a warm-up load of the bundled persona zhang-wholesaler, which is the baseline: the
time is printed with its ratio to that baseline. Memory is tracemalloc's peak during the
load (Python's allocations; libyaml's own buffers are a few KB), and each file is also
loaded in a fresh process whose peak RSS is printed next to that of a fresh process that
loads the bundled persona (everything counted: interpreter, pydantic, YAML). Error reporting is linear: a
file with 10x the errors costs ~10x (it was quadratic: 10,000 errors took 10.8 s).

    .venv/bin/python bench/hostile.py
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["COLLECTSIM_HOME"] = tempfile.mkdtemp(prefix="collectsim-bench-")
os.environ["COLLECTSIM_NO_CACHE"] = "1"

from simulator.authoring.validate import check_file  # noqa: E402

ZHANG = ROOT / "personas" / "zhang-wholesaler.yaml"


def hostile_files(d: Path) -> list[tuple[str, Path]]:
    files: list[tuple[str, Path]] = []

    def add(name: str, file: str, text: str | bytes) -> None:
        p = d / file
        p.write_bytes(text if isinstance(text, bytes) else text.encode())
        files.append((name, p))

    bomb = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    bomb += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 12)]
    add("alias bomb (9^12 nodes)", "bomb.yaml", "\n".join(bomb) + "\n")
    add("python tags", "tags.yaml", "id: x\nname: !!python/object/apply:os.system ['echo pwned']\n")
    add("deep nesting, flow (100,000 [)", "deep.yaml", "a: " + "[" * 100_000 + "]" * 100_000 + "\n")
    add("deep nesting, block (700)", "deepb.yaml", "".join(f"{'  ' * i}k:\n" for i in range(700)) + "  " * 700 + "v\n")
    add("10 MB of flags", "flags.yaml", "id: x\nflags: [" + ", ".join(f"f{i}" for i in range(1_100_000)) + "]\n")
    big = d / "big.yaml"
    with open(big, "wb") as f:
        f.truncate(100 * 1024 * 1024)
    files.append(("100 MB file", big))
    files.append(("/dev/zero", Path("/dev/zero")))
    os.mkfifo(d / "fifo.yaml")
    files.append(("a FIFO", d / "fifo.yaml"))
    (d / "loop.yaml").symlink_to(d / "loop2.yaml")
    (d / "loop2.yaml").symlink_to(d / "loop.yaml")
    files.append(("a symlink loop", d / "loop.yaml"))
    text = ZHANG.read_text(encoding="utf-8")
    for n in (1_000, 10_000):
        bad = "".join(f"      - {{id: r{i}, text: x, to: answer, to_be: {i}}}\n" for i in range(n))
        add(f"{n:,} replies, {2 * n:,} errors", f"errors{n}.yaml", text.replace("\n    replies:\n", "\n    replies:\n" + bad, 1))
    states = "".join(f"  - {{id: extra-{i}, say: [x], ending: {{outcome: hang_up}}}}\n" for i in range(500))
    bad = "".join(f"      - {{id: r{i}, text: x, moves: [confirm_identity], to: nowhere-{i}}}\n" for i in range(5000))
    add("5,000 unknown targets, 500 states", "targets.yaml",
        text.replace("\n    replies:\n", "\n    replies:\n" + bad, 1).replace("\nstates:\n", "\nstates:\n" + states, 1))
    return files


def measure(path: Path) -> tuple[float, float, list[str]]:
    """(seconds, peak MB of Python allocations, problems) of one load: timed in one load,
    memory traced in another (tracemalloc slows Python several times over)."""
    start = time.perf_counter()
    problems = [str(p) for p in check_file(path)]
    elapsed = time.perf_counter() - start
    tracemalloc.start()
    check_file(path)
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return elapsed, peak, problems


# VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent through fork and exec.
CHILD = """
import sys
from pathlib import Path
from simulator.authoring.validate import check_file
check_file(Path(sys.argv[1]))
print(next(l.split()[1] for l in open("/proc/self/status") if l.startswith("VmHWM:")))
"""


def child_rss_mb(path: Path) -> float:
    """Peak RSS of a fresh process that loads `path` as validate does."""
    out = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True,
                         cwd=ROOT, timeout=60, check=True)
    return int(out.stdout.split()[-1]) / 1024


def main() -> None:
    check_file(ZHANG)  # imports and first-use costs out of the way
    base = statistics.median(measure(ZHANG)[0] for _ in range(5))
    base_rss = child_rss_mb(ZHANG)
    print(f"baseline: the bundled persona zhang-wholesaler, {base * 1000:.1f} ms; "
          f"a fresh process loading it peaks at {base_rss:.0f} MB RSS\n")
    print(f"{'file':34} {'time':>9} {'x base':>7} {'peak MB':>8} {'RSS MB':>7}  first problem")
    worst_t = worst_m = 0.0
    errors: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, path in hostile_files(Path(tmp)):
            t, mb, problems = measure(path)
            rss_mb = child_rss_mb(path)
            first = problems[0].split(": ", 1)[1] if problems else "ACCEPTED"
            if "errors" in name or "targets" in name:
                errors.append(t)
            else:
                worst_t, worst_m = max(worst_t, t), max(worst_m, mb)
            print(f"{name:34} {t * 1000:7.1f}ms {t / base:7.2f} {mb:8.1f} {rss_mb:7.0f}  {first[:52]} ({len(problems):,})")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nslowest hostile file {worst_t * 1000:.0f} ms, largest peak {worst_m:.1f} MB "
          f"(limits: 1000 ms, 100 MB); this whole process peaked at {rss:.0f} MB RSS")
    print(f"10x the errors cost {errors[1] / errors[0]:.1f}x the time (linear: ~10x; it was quadratic)")
    print(f"5,000 unknown targets among 500 states: {errors[2]:.2f} s (a 'did you mean' per error "
          "scanned every state: 2,000 took 12.8 s)")


if __name__ == "__main__":
    main()
