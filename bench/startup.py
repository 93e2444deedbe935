"""Startup and keypress latency of `collectsim play`, against a bare Textual app.

Both are launched the same way, as a child process on a pseudo-terminal (80x24), and timed
from spawn until a known piece of text of their first frame reaches the terminal. Then one
key is sent to the call and timed until the debtor's answer is painted. Runs alternate, and
the medians are printed.

    .venv/bin/python bench/startup.py [--runs 5]
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


def once_bare(env: dict[str, str], script: str) -> float:
    t0 = time.perf_counter()
    pid, fd = spawn([sys.executable, script], env)
    try:
        return wait_for(fd, b"alpha-option", bytearray()) - t0
    finally:
        stop(pid, fd)


def once_play(env: dict[str, str]) -> tuple[float, float]:
    t0 = time.perf_counter()
    pid, fd = spawn([str(BIN / "collectsim"), "play", "first-call-zhang", "--seed", "1"], env)
    buf = bytearray()
    try:
        first = wait_for(fd, b"Sun from Hengxin", buf) - t0  # the first reply on offer
        time.sleep(0.3)  # let the first frame settle before typing
        while select.select([fd], [], [], 0.05)[0]:
            buf += os.read(fd, 65536)
        k0 = time.perf_counter()
        os.write(fd, b"2")
        key = wait_for(fd, b"I saw", buf) - k0  # the debtor's answer to reply 2
        return first, key
    finally:
        stop(pid, fd)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, TERM="xterm-256color", COLLECTSIM_HOME=home, COLUMNS="80", LINES="24")
        script = str(Path(home) / "bare.py")
        Path(script).write_text(BARE)
        once_bare(env, script)  # warm the file cache and .pyc files for both
        once_play(env)
        bare, play, keys = [], [], []
        for _ in range(a.runs):
            bare.append(once_bare(env, script))
            f, k = once_play(env)
            play.append(f)
            keys.append(k)
    mb, mp, mk = statistics.median(bare), statistics.median(play), statistics.median(keys)
    print(f"bare Textual app (Header, OptionList, Footer): first frame {mb * 1000:7.1f} ms (median of {a.runs})")
    print(f"collectsim play first-call-zhang:             first frame {mp * 1000:7.1f} ms")
    print(f"ratio: {mp / mb:.2f}x (goal <= 1.30x)")
    print(f"keypress to repaint (reply 2 -> debtor's answer on screen): {mk * 1000:.1f} ms "
          f"(median; min {min(keys) * 1000:.1f}, goal < 16 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
