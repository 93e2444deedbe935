"""Starting files for trainers: a lint-clean, winnable persona or scenario with comments
that teach the schema and a Faker-generated case file (seeded by the name, so the same
name always gives the same file)."""

from __future__ import annotations

import os
import zlib
from pathlib import Path
from string import Template

from simulator.core.persona import Archetype

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


def _schema_path(kind: str, out: Path) -> str:
    from simulator.core.library import bundled_dir

    target = bundled_dir("schemas") / f"{kind}.schema.json"
    rel = Path(os.path.relpath(target, out.resolve().parent)).as_posix()
    return rel if rel.count("../") <= 2 else target.resolve().as_uri()


def new_persona(name: str, archetype: str, out: Path) -> str:
    if archetype not in {a.value for a in Archetype}:
        raise ValueError(f"unknown archetype {archetype!r}; one of {', '.join(a.value for a in Archetype)}")
    fields = _fakes(name) | {"id": name, "archetype": archetype,
                             "debtor_class": CLASS_OF[archetype],
                             "schema_path": _schema_path("persona", out)}
    return Template((TEMPLATES / "persona.yaml.tmpl").read_text(encoding="utf-8")).substitute(fields)


def new_scenario(name: str, persona_ref: str, out: Path) -> str:
    from simulator.core.library import load_persona
    from simulator.core.text import render

    persona = load_persona(persona_ref).model
    fields = _fakes(name) | {"id": name, "persona": persona_ref if "/" in persona_ref else persona.id,
                             "days": "1", "schema_path": _schema_path("scenario", out)}
    fields["name_en"] = render(persona.name, "en")
    fields["name_zh"] = render(persona.name, "zh")
    return Template((TEMPLATES / "scenario.yaml.tmpl").read_text(encoding="utf-8")).substitute(fields)
