"""Every recorded change to the figures behind a year's statements, for the auditors."""

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _

from finances.models import BalanceItem, BudgetLine, Correction

LIMIT = 300  # per kind of record; an auditor reads the newest first


@dataclass
class FigureChange:
    when: datetime
    who: str
    action: str
    record: str
    amount: object
    reason: str


def figure_changes(federation, year):
    changes = []
    for record in (
        BudgetLine.history.filter(budget__federation=federation, budget__year=year)
        .select_related("history_user", "budget", "organisation", "intervention")
        .order_by("-history_date")[:LIMIT]
    ):
        name = record.label or getattr(record.organisation, "name", "") or getattr(record.intervention, "name", "")
        changes.append(
            change(record, f"{record.budget.label}: {record.get_kind_display()} {name}".strip(), record.amount)
        )
    for record in (
        BalanceItem.history.filter(federation=federation, year=year)
        .select_related("history_user")
        .order_by("-history_date")[:LIMIT]
    ):
        changes.append(change(record, f"{record.get_kind_display()} {record.label}".strip(), record.amount))
    for record in (
        Correction.history.filter(line__budget__federation=federation, line__budget__year=year)
        .select_related("history_user")
        .order_by("-history_date")[:LIMIT]
    ):
        changes.append(change(record, _("Correction"), record.change, record.reason))
    return sorted(changes, key=lambda c: c.when, reverse=True)


def change(record, description, amount, reason=None):
    return FigureChange(
        when=record.history_date,
        who=record.history_user.username if record.history_user else _("system"),
        action=record.get_history_type_display(),
        record=description,
        amount=amount,
        reason=reason if reason is not None else (record.history_change_reason or ""),
    )
