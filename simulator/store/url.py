"""Where results live: `--db URL`, else $COLLECTSIM_DB, else a SQLite file per user."""

from __future__ import annotations

import os


def resolve_url(arg: str | None = None) -> str:
    """A SQLAlchemy URL. A trainee needs nothing set up; a team points at PostgreSQL."""
    url = arg or os.environ.get("COLLECTSIM_DB")
    if url:
        if url.startswith("postgresql://"):  # plain libpq URLs: use psycopg 3
            url = "postgresql+psycopg://" + url[len("postgresql://"):]
        return url
    from simulator.core.library import user_data_dir
    from simulator.core.safeio import create_private

    folder = user_data_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    create_private(folder / "results.db")  # SQLite fills an empty file; journals copy its mode
    return f"sqlite:///{folder / 'results.db'}"
