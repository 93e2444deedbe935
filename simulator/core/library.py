"""Finding and loading content: bundled files, user files, and explicit paths.

Bundled content lives at the top of a checkout (`personas/`, `scenarios/`) and inside the
wheel (`simulator/_bundled/`). User content lives in the user data directory, plus any
folders listed in COLLECTSIM_PATH.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel

from . import contentcache, limits
from .errors import ContentError, Problem
from .persona import Persona
from .safeio import read_content
from .scenario import Scenario

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")

_PKG = Path(__file__).resolve().parent.parent  # simulator/
_SCORING = _PKG.parent / "scoring"


def bundled_dir(kind: str) -> Path:
    """`personas`, `scenarios` or `schemas`: from the checkout, else from the wheel."""
    checkout = _PKG.parent / kind
    return checkout if checkout.is_dir() else _PKG / "_bundled" / kind


def user_dirs(kind: str) -> list[Path]:
    dirs = [Path(p) / kind for p in os.environ.get("COLLECTSIM_PATH", "").split(os.pathsep) if p]
    dirs.append(user_data_dir() / kind)
    return dirs


def user_data_dir() -> Path:
    override = os.environ.get("COLLECTSIM_HOME")
    if override:
        return Path(override)
    from platformdirs import user_data_path

    return user_data_path("collectsim", appauthor=False)


def search_dirs(kind: str) -> list[Path]:
    return [bundled_dir(kind), *user_dirs(kind)]


def rubric_dir() -> Path:
    return _SCORING / "rubrics"


def profile_dir() -> Path:
    return _SCORING / "profiles"


@dataclass(frozen=True)
class Source:
    path: Path
    sha256: str


@dataclass(frozen=True)
class Loaded(Generic[T]):
    model: T
    source: Source


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except (ValueError, OSError, RuntimeError):  # elsewhere, or unresolvable (a symlink loop)
        return str(path)


def load_model(model: type[M], path: Path) -> Loaded[M]:
    """Parse and validate one file; a file validated before comes from `contentcache`."""
    raw = read_content(path, _display(path), limits.current().file_bytes)
    digest = hashlib.sha256(raw).hexdigest()
    obj = contentcache.get(model, digest)
    if obj is None:
        obj = _validate(model, path, raw)
        contentcache.put(model, digest, obj)
    return Loaded(obj, Source(path.resolve(), digest))


def _validate(model: type[M], path: Path, raw: bytes) -> M:
    # Imported here: a start from the cache needs neither YAML nor the validators.
    from .crossref import persona_problems
    from .parse import validate_doc
    from .yamlfile import parse_yaml

    try:
        # Decoded as read_yaml decodes, from the very bytes hashed.
        text = raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as exc:
        raise ContentError([Problem(_display(path), 1, 1, "", f"cannot read file: not UTF-8 text "
                                                            f"({exc.reason} at byte {exc.start})")]) from None
    doc = parse_yaml(text, _display(path))
    states = doc.data.get("states") if model is Persona else None
    if isinstance(states, list) and len(states) > limits.current().states:
        raise ContentError([doc.problem(("states",), f"refused: {len(states):,} states, over the limit of "
                                                     f"{limits.current().states:,} (COLLECTSIM_LIMITS=states=N)")])
    obj = validate_doc(model, doc)
    if isinstance(obj, Persona):
        problems = [doc.problem(p, msg) for p, msg in persona_problems(obj)]
        if problems:
            raise ContentError(problems)
    return obj


@lru_cache(maxsize=256)
def _cached(model: type[BaseModel], path: Path, mtime_ns: int) -> Loaded[BaseModel]:
    return load_model(model, path)


def load_cached(model: type[M], path: Path) -> Loaded[M]:
    """Load once per file version: a persona's machine is built once, not per call."""
    try:
        path = path.resolve()
        mtime = path.stat().st_mtime_ns
    except (OSError, RuntimeError):  # gone, unreadable, a symlink loop: the usual problem
        return load_model(model, path)
    return _cached(model, path, mtime)  # type: ignore[return-value]


def forget_cached() -> None:
    """Drop every cached file: for a watcher that knows a file changed although its mtime
    did not (coarse filesystem clocks)."""
    _cached.cache_clear()


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.y*ml") if _is_file(p)) if folder.is_dir() else []


def _is_file(p: Path) -> bool:
    """Path.is_file, False for names the OS refuses (too long, a loop) instead of raising."""
    try:
        return p.is_file()
    except (OSError, ValueError):
        return False


class NotFound(ContentError):
    """A reference (an id or a path) that names no file: reported where it is written."""


def check_ref(ref: str) -> str | None:
    """Why `ref` cannot name a file (empty, too long, control characters), or None."""
    if not ref.strip():
        return "is empty"
    if len(ref) > limits.current().reference:
        return f"is longer than {limits.current().reference} characters"
    if any(ord(c) < 32 or ord(c) == 127 for c in ref):
        return "contains control characters (a newline?)"
    return None


def find(kind: str, ref: str, near: Path | None = None) -> Path:
    """Resolve `ref` (a path, or an id) to a file of `kind` ('personas', 'scenarios')."""
    bad = check_ref(ref)
    if bad:
        raise NotFound([Problem(ref, 1, 1, "", f"not a valid {kind[:-1]} id or path: it {bad}")])
    as_path = Path(ref)
    if near is not None and not as_path.is_absolute():
        rel = near / as_path
        if rel.suffix in (".yaml", ".yml") and _is_file(rel):
            return rel
    if as_path.suffix in (".yaml", ".yml") or os.sep in ref:
        if _is_file(as_path):
            return as_path
        raise NotFound([Problem(ref, 1, 1, "", "no such file")])
    folders = ([near / kind, near.parent / kind, near] if near else []) + search_dirs(kind)
    for folder in folders:
        for candidate in (folder / f"{ref}.yaml", folder / f"{ref}.yml"):
            if _is_file(candidate):
                return candidate
    known = sorted({p.stem for d in search_dirs(kind) for p in _yaml_files(d)})
    hint = f"; known: {', '.join(known)}" if known else ""
    raise NotFound([Problem(ref, 1, 1, "", f"no {kind[:-1]} with this id or path{hint}")])


def list_files(kind: str) -> list[tuple[str, Path]]:
    """(origin, path) for every file of `kind`: origin is 'bundled' or 'user'."""
    out = [("bundled", p) for p in _yaml_files(bundled_dir(kind))]
    for d in user_dirs(kind):
        out += [("user", p) for p in _yaml_files(d)]
    return out


def load_persona(ref: str | Path, near: Path | None = None) -> Loaded[Persona]:
    return load_cached(Persona, find("personas", str(ref), near))


def load_translated(model: type[M], path: Path) -> M:
    """A file's model with the translators' catalogues beside it merged in (for listings;
    `load_scenario` does the same for calls)."""
    from .translations import with_translations

    loaded = load_cached(model, path)
    return with_translations(loaded.model, loaded.source.path, loaded.source.sha256)[0]  # type: ignore[return-value]


def with_catalogues(model: T, kind: str, sources: dict[str, Source],
                    langs: Collection[str] | None = None) -> T:
    """The model with the translators' catalogues beside its file merged in (only those of
    `langs`, if given); each catalogue joins the call's sources (hashed, watched)."""
    from .translations import with_translations

    src = sources[kind]
    merged, found = with_translations(model, src.path, src.sha256, langs)  # type: ignore[arg-type]
    for lang, (path, sha) in found.items():
        sources[f"{kind}:{lang}"] = Source(path.resolve(), sha)
    return merged  # type: ignore[return-value]


@contextmanager
def references(path: Path, field: str, ref: str) -> Iterator[None]:
    """A reference that names no file is the scenario's problem: reported at its line in the
    scenario, not as a file named after the reference (an empty one had no name at all)."""
    bad = check_ref(ref)
    try:
        if bad:
            raise NotFound([Problem(ref, 1, 1, "", f"it {bad}")])
        yield
    except ContentError as exc:
        if not isinstance(exc, NotFound) and not (exc.problems and exc.problems[0].file == ref
                                                  and exc.problems[0].line == 1 and not _is_file(Path(ref))):
            raise
        from .yamlfile import read_yaml

        doc = read_yaml(path, _display(path))
        raise ContentError([doc.problem((field,), f"{field} '{ref}': {p.message}") for p in exc.problems]) from None


def _check_start(path: Path, s: Scenario, p: Persona) -> None:
    """The scenario's start overrides and pinned facets must name the persona's own."""
    from .crossref import BUILTIN_FLAGS

    problems: list[tuple[tuple[str, ...], str]] = []
    for f in s.start.flags:
        if f not in set(p.flags) | BUILTIN_FLAGS:
            problems.append((("start", "flags"), f"persona '{p.id}' has no flag '{f}'"))
    for v in s.start.variables:
        if v not in p.variables:
            problems.append((("start", "variables", v), f"persona '{p.id}' has no variable '{v}'"))
    for name, value in s.facets.items():
        facet = p.facets.get(name)
        if facet is None:
            problems.append((("facets", name), f"persona '{p.id}' has no facet '{name}'"))
        elif value not in {o.id for o in facet.options}:
            problems.append((("facets", name), f"facet '{name}' has no value '{value}'"))
    if problems:
        from .yamlfile import read_yaml

        doc = read_yaml(path, _display(path))
        raise ContentError([doc.problem(q, m) for q, m in problems])
