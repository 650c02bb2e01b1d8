"""The financial statements auditors archive: the year-end accounts of
``finances.statements`` as one document, with what identifies it."""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.text import slugify

from federations.models import FiscalYear
from finances.checks import year_end_findings
from finances.statements import YearEnd, year_end


def statements_filename(federation, year):
    return f"{slugify(federation.short_name)}-rakenskaper-{year}.pdf"


@dataclass
class StatementsDocument:
    accounts: YearEnd
    findings: list
    drawn_at: object  # when the figures were read
    adopted: bool  # the board adopted the year (or it is closed): otherwise a draft

    @property
    def federation(self):
        return self.accounts.federation

    @property
    def year(self):
        return self.accounts.year

    @property
    def filename(self):
        return statements_filename(self.federation, self.year)


def statements_document(federation, year):
    accounts = year_end(federation, year)
    adopted = FiscalYear.objects.filter(federation=federation, year=year).exclude(status=FiscalYear.Status.OPEN)
    return StatementsDocument(
        accounts=accounts,
        findings=year_end_findings(accounts),
        drawn_at=timezone.localtime(),
        adopted=adopted.exists(),
    )
