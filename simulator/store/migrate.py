"""Forward-only schema migrations, run every time a store is opened."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import Connection, Engine, Table, inspect, text

from .models import Attempt, Base, SchemaVersion, TurnRow


def _table(model: type[Base]) -> Table:
    """A model's table, typed as the Table it is (the ORM types it as any FromClause)."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


def _v1(conn: Connection) -> None:
    """The first schema: attempts and their turn journal."""
    Base.metadata.create_all(conn, tables=[_table(Attempt), _table(TurnRow)])


def _v2(conn: Connection) -> None:
    """Gradebook queries filter by candidate and scenario together."""
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_attempts_cand_scen ON attempts (candidate, scenario)"))


MIGRATIONS: list[Callable[[Connection], None]] = [_v1, _v2]
LATEST = len(MIGRATIONS)


def current_version(conn: Connection) -> int:
    if not inspect(conn).has_table("schema_version"):
        return 0
    v = conn.execute(text("SELECT MAX(version) FROM schema_version")).scalar()
    return int(v or 0)


def migrate(engine: Engine, upto: int = LATEST) -> int:
    """Bring the schema to `upto`; returns the version it is at. Safe to race: the version
    row's primary key lets only one process apply a step, the others re-check."""
    with engine.begin() as conn:
        _table(SchemaVersion).create(conn, checkfirst=True)
    while True:
        with engine.begin() as conn:
            v = current_version(conn)
            if v >= upto:
                return v
            try:
                MIGRATIONS[v](conn)
                conn.execute(_table(SchemaVersion).insert().values(
                    version=v + 1, applied_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds")))
            except Exception:
                conn.rollback()
                with engine.connect() as c2:
                    if current_version(c2) > v:
                        continue
                raise
