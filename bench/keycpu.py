"""CPU time an app process pays per reply keypress and per idle second, in a local terminal
and as a `collectsim serve` child, against a bare Textual app measured the same way.

CPU time, not wall clock: the machine is shared, and what 30 served sessions on 2 cores can
afford is CPU. Each figure is the on-CPU time of every thread of the process, from
/proc/PID/task/*/schedstat (nanoseconds; /proc/PID/stat's utime+stime count in 10 ms ticks).

* idle: the process left alone on its call screen for --idle seconds (what 30 open tabs cost
  while their trainees read);
* keypress: a reply picked by digit on a pseudo-terminal of 120x40 (the expert's line for
  several seeds of first-call-zhang), counted from just before the key until 0.3 s after its
  answer is painted (so the fsync, the GC and the after-paint callbacks count too), with the
  bytes the app wrote for it; the first keypress of a call apart, since a call's first turn
  has done more than the others (it is the one bench/startup.py times);
* served: the same replies through `collectsim serve`'s websocket (textual-serve's protocol,
  as bench/serve.py speaks it), timing the tab's app process; like the real page (seen in
  headless Chromium), the client sends no ["focus"];
* baseline: a bare Textual app (Header, OptionList, Footer) idle, and one down-arrow in its
  list.

    .venv/bin/python bench/keycpu.py [--seeds 4] [--idle 20] [--port 8350]
"""

from __future__ import annotations

import argparse
import asyncio
import glob
import json
import os
import select
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from serve import COLS, ROWS, SCENARIO, painted, pids, plain, pty_spawn, serving  # noqa: E402
from startup import BARE, stop  # noqa: E402

MS = 1e6  # nanoseconds in a millisecond


def cpu_ns(pid: int) -> int:
    """On-CPU time so far of every live thread of `pid`, in nanoseconds."""
    total = 0
    for path in glob.glob(f"/proc/{pid}/task/*/schedstat"):
        try:
            total += int(Path(path).read_text().split()[0])
        except (OSError, ValueError, IndexError):
            pass
    return total


def pump(fd: int, buf: bytearray, seconds: float, needle: str | None = None, since: int = 0) -> None:
    """Read what the app writes for `seconds`, or until `needle` shows after byte `since`."""
    end = time.monotonic() + seconds
    while (left := end - time.monotonic()) > 0:
        if needle is not None and needle in plain(buf[since:]):
            return
        if select.select([fd], [], [], left)[0]:
            try:
                buf += os.read(fd, 65536)
            except OSError:
                return
    if needle is not None and needle not in plain(buf[since:]):
        raise TimeoutError(f"never saw {needle!r}")


def idle_share(pid: int, seconds: float, fd: int | None = None) -> tuple[float, int]:
    """(% of one core, bytes written) while `pid` is left alone for `seconds`."""
    buf = bytearray()
    c0, t0 = cpu_ns(pid), time.monotonic()
    if fd is None:
        time.sleep(seconds)
    else:
        pump(fd, buf, seconds)
    return (cpu_ns(pid) - c0) / 1e9 / (time.monotonic() - t0) * 100, len(buf)


def bare(env: dict[str, str], idle: float) -> tuple[float, float]:
    """The bare Textual app: (idle % of a core, CPU ms of one down-arrow in its list)."""
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "bare.py"
        script.write_text(BARE)
        pid, fd = pty_spawn([sys.executable, str(script)], env)
        buf = bytearray()
        try:
            pump(fd, buf, 30, "alpha-option")
            pump(fd, buf, 1.5)
            share, _ = idle_share(pid, idle, fd)
            keys = []
            for key in ["\x1b[B", "\x1b[A"] * 4:
                c0 = cpu_ns(pid)
                os.write(fd, key.encode())
                pump(fd, buf, 0.3)
                keys.append((cpu_ns(pid) - c0) / MS)
            return share, statistics.median(keys)
        finally:
            stop(pid, fd)


def expert(seed: int) -> tuple[object, list[str]]:
    from simulator.engine import new_session
    from simulator.engine.policies import best_line

    call = new_session(SCENARIO, seed=seed)
    return call, best_line(call.fork())[0]


def local(env: dict[str, str], seeds: int, idle: float) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {"idle": [], "first": [], "later": [], "bytes": []}
    for seed in range(1, seeds + 1):
        call, line = expert(seed)
        pid, fd = pty_spawn([sys.executable, "-m", "simulator.cli.main", "play", SCENARIO,
                             "--seed", str(seed)], env)
        buf = bytearray()
        try:
            pump(fd, buf, 60, "Sun from Hengxin")
            pump(fd, buf, 1.5)  # the engine loads after the first frame
            if seed == 1:
                out["idle"].append(idle_share(pid, idle, fd)[0])
            first = True
            for rid in line:
                key = str([r.id for r in call.offered()].index(rid) + 1)  # type: ignore[attr-defined]
                answer = painted(call, rid)
                if answer is None:
                    break
                pump(fd, buf, 0.3)
                mark, c0 = len(buf), cpu_ns(pid)
                os.write(fd, key.encode())
                pump(fd, buf, 30, answer, mark)
                pump(fd, buf, 0.3)
                out["first" if first else "later"].append((cpu_ns(pid) - c0) / MS)
                out["bytes"].append(len(buf) - mark)
                first = False
        finally:
            stop(pid, fd)
    return out


async def served_tab(base: str, db_url: str, seed: int, idle: float | None,
                     out: dict[str, list[float]]) -> None:
    import aiohttp

    from simulator.store import Store
    from simulator.web.storecall import StoreCall

    user = f"keycpu {seed}"
    store = Store(db_url)
    try:
        call = StoreCall.start(store, user, SCENARIO, seed=seed, lang="en").session
    finally:
        store.close()
    from simulator.engine.policies import best_line

    line = best_line(call.fork())[0]
    buf = bytearray()
    grew = asyncio.Event()

    async def until(needle: str, since: int, timeout: float = 60) -> None:
        end = time.monotonic() + timeout
        while needle not in plain(buf[since:]):
            grew.clear()
            try:
                await asyncio.wait_for(grew.wait(), max(0.01, end - time.monotonic()))
            except TimeoutError:
                if time.monotonic() > end:
                    raise

    jar = aiohttp.CookieJar(unsafe=True)
    async with aiohttp.ClientSession(cookie_jar=jar) as http:
        await http.post(base + "/signin", data={"name": user})
        url = base.replace("http", "ws", 1) + f"/ws/practice?width={COLS}&height={ROWS}"
        async with http.ws_connect(url, headers={"Origin": base}) as ws:
            async def read() -> None:
                async for msg in ws:
                    if msg.type == aiohttp.WSMsgType.BINARY:
                        buf.extend(msg.data)
                        grew.set()

            reader = asyncio.create_task(read())
            await until(call.opening.line[:12], 0, 120)
            await asyncio.sleep(1.5)
            child = (await asyncio.to_thread(pids, base))[0]
            if idle:
                c0, t0 = cpu_ns(child), time.monotonic()
                await asyncio.sleep(idle)
                out["idle"].append((cpu_ns(child) - c0) / 1e9 / (time.monotonic() - t0) * 100)
            first = True
            for rid in line:
                key = str([r.id for r in call.offered()].index(rid) + 1)
                answer = painted(call, rid)
                if answer is None:
                    break
                await asyncio.sleep(0.3)
                mark, c0 = len(buf), cpu_ns(child)
                await ws.send_str(json.dumps(["stdin", key]))
                await until(answer, mark)
                await asyncio.sleep(0.3)
                out["first" if first else "later"].append((cpu_ns(child) - c0) / MS)
                out["bytes"].append(len(buf) - mark)
                first = False
            reader.cancel()


def served(env: dict[str, str], home: str, seeds: int, idle: float, port: int) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {"idle": [], "first": [], "later": [], "bytes": []}
    db_url = f"sqlite:///{home}/results.db"
    with serving(port, db_url, dict(env, COLLECTSIM_WEB_SECRET="keycpu")) as (base, _):
        for seed in range(1, seeds + 1):  # one tab at a time: each process measured alone
            asyncio.run(served_tab(base, db_url, seed, idle if seed == 1 else None, out))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", type=int, default=4)
    ap.add_argument("--idle", type=float, default=20.0, help="seconds left alone (default 20)")
    ap.add_argument("--port", type=int, default=8350)
    a = ap.parse_args()
    med = statistics.median
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} (CPU time is "
          "counted per process, so other work inflates these figures less than wall clock)")
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, TERM="xterm-256color", COLLECTSIM_HOME=home)
        bare_idle, bare_key = bare(env, a.idle)
        print(f"bare Textual app: idle {bare_idle:.3f}% of a core; a down-arrow {bare_key:.1f} ms CPU")
        for name, r in (("local terminal", local(env, a.seeds, a.idle)),
                        ("served tab", served(env, home, a.seeds, a.idle, a.port))):
            print(f"{name}: idle {r['idle'][0]:.3f}% of a core ({r['idle'][0] / bare_idle:.2f}x bare); "
                  f"first reply keypress {med(r['first']):.1f} ms CPU [{min(r['first']):.1f}-{max(r['first']):.1f}] "
                  f"({med(r['first']) / bare_key:.2f}x a bare arrow); later ones {med(r['later']):.1f} ms "
                  f"[{min(r['later']):.1f}-{max(r['later']):.1f}] ({med(r['later']) / bare_key:.2f}x), "
                  f"n={len(r['first']) + len(r['later'])}; {med(r['bytes']) / 1024:.1f} KB written per keypress")
    return 0


if __name__ == "__main__":
    sys.exit(main())
