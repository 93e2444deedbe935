"""Print what `make mutation` measured: mutants killed of those run, per file and in all,
and every survivor by name (`.venv/bin/mutmut show NAME` shows its diff).

Reads mutmut's own record (mutants/*.meta) with mutmut's own reading of exit codes: a
timeout counts as killed (the tests noticed), a mutant no selected test reaches counts as
survived (nothing would notice); unchecked or interrupted ones are reported, not counted."""

from __future__ import annotations

import json
import random
import sys
from collections import Counter
from pathlib import Path

from mutmut.stats import status_by_exit_code

GOAL = 0.90
KILLED = {"killed", "timeout", "caught by type check", "segfault"}
SURVIVED = {"survived", "no tests"}


def pick(n: int, seed: int) -> list[str]:
    """A reproducible sample of `n` mutant names, for a run that cannot afford them all
    (`mutmut run $(python tools/mutation_score.py --pick 200)`); needs one `mutmut run`
    to have generated the mutants."""
    names = sorted(k for meta in Path("mutants").rglob("*.py.meta")
                   for k in json.loads(meta.read_text()).get("exit_code_by_key", {}))
    return sorted(random.Random(seed).sample(names, min(n, len(names))))


def main() -> int:
    if len(sys.argv) > 2 and sys.argv[1] == "--pick":
        print(" ".join(pick(int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 12)))
        return 0
    metas = sorted(Path("mutants").rglob("*.py.meta"))
    total: Counter[str] = Counter()
    survivors: list[str] = []
    for meta in metas:
        codes = json.loads(meta.read_text()).get("exit_code_by_key", {})
        status = {k: status_by_exit_code[v] for k, v in codes.items()}
        killed = sum(s in KILLED for s in status.values())
        lived = sorted(k for k, s in status.items() if s in SURVIVED)
        other = len(status) - killed - len(lived)
        if not status:
            continue
        name = str(meta.relative_to("mutants"))[: -len(".meta")]
        print(f"{name:32} {killed:4d} of {killed + len(lived):4d} killed"
              + (f"  ({other} not checked)" if other else ""))
        total["killed"] += killed
        total["run"] += killed + len(lived)
        survivors += lived
    if not total["run"]:
        print("no mutation results: run `make mutation`")
        return 1
    share = total["killed"] / total["run"]
    print(f"{'all':32} {total['killed']:4d} of {total['run']:4d} killed: {share:.1%} (goal {GOAL:.0%})")
    for s in survivors:
        print(f"  survived: {s}")
    return 0 if share >= GOAL else 2


if __name__ == "__main__":
    sys.exit(main())
