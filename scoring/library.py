"""Loading rubrics and compliance profiles: bundled ids or trainer paths."""

from __future__ import annotations

from pathlib import Path

from simulator.core.errors import ContentError, Problem
from simulator.core.library import Loaded, load_cached, profile_dir, rubric_dir

from .model import Profile, Rubric


def _resolve(ref: str, folder: Path, kind: str, near: Path | None) -> Path:
    p = Path(ref)
    if p.suffix in (".yaml", ".yml"):
        for candidate in ([near / p] if near and not p.is_absolute() else []) + [p]:
            if candidate.is_file():
                return candidate
        raise ContentError([Problem(ref, 1, 1, "", "no such file")])
    candidate = folder / f"{ref}.yaml"
    if candidate.is_file():
        return candidate
    known = ", ".join(sorted(x.stem for x in folder.glob("*.yaml")))
    raise ContentError([Problem(ref, 1, 1, "", f"no {kind} with this id; known: {known}")])


def load_rubric(ref: str = "default", near: Path | None = None) -> Loaded[Rubric]:
    return load_cached(Rubric, _resolve(ref, rubric_dir(), "rubric", near))


def load_profile(ref: str = "cn") -> Loaded[Profile]:
    return load_cached(Profile, _resolve(ref, profile_dir(), "compliance profile", None))
