"""The store API the CLI uses: set a sitting, begin its attempts from a one-time code,
journal turns, finish and sign, read back.

Every signature is made here, in the process that runs the sitting under the assessor's
account (keys.py), and every signed event is also written to the assessor's witness log
(witness.py) once it has been committed.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session as DbSession

from simulator.core.transcript import CallMovedOn, Turn

from . import keys, signing, witness
from .engine import make_engine
from .migrate import migrate
from .models import Attempt, Code, Meta, Sitting, TurnRow

if TYPE_CHECKING:  # signing.py says why joserfc is imported only where a key is used
    from joserfc.jwk import OKPKey

T = TypeVar("T")


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class StoreError(Exception):
    """A refusal to show the person at the keyboard (bad code, sitting closed, ...)."""


@dataclass
class Signer:
    """The assessor's private key and the witness log beside it."""

    key: OKPKey
    witness: Path

    @classmethod
    def load(cls, path: Path | None = None) -> Signer:
        path = path or keys.key_path()
        return cls(keys.load_private(path), witness.witness_path(path))

    def sign(self, payload: dict[str, Any]) -> str:
        return signing.sign(payload, self.key)


@dataclass
class Claim:
    """What a one-time code opens: its candidate's attempts at the sitting, in order."""

    sitting: dict[str, Any]  # the signed spec
    candidate: str
    slot: int
    code_hash: str
    attempts: list[Attempt]


def code_hash(code: str) -> str:
    """Codes are typed by people: case, spaces and dashes do not matter."""
    return signing.sha256("".join(ch for ch in code.upper() if ch.isalnum()))


class Store:
    def __init__(self, url: str | None = None, signer: Signer | None = None):
        self.engine = make_engine(url)
        self.url = str(self.engine.url)
        self.sqlite = self.engine.dialect.name == "sqlite"
        self.version = migrate(self.engine)
        self._signer = signer
        self.store_id = self._tx(lambda db: db.get(Meta, "store_id").value)  # type: ignore[union-attr]

    @property
    def signer(self) -> Signer:
        if self._signer is None:
            self._signer = Signer.load()
        return self._signer

    def close(self) -> None:
        self.engine.dispose()

    # -- retries: SQLite 'database is locked' and PostgreSQL serialization failures -----
    def _tx(self, fn: Callable[[DbSession], T], tries: int = 20) -> T:
        for i in range(tries):
            try:
                with DbSession(self.engine, expire_on_commit=False) as db, db.begin():
                    return fn(db)
            except IntegrityError:
                raise
            except DBAPIError as exc:
                if i == tries - 1 or not _transient(exc):
                    raise
            time.sleep(min(2.0, 0.02 * 2 ** i) * random.random())
        raise AssertionError("unreachable")

    def _witness(self, kind: str, **fields: Any) -> None:
        witness.append(self.signer.witness, {"store": self.store_id, "kind": kind, **fields})

    # -- sittings ----------------------------------------------------------------------
    def create_sitting(self, name: str, candidates: list[str], scenarios: list[dict[str, Any]],
                       attempts: int, opens_at: str, closes_at: str,
                       time_limit: int | None = None) -> tuple[str, list[tuple[str, int, str]]]:
        """One signed sitting and every code it needs, in one commit (a crash leaves all of
        it or none). `scenarios`: {ref, id, hashes, seeds} each; every code
        draws one seed per scenario from `seeds`. Returns the sitting id and
        (candidate, attempt number, code) for the assessor to hand out: codes are shown
        once, only their hashes are kept."""
        import secrets

        names = [c.strip() for c in candidates]
        if not names or any(not c for c in names):
            raise StoreError("every candidate needs a name")
        if len(set(names)) != len(names):
            raise StoreError("a candidate is listed twice")
        if not scenarios:
            raise StoreError("a sitting needs at least one scenario")
        if attempts < 1:
            raise StoreError("attempts allowed must be at least 1")
        sid = uuid.uuid4().hex
        alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud, typed
        codes: list[tuple[str, int, str]] = []
        for c in names:
            for slot in range(1, attempts + 1):
                raw = "".join(secrets.choice(alphabet) for _ in range(12))
                codes.append((c, slot, "-".join(raw[i:i + 4] for i in range(0, 12, 4))))
        spec = {
            "type": "sitting", "store": self.store_id, "id": sid, "name": name,
            "created_at": now(), "opens_at": opens_at, "closes_at": closes_at,
            "attempts": attempts, "time_limit": time_limit, "scenarios": scenarios,
            "candidates": {c: [code_hash(k) for cc, _, k in codes if cc == c] for c in names},
            # each code's debtor per scenario, drawn here so it is signed with the sitting
            "draws": {code_hash(k): [secrets.choice(e["seeds"]) for e in scenarios] for _, _, k in codes},
        }
        jws = self.signer.sign(spec)

        def go(db: DbSession) -> None:
            db.add(Sitting(id=sid, name=name, created_at=spec["created_at"], spec=_dumps(spec), jws=jws))
            db.flush()
            db.add_all(Code(code_hash=code_hash(k), sitting=sid, candidate=c, slot=s) for c, s, k in codes)

        self._tx(go)
        self._witness("sitting", sitting=sid, jws=signing.sha256(jws))
        return sid, codes

    def close_sitting(self, sitting_id: str) -> dict[str, Any]:
        """Seal a sitting: the assessor signs what the witness log says it holds (every
        attempt begun, its opening and closing signature, its turns). From then on anyone
        with the public key can tell if an attempt of it was deleted or rolled back, and no
        code of it opens anything."""
        events = [ev for ev in witness.read(self.signer.witness, self.store_id)]
        begun = {ev["attempt"]: ev for ev in events if ev.get("kind") == "start" and ev.get("sitting") == sitting_id}
        held: dict[str, dict[str, Any]] = {
            str(aid): {"start": ev["jws"], "candidate": ev.get("candidate"), "result": None, "turns": 0}
            for aid, ev in begun.items()}
        for ev in events:
            entry = held.get(str(ev.get("attempt")))
            if entry is None:
                continue
            if ev.get("kind") == "finish":
                entry["result"] = ev["jws"]
            elif ev.get("kind") == "turn":
                entry["turns"] = max(entry["turns"], ev["n"])
        seal = {"type": "seal", "store": self.store_id, "sitting": sitting_id, "closed_at": now(),
                "attempts": held}
        jws = self.signer.sign(seal)

        def go(db: DbSession) -> None:
            s = db.get(Sitting, sitting_id, with_for_update=not self.sqlite)
            if s is None:
                raise StoreError(f"no sitting {sitting_id}")
            if s.seal is not None:
                raise StoreError(f"sitting {sitting_id} is already closed")
            s.seal = jws

        self._tx(go)
        self._witness("seal", sitting=sitting_id, jws=signing.sha256(jws))
        return seal

    def sittings(self) -> list[Sitting]:
        return self._tx(lambda db: list(db.scalars(select(Sitting).order_by(Sitting.created_at))))

    def claim(self, code: str, hashed: bool = False) -> Claim:
        """What `code` opens (`hashed`: `code` is already its hash), checked against the
        sitting's own signature. Nothing is written: `begin` does that."""
        h = code if hashed else code_hash(code)

        def go(db: DbSession) -> Claim:
            row = db.get(Code, h)
            if row is None:
                raise StoreError("no sitting has this code: check it and type it again")
            sit = db.get(Sitting, row.sitting)
            spec = signing.verified(sit.jws if sit else None, self.signer.key)
            if spec is None or sit is None or spec != json.loads(sit.spec) or h not in spec["candidates"].get(row.candidate, []):
                raise StoreError("this sitting's record does not match its signature: ask the assessor")
            att = list(db.scalars(select(Attempt).where(Attempt.code_hash == h).order_by(Attempt.position)))
            return Claim(spec, row.candidate, row.slot, h, att)

        return self._tx(go)

    def begin(self, claim: Claim, headers: list[dict[str, Any]]) -> Claim:
        """Use the code: one attempt per scenario of the sitting, all in one commit, each
        signed with the candidate's next sequence number and the previous attempt's
        signature. If the code was used meanwhile, its attempts are returned as they are."""
        spec = claim.sitting
        t = now()
        wall = dt.datetime.now(dt.UTC)
        if not dt.datetime.fromisoformat(spec["opens_at"]) <= wall < dt.datetime.fromisoformat(spec["closes_at"]):
            raise StoreError(f"this sitting is open from {spec['opens_at']} to {spec['closes_at']} (UTC)")

        def go(db: DbSession) -> list[Attempt]:
            code = db.get(Code, claim.code_hash, with_for_update=not self.sqlite)
            assert code is not None
            sitting = db.get(Sitting, spec["id"])
            if sitting is None or sitting.seal is not None:
                raise StoreError("this sitting has been closed by the assessor")
            if code.used_at is not None:
                return list(db.scalars(select(Attempt).where(Attempt.code_hash == claim.code_hash)
                                       .order_by(Attempt.position)))
            code.used_at = t
            last = db.scalars(select(Attempt).where(Attempt.candidate == claim.candidate,
                                                    Attempt.seq.is_not(None))
                              .order_by(Attempt.seq.desc()).limit(1)).first()
            seq, prev = (last.seq or 0, signing.sha256(last.start_jws or "")) if last else (0, "")
            out = []
            for pos, header in enumerate(headers):
                seq += 1
                hashes = header.get("hashes", {})
                a = Attempt(
                    sitting=spec["id"], position=pos, candidate=claim.candidate,
                    scenario=header["scenario"], mode="assessment", seed=header["seed"],
                    lang=header["lang"], started_at=t, transcript=_dumps(header),
                    persona_hash=hashes.get("persona", ""), scenario_hash=hashes.get("scenario", ""),
                    rubric_hash=hashes.get("rubric", ""), status="in_progress", seq=seq,
                    code_hash=claim.code_hash,
                )
                db.add(a)
                db.flush()
                a.start_jws = self.signer.sign(start_payload(a, self.store_id, prev))
                prev = signing.sha256(a.start_jws)
                out.append(a)
            return out

        try:
            made = self._tx(go)
        except IntegrityError:  # another sitting of this candidate took the same seq: again
            made = self._tx(go)
        for a in made:
            if a.started_at == t:
                self._witness("start", attempt=a.id, sitting=a.sitting, candidate=a.candidate, seq=a.seq,
                              jws=signing.sha256(a.start_jws or ""))
        claim.attempts = made
        return claim

    # -- playing -----------------------------------------------------------------------
    def journal(self, attempt_id: int, record: dict[str, Any]) -> None:
        """One turn, committed before the next is played, then witnessed with its link of
        the attempt's turn chain."""
        text = _dumps(record)
        row = TurnRow(attempt_id=attempt_id, turn=record["turn"], record=text)

        def go(db: DbSession) -> str | None:
            a = db.get(Attempt, attempt_id)
            if a is None or a.status != "in_progress":
                raise StoreError(f"attempt {attempt_id} is not open")
            db.add(row)
            if a.mode != "assessment":
                return None
            prior = list(db.scalars(select(TurnRow.record).where(TurnRow.attempt_id == attempt_id)
                                    .where(TurnRow.turn < record["turn"]).order_by(TurnRow.turn)))
            return turn_chain(a.start_jws or "", [*prior, text])[-1]

        try:
            link = self._tx(go)
        except IntegrityError as exc:  # uq_turn_once: another copy of the call saved it first
            raise CallMovedOn(f"turn {record['turn']} of attempt {attempt_id} is already saved: "
                              "the call went on elsewhere") from exc
        if link is not None:
            self._witness("turn", attempt=attempt_id, n=record["turn"], chain=link)

    def turns(self, attempt_id: int) -> list[Turn]:
        return [Turn.from_json(json.loads(r)) for r in self.turn_texts(attempt_id)]

    def turn_texts(self, attempt_id: int) -> list[str]:
        def go(db: DbSession) -> list[str]:
            q = select(TurnRow.record).where(TurnRow.attempt_id == attempt_id).order_by(TurnRow.turn)
            return list(db.scalars(q))

        return self._tx(go)

    def finish(self, attempt_id: int, end: dict[str, Any], report: dict[str, Any]) -> None:
        """Seal: the full transcript, the score report and the signature, in one commit."""

        def go(db: DbSession) -> Attempt:
            a = db.get(Attempt, attempt_id, with_for_update=not self.sqlite)
            if a is None or a.status != "in_progress":
                raise StoreError(f"attempt {attempt_id} is not open")
            header = (a.transcript or "{}").splitlines()[0]
            rows = list(db.scalars(select(TurnRow.record).where(TurnRow.attempt_id == attempt_id)
                                   .order_by(TurnRow.turn)))
            a.transcript = "\n".join([header, *rows, _dumps(end)]) + "\n"
            a.report = _dumps(report)
            a.total = int(report["total"])
            a.passed = int(bool(report["passed"]))
            a.ended_at = now()
            a.status = "finished"
            if a.mode == "assessment":
                a.jws = self.signer.sign(result_payload(a, self.store_id, rows))
            return a

        a = self._tx(go)
        if a.jws:
            self._witness("finish", attempt=a.id, candidate=a.candidate, seq=a.seq,
                          jws=signing.sha256(a.jws))

    def start_practice(self, candidate: str, header: dict[str, Any]) -> int:
        """Open a practice attempt (a web call, or `record`'s whole call): its turns are
        journaled like an assessment's, but it is never signed nor counted as a result."""
        if not candidate.strip():
            raise StoreError("a candidate name is required")
        hashes = header.get("hashes", {})

        def go(db: DbSession) -> int:
            a = Attempt(sitting=uuid.uuid4().hex, position=0, candidate=candidate.strip(),
                        scenario=header["scenario"], mode="practice", seed=header["seed"],
                        lang=header["lang"], started_at=now(), transcript=_dumps(header),
                        persona_hash=hashes.get("persona", ""), scenario_hash=hashes.get("scenario", ""),
                        rubric_hash=hashes.get("rubric", ""), status="in_progress")
            db.add(a)
            db.flush()
            return a.id

        return self._tx(go)

    def record(self, candidate: str, records: list[dict[str, Any]], report: dict[str, Any]) -> int:
        """Store a whole practice call at once (the headless `run --record`). Practice: not
        signed, never counted as an assessment result."""
        header, *rest = records
        aid = self.start_practice(candidate, header)
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

    def all_turns(self) -> dict[int, list[str]]:
        """Every journaled turn, by attempt, in order (for verification)."""
        def go(db: DbSession) -> dict[int, list[str]]:
            out: dict[int, list[str]] = {}
            for aid, rec in db.execute(select(TurnRow.attempt_id, TurnRow.record)
                                       .order_by(TurnRow.attempt_id, TurnRow.turn)):
                out.setdefault(aid, []).append(rec)
            return out

        return self._tx(go)

    def codes(self) -> list[Code]:
        return self._tx(lambda db: list(db.scalars(select(Code))))

    def count(self) -> int:
        return self._tx(lambda db: db.scalar(select(func.count(Attempt.id))) or 0)


def start_payload(a: Attempt, store_id: str, prev: str) -> dict[str, Any]:
    """What an attempt's first signature vouches for: who, which sitting and code, which
    exact scenario, persona and rubric files (their sha256), the seed, and where it stands
    in the candidate's chain of attempts (`seq`, and `prev`: the sha256 of the previous
    attempt's signature)."""
    return {
        "type": "attempt", "store": store_id, "attempt": a.id, "sitting": a.sitting,
        "position": a.position, "candidate": a.candidate, "seq": a.seq, "prev": prev,
        "code": a.code_hash, "scenario": a.scenario, "mode": a.mode, "seed": a.seed, "lang": a.lang,
        "started_at": a.started_at,
        "hashes": {"persona": a.persona_hash, "scenario": a.scenario_hash, "rubric": a.rubric_hash},
        "header": signing.sha256((a.transcript or "").splitlines()[0] if a.transcript else ""),
    }


def result_payload(a: Attempt, store_id: str, turns: list[str]) -> dict[str, Any]:
    """What the closing signature vouches for: the opening signature, every turn (the head
    of the turn chain and their number), the whole transcript and report, the score."""
    return {
        "type": "result", "store": store_id, "attempt": a.id, "candidate": a.candidate,
        "scenario": a.scenario, "start": signing.sha256(a.start_jws or ""), "turns": len(turns),
        "chain": turn_chain(a.start_jws or "", turns)[-1], "transcript": signing.sha256(a.transcript or ""),
        "report": signing.sha256(a.report or ""), "total": a.total, "passed": a.passed,
        "status": a.status, "ended_at": a.ended_at,
    }


def turn_chain(start_jws: str, turns: list[str]) -> list[str]:
    """[link 0 (the opening signature), link after turn 1, ...]."""
    links = [signing.sha256(start_jws)]
    for t in turns:
        links.append(signing.chain_next(links[-1], t))
    return links


def open_store(url: str | None = None) -> Store:
    return Store(url)


def _transient(exc: DBAPIError) -> bool:
    msg = str(exc.orig).lower()
    code = getattr(exc.orig, "sqlstate", None)
    return "locked" in msg or "busy" in msg or code in ("40001", "40P01")
