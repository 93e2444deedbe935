"""What every collectsim app shares: its stylesheet and title, a Ctrl-C that quits, `?`
help in the app's language, and leaving when the terminal goes away (terminal.py). (The `t` theme key of each app is
Textual's own `toggle_dark` action.)"""

from __future__ import annotations

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.content import Content

from simulator.core.safetext import shown

from . import speed
from .terminal import watch_terminal


class CollectsimApp(App):
    CSS_PATH = "collectsim.tcss"
    TITLE = "collectsim"
    HELP_TOPIC = "help_text"  # the i18n key of `?`'s text; a screen's own HELP_TOPIC wins
    # merged with each app's own bindings. Ctrl-C leaves at once, as in any terminal program
    # (Textual would only hint at ctrl+q): a call is journaled turn by turn, `--resume` goes on
    BINDINGS = [Binding("ctrl+c", "quit", "Quit", show=False, priority=True)]

    def format_title(self, title: str, sub_title: str) -> Content:
        """The header's title: a scenario's title is data, its control characters shown."""
        return super().format_title(shown(title), shown(sub_title))

    def notify(self, message: str, *, title: str = "", severity="information",  # type: ignore[override]
               timeout: float | None = None, markup: bool = True) -> None:
        """Notifications quote files and problems: always plain text (a widget's notify
        passes markup=True by default; ours never hold markup)."""
        super().notify(shown(message, layout=True), title=shown(title), severity=severity,
                       timeout=timeout, markup=False)

    def on_mount(self) -> None:
        """Runs after the subclass's own on_mount (unless that one prevents it)."""
        speed.frames_without_waits()  # see speed.py, 6.
        watch_terminal(self, self.terminal_lost)

    _blurred_by_driver = False

    def on_app_blur(self, event: events.AppBlur) -> None:
        """In a browser tab the app starts with the keyboard: the page focuses the terminal
        (web/static/js/boot.js), but textual-serve's page never says so (checked in headless
        Chromium: no ["focus"] is sent), so the blur Textual's web driver posts at start held
        until the first key, which then restyled the whole screen and rebuilt the footer
        (~60 ms of CPU on the first key of every tab). That first blur is ignored; one the
        browser sends later (another tab, another window) still applies."""
        if self.is_web and not self._blurred_by_driver:
            self._blurred_by_driver = True
            event.prevent_default()

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            topic = getattr(self.screen, "HELP_TOPIC", self.HELP_TOPIC)
            self.push_screen(HelpScreen(self.lang, topic))  # type: ignore[attr-defined]

    def terminal_lost(self) -> None:
        """Last words before the process ends for want of a terminal (see terminal.py)."""
