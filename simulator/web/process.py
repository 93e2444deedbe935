"""One app process per browser tab, on textual-serve's `AppService`.

textual-serve runs a fixed shell command string; here each tab gets an argv (no shell, so
nothing from a request can become a command) and an environment naming its user. The
process leads its own process group and is told to die with the server
(PR_SET_PDEATHSIG), so `stop` can end the whole group and a killed server leaves no app
behind. `last_input` is what the idle timeout reads.
"""

from __future__ import annotations

import asyncio
import ctypes
import os
import signal
import sys
import time
from asyncio.subprocess import PIPE, Process
from collections.abc import Awaitable, Callable

from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

# Server-side secrets that an app process has no business seeing.
PRIVATE_ENV = ("COLLECTSIM_WEB_SECRET", "COLLECTSIM_ASSESSOR_KEY")


def _die_with_parent() -> None:  # runs in the child between fork and exec
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


class AppProcess(AppService):
    """A tab's app: `argv` run with `env` added to textual-serve's web-driver environment."""

    def __init__(self, argv: list[str], env: dict[str, str], *,
                 write_bytes: Callable[[bytes], Awaitable[None]],
                 write_str: Callable[[str], Awaitable[None]],
                 close: Callable[[], Awaitable[None]]) -> None:
        super().__init__(" ".join(argv), write_bytes=write_bytes, write_str=write_str,
                         close=close, download_manager=DownloadManager())
        self.argv = argv
        self.extra_env = env
        self.last_input = time.monotonic()

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Process:
        env = self._build_environment(width=width, height=height)
        for name in PRIVATE_ENV:
            env.pop(name, None)
        env.update(self.extra_env)
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv, stdin=PIPE, stdout=PIPE, stderr=PIPE, env=env,
            start_new_session=True, preexec_fn=_die_with_parent,
        )
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    async def send_bytes(self, data: bytes) -> bool:
        self.last_input = time.monotonic()
        return await super().send_bytes(data)

    async def stop(self, grace: float = 3.0) -> None:
        """Ask the app to quit; after `grace` seconds end its process group for good."""
        process = self._process
        try:
            await asyncio.wait_for(super().stop(), grace)
        except (TimeoutError, asyncio.CancelledError, OSError, RuntimeError):
            pass
        if process is None:
            return
        if process.returncode is None:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        try:
            await asyncio.wait_for(process.wait(), grace)
        except TimeoutError:
            pass
        if self._task is not None:
            self._task.cancel()
            self._task = None
