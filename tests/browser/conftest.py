"""A real `collectsim serve` on loopback and a real Chromium (Debian's) driven by Playwright.

Nothing is faked: the server is the CLI in its own process, each tab's app is the process it
spawns, the store is a real SQLite file or the real PostgreSQL of the store tests, and the
terminal's text is read from the websocket frames the browser received.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import conftest  # tests/conftest.py: the one free-port helper
import pytest
from store.conftest import _new_pg_db, db_url, pg_server  # noqa: F401  (the same real PostgreSQL)

CHROMIUM = os.environ.get("COLLECTSIM_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTEFACTS = Path(__file__).resolve().parents[2] / "test-artefacts"
ANSI = re.compile(rb"\x1b(\[[0-9;?$<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|[=>78])")


def free_port() -> int:
    return conftest.free_port(8100, 8200)  # this suite's browser range


def get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=5) as r:
        return json.loads(r.read())


class Server:
    def __init__(self, proc: subprocess.Popen, url: str, db: str) -> None:
        self.proc, self.url, self.db = proc, url, db

    def health(self) -> dict:
        return get_json(self.url + "/healthz")

    def wait_sessions(self, n: int, timeout: float = 20) -> dict:
        end = time.monotonic() + timeout
        while True:
            h = self.health()
            if h["sessions"] == n or time.monotonic() > end:
                return h
            time.sleep(0.1)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie is dead for our purpose
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


def _start(db: str, home: Path, args: tuple[str, ...], env: dict[str, str]):
    """A server on a free port, and its log; None if another process took that port first
    (then the server that answers is not ours, as its pid shows)."""
    port = free_port()
    log = open(home / f"serve-{port}.log", "w")  # noqa: SIM115
    proc = subprocess.Popen([sys.executable, "-m", "simulator.cli.main", "serve", "--port", str(port),
                             "--db", db, *args], env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    end = time.monotonic() + 60
    while True:
        try:
            if get_json(url + "/healthz")["pid"] == proc.pid:
                return proc, url, log
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > end:
            proc.kill()
            proc.wait()
            log.close()
            text = (home / log.name).read_text()
            if "cannot listen" in text:
                return None
            pytest.fail(f"collectsim serve did not start:\n{text}")
        time.sleep(0.1)


@contextmanager
def serve(db: str, home: Path, *args: str, env: dict[str, str] | None = None) -> Iterator[Server]:
    """`collectsim serve` on a free loopback port until the block ends (then SIGTERM)."""
    e = {**os.environ, "COLLECTSIM_HOME": str(home), "COLLECTSIM_WEB_SECRET": "test-secret",
         **(env or {})}
    for _ in range(5):
        started = _start(db, home, args, e)
        if started is not None:
            break
    else:
        pytest.fail("no free port for collectsim serve in 8100-8199")
    proc, url, log = started
    try:
        yield Server(proc, url, db)
    except BaseException:
        log.flush()
        print(f"--- collectsim serve log ({log.name}):\n{Path(log.name).read_text()[-4000:]}")
        raise
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        log.close()


@pytest.fixture(scope="module")
def chromium():
    """One browser per test module: Playwright's sync API keeps an event loop running while
    it is open, which the asyncio tests of later modules could not start under."""
    if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium) "
                    "or run .ci/run, which does", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Tab:
    """A browser page on a terminal route, with the text its websocket has brought so far."""

    def __init__(self, browser, width: int = 1200, height: int = 800, context=None) -> None:
        self.context = context or browser.new_context(viewport={"width": width, "height": height})
        self.page = self.context.new_page()
        self.raw = bytearray()
        self.hosts: set[str] = set()
        self.page.on("request", lambda r: self.hosts.add(r.url.split("/")[2]))
        self.page.on("websocket", self._socket)

    def _socket(self, ws) -> None:
        def got(payload) -> None:
            self.raw += payload if isinstance(payload, bytes) else payload.encode()
        ws.on("framereceived", got)

    def text(self, since: int = 0) -> str:
        return ANSI.sub(b"", bytes(self.raw[since:])).decode("utf-8", "replace")

    def mark(self) -> int:
        return len(self.raw)

    def wait_text(self, needle: str, since: int = 0, timeout: float = 30) -> None:
        end = time.monotonic() + timeout
        while needle not in self.text(since):
            if time.monotonic() > end:
                raise AssertionError(f"never saw {needle!r}; last text:\n{self.text(since)[-2000:]}")
            self.page.wait_for_timeout(100)

    def sign_in(self, base: str, name: str) -> None:
        self.page.goto(base + "/")
        self.page.fill("#name", name)
        self.page.click("#signin")
        self.page.wait_for_url("**/practice")

    def keys(self, *keys: str) -> None:
        self.page.locator(".xterm-helper-textarea").focus()
        for k in keys:
            self.page.keyboard.press(k)

    def close(self) -> None:
        self.context.close()
