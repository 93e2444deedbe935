"""The case file as Rich markup: what the officer knows before and during the call."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape
from textual.widgets import Static

from ..i18n import t

if TYPE_CHECKING:  # the case file is first drawn from cached markup, before models load
    from simulator.core.scenario import Scenario


def case_markup(sc: Scenario, lang: str) -> str:
    from simulator.core.scenario import overdue_bucket
    from simulator.core.text import render

    c = sc.case
    loan = c.loan
    lines = [f"[b]{escape(render(sc.title, lang))}[/b]"]
    if c.debtor.name:
        lines.append(f"[b]{escape(render(c.debtor.name, lang))}[/b]")
    if c.debtor.business:
        lines.append(escape(render(c.debtor.business, lang)))
    due = loan.overdue_amount or loan.amount
    lines.append(f"{t('amount', lang)}: {due:,} {loan.currency}")
    lines.append(f"{t('overdue', lang)}: {loan.days_overdue} · {t('bucket', lang)}: "
                 f"{overdue_bucket(loan.days_overdue)}")
    if c.payment_history:
        lines.append(f"{t('payments', lang)}: {escape(render(c.payment_history, lang))}")
    if c.contacts:
        names = ", ".join(f"{render(x.name, lang)} ({render(x.relation, lang)})" for x in c.contacts)
        lines.append(f"{t('contacts', lang)}: {escape(names)}")
    lines.append(f"[b]{t('history_prior', lang)}[/b]")
    if sc.history:
        for h in sc.history:
            lines.append(f" d{h.day} {h.channel}: {t('pressure', lang)} {h.peak_pressure} · "
                         f"{escape(render(h.outcome, lang))}" + (" ✗" if h.broken_promise else ""))
    else:
        lines.append(f" {t('none_yet', lang)}")
    if c.notes:
        lines.append(f"[b]{t('notes', lang)}[/b]\n{escape(render(c.notes, lang))}")
    return "\n".join(lines)


class CaseFile(Static):
    """Shows a scenario's case file; set `show(scenario, lang)` to change it."""

    def show(self, sc: Scenario, lang: str) -> None:
        self.update(case_markup(sc, lang))
