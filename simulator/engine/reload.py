"""Live reload for practice calls (`collectsim play --watch`): headless, UI-agnostic.

A trainer plays a persona while editing its YAML. On every good save the call is rebuilt
from the files with the same seed and language, and the officer's choices so far are
replayed. If every reply still plays, the call stays at the same turn with the new text and
effects; otherwise the longest prefix that still plays is kept and `Reloaded.broken` says
which turn and reply id broke, and why. A save that does not load (bad YAML, schema error,
unknown state) raises `ContentError` and the caller keeps playing the old session.

Watching is polling, on purpose (see `FileWatch`): a call watches two to four small files,
so a `stat()` of each every quarter second costs nothing, needs no new dependency or thread,
and sees editors' save-by-rename (a new inode at the same path) as plainly as an in-place
write, on any filesystem. Native watchers (`watchfiles`, `watchdog`) watch inodes or
directories, need a background thread bridged into the UI loop, and add a compiled
dependency to every install for a feature only trainers use.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from simulator.core.errors import ContentError, Problem
from simulator.core.persona import Outcome
from simulator.core.transcript import TranscriptError, read_transcript, write_atomically
from simulator.engine.bundle import Bundle, load_scenario

from .machine import replies_in
from .resume import JournaledCall
from .session import Session

Signature = tuple[int, int, int] | None  # (mtime_ns, size, inode); None when missing


def _signature(path: Path) -> Signature:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


class FileWatch:
    """Tells which watched files changed, once a burst of saves has settled.

    `poll()` stats every file; a change is reported only after the files have looked the
    same for `settle` seconds, so an editor's write-temp-then-rename (or several quick saves)
    gives one reload, not several, and a half-written file is not read. A file that is
    missing after settling is reported too: loading it then explains the problem.
    """

    def __init__(self, paths: Iterable[Path] = (), settle: float = 0.3,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.settle = settle
        self.clock = clock
        self._base: dict[Path, Signature] = {}
        self._last: dict[Path, Signature] = {}
        self._since = 0.0
        self.track(paths)

    @property
    def paths(self) -> list[Path]:
        return list(self._base)

    def track(self, paths: Iterable[Path]) -> None:
        """Watch exactly `paths` from now on; files already watched keep their baseline."""
        wanted = [Path(p).resolve() for p in paths]
        base = {p: self._base[p] if p in self._base else _signature(p) for p in wanted}
        self._base = base
        self._last = dict(base)

    def poll(self) -> list[Path]:
        """Files changed since the last report, if the change has settled; else []."""
        now = self.clock()
        current = {p: _signature(p) for p in self._base}
        if current != self._last:
            self._last = current
            self._since = now
        if current == self._base or now - self._since < self.settle:
            return []
        changed = [p for p in self._base if current[p] != self._base[p]]
        self._base = current
        return changed


def watched_paths(session: Session) -> list[Path]:
    """The files a call was built from: scenario, persona, rubric, profile."""
    return [src.path for src in session.bundle.sources.values()]


def scenario_ref(session: Session) -> str:
    src = session.bundle.sources.get("scenario")
    return str(src.path) if src is not None else session.scenario.id


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def load_fresh(ref: str) -> Bundle:
    """`load_scenario`, but never a stale cached copy: the loader caches by mtime, and a
    filesystem with coarse timestamps can keep the mtime across two quick saves."""
    from simulator.core.library import forget_cached

    bundle = load_scenario(ref)
    if any(_digest(s.path) != s.sha256 for s in bundle.sources.values()):
        forget_cached()
        bundle = load_scenario(ref)
    return bundle


def practice_only(bundle: Bundle) -> None:
    """--watch is for practice: an assessment must be played on the files it was set on."""
    if bundle.scenario.mode != "practice":
        src = bundle.sources.get("scenario")
        raise ContentError([Problem(str(src.path) if src else bundle.scenario.id, 1, 1, "mode",
                                    "--watch reloads practice calls only; this scenario is an "
                                    "assessment (play it without --watch, or use `collectsim assess`)")])


@dataclass(frozen=True)
class Broken:
    """Where the replay stopped: turn `turn` (1-based) could not play `reply`."""

    turn: int
    reply: str
    reason: str

    def __str__(self) -> str:
        return f"turn {self.turn}: reply '{self.reply}' {self.reason}"


def replay_prefix(session: Session, choices: list[str]) -> Broken | None:
    """Play `choices` on `session` while they still play; say where and why they stop."""
    for n, rid in enumerate(choices, 1):
        if session.ended:
            return Broken(n, rid, f"comes after the call now ends ({session.outcome})")
        if rid not in {r.id for r in session.offered()}:
            everywhere = {r.id for st in session.persona.states
                          for r in replies_in(session.persona, st)}
            if rid not in everywhere:
                return Broken(n, rid, "no longer exists in the persona")
            return Broken(n, rid, f"is not on offer in state '{session.state.id}' any more")
        session.choose(rid)
    return None


@dataclass(frozen=True)
class Reloaded:
    """A call rebuilt on new files: the new session and how much of the old one it kept."""

    session: Session
    kept: int
    of: int
    broken: Broken | None = None
    changed: tuple[Path, ...] = field(default_factory=tuple)

    def message(self) -> str:
        names = ", ".join(p.name for p in self.changed) or "the files"
        if self.broken is None:
            where = "the call has ended" if self.session.ended else f"still at turn {self.kept + 1}"
            return f"Reloaded {names}: {where}."
        where = (f"the call now ends at turn {self.kept}" if self.session.ended
                 else f"the call is back at turn {self.kept + 1}")
        return f"Reloaded {names}, but {self.broken}: {where} (kept {self.kept} of {self.of} replies)."


def rebuild(old: Session, bundle: Bundle, changed: Iterable[Path] = ()) -> Reloaded:
    """A new session on `bundle` (same seed and language) with `old`'s choices replayed.

    An officer who had hung up stays hung up if all their choices still play (the debrief
    updates); a call the persona had ended goes on if the edit no longer ends it there.
    """
    practice_only(bundle)
    new = Session(bundle, seed=old.seed, lang=old.lang)
    new.started_at = old.started_at
    choices = [t.reply for t in old.turns]
    broken = replay_prefix(new, choices)
    if (broken is None and old.outcome == Outcome.ABANDONED and not new.ended):
        new.end_call(Outcome.ABANDONED)
    return Reloaded(new, len(new.turns), len(choices), broken, tuple(changed))


def rejournal(path: Path, session: Session) -> JournaledCall:
    """Rewrite the journal at `path` to describe `session` as it is now (new file hashes in
    the header, the replayed turns), atomically, and go on appending to it. `play --resume`
    then replays exactly this call on the files it was last reloaded from."""
    head = session.header()
    head["reloaded_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    write_atomically(path, [head, *(t.to_json() for t in session.turns)])
    return JournaledCall(session, path, fresh=False)


class ReloadError(Exception):
    """The saved files do not make a call; `problems` say why (a front end words them)."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def _rebuild_or_explain(old: Session, changed: Iterable[Path]) -> Reloaded:
    ref = scenario_ref(old)
    try:
        return rebuild(old, load_fresh(ref), changed)
    except ContentError as exc:
        raise ReloadError(list(exc.problems)) from None
    except Exception as exc:  # a file the loader accepts but the engine cannot run
        why = f"cannot rebuild the call: {type(exc).__name__}: {exc}"
        raise ReloadError([Problem(ref, 1, 1, "", why)]) from None


def reload_call(call: JournaledCall, changed: Iterable[Path] = ()) -> tuple[JournaledCall, Reloaded]:
    """Reload the files behind `call` and rebuild it, journaling the rebuilt call in the same
    file. Raises ReloadError, leaving the old call and its journal untouched, when the files
    do not load."""
    result = _rebuild_or_explain(call.session, changed)
    if call.journal is not None:
        call.journal.close()
    return rejournal(call.path, result.session), result


def resume_prefix(path: Path) -> tuple[JournaledCall, Reloaded]:
    """For `play --resume --watch`: fit an unfinished journal to the files as they are now,
    keeping the longest prefix of its choices that still plays."""
    tr = read_transcript(path)
    if tr.finished:
        raise TranscriptError(f"{path}: this call has already finished")
    h = tr.header
    bundle = load_fresh(h.ref)
    practice_only(bundle)
    s = Session(bundle, seed=h.seed, lang=h.lang)
    if h.started_at:
        s.started_at = dt.datetime.fromisoformat(h.started_at)
    broken = replay_prefix(s, tr.choices)
    return rejournal(path, s), Reloaded(s, len(s.turns), len(tr.choices), broken)
