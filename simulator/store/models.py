"""Tables. JSON is kept as canonical text so a signature survives any database's round trip."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class SchemaVersion(Base):
    __tablename__ = "schema_version"
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    applied_at: Mapped[str] = mapped_column(String(40))


class Meta(Base):
    """Store-wide facts: `store_id` names this store in every signature, so a signed row
    copied from another store does not verify here."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Attempt(Base):
    """One candidate's call on one scenario."""

    __tablename__ = "attempts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    sitting: Mapped[str] = mapped_column(String(64), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    candidate: Mapped[str] = mapped_column(String(200), index=True)
    scenario: Mapped[str] = mapped_column(String(200), index=True)
    mode: Mapped[str] = mapped_column(String(20))
    seed: Mapped[int] = mapped_column(Integer)
    lang: Mapped[str] = mapped_column(String(10))
    started_at: Mapped[str] = mapped_column(String(40))
    ended_at: Mapped[str | None] = mapped_column(String(40), nullable=True)
    transcript: Mapped[str | None] = mapped_column(Text, nullable=True)
    report: Mapped[str | None] = mapped_column(Text, nullable=True)
    total: Mapped[int | None] = mapped_column(Integer, nullable=True)
    passed: Mapped[int | None] = mapped_column(Integer, nullable=True)
    persona_hash: Mapped[str] = mapped_column(String(64))
    scenario_hash: Mapped[str] = mapped_column(String(64))
    rubric_hash: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(20), default="in_progress")
    signature: Mapped[str | None] = mapped_column(String(64), nullable=True)  # v1/v2 HMAC: legacy
    # v3: the assessor's Ed25519 signatures (compact JWS) and the candidate's attempt chain
    seq: Mapped[int | None] = mapped_column(Integer, nullable=True)
    code_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)
    start_jws: Mapped[str | None] = mapped_column(Text, nullable=True)
    jws: Mapped[str | None] = mapped_column(Text, nullable=True)


class TurnRow(Base):
    """A turn journaled the moment it is played; (attempt, turn) is unique so none counts twice."""

    __tablename__ = "turns"
    __table_args__ = (UniqueConstraint("attempt_id", "turn", name="uq_turn_once"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id"), index=True)
    turn: Mapped[int] = mapped_column(Integer)
    record: Mapped[str] = mapped_column(Text)


class Sitting(Base):
    """An assessment the assessor set: who, which scenarios, how many attempts, when. Signed
    when created; every attempt of it must match."""

    __tablename__ = "sittings"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[str] = mapped_column(String(40))
    spec: Mapped[str] = mapped_column(Text)  # canonical JSON: the signed payload
    jws: Mapped[str] = mapped_column(Text)
    seal: Mapped[str | None] = mapped_column(Text, nullable=True)  # JWS: what it held when closed


class Code(Base):
    """A one-time code: one attempt at the sitting's scenarios by one candidate. Only its
    sha256 is stored; the code itself was printed once for the assessor to hand out."""

    __tablename__ = "codes"
    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    sitting: Mapped[str] = mapped_column(ForeignKey("sittings.id"), index=True)
    candidate: Mapped[str] = mapped_column(String(200))
    slot: Mapped[int] = mapped_column(Integer)
    used_at: Mapped[str | None] = mapped_column(String(40), nullable=True)

