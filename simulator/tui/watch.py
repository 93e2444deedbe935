"""`collectsim play --watch`: the app, plus live reload of the files the call is built from.

Thin on purpose: the engine (`simulator.engine.reload`) rebuilds the call and journals it;
this module only polls for saves on Textual's timer, swaps the call in, and tells the
trainer what happened in a notification (and, while a save is broken, in the subtitle).
Polling, not an OS file watcher: see the `reload` module's docstring for why.
"""

from __future__ import annotations

from pathlib import Path

from textual import events

from simulator.engine.reload import (
    FileWatch,
    ReloadError,
    reload_call,
    resume_prefix,
    watched_paths,
)
from simulator.engine.resume import JournaledCall

from .app import CollectApp
from .screens.call import CallScreen
from .screens.debrief import DebriefScreen
from .terminal import watch_terminal

POLL_SECONDS = 0.25


class WatchingApp(CollectApp):
    """CollectApp that reloads the persona, scenario, rubric and profile when they are saved."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.watcher = FileWatch()
        self.reload_error: list[str] | None = None

    def on_mount(self, event: events.Mount) -> None:
        """Runs before CollectApp.on_mount; a resumed call is fitted to the files first."""
        self.set_interval(POLL_SECONDS, self.check_files)
        if self.resume_path is not None:
            event.prevent_default()  # CollectApp's resume would fail on a reply since removed
            watch_terminal(self, self.terminal_lost)  # what CollectsimApp.on_mount would do
            call, result = resume_prefix(self.resume_path)
            self.open_call(call)
            if result.broken is not None:
                self.notify(result.message(), title="Resumed on edited files",
                            severity="warning", timeout=12)

    def open_call(self, call: JournaledCall, shown: bool = False) -> None:
        super().open_call(call, shown=shown)
        if call.session.scenario.mode != "practice":  # e.g. picked from the list
            self.watcher.track([])
            self.notify("--watch reloads practice calls only: this assessment plays as set.",
                        severity="warning")
            return
        self.watcher.track(watched_paths(call.session))

    def start(self, ref: str, seed: int | None) -> None:
        """Retry / new seed while a save is broken: say so instead of crashing the app."""
        from simulator.core.errors import ContentError

        try:
            super().start(ref, seed)
        except ContentError as exc:
            self.notify("\n".join(str(p) for p in exc.problems[:6]),
                        title="Cannot start: the files have errors", severity="error", timeout=20)

    def check_files(self) -> None:
        """One poll; reloads only on the call or debrief screen (not under help or history)."""
        if self.call is None or not isinstance(self.screen, (CallScreen, DebriefScreen)):
            return
        changed = self.watcher.poll()
        if changed:
            self.reload(changed)

    def reload(self, changed: list[Path]) -> None:
        assert self.call is not None
        try:
            call, result = reload_call(self.call, changed)
        except ReloadError as exc:
            self.clear_notifications()  # only the latest save's news stays on screen
            lines = [str(p) for p in exc.problems]
            self.reload_error = lines
            shown = "\n".join(lines[:6]) + ("\n…" if len(lines) > 6 else "")
            self.notify(f"{shown}\nStill playing the last version that loaded.",
                        title="Save not loaded", severity="error", timeout=20)
            self.sub_title = f"{self.sub_title.split(' · ⚠')[0]} · ⚠ last save has errors"
            return
        self.reload_error = None
        self.clear_notifications()
        self.open_call(call)  # a fresh screen for the rebuilt call; resets the subtitle
        self.notify(result.message(), title="Reloaded",
                    severity="warning" if result.broken else "information",
                    timeout=12 if result.broken else 4)


def create_watch_app(scenario: str | None = None, seed: int | None = None,
                     lang: str | None = None, resume: Path | None = None,
                     sessions: Path | None = None) -> WatchingApp:
    """The `--watch` counterpart of `create_app`."""
    return WatchingApp(scenario=scenario, seed=seed, lang=lang, resume=resume, sessions=sessions)
