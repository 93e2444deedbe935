"""A sitting as the candidate meets it: a one-time code opens their attempts at the
sitting's scenarios, each a session on the exact files the assessor set, and the way back
in after a crash. Used by `collectsim sit` (full screen, ssh or browser) and `assess`
(line by line). Runs under the assessor's account: this is where results get signed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from simulator.store.db import Claim, Store, StoreError

if TYPE_CHECKING:
    from simulator.engine.session import Session


def scenario_entry(ref: str, seeds: list[int] | None = None) -> dict[str, Any]:
    """How a sitting names a scenario: where to load it, the sha256 of the scenario, persona
    and rubric files it was set with (a candidate is never re-pointed to others), and the
    seeds a candidate's debtor is drawn from (`seeds`: the draws of middling difficulty,
    `simulator.authoring.draws.seed_band`; default the scenario's own seed)."""
    from simulator.engine.bundle import load_scenario

    b = load_scenario(ref)
    path = b.sources["scenario"].path if "scenario" in b.sources else ref
    return {"ref": str(path), "id": b.scenario.id, "hashes": b.hashes(),
            "seeds": list(seeds) if seeds else [b.scenario.seed]}


def sitting_seed(spec: dict[str, Any], code_hash: str, position: int) -> int | None:
    """The seed the sitting drew for this code at this scenario (None: not in the spec).
    Drawn per code when the sitting was set and signed with it, so no two candidates can
    count on meeting the same debtor, and no one can choose theirs."""
    drawn = spec.get("draws", {}).get(code_hash)
    if drawn is None or not 0 <= position < len(drawn):
        return None
    return int(drawn[position])


@dataclass
class Part:
    """One scenario of the candidate's sitting: its stored attempt and the live session."""

    attempt_id: int
    session: Session
    finished: bool
    resumed_at: int  # turns already played when this process took it over


def time_limit(spec: dict[str, Any], session: Session) -> int | None:
    """Seconds per reply: the sitting's own limit, else the scenario's."""
    rules = session.scenario.assessment
    return spec.get("time_limit") or (rules.reply_time_limit if rules else None)


def open_sitting(store: Store, code: str, lang: str | None = None) -> tuple[Claim, list[Part]]:
    """Check the code, begin its attempts (all of them in one commit) or take them up again,
    and rebuild each session where it stands. Raises StoreError with words for the candidate."""
    return open_claim(store, store.claim(code), lang)


def open_claim(store: Store, claim: Claim, lang: str | None = None) -> tuple[Claim, list[Part]]:
    """`open_sitting` for a code already looked up."""
    from simulator.engine.bundle import load_scenario
    from simulator.engine.session import Session

    spec = claim.sitting
    bundles = []
    for entry in spec["scenarios"]:
        b = load_scenario(entry["ref"])
        if b.hashes() != entry["hashes"]:
            raise StoreError(f"{entry['id']}: its files changed after the sitting was set; it cannot be "
                             "sat or resumed fairly. Ask the assessor")
        bundles.append(b)
    if not claim.attempts or any(a.status == "in_progress" for a in claim.attempts):
        claim = store.begin(claim, [_header(Session(b, seed=_seed(spec, claim, k), lang=lang))
                                    for k, b in enumerate(bundles)])
    if all(a.status != "in_progress" for a in claim.attempts):
        raise StoreError("this code has been used: every call of it is finished")
    from simulator.store import witness

    seen = witness.read(store.signer.witness, store.store_id)
    parts = []
    for a, b in zip(claim.attempts, bundles, strict=True):
        header = json.loads((a.transcript or "{}").splitlines()[0])
        if header.get("hashes") != spec["scenarios"][a.position]["hashes"]:
            raise StoreError(f"attempt {a.id} does not match its sitting; ask the assessor")
        s = Session(b, seed=a.seed, lang=a.lang)
        if a.status == "in_progress" and any(ev.get("kind") == "finish" and ev.get("attempt") == a.id
                                             for ev in seen):
            raise StoreError(f"attempt {a.id} was finished and signed, but its result is no longer "
                             "in the store; it cannot be sat again. Ask the assessor")
        done = store.turns(a.id) if a.status == "in_progress" else []
        played = max((ev["n"] for ev in seen if ev.get("kind") == "turn" and ev.get("attempt") == a.id),
                     default=0)
        if a.status == "in_progress" and played > len(done):
            raise StoreError(f"attempt {a.id}: turn {len(done) + 1} was played but is no longer "
                             "in the store; it cannot be resumed. Ask the assessor")
        s.replay([t.reply for t in done])
        parts.append(Part(a.id, s, a.status != "in_progress", len(done)))
    return claim, parts


def _header(session: Session) -> dict[str, Any]:
    h = session.header()
    h["mode"] = "assessment"
    return h


def finish(store: Store, part: Part) -> Any:
    """Score and seal one part; returns the score report."""
    report = part.session.report()
    store.finish(part.attempt_id, part.session.footer(), report.model_dump(mode="json"))
    part.finished = True
    return report


def _seed(spec: dict[str, Any], claim: Claim, position: int) -> int:
    seed = sitting_seed(spec, claim.code_hash, position)
    if seed is None:
        raise StoreError("this sitting's record has no debtor drawn for this code: ask the assessor")
    return seed
