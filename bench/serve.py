"""`collectsim serve` under N concurrent sessions: memory per session and keypress-to-frame
latency through the websocket, against the same keypress in a local terminal.

Each session signs in, opens the practice page's websocket and speaks textual-serve's
browser protocol to it (["stdin", key], ["resize", ...]: what textual.js sends), resumes
a first-call-zhang call started for it and plays the expert's line for that call's drawn
debtor (the best line from the engine's search) with a pause between replies
(--think, default 2-6 s: a trainee reads the debtor's answer and the menu first; 0.4 1.2 is
a stress test). A keypress is timed from the moment its stdin message is sent until the frame that
paints the debtor's answer has arrived (the answer is known from the headless engine given
the call's stored seed). The baseline is the same replies in `collectsim play` on a local
pseudo-terminal of the same size, one keypress at a time (bench/startup.py's pty helpers).
Memory per session: PSS and RSS of each tab's app process, plus the server's own growth
divided by N. Then as many tabs again open with no call started: they sit on the scenario
picker, a trainee's first screen, and their memory is printed too. The browser itself is not on the server and not in the figures: the sessions
are protocol clients, so 30 of them fit next to the server on one 2-core machine (30 real
Chromium tabs would measure Chromium).

    .venv/bin/python bench/serve.py [--sessions 1 10 30] [--port 8150]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import aiohttp

from simulator.engine.policies import best_line

sys.path.insert(0, str(Path(__file__).parent))
from startup import stop  # noqa: E402  (the startup bench's way to end a pty child)

ROOT = Path(__file__).resolve().parent.parent
SCENARIO = "first-call-zhang"
COLS, ROWS = 120, 40
ANSI = re.compile(rb"\x1b(\[[0-9;?$<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|[=>78])")
GOAL_P95_MS, GOAL_MB = 50, 60


def plain(raw: bytes | bytearray) -> str:
    return ANSI.sub(b"", bytes(raw)).decode("utf-8", "replace")


def painted(call, rid: str) -> str | None:
    """Play `rid` on the twin; the text whose arrival means its answer is on screen (the
    debtor's reply), or None when that reply ends the call: the debrief that then opens is a
    new screen, not a keypress's frame, and is not timed."""
    line = call.choose(rid).debtor_line[:12]
    return None if call.ended else line


def mem_kb(pid: int) -> tuple[int, int]:
    """(PSS, RSS) of a process in kB, 0 if it is gone."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0, 0
    fields = dict(re.findall(r"^(\w+):\s+(\d+) kB", text, re.M))
    return int(fields.get("Pss", 0)), int(fields.get("Rss", 0))


class Session:
    def __init__(self, base: str, user: str, db_url: str, think: tuple[float, float]) -> None:
        """The user's call is started in the store first, so the tab opens on it (as a
        trainee coming back to a call does) and nothing is spent on the picker."""
        from simulator.store import Store
        from simulator.web.storecall import StoreCall

        self.base, self.user, self.db_url, self.think = base, user, db_url, think
        store = Store(db_url)
        try:
            started = StoreCall.start(store, user, SCENARIO, seed=random.randrange(1, 10**6), lang="en")
        finally:
            store.close()
        self.call = started.session
        # the expert's line for this call's debtor, searched now: a search inside the event
        # loop would stall every session's websocket (and miss the server's heartbeats)
        self.line = best_line(self.call.fork())[0]
        self.opening = self.call.opening.line[:12]
        self.buf = bytearray()
        self.grew = asyncio.Event()
        self.latencies: list[float] = []

    async def _read(self, ws) -> None:
        async for msg in ws:
            if msg.type == aiohttp.WSMsgType.BINARY:
                self.buf += msg.data
                self.grew.set()

    async def wait_text(self, needle: str, since: int, timeout: float = 60) -> float:
        """perf_counter() when `needle` has arrived after byte `since`."""
        end = time.perf_counter() + timeout
        while needle not in plain(self.buf[since:]):
            self.grew.clear()
            left = end - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"{self.user}: never saw {needle!r} in {plain(self.buf[since:])[-1500:]!r}")
            try:
                await asyncio.wait_for(self.grew.wait(), left)
            except TimeoutError:
                pass
        return time.perf_counter()

    async def run(self, started: asyncio.Event) -> None:
        jar = aiohttp.CookieJar(unsafe=True)  # cookies for 127.0.0.1
        async with aiohttp.ClientSession(cookie_jar=jar) as http:
            await http.post(self.base + "/signin", data={"name": self.user})
            url = self.base.replace("http", "ws", 1) + f"/ws/practice?width={COLS}&height={ROWS}"
            async with http.ws_connect(url, headers={"Origin": self.base}) as ws:
                reader = asyncio.create_task(self._read(ws))
                send = ws.send_str
                await self.wait_text(self.opening, 0, timeout=180)  # the call, resumed at turn 0
                await send(json.dumps(["resize", {"width": COLS, "height": ROWS}]))
                call, line = self.call, self.line
                started.set()
                await asyncio.sleep(1.0)
                for rid in line:
                    if call.ended:
                        break
                    await asyncio.sleep(random.uniform(*self.think))  # a person reading
                    key = str([r.id for r in call.offered()].index(rid) + 1)
                    answer = painted(call, rid)
                    mark = len(self.buf)
                    t0 = time.perf_counter()
                    await send(json.dumps(["stdin", key]))
                    if answer is None:
                        await self.wait_text(f"{call.report().total}/100", mark)
                    else:
                        self.latencies.append(await self.wait_text(answer, mark) - t0)
                await asyncio.sleep(0.5)
                reader.cancel()


async def on_picker(base: str, user: str, ready: asyncio.Event, hold: float) -> None:
    """A tab signed in with no call started: it opens on the scenario picker, the first
    screen a trainee's practice tab shows. Kept open `hold` seconds."""
    jar = aiohttp.CookieJar(unsafe=True)
    async with aiohttp.ClientSession(cookie_jar=jar) as http:
        await http.post(base + "/signin", data={"name": user})
        url = base.replace("http", "ws", 1) + f"/ws/practice?width={COLS}&height={ROWS}"
        async with http.ws_connect(url, headers={"Origin": base}) as ws:
            buf = bytearray()
            async for msg in ws:
                if msg.type == aiohttp.WSMsgType.BINARY:
                    buf += msg.data
                    if SCENARIO in plain(buf):  # the picker's list is on screen
                        break
            ready.set()
            await asyncio.sleep(hold)


async def picker_round(base: str, n: int) -> dict:
    """PSS and RSS per tab of n tabs sitting on the picker."""
    ready = [asyncio.Event() for _ in range(n)]
    tabs = [asyncio.create_task(on_picker(base, f"picker {n}-{i}", e, 10 + n)) for i, e in enumerate(ready)]
    await asyncio.gather(*(e.wait() for e in ready))
    await asyncio.sleep(3.0)
    mem = [mem_kb(p) for p in await asyncio.to_thread(pids, base)]
    for t in tabs:
        t.cancel()
    await asyncio.gather(*tabs, return_exceptions=True)
    return {"n": len(mem), "pss_mb": sum(p for p, _ in mem) / len(mem) / 1024,
            "rss_mb": sum(r for _, r in mem) / len(mem) / 1024}


@contextmanager
def serving(port: int, db_url: str, env: dict[str, str], *extra: str) -> Iterator[tuple[str, int]]:
    """`collectsim serve` on loopback until the block ends (then SIGTERM): its base URL and
    pid, once its health check answers."""
    server = subprocess.Popen([sys.executable, "-m", "simulator.cli.main", "serve", "--port", str(port),
                               "--db", db_url, *extra], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                pids(base)
                break
            except OSError:
                time.sleep(0.1)
        yield base, server.pid
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(30)


def pids(base: str) -> list[int]:
    import urllib.request

    with urllib.request.urlopen(base + "/healthz", timeout=5) as r:
        return json.loads(r.read())["pids"]


async def web_round(base: str, db_url: str, n: int, server_pid: int,
                    think: tuple[float, float]) -> dict:
    base_pss, base_rss = mem_kb(server_pid)
    sessions = [Session(base, f"bench {n}-{i}", db_url, think) for i in range(n)]
    started = [asyncio.Event() for _ in sessions]
    tasks = [asyncio.create_task(s.run(e)) for s, e in zip(sessions, started, strict=True)]
    ready = asyncio.ensure_future(asyncio.gather(*(e.wait() for e in started)))
    while not ready.done():  # a session that fails before its call began stops the round
        await asyncio.wait([ready, *tasks], return_when=asyncio.FIRST_COMPLETED)
        for t in tasks:
            if t.done() and t.exception() is not None:
                raise t.exception()  # type: ignore[misc]
    await asyncio.sleep(1.0)
    children = await asyncio.to_thread(pids, base)
    mem = [mem_kb(p) for p in children]
    srv_pss, srv_rss = mem_kb(server_pid)
    await asyncio.gather(*tasks)
    lat = sorted(x for s in sessions for x in s.latencies)
    return {
        "n": n, "children": len(children),
        "pss_mb": (sum(p for p, _ in mem) + max(0, srv_pss - base_pss)) / n / 1024,
        "rss_mb": (sum(r for _, r in mem) + max(0, srv_rss - base_rss)) / n / 1024,
        "p50": statistics.median(lat), "p95": lat[max(0, round(0.95 * len(lat)) - 1)], "count": len(lat),
    }


def pty_spawn(argv: list[str], env: dict[str, str]) -> tuple[int, int]:
    """`argv` on a pseudo-terminal of COLS x ROWS from its first instruction."""
    import fcntl
    import pty
    import struct
    import termios

    pid, fd = pty.fork()
    if pid == 0:  # child: take the size before exec, so the app starts at it
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        os.execve(argv[0], argv, env)
    return pid, fd


def read_until(fd: int, buf: bytearray, needle: str, since: int, timeout: float = 30) -> float:
    """perf_counter() once `needle` shows in what the terminal printed after byte `since`."""
    import select

    end = time.perf_counter() + timeout
    while needle not in plain(buf[since:]):
        left = end - time.perf_counter()
        if left <= 0:
            raise TimeoutError(f"never saw {needle!r} in {plain(buf[since:])[-3000:]!r}")
        if select.select([fd], [], [], left)[0]:
            buf += os.read(fd, 65536)
    return time.perf_counter()


def local_terminal(home: str, runs: int) -> list[float]:
    """The same keypresses in `collectsim play` on a local pty of the same size."""
    from simulator.engine import new_session

    env = dict(os.environ, TERM="xterm-256color", COLLECTSIM_HOME=home)
    out: list[float] = []
    for seed in range(1, runs + 1):
        call = new_session(SCENARIO, seed=seed)
        line = best_line(call.fork())[0]
        pid, fd = pty_spawn([sys.executable, "-m", "simulator.cli.main", "play", SCENARIO,
                             "--seed", str(seed)], env)
        buf = bytearray()
        try:
            read_until(fd, buf, "Sun from Hengxin", 0, timeout=60)
            time.sleep(1.0)
            for rid in line:
                if call.ended:
                    break
                key = str([r.id for r in call.offered()].index(rid) + 1)
                answer = painted(call, rid)
                time.sleep(0.4)
                read_until(fd, buf, "", len(buf), timeout=0.01)
                mark = len(buf)
                t0 = time.perf_counter()
                os.write(fd, key.encode())
                if answer is not None:
                    out.append(read_until(fd, buf, answer, mark) - t0)
        finally:
            stop(pid, fd)
    return out


def main() -> int:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so the server is stopped too
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sessions", type=int, nargs="+", default=[1, 10, 30])
    ap.add_argument("--port", type=int, default=8150)
    ap.add_argument("--local-runs", type=int, default=3)
    ap.add_argument("--think", type=float, nargs=2, default=[2.0, 6.0], metavar=("MIN", "MAX"),
                    help="seconds between a session's replies (default 2 6)")
    a = ap.parse_args()
    ms = 1000
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} before the run "
          f"(other work on it inflates every latency here); think time {a.think[0]}-{a.think[1]} s")
    with tempfile.TemporaryDirectory() as home:
        local = sorted(local_terminal(home, a.local_runs))
        l50, l95 = statistics.median(local), local[max(0, round(0.95 * len(local)) - 1)]
        print(f"local terminal, {len(local)} keypresses: p50 {l50 * ms:.1f} ms, p95 {l95 * ms:.1f} ms")
        db_url = f"sqlite:///{home}/results.db"
        env = dict(os.environ, COLLECTSIM_HOME=home, COLLECTSIM_WEB_SECRET="bench")
        with serving(a.port, db_url, env, "--max-sessions", str(max(a.sessions) + 5)) as (base, server_pid):
            print(f"{'sessions':>8} {'PSS/session':>12} {'RSS/session':>12} {'p50':>8} {'p95':>8} "
                  f"{'p50 ratio':>10} {'p95 ratio':>10}  keypresses")
            rows = []
            for n in a.sessions:
                r = asyncio.run(web_round(base, db_url, n, server_pid, tuple(a.think)))
                rows.append(r)
                print(f"{n:>8} {r['pss_mb']:>9.1f} MB {r['rss_mb']:>9.1f} MB {r['p50'] * ms:>5.1f} ms "
                      f"{r['p95'] * ms:>5.1f} ms {r['p50'] / l50:>9.2f}x {r['p95'] / l95:>9.2f}x  {r['count']}",
                      flush=True)
            time.sleep(2.0)  # the last round's tabs are closed and their apps gone
            picker = asyncio.run(picker_round(base, max(a.sessions)))
            print(f"{picker['n']} tabs on the scenario picker (no call open): PSS {picker['pss_mb']:.1f} MB, "
                  f"RSS {picker['rss_mb']:.1f} MB per tab", flush=True)
    last = rows[-1]
    print(f"goal at {last['n']} sessions: p95 < {GOAL_P95_MS} ms: "
          f"{'met' if last['p95'] * ms < GOAL_P95_MS else 'NOT met'} ({last['p95'] * ms:.1f} ms); "
          f"< {GOAL_MB} MB per session: {'met' if last['pss_mb'] < GOAL_MB else 'NOT met'} "
          f"(PSS {last['pss_mb']:.1f} MB, RSS {last['rss_mb']:.1f} MB); load average after {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
