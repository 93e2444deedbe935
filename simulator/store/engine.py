"""The SQLAlchemy engine of a store, set up so concurrent writers never lose a result.

SQLite: every transaction begins IMMEDIATE, taking the write lock up front, so two writers
queue on the busy timeout instead of one failing on a lock upgrade half-way (that is how
the fresh-file schema race lost calls). PostgreSQL: pre-pinged pooled connections.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event

from .url import resolve_url


def make_engine(url: str | None = None) -> Engine:
    url = resolve_url(url)
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"timeout": 60})
    event.listen(engine, "connect", _sqlite_connect)
    event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN IMMEDIATE"))
    return engine


def _sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # the driver begins nothing itself: "begin" above does
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA busy_timeout=60000")  # first: switching to WAL may wait for a lock
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()
