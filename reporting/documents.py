"""The report documents rendered from a builder and a partial, on screen and as PDF."""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from .pdf import render_pdf
from .periodic import business_plan, interim_report


@dataclass(frozen=True)
class Document:
    builder: object  # (federation, year) → the report's figures
    partial: str
    title: str  # with %(year)s
    years_ahead: int = 0  # how far beyond this year the document may be made (a plan: two years)

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
    "interim": Document(interim_report, "reporting/_interim_report.html", _("Interim report %(year)s")),
    "plan": Document(business_plan, "reporting/_business_plan.html", _("Business plan %(year)s"), years_ahead=2),
}
