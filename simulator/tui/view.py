"""What the call screen shows, as plain data, and how it is built from a session.

Free of Textual on purpose: the opening view is built before Textual has been imported (in
a process of its own while the app's process imports Textual, `speed.opening_elsewhere`)
and read back from the first-frame cache (firstframe.py); the screens only draw it. Text is
kept as text: nothing here is markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .i18n import t

if TYPE_CHECKING:  # the view is first drawn from cached rows, before the models load
    from simulator.core.identity import Identity
    from simulator.core.scenario import Scenario
    from simulator.engine.session import Session

Row = tuple[tuple[str, str], ...]  # (text, role) pieces; role "" is the panel's own style


@dataclass(frozen=True)
class Line:
    who: str  # "debtor" | "officer"
    text: str


@dataclass(frozen=True)
class CallView:
    """All the call screen shows, as plain strings: built from a session (`call_view`), or
    read back from the first-frame cache before the engine has been imported."""

    title: str
    lang: str
    practice: bool
    lines: tuple[Line, ...]
    menu: tuple[tuple[str, str], ...]  # (reply id, text)
    status: tuple[Row, ...]  # the practice-mode panel's rows; none in assessment mode
    case: tuple[Row, ...]  # the case file's rows
    status_room: tuple[Row, ...] = ()  # the status at its tallest: room kept for it (side.py)


def call_view(s: Session) -> CallView:
    """What the call screen shows for session `s`."""
    from simulator.core.identity import debtor_identity
    from simulator.core.text import render

    who = debtor_identity(s.scenario, s.persona, s.seed, s.lang)
    lines = [Line("debtor", s.opening.line)]
    for x in s.turns:
        lines += [Line("officer", x.officer_line), Line("debtor", x.debtor_line)]
    menu, status = menu_and_status(s)
    practice = s.scenario.mode == "practice"
    return CallView(title=render(s.scenario.title, s.lang), lang=s.lang,
                    practice=practice, lines=tuple(lines), menu=tuple(menu), status=status,
                    case=case_rows(s.scenario, s.lang, who, s.known()),
                    status_room=status_room(s) if practice else ())


def status_room(s: Session) -> tuple[Row, ...]:
    from .widgets.status import tallest_status

    return tallest_status(s.live(), s.lang)


def menu_and_status(s: Session) -> tuple[list[tuple[str, str]], tuple[Row, ...]]:
    """The replies on offer, in the order shown, and the practice-mode panel's rows (none in
    assessment)."""
    from .analysis import mood_label
    from .widgets.status import status_rows

    menu = [(r.id, s.say(r)) for r in s.offered()]
    if s.scenario.mode != "practice":
        return menu, ()
    return menu, status_rows(s.live(), mood_label(s.mood(), s.lang), s.lang)


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
