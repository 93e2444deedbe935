"""What is drawn per call (a persona's facets) and what texts may say about the call.

Facets are drawn from the call's seed on their own random stream, so adding a line variant
does not change which debtor a seed gives; a scenario may pin any of them. The stream is the
persona's own (its id is part of the seed): with one stream shared by every persona, seed 1
drew the same option positions everywhere, so the library's draws moved in step and one
combination came up far more often than its weight says. The drawn values
travel as flags (`facet_flag`), which is all conditions, the explorer and transcripts need.
"""

from __future__ import annotations

import random
from collections.abc import Mapping

from simulator.core.conditions import facet_flag
from simulator.core.persona import Persona
from simulator.core.scenario import Scenario
from simulator.core.text import render


def draw_facets(persona: Persona, seed: int, pinned: Mapping[str, str] | None = None) -> dict[str, str]:
    """One value per facet, by weight; `pinned` values win (every facet is still drawn, so
    pinning one leaves the others as the seed gives them)."""
    rng = random.Random(f"facets:{persona.id}:{seed}")
    out = {}
    for name, facet in persona.facets.items():
        options = facet.options
        choice = rng.choices(options, weights=[o.weight for o in options])[0].id
        out[name] = (pinned or {}).get(name, choice)
    return out


def facet_flags(facets: Mapping[str, str]) -> frozenset[str]:
    return frozenset(facet_flag(k, v) for k, v in facets.items())


def drawn_leverage(persona: Persona, facets: Mapping[str, str], default: list[str]) -> list[str]:
    """The costs that bite in this call: those the drawn facet values name, else the
    scenario's `case.leverage`."""
    out: list[str] = []
    for name, value in facets.items():
        for o in persona.facets[name].options:
            if o.id == value:
                out += [k for k in o.leverage if k not in out]
    return out or list(default)


def amount_text(n: int, lang: str) -> str:
    if lang == "zh" and n >= 10_000 and n % 1_000 == 0:
        return f"{n / 10_000:g}万"
    return f"{n:,}"


def text_values(scenario: Scenario, persona: Persona, facets: Mapping[str, str], lang: str) -> dict[str, str]:
    """What `{amount}`, `{days_overdue}`, `{officer}`, `{debtor}`, `{facet.NAME}`... say in
    this call, in `lang`."""
    loan = scenario.case.loan
    out = {
        "amount": amount_text(loan.amount, lang),
        "overdue_amount": amount_text(loan.due, lang),
        "days_overdue": str(loan.days_overdue),
        "officer": render(scenario.call.officer, lang),
        "debtor": render(scenario.case.debtor.name or persona.name, lang),
        "lender": render(scenario.call.lender, lang),
        "currency": loan.currency,
    }
    for name, value in facets.items():
        option = next(o for o in persona.facets[name].options if o.id == value)
        out[f"facet.{name}"] = render(option.text, lang) if option.text is not None else value
    return out
