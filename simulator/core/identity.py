"""Who the officer is calling, as the case file shows it.

The scenario's `case.debtor` names the debtor; a name or business it leaves out is made up
with Faker, seeded by the scenario and the call's seed, so the same call always shows the
same debtor, in the call's language. Phone and address are shown only when the trainer
gives them: inventing them would cost every call the Faker import (slow to load) for
details no check reads.
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
    business: str
    phone: str = ""
    address: str = ""


def debtor_identity(scenario: Scenario, persona: Persona, seed: int, lang: str) -> Identity:
    d = scenario.case.debtor
    name = render(d.name, lang) if d.name else render(persona.name, lang)
    business = render(d.business, lang) if d.business else ""
    if not (name and business):
        from faker import Faker

        fake = Faker(LOCALES.get(lang, "en_US"))
        fake.seed_instance(f"{scenario.id}:{seed}")
        name, business = name or fake.name(), business or fake.company()
    return Identity(name, business, d.phone or "", render(d.address, lang) if d.address else "")
