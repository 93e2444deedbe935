"""The opening screen of `collectsim play SCENARIO`, remembered so it can be drawn at once.

Why: the call screen's first frame depends only on the content files, the seed, the language
and our code, yet computing it means importing pydantic, the models and the engine (more
than the whole of Textual's own start). So after a call opens, its `CallView` is written to
the user cache; the next `play` of the same scenario draws it straight from there and loads
the engine right after the first frame (`CollectApp.hydrate`). The engine then rebuilds the
same view from the real session: if it differs (it should not), the screen is replaced and
the entry rewritten, so a stale entry can cost a flicker, never a wrong call. Keys pressed
before the engine is ready wait for it.

An entry is keyed by the command line (scenario ref, seed, language), the working folder,
the content search path and a token of our code (path, size and mtime of every module); it
records the sha256 of each content file it was built from and is used only if all of them
still match. Plain JSON: nothing in it is executed, and its text is shown as text (never as
markup, control characters made visible) like everything else on screen. It is read only
under the content cache's rules (`safeio.read_trusted`: this user's own folder and file, no
symlink, writable by nobody else). `COLLECTSIM_NO_CACHE=1` turns it off.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Callable
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from simulator.core.contentcache import cache_dir, enabled
from simulator.core.safeio import read_content, read_trusted, write_private

from .view import CallView, Line, Row, call_view

if TYPE_CHECKING:
    from simulator.engine.session import Session

_ROOT = Path(__file__).resolve().parent.parent.parent  # holds simulator/ and scoring/
FORMAT = 4  # 3: the status panel and the case file as rows of (text, role) pieces; 4: status_room
T = TypeVar("T")


def _dir() -> Path:
    return cache_dir("firstframe")


@lru_cache(maxsize=1)
def _code_token() -> str:
    """Changes when any of our modules (or Python) changes: a stat per file, no reading."""
    from simulator import __version__

    h = hashlib.sha256(f"{FORMAT}\0{__version__}\0{sys.version}".encode())
    for pkg in ("simulator", "scoring"):
        for folder, dirs, files in os.walk(_ROOT / pkg):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(f for f in files if f.endswith(".py")):
                st = os.stat(os.path.join(folder, name))
                h.update(f"{folder}/{name}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def _entry(ref: str, seed: int | None, lang: str | None) -> Path:
    env = [os.environ.get(k, "") for k in ("COLLECTSIM_PATH", "COLLECTSIM_HOME", "COLLECTSIM_LIMITS")]
    key = json.dumps([_code_token(), os.getcwd(), ref, seed, lang, env])
    return _dir() / (hashlib.sha256(key.encode()).hexdigest() + ".json")


def _sha256(path: str) -> str | None:
    from simulator.core.errors import ContentError
    from simulator.core.limits import current

    try:  # content's own rules: a path that became a FIFO or a huge file is not waited on
        return hashlib.sha256(read_content(path, path, current().file_bytes)).hexdigest()
    except ContentError:
        return None


def load(ref: str, seed: int | None, lang: str | None) -> CallView | None:
    """The remembered opening view, if every file it was built from is unchanged."""
    if not enabled():
        return None
    entry = _entry(ref, seed, lang)
    raw = read_trusted(entry.parent, entry.name)  # ours, no symlink, nobody else can write
    if raw is None:
        return None
    try:
        data = json.loads(raw)
        if not data["files"] or any(_sha256(p) != h for p, h in data["files"].items()):
            return None
        return from_json(data["view"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):  # corrupt or foreign: not used
        return None


def from_json(v: dict) -> CallView:
    """A view from its JSON form, every field read as the type it must be (raises
    ValueError, KeyError, TypeError or AttributeError on anything else)."""
    return CallView(
        title=str(v["title"]), lang=str(v["lang"]), practice=bool(v["practice"]),
        lines=tuple(Line(str(x["who"]), str(x["text"])) for x in v["lines"]),
        menu=tuple((str(i), str(text)) for i, text in v["menu"]),
        status=_rows(v["status"]), case=_rows(v["case"]), status_room=_rows(v["status_room"]),
    )


def _rows(data: list) -> tuple[Row, ...]:
    return tuple(tuple((str(text), str(role)) for text, role in row) for row in data)


def opening(ref: str, seed: int | None, lang: str | None) -> CallView | None:
    """The opening view of this command line's call, computed by the engine (None if the
    call ends before a reply), and remembered for the next launch. Opens no journal: the
    call itself is started by the app."""
    from simulator.engine.bundle import load_scenario
    from simulator.engine.session import Session

    s = Session(load_scenario(ref, shown_in=lang), seed=seed, lang=lang)  # the only language shown
    return None if s.ended else remember(ref, seed, lang, s)


def remember(ref: str, seed: int | None, lang: str | None, s: Session) -> CallView:
    """Save the view of session `s` as the opening of this command line; returns it."""
    view = call_view(s)
    save(ref, seed, lang, view, {str(src.path): src.sha256 for src in s.bundle.sources.values()})
    return view


def save(ref: str, seed: int | None, lang: str | None, view: CallView, files: dict[str, str]) -> None:
    """Remember `view` as the opening of this command line; failures only cost speed."""
    if not enabled():
        return
    data = json.dumps({"files": files, "view": asdict(view)}, ensure_ascii=False).encode("utf-8")
    try:
        write_private(_entry(ref, seed, lang), data)
    except OSError:
        return


class Loader:
    """Runs `start` (importing the engine and opening the call) in a thread, so the main
    thread is free to put the first frame on screen meanwhile; `result()` waits for it.

    While it loads, frames get the GIL sooner still (speed.py, 7.)."""

    def __init__(self, start: Callable[[], T], done: Callable[[], object]) -> None:
        import threading

        self._start, self._done = start, done
        self._value: T | None = None
        self._error: BaseException | None = None
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="collectsim-load", daemon=True)

    def begin(self) -> None:
        self._thread.start()

    def _run(self) -> None:
        from .speed import loading_beside_frames

        try:
            with loading_beside_frames():  # speed.py, 7.
                self._value = self._start()
        except BaseException as exc:  # re-raised on the main thread by result()
            self._error = exc
        finally:
            self._ready.set()
        try:
            self._done()
        except Exception:  # the app closed meanwhile: nobody is waiting
            pass

    def result(self) -> T:
        self._ready.wait()  # not join(): `done` may be what is asking
        if self._error is not None:
            raise self._error
        return self._value  # type: ignore[return-value]
