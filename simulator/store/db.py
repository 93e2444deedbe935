"""The store API the CLI uses: start an attempt, journal turns, finish and sign, verify."""

from __future__ import annotations

import datetime as dt
import json
import random
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from sqlalchemy import create_engine, event, select
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session as DbSession

from simulator.core.transcript import Header, Turn, read_header

from . import signing
from .migrate import migrate
from .models import SIGNED_FIELDS, Attempt, TurnRow
from .url import resolve_url

T = TypeVar("T")


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def attempt_fields(a: Attempt) -> dict[str, Any]:
    return {name: getattr(a, name) for name in SIGNED_FIELDS}


class Store:
    def __init__(self, url: str | None = None, key: bytes | None = None):
        self.url = resolve_url(url)
        self.sqlite = self.url.startswith("sqlite")
        kw: dict[str, Any] = {}
        if self.sqlite:
            kw["connect_args"] = {"timeout": 60}
        else:
            kw["pool_pre_ping"] = True
        self.engine = create_engine(self.url, **kw)
        if self.sqlite:
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self.version = migrate(self.engine)
        self._key = key

    @property
    def key(self) -> bytes:
        if self._key is None:
            self._key = signing.load_key()
        return self._key

    def close(self) -> None:
        self.engine.dispose()

    # -- retries: SQLite 'database is locked' and PostgreSQL serialization failures -----
    def _tx(self, fn: Callable[[DbSession], T], tries: int = 20) -> T:
        for i in range(tries):
            try:
                with DbSession(self.engine, expire_on_commit=False) as db, db.begin():
                    return fn(db)
            except OperationalError as exc:
                if i == tries - 1 or not _transient(exc):
                    raise
            except DBAPIError as exc:
                if i == tries - 1 or not _transient(exc):
                    raise
            time.sleep(min(2.0, 0.02 * 2 ** i) * random.random())
        raise AssertionError("unreachable")

    # -- writing -----------------------------------------------------------------------
    def start(self, candidate: str, header: dict[str, Any], sitting: str | None = None,
              position: int = 0) -> int:
        """A new in-progress attempt from a transcript header; returns its id."""
        h = Header.from_json(header)

        def go(db: DbSession) -> int:
            a = Attempt(
                sitting=sitting or uuid.uuid4().hex, position=position, candidate=candidate,
                scenario=h.scenario, mode=h.mode, seed=h.seed, lang=h.lang, started_at=now(),
                transcript=_dumps(header), persona_hash=h.hashes.get("persona", ""),
                scenario_hash=h.hashes.get("scenario", ""), rubric_hash=h.hashes.get("rubric", ""),
                status="in_progress",
            )
            db.add(a)
            db.flush()
            return a.id

        return self._tx(go)

    def journal(self, attempt_id: int, record: dict[str, Any]) -> None:
        """One turn, committed before the next is played."""
        row = TurnRow(attempt_id=attempt_id, turn=record["turn"], record=_dumps(record))
        self._tx(lambda db: db.add(row))

    def turns(self, attempt_id: int) -> list[Turn]:
        def go(db: DbSession) -> list[str]:
            q = select(TurnRow.record).where(TurnRow.attempt_id == attempt_id).order_by(TurnRow.turn)
            return list(db.scalars(q))

        return [Turn.from_json(json.loads(r)) for r in self._tx(go)]

    def finish(self, attempt_id: int, end: dict[str, Any], report: dict[str, Any]) -> None:
        """Seal: the full transcript, the score report and the signature, in one commit."""

        def go(db: DbSession) -> None:
            a = db.get(Attempt, attempt_id, with_for_update=not self.sqlite)
            assert a is not None
            header = read_header(a.transcript or "", f"attempt {attempt_id}").to_json()
            rows = db.scalars(select(TurnRow.record).where(TurnRow.attempt_id == attempt_id)
                              .order_by(TurnRow.turn))
            a.transcript = "\n".join([_dumps(header), *rows, _dumps(end)]) + "\n"
            a.report = _dumps(report)
            a.total = int(report["total"])
            a.passed = int(bool(report["passed"]))
            a.ended_at = now()
            a.status = "finished"
            a.signature = signing.sign(attempt_fields(a), self.key)

        self._tx(go)

    def record(self, candidate: str, records: list[dict[str, Any]], report: dict[str, Any]) -> int:
        """Store a whole finished call at once (the headless `run --record`)."""
        header, *rest = records
        aid = self.start(candidate, header)
        for r in rest:
            if r.get("type") == "turn":
                self.journal(aid, r)
        end = next((r for r in rest if r.get("type") == "end"), {"type": "end"})
        self.finish(aid, end, report)
        return aid

    # -- reading -----------------------------------------------------------------------
    def attempts(self, candidate: str | None = None, scenario: str | None = None,
                 status: str | None = None) -> list[Attempt]:
        def go(db: DbSession) -> list[Attempt]:
            q = select(Attempt).order_by(Attempt.id)
            if candidate:
                q = q.where(Attempt.candidate == candidate)
            if scenario:
                q = q.where(Attempt.scenario == scenario)
            if status:
                q = q.where(Attempt.status == status)
            return list(db.scalars(q))

        return self._tx(go)

    def unfinished_sitting(self, candidate: str) -> list[Attempt]:
        """The candidate's latest sitting with something left to play, in order."""
        rows = self.attempts(candidate=candidate)
        open_ = [a for a in rows if a.status == "in_progress"]
        if not open_:
            return []
        sitting = max(open_, key=lambda a: a.id).sitting
        return sorted((a for a in rows if a.sitting == sitting), key=lambda a: a.position)

    def tampered(self) -> Iterator[tuple[Attempt, str]]:
        """Every record whose content no longer matches its signature."""
        for a in self.attempts():
            if a.status == "in_progress" and a.signature is None:
                continue
            if a.signature is None:
                yield a, "finished but not signed"
            elif not signing.matches(attempt_fields(a), a.signature, self.key):
                yield a, "content does not match its signature"


def open_store(url: str | None = None) -> Store:
    return Store(url)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=60000")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _transient(exc: DBAPIError) -> bool:
    msg = str(exc.orig).lower()
    code = getattr(exc.orig, "sqlstate", None)
    return "locked" in msg or "busy" in msg or code in ("40001", "40P01")
