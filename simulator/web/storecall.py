"""A practice call journaled in the results store instead of a file.

A browser user has no home folder of their own on the server, and several servers behind a
load balancer share nothing but the database: so each turn of a web call is committed as a
row of the store (`Store.journal`) before it is shown, and the call is sealed and scored
there when it ends. The app drives it exactly like `JournaledCall` (session, choose, end).
"""

from __future__ import annotations

from simulator.core.transcript import read_header
from simulator.engine.resume import HistoryRow, RecordedCall
from simulator.engine.session import Session, new_session
from simulator.store import Store
from simulator.store.models import Attempt


class StoreCall(RecordedCall):
    """A session whose turns go to one attempt of the store, as `user`'s practice."""

    journal = None  # no file: nothing for the app to fsync

    def __init__(self, store: Store, attempt_id: int, session: Session) -> None:
        self.store = store
        self.attempt_id = attempt_id
        self.session = session
        if session.ended:
            self._finish()

    @classmethod
    def start(cls, store: Store, user: str, ref: str, seed: int | None = None,
              lang: str | None = None) -> StoreCall:
        s = new_session(ref, seed=seed, lang=lang)
        return cls(store, store.start_practice(user, s.header()), s)

    @classmethod
    def resume(cls, store: Store, a: Attempt) -> StoreCall:
        """The attempt's call at the turn it stopped: same scenario, seed and replies."""
        h = read_header(a.transcript or "", f"attempt {a.id}")
        s = new_session(h.ref, seed=h.seed, lang=h.lang)
        s.replay([t.reply for t in store.turns(a.id)])
        return cls(store, a.id, s)

    def _record(self, record: dict) -> None:
        self.store.journal(self.attempt_id, record)  # committed before it is shown

    def _finish(self) -> None:
        s = self.session
        self.store.finish(self.attempt_id, s.footer(), s.report().model_dump(mode="json"))


def unfinished_practice(store: Store, user: str) -> list[Attempt]:
    """`user`'s practice calls still in progress, newest first."""
    rows = store.attempts(candidate=user, status="in_progress")
    return [a for a in sorted(rows, key=lambda a: a.id, reverse=True) if a.mode == "practice"]


def store_history(store: Store, user: str) -> list[HistoryRow]:
    """`user`'s calls in the store, newest first, as the history screen shows them."""
    out = []
    for a in sorted(store.attempts(candidate=user), key=lambda a: a.id, reverse=True):
        if a.status == "finished":
            turns = sum('"type":"turn"' in line for line in (a.transcript or "").splitlines())
            out.append(HistoryRow(a.started_at, a.scenario, turns, a.total, bool(a.passed)))
        else:
            out.append(HistoryRow(a.started_at, a.scenario, len(store.turns(a.id)), None, None))
    return out
