"""Textual's footer, with the key labels in the app's language."""

from __future__ import annotations

from textual import events
from textual.widgets import Footer

from ..i18n import key_label


class LocalFooter(Footer):
    """Bindings are declared once, in English, on each class; this footer shows their
    labels in `app.lang` (Textual reads a binding's description as it is)."""

    def compose(self):
        lang = getattr(self.app, "lang", "en")
        for widget in super().compose():
            description = getattr(widget, "description", None)  # a FooterKey (not exported by Textual)
            if isinstance(description, str) and description:
                widget.description = key_label(description, lang)
            yield widget

    def on_resize(self, event: events.Resize) -> None:
        # below 100 columns the keys need Textual's compact spacing, or the last one
        # ("q Quit") is cut off at 80x24 behind the palette key
        self.compact = event.size.width < 100
