"""Cost of one engine turn (choose + live rubric update) against one raw `transitions`
trigger, measured in the same process (CPU time, interleaved) so the machine's noise cancels out.

Goal: at most 3x. Run: .venv/bin/python bench/engine.py
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from transitions import Machine

from simulator.core.library import bundled_dir
from simulator.engine.bundle import load_scenario
from simulator.engine.golden import load_golden
from simulator.engine.session import Session

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = load_golden(bundled_dir("personas") / "golden" / "first-call-zhang.yaml")
LINE = GOLDEN.lines[0].choices
PINS = GOLDEN.facets  # the same debtor on every seed, so the expert's line plays on each


class _Model:
    def __init__(self) -> None:
        self.values = {"trust": 5}


def raw_trigger_seconds(n: int) -> float:
    """One conditional trigger on a bare machine: the floor any engine turn stands on."""
    m = Machine(model=None, states=["a", "b"], initial="a", auto_transitions=False, send_event=True)
    m.add_transition("go", "a", "b", conditions=[lambda ev: ev.model.values["trust"] >= 0])
    m.add_transition("go", "b", "a", conditions=[lambda ev: ev.model.values["trust"] >= 0])
    model = _Model()
    m.add_model(model)
    ev = m.events["go"]
    t = time.process_time()
    for _ in range(n):
        ev.trigger(model)
    return (time.process_time() - t) / n


def engine_turn_seconds(calls: int) -> float:
    bundle = load_scenario("first-call-zhang")
    Session(bundle, seed=1, facets=PINS).replay(LINE)  # warm caches: machine, rubric, profile
    spent = 0.0
    turns = 0
    for i in range(calls):
        s = Session(bundle, seed=i, facets=PINS)
        t = time.process_time()
        for rid in LINE:
            s.choose(rid)
            s.live()
        spent += time.process_time() - t
        turns += len(LINE)
    return spent / turns


def main() -> None:
    raws, turns = [], []
    for _ in range(11):  # interleave the two so drift hits both alike
        raws.append(raw_trigger_seconds(20_000))
        turns.append(engine_turn_seconds(300))
    raw, turn = statistics.median(raws), statistics.median(turns)
    ratios = sorted(t / r for r, t in zip(raws, turns, strict=True))
    print(f"raw transitions trigger : {raw * 1e6:7.1f} us")
    print(f"engine turn (choose+live): {turn * 1e6:7.1f} us")
    print(f"ratio                    : {turn / raw:7.2f}x   (goal <= 3x; medians of 11 interleaved "
          f"rounds; per-round {ratios[0]:.2f}-{ratios[-1]:.2f})")


if __name__ == "__main__":
    main()
