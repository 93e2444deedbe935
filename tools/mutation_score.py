"""Print what `make mutation` measured: mutants killed of those run, per file and in all,
and every survivor by name (`.venv/bin/mutmut show NAME` shows its diff).

Reads mutmut's own record (mutants/*.meta) with mutmut's own reading of exit codes: a
timeout counts as killed (the tests noticed), a mutant no selected test reaches counts as
survived (nothing would notice); unchecked or interrupted ones are reported, not counted."""

from __future__ import annotations

import argparse
import fnmatch
import functools
import hashlib
import json
import re
import sys
import tomllib
from collections import Counter
from pathlib import Path

from mutmut.stats import status_by_exit_code

GOAL = 0.90
EQUIVALENT = Path(__file__).with_name("mutation_equivalent.md")
KILLED = {"killed", "timeout", "caught by type check", "segfault"}
SURVIVED = {"survived", "no tests"}


def metas() -> list[Path]:
    """mutmut's records of the files `only_mutate` names now: mutants/ keeps the records
    of files a wider configuration once mutated, and those are not part of the figure."""
    wanted = tomllib.loads(Path("pyproject.toml").read_text())["tool"]["mutmut"].get("only_mutate", ["*"])
    return sorted(m for m in Path("mutants").rglob("*.py.meta")
                  if any(fnmatch.fnmatch(str(m.relative_to("mutants"))[: -len(".meta")], w) for w in wanted))


def _codes() -> dict[str, dict[str, int | None]]:
    """file -> {mutant name: exit code, None while unchecked}."""
    return {str(m.relative_to("mutants"))[: -len(".meta")]: json.loads(m.read_text()).get("exit_code_by_key", {})
            for m in metas()}


def pick(n: int, seed: int) -> list[str]:
    """A reproducible sample of `n` mutant names, for a run that cannot afford them all
    (`mutmut run $(python tools/mutation_score.py --pick 300)`); needs one `mutmut run`
    to have generated the mutants. Each name's place comes from its own hash, so editing
    one function changes only which of its own mutants are in the sample."""
    names = sorted(k for codes in _codes().values() for k in codes)
    return sorted(sorted(names, key=lambda k: hashlib.sha256(f"{seed}:{k}".encode()).digest())[:n])


def equivalents() -> dict[str, tuple[str, str]]:
    """Mutants listed in tools/mutation_equivalent.md (`- `name` `code`: why`): no test can
    kill them because no behaviour changes; they are counted apart, with the reason. `code`
    is part of the line the mutant changes: mutmut numbers a function's mutants afresh when
    the function is edited, so a name can come to mean another mutant."""
    out = {}
    for line in EQUIVALENT.read_text(encoding="utf-8").splitlines():
        m = re.match(r"- `([^`]+)` `([^`]+)`: (.+)", line)
        if m:
            out[m[1]] = (m[2], m[3])
    return out


@functools.cache
def _mutated_module(path: Path) -> str:
    """A mutated module's text, read once per report (each is ~10,000 lines)."""
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


def changed_lines(name: str, root: Path = Path("mutants")) -> list[str]:
    """The lines mutant `name` has that its function's original has not, read from the
    mutated module mutmut wrote (`x_f__mutmut_3` beside `x_f__mutmut_orig`)."""
    module, _, func = name.rpartition(".")
    text = _mutated_module(root / (module.replace(".", "/") + ".py"))

    def body(fn: str) -> list[str]:
        m = re.search(rf"^([ \t]*)def {re.escape(fn)}\(.*?(?=^\1(?:def |@)|^\S|\Z)", text, re.M | re.S)
        return [ln.strip() for ln in m[0].splitlines()[1:]] if m else []

    orig = set(body(func.rpartition("__mutmut_")[0] + "__mutmut_orig"))
    return [ln for ln in body(func) if ln and ln not in orig]


def still_equivalent(name: str, code: str, root: Path = Path("mutants")) -> bool:
    """The listed mutant still changes the line the listing names."""
    return any(code in ln for ln in changed_lines(name, root))


def report(only: set[str] | None) -> int:
    total: Counter[str] = Counter()
    survivors: list[str] = []
    same = equivalents()
    for name, codes in _codes().items():
        status = {k: status_by_exit_code[v] for k, v in codes.items() if only is None or k in only}
        killed = sum(s in KILLED for s in status.values())
        lived = sorted(k for k, s in status.items() if s in SURVIVED)
        eq = sum(k in same and still_equivalent(k, same[k][0]) for k in lived)
        other = len(status) - killed - len(lived)
        if not status:
            continue
        print(f"{name:32} {killed:4d} of {killed + len(lived):4d} killed"
              + (f", {eq} equivalent" if eq else "") + (f"  ({other} not checked)" if other else ""))
        total["killed"] += killed
        total["run"] += killed + len(lived)
        total["equivalent"] += eq
        survivors += lived
    if not total["run"]:
        print("no mutation results: run `make mutation`")
        return 1
    k, run, eq = total["killed"], total["run"], total["equivalent"]
    what = f"a sample of {len(only)}" if only is not None else "all run"
    print(f"{'all':32} {k:4d} of {run:4d} killed: {k / run:.1%} ({what})")
    share = k / (run - eq) if run > eq else 1.0
    print(f"{'':32} {k:4d} of {run - eq:4d} without the {eq} listed equivalent: {share:.1%} (goal {GOAL:.0%})")
    for s in survivors:
        if s not in same:
            print(f"  survived: {s}")
        elif still_equivalent(s, same[s][0]):
            print(f"  survived: {s}  [equivalent: {same[s][1]}]")
        else:  # counted as a survivor until the listing is checked again
            print(f"  survived: {s}  [listed as equivalent for `{same[s][0]}`, but it now changes"
                  f" {changed_lines(s)}: check it again]")
    return 0 if share >= GOAL else 2


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--pick", type=int, metavar="N", help="print a reproducible sample of N mutant names")
    ap.add_argument("--todo", action="store_true", help="with --pick: only those not yet killed (a rerun)")
    ap.add_argument("--sample", type=int, metavar="N", help="report on that sample only")
    ap.add_argument("--names", type=Path, metavar="FILE", help="report on the mutants listed in FILE only")
    ap.add_argument("--seed", type=int, default=12)
    a = ap.parse_args()
    if a.pick:
        names = pick(a.pick, a.seed)
        if a.todo:
            codes = {k: v for c in _codes().values() for k, v in c.items()}
            names = [n for n in names if codes.get(n) is None or status_by_exit_code[codes[n]] not in KILLED]
        print(" ".join(names))
        return 0
    if a.names:
        listed = [w for line in a.names.read_text(encoding="utf-8").splitlines()
                  if not line.startswith("#") for w in line.split()]
        return report(set(listed))
    return report(set(pick(a.sample, a.seed)) if a.sample else None)


if __name__ == "__main__":
    sys.exit(main())
