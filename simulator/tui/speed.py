"""Every start-up and keypress measure of the TUI, in one place, with what each one buys.

The targets (bench/startup.py measures them against a bare Textual app in the same run):
first frame of `collectsim play SCENARIO` within 1.3x of the bare app, warm or cold, and a
keypress repainted in under 16 ms (bench/keycpu.py counts the CPU time of a keypress and of
an idle second, in a terminal and in a served tab). What does not live here, and why:

* the first-frame cache (firstframe.py) and the validated-content cache
  (simulator/core/contentcache.py): caches, with their own rules for trust and staleness;
* screens and widgets that repaint a turn without a layout of the screen, and only the lines
  that changed (widgets/stripview.py, widgets/side.py, widgets/rows.py): how they draw, not a
  switch to flip; the Textual internals they lean on are in textual_private.py;
* a browser tab starting with the keyboard (base.py, `on_app_blur`): else its first key
  restyles the whole screen;
* `lint`'s collector, run once per file while it walks a large library (authoring/lint.py):
  a batch job's throughput, not the TUI's latency.

The measures:

1. `starting()` - before `play` imports anything heavy.
   * The cyclic GC is off until the call is loaded: a full collection over Textual, the
     models and the engine cost ~17 ms of the first frame. `startup_done()` turns it back on.
   * pydantic's plugin discovery is skipped (PYDANTIC_DISABLE_PLUGINS, unless the user set
     it): on its first validation pydantic imports importlib.metadata and reads the entry
     points of every installed distribution to look for plugins, a cold start's largest
     single cost after the imports; collectsim uses no pydantic plugin.
2. `startup_done()` - once the call is loaded: what start-up built lives as long as the app,
   so it is frozen (later collections, which can land on a keypress, do not walk it) and the
   GC goes back on. The persona's `transitions` machine is built here too if the loader's
   thread has not built it (app.py, `_begin_loading`): else the first reply would wait
   ~7 ms for importing transitions and building the machine.
3. `settle_then(app, fn)` - from the app's post-display hook: load the engine 20 ms after the
   last frame of the start-up burst, not during it (loading sooner slowed those frames).
4. `turn_without_pauses(app, journal)` - around one turn: no cyclic GC between the key and
   its paint (a turn allocates enough to set off collections mid-render), and the journal's
   fsync waits until the answer is painted and then runs on a worker thread, off the UI
   thread. What stays on the UI thread, before the answer shows, is the write itself: the
   record is in the OS's hands (write(2)) before the debtor's answer is on screen, so it
   survives Ctrl-C, a closed terminal or a crash of the app. The fsync (durability across a
   power cut or a kernel crash) follows within the same breath; it waited on the disk on the
   UI thread before (0.06 ms on this VM's disk, milliseconds on a laptop's), delaying the
   next key. A pending fsync is finished before the process exits: asyncio.run waits for the
   default executor, and a lost terminal fsyncs on the spot (app.terminal_lost).
   Both follow the paint as one Python callback: Textual reads the signature of every
   after-refresh callback, and `gc.enable`, a builtin, has its signature parsed from text
   (tokenize + ast, ~0.3 ms of every keypress). The worker thread is started by
   `startup_done()`, once the call is loaded, so the first reply does not pay for importing
   the thread pool and starting its thread (~1 ms).
5. `opening_elsewhere(ref, seed, lang)` - a first launch (no first-frame cache entry): the
   opening view is computed in a forked child while this process imports Textual and
   builds the app. Both take about as long (the engine's imports, validating the content
   and the session on one side; Textual and the app's modules on the other), so on a
   second core the first frame comes about as soon as from the cache. The child opens no
   journal and writes nothing but the caches; the app's own process then starts the call
   after the first frame, exactly as after a cache hit (firstframe.py). What it costs: the
   child's CPU time, and with the caches off (COLLECTSIM_NO_CACHE=1) the content is
   validated twice, once in each process. Done on Linux with two cores or more only
   (`forks_ahead`); a child that fails (bad content) hands over nothing, and the
   app's process loads the scenario itself and reports the error as it always did.
6. `frames_without_waits()` - when an app mounts: a thread asking for the GIL gets it within
   0.5 ms instead of Python's default 5 ms. Textual hands each frame to its writer thread,
   which needs the GIL to write it; the UI thread goes on with the work that follows a paint
   (after-refresh callbacks, the collection the GC runs once it is back on), so a frame
   waited in a queue until that was done, up to 5 ms, before the terminal saw it. Measured
   on keypresses' frames at 80x24, the same code with and without: queued to written
   0.2-5.6 ms (5 ms on one key in four) against 0.2-2.2 ms on a machine loaded 10 deep,
   0.2-0.35 ms on a quieter one (bench/keycpu.py's CPU figures do not show it; the wall
   clock of bench/startup.py's keypress does). The other threads (input, writer, fsync)
   wait on I/O, so a shorter interval costs almost nothing: it only matters when two
   threads want the GIL at once.
7. `loading_beside_frames()` - while firstframe.Loader imports the engine on its thread
   beside the first frames: the interval is shortened further (0.2 ms) and restored after.
   The loading thread is busy the whole time, so each queued frame would otherwise wait a
   full interval for the GIL, one write at a time.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    from textual.app import App
    from textual.timer import Timer

    from simulator.core.transcript import Journal
    from simulator.engine.session import Session

    from .view import CallView

SETTLE_SECONDS = 0.02
SWITCH_INTERVAL = 0.0005  # seconds: how long a thread waits for the GIL before asking for it
LOADING_SWITCH_INTERVAL = 0.0002  # the same, while the engine loads beside the first frames


def starting() -> None:
    gc.disable()
    if "PYDANTIC_DISABLE_PLUGINS" not in os.environ:  # the user's setting wins
        os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"
        _no_pydantic_plugins()


def _no_pydantic_plugins() -> None:
    """pydantic asks `pydantic.plugin._loader.get_plugins()` for plugins on its first
    validation, and that module imports importlib.metadata (email, zipfile, csv...) even
    when plugins are disabled. With none wanted, an empty loader is registered in its
    place. Private to pydantic: tests/test_pydantic_private.py fails loudly if pydantic
    stops asking this way."""
    import types

    if "pydantic.plugin._loader" in sys.modules:
        return
    loader = types.ModuleType("pydantic.plugin._loader")
    loader.get_plugins = lambda: ()  # type: ignore[attr-defined]
    sys.modules["pydantic.plugin._loader"] = loader


def opening_elsewhere(ref: str, seed: int | None, lang: str | None) -> Callable[[], CallView | None]:
    """Start computing the opening view of this call in a child process (see 5. above);
    returns the function that waits for it (None if the child had nothing to give)."""
    if not forks_ahead():
        return lambda: None
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        _child(read_end, write_end, ref, seed, lang)
    os.close(write_end)

    def receive() -> CallView | None:
        import json

        from .firstframe import from_json

        try:
            with os.fdopen(read_end, "rb") as handed:
                data = handed.read()
        finally:
            os.waitpid(pid, 0)
        try:
            return from_json(json.loads(data)) if data else None
        except (ValueError, KeyError, TypeError, AttributeError):
            return None

    return receive


def forks_ahead() -> bool:
    """Linux with two cores or more: elsewhere fork is missing (Windows), unsafe without an
    exec (macOS, whose system libraries may not survive one), or of no use (one core)."""
    return sys.platform == "linux" and len(os.sched_getaffinity(0)) >= 2


def _child(read_end: int, write_end: int, ref: str, seed: int | None, lang: str | None) -> NoReturn:
    """The forked child: compute the view, hand it over as JSON, and leave at once (no exit
    handlers, no buffers of the parent's flushed). It never touches the terminal."""
    status = 1
    try:
        os.close(read_end)
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(devnull, fd)
        import json
        from dataclasses import asdict

        from .firstframe import opening

        view = opening(ref, seed, lang)
        if view is not None:
            data = json.dumps(asdict(view), ensure_ascii=False).encode("utf-8")
            with os.fdopen(write_end, "wb") as out:
                out.write(data)
            status = 0
    except BaseException:  # noqa: BLE001 - bad content, a signal: the app's process will see for itself
        pass
    finally:
        os._exit(status)


def startup_done(session: Session | None = None) -> None:
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
    if session is not None:
        session.ready()  # the persona's machine, unless the loader's thread has built it
    import asyncio  # here, as in fsync_off_the_ui_thread

    asyncio.get_running_loop().run_in_executor(None, int)  # the fsync's worker, started now


def frames_without_waits() -> None:
    sys.setswitchinterval(min(sys.getswitchinterval(), SWITCH_INTERVAL))


@contextmanager
def loading_beside_frames() -> Iterator[None]:
    interval = sys.getswitchinterval()
    sys.setswitchinterval(min(interval, LOADING_SWITCH_INTERVAL))
    try:
        yield
    finally:
        sys.setswitchinterval(interval)


def settle_then(app: App[Any], fn: Callable[[], None], timer: Timer | None) -> Timer:
    """(Re)start the settle timer; returns it, for the next display to restart."""
    if timer is not None:
        timer.stop()
    return app.set_timer(SETTLE_SECONDS, fn)


@contextmanager
def turn_without_pauses(app: App[Any], journal: Journal | None) -> Iterator[None]:
    collecting = gc.isenabled()
    gc.disable()
    if journal is not None:
        journal.fsync = False
    try:
        yield
    finally:
        if journal is not None:
            journal.fsync = True
        app.call_after_refresh(_after_paint, collecting, None if journal is None else journal.path)


def _after_paint(collect: bool, journal: Path | None) -> None:
    if collect:
        gc.enable()
    if journal is not None:
        fsync_off_the_ui_thread(journal)


def fsync_off_the_ui_thread(path: Path) -> None:
    """`fsync(path)` on the event loop's default executor (os.fsync releases the GIL)."""
    import asyncio  # here: a first launch forks before Textual (and asyncio) is imported (5.)

    asyncio.get_running_loop().run_in_executor(None, fsync, path)


def fsync(path: Path) -> None:
    """Force a journal's written records to disk (an fsync on any descriptor of the file)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
