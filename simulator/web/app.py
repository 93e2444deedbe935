"""The practice app as a browser tab runs it: the terminal app, with its calls in the store.

Everything on screen is `CollectApp`'s; only where a call is kept differs. The user comes
from the server (never from the page), so a tab sees that user's calls and history only.
"""

from __future__ import annotations

from pathlib import Path

from textual import events

import simulator.tui
from simulator.store import Store
from simulator.tui.app import CollectApp

from .storecall import StoreCall, store_history, unfinished_practice


class WebCollectApp(CollectApp):
    """Opens on the user's unfinished call at the turn it stopped, else on the picker."""

    # Textual reads a relative CSS_PATH beside the subclass's module: point at the original.
    CSS_PATH = str(Path(simulator.tui.__file__).parent / CollectApp.CSS_PATH)

    def __init__(self, store: Store, user: str, lang: str | None = None) -> None:
        super().__init__(lang=lang)
        self.store = store
        self.user = user
        self.sub_title = user

    def on_mount(self, event: events.Mount) -> None:
        # instead of CollectApp's (which would push the picker too) and the terminal watch
        # of CollectsimApp (a tab has no tty; the server ends the process)
        event.prevent_default()
        for attempt in unfinished_practice(self.store, self.user):
            try:
                call = StoreCall.resume(self.store, attempt)
            except Exception:  # its content changed or went away: leave it, offer the rest
                continue
            self.open_call(call)  # type: ignore[arg-type]
            return
        self.show_picker()

    def start(self, ref: str, seed: int | None) -> None:
        self.open_call(StoreCall.start(self.store, self.user, ref, seed=seed,  # type: ignore[arg-type]
                                       lang=self.lang_override))

    def action_history(self) -> None:
        from simulator.tui.screens.history import HistoryScreen

        self.push_screen(HistoryScreen(store_history(self.store, self.user), self.lang))
