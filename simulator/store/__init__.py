"""The results store: attempts, their turn journal and signatures (SQLite or PostgreSQL)."""

from .db import Store, open_store
from .url import resolve_url

__all__ = ["Store", "open_store", "resolve_url"]
