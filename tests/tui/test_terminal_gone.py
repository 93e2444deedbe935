"""A call whose terminal disappears without a SIGHUP (started through `make play`, for
one) must end, not spin on its dead input: and its turns must be there to resume."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time
from pathlib import Path

from simulator.core.transcript import read_transcript


def _read_until(fd: int, marker: bytes, timeout: float = 20.0) -> None:
    buf = bytearray()
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if select.select([fd], [], [], 0.1)[0]:
            buf += os.read(fd, 65536)
            if marker in buf:
                return
    raise TimeoutError(marker)


def test_the_app_quits_when_its_terminal_goes_away(tmp_path: Path):
    from simulator.engine.session import new_session

    pick = [r.id for r in new_session("first-call-zhang", seed=1).offered()].index("straight-to-it") + 1
    env = dict(os.environ, COLLECTSIM_HOME=str(tmp_path), TERM="xterm-256color")
    pid, fd = pty.fork()
    if pid == 0:  # the child: SIGHUP ignored, as when a parent keeps it from arriving
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
        os.execve(sys.executable, [sys.executable, "-m", "simulator.cli.main", "play", "first-call-zhang",
                                   "--seed", "1"], env)
    try:
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        _read_until(fd, b"Sun from Hengxin")
        time.sleep(0.5)
        os.write(fd, str(pick).encode())
        _read_until(fd, b"I saw")
        time.sleep(0.5)
    finally:
        os.close(fd)  # the terminal goes away
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        time.sleep(0.1)
    else:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        raise AssertionError("the app was still running 10 s after its terminal closed")
    [journal] = (tmp_path / "sessions").glob("*.jsonl")
    assert len(read_transcript(journal).turns) == 1
