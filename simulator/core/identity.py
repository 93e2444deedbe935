"""Debtor identity details the scenario leaves out, generated with Faker from the seed.

The same scenario and seed always give the same name, phone and address; the locale
follows the call's language. Faker is imported only when something is missing (it is slow
to import and most bundled scenarios name their debtor).
"""

from __future__ import annotations

from dataclasses import dataclass

from .persona import Persona
from .scenario import Scenario
from .text import render

LOCALES = {"en": "en_US", "zh": "zh_CN"}


@dataclass(frozen=True)
class Identity:
    name: str
    phone: str
    address: str
    business: str


def debtor_identity(scenario: Scenario, persona: Persona, seed: int, lang: str) -> Identity:
    d = scenario.case.debtor
    given = {
        "name": render(d.name, lang) if d.name else render(persona.name, lang),
        "phone": d.phone or "",
        "address": render(d.address, lang) if d.address else "",
        "business": render(d.business, lang) if d.business else "",
    }
    if all(given.values()):
        return Identity(**given)
    from faker import Faker

    fake = Faker(LOCALES.get(lang, "en_US"))
    fake.seed_instance(f"{scenario.id}:{seed}")
    generated = {
        "name": fake.name(),
        "phone": fake.phone_number(),
        "address": fake.address().replace("\n", ", "),
        "business": fake.company(),
    }
    return Identity(**{k: v or generated[k] for k, v in given.items()})
