"""Helpers for sitting tests: set a sitting, and sit it through the same functions the `sit`
command uses (policies pick the replies)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from simulator.engine.policies import make_policy
from simulator.store import Store
from simulator.store.sitting import finish, open_sitting, scenario_entry


def set_sitting(store: Store, candidates: list[str], scenarios: list[str], attempts: int = 2,
                name: str = "cohort A") -> dict[tuple[str, int], str]:
    """A sitting open now; returns {(candidate, attempt number): code}."""
    t = dt.datetime.now(dt.UTC)
    _, codes = store.create_sitting(
        name, candidates, [scenario_entry(s) for s in scenarios], attempts,
        (t - dt.timedelta(minutes=1)).isoformat(), (t + dt.timedelta(hours=1)).isoformat())
    return {(c, n): code for c, n, code in codes}


def sit(store: Store, code: str, policy: str = "expert", stop_after: int | None = None) -> list[int]:
    """Play every open part of the code's sitting with `policy`; with `stop_after`, leave the
    first open part unfinished after that many turns. Returns the attempt ids."""
    _, parts = open_sitting(store, code)
    for part in parts:
        if part.finished:
            continue
        s = part.session
        pick = make_policy(policy, s.seed)
        while not s.ended:
            if stop_after is not None and len(s.turns) >= stop_after:
                return [p.attempt_id for p in parts]
            t = s.choose(pick(s))
            store.journal(part.attempt_id, t.to_json())
        finish(store, part)
    return [p.attempt_id for p in parts]


def problems(store: Store) -> list[str]:
    """What `verify` would report, with the local assessor key and witness."""
    from simulator.store import keys, witness
    from simulator.store.audit import audit

    return audit(store, keys.load_public(keys.public_path()), witness.witness_path()).problems


def drill(folder: Path, scenario: str = "first-call-zhang") -> str:
    """A copy of a bundled scenario with every facet pinned to the debtor its golden expert
    line was written for: a sitting on it has one seed to draw, so a test knows the debtor
    (and that line plays on it) in advance."""
    from simulator.core.library import bundled_dir
    from simulator.engine import new_session
    from simulator.engine.golden import golden_seed

    pins = ", ".join(f"{k}: {v}" for k, v in new_session(scenario, seed=golden_seed(scenario)).facets.items())
    text = (bundled_dir("scenarios") / f"{scenario}.yaml").read_text(encoding="utf-8")
    path = folder / f"{scenario}.yaml"
    path.write_text(text + f"facets: {{{pins}}}\n", encoding="utf-8")
    return str(path)
