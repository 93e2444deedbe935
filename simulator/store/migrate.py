"""Forward-only schema migrations, run every time a store is opened.

Twenty candidates may open a fresh store at the same moment: the whole check-and-apply runs
under one lock (SQLite: a write transaction taken up front; PostgreSQL: an advisory lock),
so exactly one process migrates and the others find the work done.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable

from sqlalchemy import Connection, Engine, Table, inspect, text

from .models import Attempt, Base, Code, Meta, SchemaVersion, Sitting, TurnRow

_PG_LOCK = 0x636F6C6C  # any constant shared by every collectsim process


def _table(model: type[Base]) -> Table:
    """A model's table, typed as the Table it is (the ORM types it as any FromClause)."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


def _v1(conn: Connection) -> None:
    """The first schema: attempts and their turn journal (a fresh store gets today's columns
    of both at once; later steps add only what is missing)."""
    Base.metadata.create_all(conn, tables=[_table(Attempt), _table(TurnRow)])


def _v2(conn: Connection) -> None:
    """Gradebook queries filter by candidate and scenario together."""
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_attempts_cand_scen ON attempts (candidate, scenario)"))


_V3_ATTEMPT_COLUMNS = {"seq": "INTEGER", "code_hash": "VARCHAR(64)", "start_jws": "TEXT", "jws": "TEXT"}


def _v3(conn: Connection) -> None:
    """Sittings with one-time codes, the assessor's Ed25519 signatures and the candidate's
    attempt chain (issue 17), and a store id that every signature names."""
    have = {c["name"] for c in inspect(conn).get_columns("attempts")}
    for name, kind in _V3_ATTEMPT_COLUMNS.items():
        if name not in have:
            conn.execute(text(f"ALTER TABLE attempts ADD COLUMN {name} {kind}"))
    conn.execute(text("CREATE UNIQUE INDEX uq_attempt_seq ON attempts (candidate, seq)"))
    Base.metadata.create_all(conn, tables=[_table(Meta), _table(Sitting), _table(Code)])
    conn.execute(_table(Meta).insert().values(key="store_id", value=uuid.uuid4().hex))


MIGRATIONS: list[Callable[[Connection], None]] = [_v1, _v2, _v3]
LATEST = len(MIGRATIONS)


def current_version(conn: Connection) -> int:
    if not inspect(conn).has_table("schema_version"):
        return 0
    v = conn.execute(text("SELECT MAX(version) FROM schema_version")).scalar()
    return int(v or 0)


def migrate(engine: Engine, upto: int = LATEST) -> int:
    """Bring the schema to `upto`; returns the version it is at. Each step and its version row
    commit together, under the lock, so a crash leaves either the old or the new version.
    `engine` comes from `make_engine`, whose SQLite transactions take the lock."""
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": _PG_LOCK})  # held by the session
            conn.commit()
        try:
            while True:
                with conn.begin():  # SQLite: BEGIN IMMEDIATE (engine.py) holds the write lock
                    _table(SchemaVersion).create(conn, checkfirst=True)
                    v = current_version(conn)
                    if v >= upto:
                        return v
                    MIGRATIONS[v](conn)
                    conn.execute(_table(SchemaVersion).insert().values(
                        version=v + 1,
                        applied_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds")))
        finally:
            if engine.dialect.name == "postgresql":
                conn.rollback()
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _PG_LOCK})
                conn.commit()
