"""Startup and keypress latency of `collectsim play`, against a bare Textual app.

Both are launched the same way, as a child process on a pseudo-terminal (80x24), and timed
from spawn until a known piece of text of their first frame reaches the terminal. Runs
alternate (bare, warm play, cold play, early key), and medians are printed.

* warm: the realistic case, a second launch: the validated-content cache and the first-frame
  cache (simulator/core/contentcache.py, simulator/tui/firstframe.py) were filled by an
  earlier run. The opening screen is drawn from the cache and the engine loads right after.
* cold: COLLECTSIM_NO_CACHE=1, everything parsed, validated and computed before the frame.
* keypress: one key sent to the call 1 s after its first frame (the engine has loaded by
  then), timed until the debtor's answer is painted.
* early key: the key sent the moment the first frame shows, timed from launch until the
  answer is painted: what a warm start costs a user who does not wait for the engine.
* CPU: the same first frames as CPU time (every thread of the app, from /proc/PID/task/*/
  schedstat, read when the marker arrives, plus the children it waited for: a first launch
  computes its opening screen in a child on another core, simulator/tui/speed.py 5., so its
  wall clock is the longer of the two and its CPU the sum). On a shared machine the wall clock also counts
  other people's work; the CPU ratio barely moves with load, so it is the figure to compare
  between runs there (the wall-clock ratio stays the goal, read on a quiet machine).

    .venv/bin/python bench/startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path

BIN = Path(sys.executable).parent
BARE = '''
from textual.app import App
from textual.widgets import Footer, Header, OptionList

class Bare(App):
    def compose(self):
        yield Header()
        yield OptionList("alpha-option", "beta-option", "gamma-option")
        yield Footer()

Bare().run()
'''


def spawn(argv: list[str], env: dict[str, str]) -> tuple[int, int]:
    pid, fd = pty.fork()
    if pid == 0:  # child
        os.execve(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    return pid, fd


def wait_for(fd: int, marker: bytes, buf: bytearray, timeout: float = 20.0) -> float:
    """Read until `marker` appears in the output (after what `buf` already holds)."""
    start = len(buf)
    end = time.perf_counter() + timeout
    while time.perf_counter() < end:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                buf += os.read(fd, 65536)
            except OSError:
                break
            if marker in buf[max(0, start - len(marker)):]:
                return time.perf_counter()
    raise TimeoutError(f"never saw {marker!r}")


def cpu_ms(pid: int) -> float:
    """CPU time the process has used so far, all its live threads (Linux schedstat, in ns),
    plus that of the child processes it has waited for (/proc/PID/stat's cutime and cstime,
    in clock ticks): a first launch computes its opening screen in a child (speed.py, 5.),
    and that work counts."""
    return _threads_ms(pid) + _children_ms(pid)


def _children_ms(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[13]) + int(fields[14])) * 1000 / os.sysconf("SC_CLK_TCK")


def _threads_ms(pid: int) -> float:
    total = 0
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return float("nan")
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/schedstat") as f:
                total += int(f.read().split()[0])
        except (OSError, ValueError, IndexError):  # a thread that just ended
            continue
    return total / 1e6


def stop(pid: int, fd: int) -> None:
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    try:
        while select.select([fd], [], [], 0.2)[0] and os.read(fd, 65536):
            pass
    except OSError:
        pass
    os.close(fd)
    os.waitpid(pid, 0)


def once_bare(env: dict[str, str], script: str) -> tuple[float, float]:
    """(first frame, CPU ms up to it)."""
    t0 = time.perf_counter()
    pid, fd = spawn([sys.executable, script], env)
    try:
        return wait_for(fd, b"alpha-option", bytearray()) - t0, cpu_ms(pid)
    finally:
        stop(pid, fd)


REPLY = "straight-to-it"  # the expert's opening reply


def key_and_answer() -> tuple[bytes, bytes]:
    """The key that picks REPLY on the call's opening menu, and the first words of the
    debtor's answer to it. Menus are shuffled per seed, so both are asked of the engine
    (in this process, before any timing) rather than written down."""
    from simulator.engine import new_session

    s = new_session("first-call-zhang", seed=1)
    shown = [r.id for r in s.offered()]
    turn, _ = s.preview(REPLY)
    return str(shown.index(REPLY) + 1).encode(), " ".join(turn.debtor_line.split()[:3]).encode()


KEY, ANSWER = key_and_answer()


def once_play(env: dict[str, str], settle: float = 1.0) -> tuple[float, float, float]:
    """(first frame, key to answer, CPU ms up to the first frame) from launch; with settle=0
    the key goes in at once and the second figure is measured from launch instead."""
    t0 = time.perf_counter()
    pid, fd = spawn([str(BIN / "collectsim"), "play", "first-call-zhang", "--seed", "1"], env)
    buf = bytearray()
    try:
        first = wait_for(fd, b"Sun from Hengxin", buf) - t0  # the first reply on offer
        cpu = cpu_ms(pid)
        if settle:
            time.sleep(settle)  # let the first frame settle and the engine load before typing
        while select.select([fd], [], [], 0.05 if settle else 0)[0]:
            buf += os.read(fd, 65536)
        k0 = time.perf_counter() if settle else t0
        os.write(fd, KEY)
        key = wait_for(fd, ANSWER, buf) - k0  # the debtor's answer on screen
        return first, key, cpu
    finally:
        stop(pid, fd)


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=7)
    a = ap.parse_args()
    ms = 1000
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, TERM="xterm-256color", COLLECTSIM_HOME=home, COLUMNS="80", LINES="24")
        env.pop("COLLECTSIM_NO_CACHE", None)
        # Like a user's second launch, both apps run from compiled bytecode: Textual's was
        # compiled when pip installed it, ours is written by the first (warm-up) runs. With
        # PYTHONDONTWRITEBYTECODE set (as some shells and CI images do) ours would be
        # compiled from source on every launch, and the bare app's never is.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        cold_env = dict(env, COLLECTSIM_NO_CACHE="1")
        script = str(Path(home) / "bare.py")
        Path(script).write_text(BARE)
        once_bare(env, script)  # warm the file cache and .pyc files for both
        once_play(env, settle=0.3)  # and fill collectsim's caches: later runs are second launches
        bare, warm, cold, keys, early, early_frame = [], [], [], [], [], []
        cpu: dict[str, list[float]] = {"bare": [], "warm": [], "cold": []}
        for _ in range(a.runs):
            f, c = once_bare(env, script)
            bare.append(f)
            cpu["bare"].append(c)
            f, k, c = once_play(env)
            warm.append(f)
            keys.append(k)
            cpu["warm"].append(c)
            f, _, c = once_play(cold_env, settle=0.3)
            cold.append(f)
            cpu["cold"].append(c)
            f, k, _ = once_play(env, settle=0)
            early_frame.append(f)
            early.append(k)
    med = statistics.median
    mb, mw, mc, mk = med(bare), med(warm), med(cold), med(keys)
    print(f"first frame, median of {a.runs} runs (range in brackets):")
    print(f"  bare Textual app (Header, OptionList, Footer)  {mb * ms:6.1f} ms  [{min(bare) * ms:.0f}-{max(bare) * ms:.0f}]")
    print(f"  collectsim play first-call-zhang, warm        {mw * ms:6.1f} ms  [{min(warm) * ms:.0f}-{max(warm) * ms:.0f}]"
          f"  ratio {mw / mb:.2f}x  goal <= 1.30x: {verdict(mw / mb <= 1.30)}")
    print(f"  collectsim play first-call-zhang, cold        {mc * ms:6.1f} ms  [{min(cold) * ms:.0f}-{max(cold) * ms:.0f}]"
          f"  ratio {mc / mb:.2f}x  goal <= 1.30x: {verdict(mc / mb <= 1.30)}  (no caches: COLLECTSIM_NO_CACHE=1)")
    print(f"keypress to repaint ({REPLY} -> debtor's answer on screen): {mk * ms:.1f} ms median "
          f"[{min(keys) * ms:.1f}-{max(keys) * ms:.1f}]  goal < 16 ms: {verdict(mk * ms < 16)}")
    cb = med(cpu["bare"])
    print("CPU time to the first frame (all threads, and children waited for), median: "
          + ", ".join(f"{name} {med(xs):.0f} ms ({med(xs) / cb:.2f}x)" for name, xs in cpu.items()))
    print(f"key pressed as soon as the warm first frame shows ({med(early_frame) * ms:.0f} ms): answer painted "
          f"{med(early) * ms:.0f} ms after launch (median)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
