"""Finding and loading content: bundled files, user files, and explicit paths.

Bundled content lives at the top of a checkout (`personas/`, `scenarios/`) and inside the
wheel (`simulator/_bundled/`). User content lives in the user data directory, plus any
folders listed in COLLECTSIM_PATH.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel

from . import contentcache
from .errors import ContentError, Problem
from .persona import Persona
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
    except ValueError:
        return str(path)


def load_model(model: type[M], path: Path) -> Loaded[M]:
    """Parse and validate one file; a file validated before comes from `contentcache`."""
    try:
        raw = path.read_bytes()
    except OSError:
        _validate(model, path, None)  # raises the usual "cannot read file" problem
        raise
    digest = hashlib.sha256(raw).hexdigest()
    obj = contentcache.get(model, digest)
    if obj is None:
        obj = _validate(model, path, raw)
        contentcache.put(model, digest, obj)
    return Loaded(obj, Source(path.resolve(), digest))


def _validate(model: type[M], path: Path, raw: bytes | None) -> M:
    # Imported here: a start from the cache needs neither YAML nor the validators.
    from .crossref import persona_problems
    from .parse import validate_doc
    from .yamlfile import parse_yaml, read_yaml

    try:
        # Decoded as read_text() would (universal newlines), from the very bytes hashed.
        text = None if raw is None else raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError:
        text = None
    # Without text, read_yaml raises the usual "cannot read file" problem naming the file.
    doc = read_yaml(path, _display(path)) if text is None else parse_yaml(text, _display(path))
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
    path = path.resolve()
    return _cached(model, path, path.stat().st_mtime_ns)  # type: ignore[return-value]


def forget_cached() -> None:
    """Drop every cached file: for a watcher that knows a file changed although its mtime
    did not (coarse filesystem clocks)."""
    _cached.cache_clear()


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.y*ml") if p.is_file()) if folder.is_dir() else []


def find(kind: str, ref: str, near: Path | None = None) -> Path:
    """Resolve `ref` (a path, or an id) to a file of `kind` ('personas', 'scenarios')."""
    as_path = Path(ref)
    if near is not None and not as_path.is_absolute():
        rel = near / as_path
        if rel.suffix in (".yaml", ".yml") and rel.is_file():
            return rel
    if as_path.suffix in (".yaml", ".yml") or os.sep in ref:
        if as_path.is_file():
            return as_path
        raise ContentError([Problem(ref, 1, 1, "", "no such file")])
    folders = ([near / kind, near.parent / kind, near] if near else []) + search_dirs(kind)
    for folder in folders:
        for candidate in (folder / f"{ref}.yaml", folder / f"{ref}.yml"):
            if candidate.is_file():
                return candidate
    known = sorted({p.stem for d in search_dirs(kind) for p in _yaml_files(d)})
    hint = f"; known: {', '.join(known)}" if known else ""
    raise ContentError([Problem(ref, 1, 1, "", f"no {kind[:-1]} with this id or path{hint}")])


def list_files(kind: str) -> list[tuple[str, Path]]:
    """(origin, path) for every file of `kind`: origin is 'bundled' or 'user'."""
    out = [("bundled", p) for p in _yaml_files(bundled_dir(kind))]
    for d in user_dirs(kind):
        out += [("user", p) for p in _yaml_files(d)]
    return out


def load_persona(ref: str | Path, near: Path | None = None) -> Loaded[Persona]:
    return load_cached(Persona, find("personas", str(ref), near))


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
