"""Starting files for trainers: a lint-clean, winnable persona or scenario with comments
that teach the schema and a Faker-generated case file (seeded by the name, so the same
name always gives the same file)."""

from __future__ import annotations

import os
import zlib
from pathlib import Path
from string import Template

from simulator.core.persona import Archetype

from .workspace import modeline

TEMPLATES = Path(__file__).resolve().parent / "templates"
CLASS_OF = {  # a sensible default debtor class per archetype (DOMAIN §1)
    "forgetful": "A", "hostile": "C", "evasive": "C", "victim": "B", "entitled": "C",
    "stubborn": "B", "sophisticated": "C", "serial_promiser": "D", "third_party": "B",
}


def _fakes(name: str) -> dict[str, str]:
    from faker import Faker

    seed = zlib.crc32(name.encode())
    zh = Faker("zh_CN")
    zh.seed_instance(seed)
    en = Faker("en_US")
    en.seed_instance(seed)
    return {
        "name_zh": zh.name(),
        "name_en": zh.romanized_name(),
        "business_zh": zh.company(),
        "business_en": en.company(),
        "phone": zh.phone_number(),
        "amount": str(zh.random_int(2, 40) * 5000),
        "seed": str(seed % 1000 + 1),
    }


def new_persona(name: str, archetype: str, out: Path) -> str:
    if archetype not in {a.value for a in Archetype}:
        raise ValueError(f"unknown archetype {archetype!r}; one of {', '.join(a.value for a in Archetype)}")
    fields = _fakes(name) | {"id": name, "archetype": archetype,
                             "debtor_class": CLASS_OF[archetype], "modeline": modeline("persona", out)}
    return Template((TEMPLATES / "persona.yaml.tmpl").read_text(encoding="utf-8")).substitute(fields)


def persona_reference(ref: str, out: Path) -> tuple[Path, str]:
    """The persona file `ref` names (an id, or a path from the current folder) and how the
    scenario at `out` should refer to it: its id when the scenario will find that same file
    by id, else a path relative to the scenario file, as the loader resolves it."""
    from simulator.core.errors import ContentError
    from simulator.core.library import find

    here = out.parent.resolve()
    as_path = Path(ref)
    if as_path.suffix in (".yaml", ".yml") or "/" in ref or os.sep in ref:
        if not as_path.is_file():
            raise ValueError(f"no persona file {ref}")
        path = as_path.resolve()
    else:
        try:  # beside the scenario (its personas/ sibling), then where the trainer stands
            path = find("personas", ref, near=here).resolve()
        except ContentError:
            try:
                path = find("personas", ref, near=Path.cwd()).resolve()
            except ContentError as exc:
                raise ValueError(exc.problems[0].message) from None
    try:
        by_id = find("personas", path.stem, near=here).resolve()
    except ContentError:
        by_id = None
    if by_id == path:
        return path, path.stem
    return path, Path(os.path.relpath(path, here)).as_posix()


def new_scenario(name: str, persona_ref: str, out: Path) -> str:
    from simulator.core.library import load_model
    from simulator.core.persona import Persona
    from simulator.core.text import render

    path, reference = persona_reference(persona_ref, out)
    persona = load_model(Persona, path).model
    if reference == path.stem and persona.id != path.stem:
        reference = Path(os.path.relpath(path, out.parent.resolve())).as_posix()
    fields = _fakes(name) | {"id": name, "persona": reference, "days": "1",
                             "modeline": modeline("scenario", out)}
    fields["name_en"] = render(persona.name, "en")
    fields["name_zh"] = render(persona.name, "zh")
    return Template((TEMPLATES / "scenario.yaml.tmpl").read_text(encoding="utf-8")).substitute(fields)
