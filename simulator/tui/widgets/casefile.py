"""The case file: what the officer knows before and during the call."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..i18n import t
from .rows import Row, RowsPanel

if TYPE_CHECKING:  # the case file is first drawn from cached rows, before models load
    from simulator.core.identity import Identity
    from simulator.core.scenario import Scenario


def case_rows(sc: Scenario, lang: str, who: Identity | None = None,
              known: list[tuple[str, str]] | None = None) -> tuple[Row, ...]:
    """The case file's rows; `who` is the debtor as the call shows them (the picker, which
    has no call yet, shows what the scenario gives); `known`: (label, value) of the facets
    drawn for this call that the file shows."""
    from simulator.core.scenario import overdue_bucket
    from simulator.core.text import render

    def plain(text: str) -> Row:
        return ((text, ""),)

    def heading(text: str) -> Row:
        return ((text, "heading"),)

    c = sc.case
    loan = c.loan
    rows = [heading(render(sc.title, lang))]
    if who is not None:
        rows.append(heading(who.name))
        rows += [plain(x) for x in (who.business, who.phone, who.address) if x]
    else:
        if c.debtor.name:
            rows.append(heading(render(c.debtor.name, lang)))
        if c.debtor.business:
            rows.append(plain(render(c.debtor.business, lang)))
    due = loan.overdue_amount or loan.amount
    rows.append(plain(f"{t('amount', lang)}: {due:,} {loan.currency}"))
    rows.append(plain(f"{t('overdue', lang)}: {loan.days_overdue} · {t('bucket', lang)}: "
                      f"{overdue_bucket(loan.days_overdue)}"))
    if c.payment_history:
        rows.append(plain(f"{t('payments', lang)}: {render(c.payment_history, lang)}"))
    if c.contacts:
        names = ", ".join(f"{render(x.name, lang)} ({render(x.relation, lang)})" for x in c.contacts)
        rows.append(plain(f"{t('contacts', lang)}: {names}"))
    rows.append(heading(t("history_prior", lang)))
    if sc.history:
        from scoring.messages import rung, say  # here: the first frame draws without it

        for h in sc.history:
            rows.append(plain(f" d{h.day} {h.channel}: {t('pressure', lang)} {say(rung(h.peak_pressure), lang)} · "
                              f"{render(h.outcome, lang)}" + (" ✗" if h.broken_promise else "")))
    else:
        rows.append(plain(f" {t('none_yet', lang)}"))
    if c.notes:
        rows += [heading(t("notes", lang)), plain(render(c.notes, lang))]
    if known:
        rows.append(heading(t("known", lang)))
        rows += [plain(f" {label}: {value}") for label, value in known]
    return tuple(rows)


class CaseFile(RowsPanel):
    """A scenario's case file; the picker changes it with `show_scenario`."""

    ROLE_PREFIX = "case-file"
    ROLES = ("heading",)
    COMPONENT_CLASSES = {f"case-file--{role}" for role in ROLES}
    DEFAULT_CSS = """
    CaseFile > .case-file--heading { text-style: bold; }
    """

    def show_scenario(self, sc: Scenario, lang: str) -> None:
        self.show(case_rows(sc, lang))
