"""Verification: is each record what the assessor signed, and is everything signed still
there? Needs only the public key; with the assessor's witness log it also finds records
that were deleted or rolled back (witness.py says why signatures alone cannot).

Each attempt gets one status, shown by every report format:
  valid        signed by this key and unchanged (finished: a result that counts)
  in progress  begun under a valid signature, not finished yet (counts for nothing)
  practice     a practice record: never an assessment result
  changed      does not match its signature, or its chain, sitting or witness
  unsigned     no signature at all (or the old shared-key HMAC: not checkable by anyone else)
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from joserfc.jwk import OKPKey

from . import signing, witness
from .db import Store, result_payload, start_payload, turn_chain
from .models import Attempt
from .sitting import sitting_seed

VALID, IN_PROGRESS, PRACTICE, CHANGED, UNSIGNED = "valid", "in progress", "practice", "changed", "unsigned"


@dataclass
class Audit:
    status: dict[int, str]  # attempt id -> status
    why: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    findings: list[str] = field(default_factory=list)  # store-wide: deleted or rolled back
    witnessed: bool = False

    def counts(self, a: Attempt) -> bool:
        """Whether `a` is a result an auditor can count."""
        return self.status.get(a.id) == VALID

    @property
    def problems(self) -> list[str]:
        per = [f"attempt {aid}: {'; '.join(w)}" for aid, w in sorted(self.why.items())
               if self.status.get(aid) in (CHANGED, UNSIGNED)]
        return per + self.findings


def audit_with(store: Store, public_key: Path | None = None, witness_file: Path | None = None,
               attempts: list[Attempt] | None = None) -> Audit:
    """`audit` with the key and witness a user names, else the local assessor's: the public
    key file (`collectsim key public`), else the public half beside the private key."""
    from . import keys

    key: OKPKey | None
    if public_key:
        key = keys.load_public(public_key)
    elif keys.public_path().exists():
        key = keys.load_public(keys.public_path())
    elif keys.key_path().exists():
        key = keys.load_private()
    else:
        key = None  # nothing to check against: nothing counts (an empty store shows empty)
    return audit(store, key, witness_file or witness.witness_path(), attempts)


def audit(store: Store, key: OKPKey | None, witness_file: Path | None = None,
          attempts: list[Attempt] | None = None) -> Audit:
    """`key`: the assessor's public key; None when there is none to check against (then no
    assessment record counts)."""
    rows = attempts if attempts is not None else store.attempts()
    if key is None:
        result = Audit(status={})
        for a in rows:
            result.status[a.id] = PRACTICE if a.mode == "practice" and a.start_jws is None else UNSIGNED
            if result.status[a.id] == UNSIGNED:
                result.why[a.id].append("no assessor public key to check it against (--public-key)")
        return result
    turns = store.all_turns()
    sittings = {s.id: s for s in store.sittings()}
    result = Audit(status={})
    why = result.why

    def bad(a: Attempt, reason: str) -> None:
        result.status[a.id] = CHANGED
        why[a.id].append(reason)

    specs: dict[str, dict[str, Any] | None] = {}
    for sid, s in sittings.items():
        spec = signing.verified(s.jws, key)
        specs[sid] = spec if spec is not None and spec == json.loads(s.spec) and spec.get("store") == store.store_id else None
        if specs[sid] is None:
            result.findings.append(f"sitting {s.name!r} ({sid}): does not match its signature")

    _check_seals(store, rows, sittings, specs, turns, key, result)

    by_cand: dict[str, dict[int, Attempt]] = defaultdict(dict)
    for a in rows:
        if a.mode == "practice" and a.start_jws is None and a.jws is None and a.seq is None:
            result.status[a.id] = PRACTICE
            continue
        if a.start_jws is None:
            result.status[a.id] = UNSIGNED
            why[a.id].append("no signature (an old HMAC record, or never signed)" if a.signature
                             else "no signature")
            continue
        result.status[a.id] = VALID
        start = signing.verified(a.start_jws, key)
        if start is None:
            bad(a, "its opening signature is not the assessor's")
            continue
        if a.seq is not None:
            by_cand[a.candidate][a.seq] = a
        want = start_payload(a, store.store_id, start.get("prev", ""))
        diff = sorted(k for k in want if want[k] != start.get(k))
        if diff:
            bad(a, f"changed since it began: {', '.join(diff)}")
        spec = specs.get(a.sitting)
        if spec is None:
            bad(a, "its sitting is missing or changed")
        else:
            scen = spec["scenarios"][a.position] if 0 <= a.position < len(spec["scenarios"]) else None
            if a.code_hash not in spec["candidates"].get(a.candidate, []):
                bad(a, "its code was not issued to this candidate")
            header = _header(a)
            if scen is None or scen["id"] != start.get("scenario") \
                    or sitting_seed(spec, a.code_hash or "", a.position) != start.get("seed") \
                    or scen["hashes"] != header.get("hashes") or scen["id"] != header.get("scenario"):
                bad(a, "not the scenario, files or seed the sitting set")
        if a.status == "in_progress":
            if a.jws is not None or a.total is not None or a.report is not None:
                bad(a, "marked unfinished but carries a result")
            elif result.status[a.id] == VALID:
                result.status[a.id] = IN_PROGRESS
            continue
        res = signing.verified(a.jws, key)
        if res is None:
            bad(a, "finished without the assessor's closing signature")
            continue
        rows_now = turns.get(a.id, [])
        want_res = result_payload(a, store.store_id, rows_now)
        diff = sorted(k for k in want_res if want_res[k] != res.get(k))
        if diff:
            bad(a, f"changed since it was signed: {', '.join(diff)}")
        tr = (a.transcript or "").splitlines()
        if tr[1:-1] != rows_now:
            bad(a, "its transcript and its journaled turns disagree")

    # the candidate's chain of attempts: 1, 2, 3 ... each naming the one before
    for cand, chain in by_cand.items():
        n = max(chain)
        for seq in range(1, n + 1):
            this = chain.get(seq)
            if this is None:
                result.findings.append(f"{cand}: attempt number {seq} of {n} is missing (deleted)")
                continue
            opening = signing.verified(this.start_jws, key) or {}
            prev = chain.get(seq - 1)
            if seq > 1 and prev is None:
                continue
            if opening.get("prev") != (signing.sha256(prev.start_jws or "") if prev else ""):
                bad(this, "does not follow the candidate's previous attempt (reordered or swapped)")

    # codes: a used code whose attempts are gone
    used = {c.code_hash: c for c in store.codes() if c.used_at}
    have = {a.code_hash for a in rows}
    for h, c in used.items():
        if h not in have:
            result.findings.append(f"{c.candidate}: the code for attempt {c.slot} was used, "
                                   "but its attempts are missing (deleted)")

    if witness_file is not None and witness_file.exists():
        result.witnessed = True
        _check_witness(store, rows, sittings, turns, witness.read(witness_file, store.store_id), result)
    return result


def _check_seals(store: Store, rows: list[Attempt], sittings: dict, specs: dict, turns: dict[int, list[str]],
                 key: OKPKey, result: Audit) -> None:
    """A closed sitting lists what it held: each attempt must still be there, as it was."""
    by_id = {a.id: a for a in rows}
    for sid, s in sittings.items():
        if s.seal is None or specs.get(sid) is None:
            continue
        seal = signing.verified(s.seal, key)
        if seal is None or seal.get("sitting") != sid or seal.get("store") != store.store_id:
            result.findings.append(f"sitting {s.name!r} ({sid}): its closing seal is not the assessor's")
            continue
        for aid_text, held in seal["attempts"].items():
            a = by_id.get(int(aid_text))
            if a is None:
                result.findings.append(f"attempt {aid_text} ({held.get('candidate')}) of closed sitting "
                                       f"{s.name!r}: missing from the store (deleted)")
                continue
            if signing.sha256(a.start_jws or "") != held["start"]:
                _flag(result, a, "not the attempt its closed sitting holds")
            if held["result"] is not None and signing.sha256(a.jws or "") != held["result"]:
                _flag(result, a, "its result is not the one its closed sitting holds (removed or replaced)")
            if len(turns.get(a.id, [])) < held["turns"]:
                _flag(result, a, "turns its closed sitting holds are missing (undone)")
        for a in rows:
            if a.sitting == sid and str(a.id) not in seal["attempts"]:
                _flag(result, a, "not among the attempts its sitting held when it was closed")


def _header(a: Attempt) -> dict[str, Any]:
    try:
        h = json.loads((a.transcript or "").splitlines()[0])
    except (ValueError, IndexError):
        return {}
    return h if isinstance(h, dict) else {}


def _check_witness(store: Store, rows: list[Attempt], sittings: dict, turns: dict[int, list[str]],
                   events: list[dict[str, Any]], result: Audit) -> None:
    by_id = {a.id: a for a in rows}
    for ev in events:
        kind = ev.get("kind")
        if kind == "seal":
            s = sittings.get(ev["sitting"])
            if s is None or signing.sha256(s.seal or "") != ev["jws"]:
                result.findings.append(f"sitting {ev['sitting']}: its witnessed closing seal is missing or replaced")
            continue
        if kind == "sitting":
            s = sittings.get(ev["sitting"])
            if s is None or signing.sha256(s.jws) != ev["jws"]:
                result.findings.append(f"sitting {ev['sitting']}: witnessed, but missing or replaced")
            continue
        a = by_id.get(ev.get("attempt", -1))
        who = f"attempt {ev.get('attempt')} ({ev.get('candidate', a.candidate if a else '?')})"
        if a is None:
            if kind in ("start", "finish"):
                result.findings.append(f"{who}: witnessed, but missing from the store (deleted)")
            continue
        if kind == "start" and signing.sha256(a.start_jws or "") != ev["jws"]:
            _flag(result, a, "its opening signature is not the one witnessed")
        elif kind == "finish" and signing.sha256(a.jws or "") != ev["jws"]:
            _flag(result, a, "it was finished and signed, then its result was removed or replaced")
        elif kind == "turn":
            links = turn_chain(a.start_jws or "", turns.get(a.id, []))
            n = ev["n"]
            if n >= len(links):
                _flag(result, a, f"turn {n} was played but is missing (a reply undone)")
            elif links[n] != ev["chain"]:
                _flag(result, a, f"turn {n} is not the turn that was played")


def _flag(result: Audit, a: Attempt, reason: str) -> None:
    result.status[a.id] = CHANGED
    if reason not in result.why[a.id]:
        result.why[a.id].append(reason)
