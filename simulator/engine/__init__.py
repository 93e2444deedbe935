"""The call engine: a persona's state machine driven by the officer's replies. No Textual."""

from .session import Session, new_session

__all__ = ["Session", "new_session"]
