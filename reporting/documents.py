"""The report documents rendered from a builder and a partial, on screen and as PDF."""

from dataclasses import dataclass
from datetime import date

from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from .pdf import render_pdf
from .periodic import business_plan, interim_report


def chosen_period(request):
    """The ``period`` of the query string as a date, or None."""
    try:
        return date.fromisoformat(request.GET.get("period", ""))
    except ValueError:
        return None


@dataclass(frozen=True)
class Document:
    builder: object  # (federation, year) → the report's figures
    partial: str
    title: str  # with %(year)s
    years_ahead: int = 0  # how far beyond this year the document may be made (a plan: two years)
    has_periods: bool = False  # an interim report: the period end is chosen with ?period=YYYY-MM-DD

    def build(self, federation, year, request):
        options = {"period_end": chosen_period(request)} if self.has_periods else {}
        return self.builder(federation, year, **options)

    def context(self, report):
        # Neither document is adopted in finsam yet: every PDF of one is a draft.
        return {
            "report": report,
            "partial": self.partial,
            "document_title": self.title % {"year": report.year},
            "draft": True,
        }

    def pdf(self, report):
        return render_pdf("reporting/document_pdf.html", self.context(report))

    def html(self, report):
        return render_to_string("reporting/document_pdf.html", self.context(report))


DOCUMENTS = {
    "interim": Document(
        interim_report, "reporting/_interim_report.html", _("Interim report %(year)s"), has_periods=True
    ),
    "plan": Document(business_plan, "reporting/_business_plan.html", _("Business plan %(year)s"), years_ahead=2),
}
