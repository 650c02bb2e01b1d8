"""Adopting a report freezes it: the page and the PDF are rendered once and kept."""

import hashlib

from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from federations.diary import register
from federations.models import DiaryEntry, FiscalYear
from finances.models import Budget
from finsam.locking import locked

from .annual import annual_report
from .models import AdoptedReport, AnnualReportText
from .pdf import pdf_of_html


class AlreadyAdopted(Exception):
    pass


class Incomplete(Exception):
    """The report lacks what a board adopts (its checklist's ``missing``): no box adopts it anyway."""

    def __init__(self, missing):
        super().__init__(missing)
        self.missing = missing


class ChecksDoNotPass(Exception):
    """The report's checks fail and the adoption did not say the board adopts it anyway."""

    def __init__(self, problems):
        super().__init__(problems)
        self.problems = problems


def check_adoptable(checklist, despite_checks):
    """Raise unless a board may adopt the document of ``checklist`` (reporting.checklists)."""
    if checklist.missing:
        raise Incomplete(checklist.missing)
    if checklist.problems and not despite_checks:
        raise ChecksDoNotPass(checklist.problems)


@transaction.atomic
def adopt_annual_report(federation, year, adopted_on, registry_number, user, despite_checks=False):
    """Freeze the report and close the year's figures to change, in one transaction. The
    year's budget columns are locked first, as the budget grid locks them when it saves:
    a save under way finishes before, and one that follows sees the year adopted.

    A year whose report lacks its books, balance sheet or goals' assessments is not adopted.
    A year whose checks fail is adopted only ``despite_checks``, and the report keeps the
    checks that failed beside who adopted it and when."""
    list(locked(Budget.objects.filter(federation=federation, year=year)).values_list("pk", flat=True))
    fiscal_year, _created = FiscalYear.objects.select_for_update().get_or_create(federation=federation, year=year)
    if AdoptedReport.objects.filter(federation=federation, kind=AdoptedReport.Kind.ANNUAL, year=year).exists():
        raise AlreadyAdopted
    report = annual_report(federation, year)
    check_adoptable(report.checklist, despite_checks)
    if fiscal_year.status == FiscalYear.Status.OPEN:
        fiscal_year.status, fiscal_year.adopted_on = FiscalYear.Status.ADOPTED, adopted_on
        fiscal_year.save()
    if not registry_number:
        title = _("Annual report %(year)s") % {"year": year}
        registry_number = register(federation, DiaryEntry.Kind.REPORT, title, adopted_on).registry_number
    text, _created = AnnualReportText.objects.get_or_create(federation=federation, year=year)
    text.adopted_on, text.registry_number = adopted_on, registry_number
    text.save()
    report.texts = text
    pdf_html = render_to_string("reporting/annual_report_pdf.html", {"report": report, "draft": False})
    pdf = pdf_of_html(pdf_html)
    return AdoptedReport.objects.create(
        federation=federation,
        kind=AdoptedReport.Kind.ANNUAL,
        year=year,
        adopted_on=adopted_on,
        registry_number=registry_number,
        html=render_to_string("reporting/_annual_report.html", {"report": report}),
        pdf=pdf,
        pdf_html=pdf_html,
        sha256=hashlib.sha256(pdf).hexdigest(),
        adopted_by=user,
        failed_checks="\n".join(report.checklist.problems),
    )
