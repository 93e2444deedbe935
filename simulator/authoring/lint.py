"""Lint: everything `validate` checks, then the persona's graph, its winnability and its
translations. Each finding names file, line and column."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from simulator.core.errors import Problem
from simulator.core.moves import DEBT_MOVES, Move
from simulator.core.persona import Persona, Reply
from simulator.core.text import LANGS, PLACEHOLDER, PLACEHOLDERS
from simulator.core.yamlfile import Path_, YamlDoc, read_yaml
from simulator.engine.machine import replies_in

from .graph_analysis import Bounds, bounds_for, can_end, why_impossible

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True, order=True)
class Finding:
    file: str
    line: int
    col: int
    severity: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.severity}: {self.message}"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


class _Collector:
    def __init__(self, doc: YamlDoc):
        self.doc = doc
        self.found: list[Finding] = []

    def add(self, path: Path_, severity: str, message: str) -> None:
        line, col = self.doc.where(path)
        self.found.append(Finding(self.doc.file, line, col, severity, message))


def lint_file(path: Path, winnable: bool = True, explorations: dict | None = None) -> list[Finding]:
    """Every finding in one file, sorted by position.

    With `explorations` (a dict), the winnability check is the full exploration rather
    than a search that stops at the first passing line, and it is kept there under the
    file's displayed path: one search serves both `lint` and `explore` (`lint --summary`)."""
    from simulator.core.errors import ContentError

    from .validate import check_file, kind_of

    try:
        doc = read_yaml(path, _display(path))
    except ContentError as exc:
        return sorted(_from_problem(p) for p in exc.problems)
    kind = kind_of(path, doc.data)
    persona = None
    if kind == "persona":  # validate's checks (as load_model makes them), on the one parse
        found, persona = _validate_persona(doc)
    else:
        found = [_from_problem(p) for p in check_file(path)]
    out = _Collector(doc)
    _duplicate_keys(out)
    scan = _scan(doc.data)
    _translations(out, scan)
    _unquoted_dates(out, scan)
    _placeholders(out, persona, scan)
    if not found:
        if persona is not None:
            users = scenarios_using(persona.id, path)
            persona_checks(persona, out, [sc.start for sc in users])
            # a persona its scenarios call is judged winnable under them (lint the
            # scenarios); one no scenario calls yet, under a default first call
            if winnable and not users and not any(f.severity == ERROR for f in out.found):
                _winnable_persona(persona, path, out, explorations)
        elif kind == "scenario" and winnable:
            _winnable_scenario(path, out, explorations)
    return sorted(set(found + out.found), key=lambda f: (f.line, f.col, f.message))


def _validate_persona(doc: YamlDoc) -> tuple[list[Finding], Persona | None]:
    from simulator.core.crossref import persona_problems
    from simulator.core.errors import ContentError
    from simulator.core.parse import validate_doc

    try:
        persona = validate_doc(Persona, doc)
    except ContentError as exc:
        return [_from_problem(p) for p in exc.problems], None
    problems = [doc.problem(p, msg) for p, msg in persona_problems(persona)]
    return [_from_problem(p) for p in problems], (None if problems else persona)


def _from_problem(p: Problem) -> Finding:
    message = f"{p.field}: {p.message}" if p.field else p.message
    return Finding(p.file, p.line, p.col, ERROR, message)


def _display(path: Path) -> str:
    from simulator.core.library import _display as display

    return display(path)


# -- the persona's graph ------------------------------------------------------------------
def scenarios_using(persona_id: str, path: Path) -> list:
    """The scenarios in the `scenarios/` folder beside this persona's folder that call it
    (the ones whose persona id resolves to this very file)."""
    from simulator.core.scenario import Scenario

    folders = [path.resolve().parent.parent / "scenarios"]
    out = []
    seen: set[Path] = set()
    for folder in folders:
        for f in sorted(folder.glob("*.y*ml")) if folder.is_dir() else ():
            if f.resolve() in seen:
                continue
            seen.add(f.resolve())
            try:
                data = read_yaml(f).data
                if Path(str(data.get("persona", ""))).stem != persona_id:
                    continue
                out.append(Scenario.model_validate(data))
            except Exception:  # a broken scenario is reported when it is linted itself
                continue
    return out


def persona_checks(p: Persona, out: _Collector, starts: list | None = None) -> None:
    b = bounds_for(p, starts)
    reach = b.states
    index = {s.id: i for i, s in enumerate(p.states)}
    _conditions(p, b, out)
    for i, s in enumerate(p.states):
        if s.id in reach:
            continue
        if s.ending is not None:
            out.add(("states", i, "id"), WARNING,
                    f"ending '{s.id}' ({s.ending.outcome.value}) is never reached: no line of play leads to it")
        else:
            out.add(("states", i, "id"), WARNING,
                    f"state '{s.id}' is unreachable from the initial state '{p.initial}'")
    dead: set[str] = set()
    for i, s in enumerate(p.states):
        if s.ending is not None or s.id not in reach:
            continue
        offered = replies_in(p, s)
        if not offered:
            dead.add(s.id)
            out.add(("states", i, "id"), ERROR,
                    f"dead end: state '{s.id}' is not an ending and offers no replies "
                    "(add replies, or an `ending:`)")
        elif all(why_impossible(r.when, b) for r in offered):
            dead.add(s.id)
            out.add(("states", i, "id"), ERROR,
                    f"dead end: none of the replies in state '{s.id}' can ever be offered")
    ends = can_end(p, b)
    for sid in sorted(reach - ends - dead, key=index.__getitem__):
        out.add(("states", index[sid], "id"), ERROR,
                f"no ending can be reached from state '{sid}': the call could only run out of turns")
    for path, r in _all_replies(p):
        _moves(p, path, r, out)
    _right_party_opening(p, index, out)


def _right_party_opening(p: Persona, index: dict[str, int], out: _Collector) -> None:
    """Every profile fails a call that speaks of the debt before the person is confirmed as
    the debtor (scoring/compliance.py): without an opening that confirms who answered before
    the debt, only a scenario where they know each other can pass."""
    first = p.state(p.initial)
    if any(Move.CONFIRM_IDENTITY in r.moves and DEBT_MOVES.isdisjoint(r.moves) for r in first.replies):
        return
    if any(Move.ASK_FOR_DEBTOR in r.moves for r in first.replies):
        return  # a third party answers: asking for the debtor is the right opening
    out.add(("states", index[p.initial], "id"), WARNING,
            f"no reply in '{p.initial}' confirms who answered before the debt (confirm_identity, no "
            "debt move): every line fails right-party verification unless the scenario sets knows_officer")


def _all_replies(p: Persona) -> list[tuple[Path_, Reply]]:
    out: list[tuple[Path_, Reply]] = []
    for i, s in enumerate(p.states):
        out += [(("states", i, "replies", j), r) for j, r in enumerate(s.replies)]
    out += [(("global_replies", j), r) for j, r in enumerate(p.global_replies)]
    return out


def _conditions(p: Persona, b: Bounds, out: _Collector) -> None:
    for path, r in _all_replies(p):
        why = why_impossible(r.when, b)
        if why:
            out.add((*path, "when"), WARNING, f"reply '{r.id}' can never be offered: {why}")
        for k, br in enumerate(r.branches or ()):
            bpath = (*path, "branches", k)
            why = why_impossible(br.when, b)
            if why:
                out.add((*bpath, "when"), WARNING, f"branch to '{br.to}' can never be taken: {why}")
            earlier = (r.branches or [])[:k]
            if any(not e.when for e in earlier):
                out.add(bpath, WARNING,
                        f"branch to '{br.to}' is never tried: an earlier branch has no `when`")
    for k, it in enumerate(p.interrupts):
        why = why_impossible(it.when, b)
        if why:
            out.add(("interrupts", k, "when"), WARNING, f"interrupt to '{it.to}' can never fire: {why}")


def _moves(p: Persona, path: Path_, r: Reply, out: _Collector) -> None:
    if not r.moves:
        out.add((*path, "moves"), ERROR, f"reply '{r.id}' makes no move")
        return
    if len(set(r.moves)) < len(r.moves):
        out.add((*path, "moves"), WARNING, f"reply '{r.id}' lists a move twice")
    if Move.CLOSE_CALL in r.moves:
        open_ = sorted({br.to for br in r.routes() if p.state(br.to).ending is None})
        if open_:
            out.add((*path, "moves"), WARNING,
                    f"reply '{r.id}' closes the call (close_call) but leads to "
                    f"{', '.join(repr(s) for s in open_)}, which is not an ending")


# -- whole-file checks --------------------------------------------------------------------
def _duplicate_keys(out: _Collector) -> None:
    """YAML keeps the last of two equal keys without a word; a trainer meant both."""
    for key, line, col in out.doc.duplicates:
        out.found.append(Finding(out.doc.file, line, col, ERROR,
                                 f"duplicate key '{key}': the later one silently replaces the first"))


@dataclass
class _Scan:
    """What the whole-file checks read from the data, found in one walk: per-language texts
    (path, languages), unquoted dates and strings that may hold a `{placeholder}`."""

    texts: list[tuple[Path_, set[str]]]
    dates: list[tuple[Path_, Any]]
    braced: list[tuple[Path_, str]]


def _scan(data: Any) -> _Scan:
    """One walk over the data, with a stack, not a generator per level (three recursive
    walks were 7% of linting a persona); a path is built only for a container or a find."""
    import datetime as dt

    langs = frozenset(LANGS)
    out = _Scan([], [], [])
    todo: list[tuple[Path_, Any]] = [((), data)]
    while todo:
        path, value = todo.pop()
        if isinstance(value, dict):
            if value and value.keys() <= langs and all(isinstance(v, str) for v in value.values()):
                out.texts.append((path, set(value)))
            items: Any = value.items()
        elif isinstance(value, list):
            items = enumerate(value)
        else:
            continue
        for k, v in items:
            if isinstance(v, str):
                if "{" in v:
                    out.braced.append(((*path, k), v))
            elif isinstance(v, (dict, list)):
                todo.append(((*path, k), v))
            elif isinstance(v, dt.date):
                out.dates.append(((*path, k), v))
    return out


def _unquoted_dates(out: _Collector, scan: _Scan) -> None:
    """YAML turns an unquoted 2026-03-12 into a date; the loader copes, but ajv and other
    JSON Schema tools then see a timestamp where the schema says text."""
    for path, date in scan.dates:
        out.add(path, WARNING, f'unquoted date: write "{date.isoformat()}" in quotes, so '
                "editors and schema validators read it as text, as the loader does")


def _translations(out: _Collector, scan: _Scan) -> None:
    texts = scan.texts
    used = set().union(*(langs for _, langs in texts)) if texts else set()
    if len(used) < 2:
        return
    for path, langs in texts:
        missing = sorted(used - langs)
        if missing:
            out.add(path, WARNING, f"missing translation: no {', '.join(missing)} text (the file uses {', '.join(sorted(used))})")


def _placeholders(out: _Collector, persona: Persona | None, scan: _Scan) -> None:
    """Every `{name}` must be one the engine fills in: a typo would reach the trainee as
    `{ammount}`. In a persona, `{facet.NAME}` must name one of its facets."""
    known = set(PLACEHOLDERS)
    if persona is not None:
        known |= {f"facet.{name}" for name in persona.facets}
    for path, text in scan.braced:
        for m in PLACEHOLDER.finditer(text):
            name = m.group(1)
            if name in known or (persona is None and name.startswith("facet.")):
                continue
            out.add(path, ERROR, f"unknown placeholder {{{name}}}: use one of "
                    + ", ".join(f"{{{k}}}" for k in sorted(known)))


# -- can a trainee pass at all? -----------------------------------------------------------
def _winnable_persona(p: Persona, path: Path, out: _Collector, explorations: dict | None) -> None:
    from simulator.engine.session import Session

    from .default_scenario import bundle_for

    session = Session(bundle_for(p, path))
    verdict, line = _unwinnable(session, out.doc.file, explorations)
    if verdict:
        out.add(("id",), ERROR, f"unwinnable: {verdict} (explored under a default day-1 scenario, profile cn)")
    elif line is not None:
        _memorisable(session, line, ("id",), out)


def _winnable_scenario(path: Path, out: _Collector, explorations: dict | None) -> None:
    from simulator.engine.bundle import load_scenario
    from simulator.engine.session import Session

    session = Session(load_scenario(str(path)))
    hours = session.profile.contact_hours
    if hours and not hours.allows(session.scenario.call.local_time):
        # every line auto-fails on the hour: a deliberate lesson, or a typo in call.local_time
        out.add(("call", "local_time"), WARNING,
                f"the call is placed outside profile '{session.profile.id}' contact hours "
                f"({hours.start:%H:%M}-{hours.end:%H:%M}): every line auto-fails")
        return
    verdict, line = _unwinnable(session, out.doc.file, explorations)
    if verdict:
        out.add(("persona",), ERROR, f"unwinnable: {verdict}")
    elif line is not None:
        _memorisable(session, line, ("persona",), out)


MEMORY_DRAWS = 8  # seeds a passing line is replayed on before lint calls it memorisable


def _memorisable(session, line: tuple[str, ...], path: Path_, out: _Collector) -> None:
    """A passing line that passes on every other draw too can be learned by heart: the
    trainee memorises a script instead of learning to find out the reason and the costs
    that bite (issue 14). Replaying it is cheap: no search, and each turn is scored through
    the explorer's fold memo. A line that cannot be played as written on a draw (a reply not
    on offer, or the call over before its end) is not passed there."""
    from simulator.engine.session import Session

    from .explore import line_passes

    played: dict = {}  # draws that start alike play alike: one replay each
    for k in range(1, MEMORY_DRAWS + 1):
        other = Session(session.bundle, seed=session.seed + k, lang=session.lang)
        if not line_passes(other, line, played):
            return
    out.add(path, WARNING, f"memorisable: the line {' > '.join(line)} passes on every one of "
            f"{MEMORY_DRAWS + 1} draws; give the persona facets that change what wins "
            "(the reason, the cost that bites, whether the first story is true)")


def _unwinnable(session, file: str, explorations: dict | None) -> tuple[str | None, tuple[str, ...] | None]:
    """(None, a passing line) when some line passes; else (why not, None). The situation search looks first (it
    stops at the first pass, and any line it finds is real, unless the whole exploration
    is wanted); only if it finds none does the expert search, exact over every line
    without anti-patterns, get the last word."""
    from simulator.engine.policies import best_line

    from .explore import explore

    if explorations is not None:
        found = explorations[file] = explore(session)
    else:
        found = explore(session, stop_at_pass=True, budget=50_000)
    if found.shortest_pass is not None:
        return None, found.shortest_pass.replies
    line, value = best_line(session, budget=50_000)
    if value[0]:
        return None, tuple(line)
    best = session.fork(quiet=True).replay(line)
    if found.best is not None and found.best.score > round(best.scorer.total()):
        best = session.fork(quiet=True).replay(list(found.best.replies))
    r = best.report()
    why = [f.rule for f in r.auto_fail]
    why += [f"{i.id} not fully earned" for i in r.items if i.required and i.fraction < 1]
    if r.total < r.pass_mark:
        why.append(f"below the pass mark of {r.pass_mark}")
    because = f" ({'; '.join(why)})" if why else ""
    return f"no line of play passes; the best score is {r.total}{because}", None


def lint_paths(paths: list[str], winnable: bool = True, explorations: dict | None = None,
               jobs: int = 1) -> dict[str, list[Finding]]:
    """Findings per file, for every YAML file under the paths (see lint_file for
    `explorations`), in file order. With `jobs` > 1 the files are shared among that many
    worker processes (each file is linted on its own, so the results are the same)."""
    from .validate import files_in

    files = [f for f in files_in(paths) if "golden" not in f.parent.parts]  # golden lines: `collectsim test`
    want = explorations is not None
    if jobs > 1 and len(files) > 2 * jobs:
        from concurrent.futures import ProcessPoolExecutor

        # each worker starts by freezing what it inherited (see _collected_per_file)
        with ProcessPoolExecutor(jobs, initializer=_worker_gc) as pool:
            results = list(pool.map(_lint_one, files, [winnable] * len(files), [want] * len(files),
                                    chunksize=max(1, min(16, len(files) // (4 * jobs)))))
    else:
        with _collected_per_file():
            results = [_lint_one(f, winnable, want) for f in files]
    out: dict[str, list[Finding]] = {}
    for file, found, explored in results:
        out[file] = found
        if explorations is not None:
            explorations.update(explored)
    from .reachability import red_line_warnings  # library-wide: red lines nobody can reach

    for folder, messages in red_line_warnings(paths, files).items():
        out[folder] = [Finding(folder, 1, 1, WARNING, m) for m in messages]
    return out


@contextmanager
def _collected_per_file():
    """The cyclic GC runs once per file, not while a file is linted (see _lint_one).

    What was alive before the run (loaded content, the memos of earlier searches) is also
    left out of the collector's scans: rescanning hundreds of thousands of old objects on
    every full collection made a large library cost more per file than a small one."""
    was_enabled = gc.isenabled()
    _worker_gc()
    try:
        yield
    finally:
        gc.unfreeze()
        if was_enabled:
            gc.enable()


def _worker_gc() -> None:
    """A lint process's collector: what it inherited frozen, automatic collection off."""
    gc.freeze()
    gc.disable()


def _lint_one(f: Path, winnable: bool, explore: bool) -> tuple[str, list[Finding], dict]:
    """One file, then its cyclic garbage collected: a persona and the plan derived from it
    refer to each other, so each linted persona leaves a cycle of ~1,700 objects. Collected
    here, once, instead of the automatic collector rescanning the file's live objects (tens
    of thousands) many times while it is linted: that was 15% of linting a persona."""
    explored: dict = {}
    try:
        return _display(f), lint_file(f, winnable=winnable, explorations=explored if explore else None), explored
    finally:
        gc.collect(0)
