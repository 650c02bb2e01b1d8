"""Trial data and mistakes in a past year, put right by the office without a superuser: a
closed year whose books came by opening load is emptied and loaded again, or a closed year
is opened again — each with a reason, in the fiscal year's history. Nothing the board
adopted in finsam changes this way, nor a year that has taken corrections: those stand."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from federations.models import FiscalYear
from finances.models import BalanceItem, Budget, Correction
from finsam.locking import locked

from .models import AdoptedReport


@dataclass
class PastYear:
    """What a fiscal year holds, and which of the two remedies it allows."""

    fiscal_year: FiscalYear
    columns: int
    balance_items: int
    corrections: int
    adopted_in_finsam: bool

    @property
    def why_it_stands(self):
        """Why neither remedy applies, or ""."""
        if self.adopted_in_finsam:
            return _("The board adopted the annual report of %(year)s in finsam: the year stands as adopted.") % {
                "year": self.fiscal_year.year
            }
        if self.corrections:
            return _("The year has taken corrections after its books were final: they stand.")
        if self.fiscal_year.status == FiscalYear.Status.OPEN:
            return _("The year is open: its figures are changed where they are kept.")
        return ""

    @property
    def can_be_emptied(self):
        return not self.why_it_stands and self.fiscal_year.opening_load_at is not None

    @property
    def can_be_reopened(self):
        return not self.why_it_stands


def past_year(fiscal_year):
    federation, year = fiscal_year.federation_id, fiscal_year.year
    return PastYear(
        fiscal_year=fiscal_year,
        columns=Budget.objects.filter(federation_id=federation, year=year).count(),
        balance_items=BalanceItem.objects.filter(federation_id=federation, year=year).count(),
        corrections=Correction.objects.filter(line__budget__federation_id=federation, line__budget__year=year).count(),
        adopted_in_finsam=AdoptedReport.objects.filter(
            federation_id=federation, kind=AdoptedReport.Kind.ANNUAL, year=year
        ).exists(),
    )


def locked_past_year(fiscal_year):
    """The year read again under a lock on its row, so that two remedies at once make one."""
    return past_year(locked(FiscalYear.objects.filter(pk=fiscal_year.pk)).get())


@transaction.atomic
def empty_opening_load(fiscal_year, reason):
    """Remove the year's opening load — every column of the year, its lines and its balance
    items — so that the books can be loaded again. The year stays closed."""
    state = locked_past_year(fiscal_year)
    if not state.can_be_emptied:
        raise ValidationError(state.why_it_stands or _("The year's books did not come by an opening load."))
    federation, year = fiscal_year.federation_id, fiscal_year.year
    for budget in Budget.objects.filter(federation_id=federation, year=year):
        for line in budget.lines.all():
            line._change_reason = reason
            line.delete()
        budget._change_reason = reason
        budget.delete()
    for item in BalanceItem.objects.filter(federation_id=federation, year=year):
        item._change_reason = reason
        item.delete()
    fiscal_year = state.fiscal_year
    fiscal_year.opening_load_at = fiscal_year.opening_load_by = None
    fiscal_year._change_reason = _("Opening load removed: %(reason)s") % {"reason": reason}
    fiscal_year.save()


@transaction.atomic
def reopen(fiscal_year, reason):
    """Open a closed year again, so that its figures can be changed where they are kept."""
    state = locked_past_year(fiscal_year)
    if not state.can_be_reopened:
        raise ValidationError(state.why_it_stands)
    fiscal_year = state.fiscal_year
    fiscal_year.status = FiscalYear.Status.OPEN
    fiscal_year._change_reason = _("Reopened: %(reason)s") % {"reason": reason}
    fiscal_year.save()
