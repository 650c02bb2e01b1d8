"""The report documents rendered from a builder and a partial, on screen and as PDF: the
interim report and the business plan. Each has texts the office writes and is adopted by
the board as the annual report is: rendered once and kept."""

import hashlib
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from federations.diary import register
from federations.models import DiaryEntry, Federation
from finsam.locking import locked

from .adoption import AlreadyAdopted, check_adoptable
from .models import AdoptedReport, BusinessPlanText, InterimReportText
from .pdf import render_pdf
from .periodic import business_plan, interim_period_end, interim_period_ends, interim_report, report_filename


def chosen_period(request):
    """The ``period`` of the query string as a date, or None."""
    try:
        return date.fromisoformat(request.GET.get("period", ""))
    except ValueError:
        return None


def drawn_period(request, federation, year):
    """The interim report's period end a PDF is drawn for, as text: the one the query string
    names — 404 unless the year's figures have it — or, with none named, the one the report
    takes. So that a draft is asked once per real period, never for a string made up."""
    asked = chosen_period(request)
    period_end = interim_period_end(interim_period_ends(federation, year), year, asked)
    if request.GET.get("period") and asked != period_end:
        raise Http404(_("The year has no interim report of that period."))
    return period_end.isoformat()


@dataclass(frozen=True)
class Document:
    kind: str  # an AdoptedReport.Kind
    builder: object  # (federation, year, **options) → the report's figures and texts
    partial: str
    title: str  # with %(year)s
    text_model: object  # the texts the office writes
    file_stem: str  # the PDF is named <federation>-<stem>-<year>.pdf
    url_names: dict  # its pages' URL names: "page", "pdf", "adopt", "texts" (reporting/urls.py)
    years_ahead: int = 0  # how far beyond this year the document may be made (a plan: two years)
    has_periods: bool = False  # an interim report: the period end is chosen with ?period=YYYY-MM-DD

    def url(self, page, federation, year, period_end=None):
        """The URL of the document's ``page`` for ``year`` (and the period ending ``period_end``)."""
        query = f"?year={year}" + (f"&period={period_end.isoformat()}" if period_end else "")
        return reverse(self.url_names[page], kwargs={"slug": federation.slug}) + query

    def build(self, federation, year, request):
        options = {"period_end": chosen_period(request)} if self.has_periods else {}
        return self.builder(federation, year, **options)

    def filename(self, federation, year):
        return report_filename(federation, self.file_stem, year)

    def adopted(self, federation, year):
        return AdoptedReport.objects.filter(federation=federation, kind=self.kind, year=year).first()

    def context(self, report, adoption=None):
        """``adoption``: the (date, registry number) the board adopted it with; else a draft."""
        return {
            "report": report,
            "partial": self.partial,
            "document_title": self.title % {"year": report.year},
            "draft": adoption is None,
            "adoption": adoption,
        }

    def pdf(self, report, adoption=None):
        return render_pdf("reporting/document_pdf.html", self.context(report, adoption))

    @transaction.atomic
    def adopt(self, federation, year, adopted_on, registry_number, user, request, despite_checks=False):
        """Freeze the document as the board adopted it. The federation's row is locked so
        that two adoptions at once make one. A document that lacks a part is not adopted;
        one whose checks fail only ``despite_checks``, which the adoption keeps."""
        list(locked(Federation.objects.filter(pk=federation.pk)).values_list("pk", flat=True))
        if self.adopted(federation, year):
            raise AlreadyAdopted
        report = self.build(federation, year, request)
        check_adoptable(report.checklist, despite_checks)
        if not registry_number:
            title = str(self.title % {"year": year})
            registry_number = register(federation, DiaryEntry.Kind.REPORT, title, adopted_on).registry_number
        adoption = (adopted_on, registry_number)
        pdf = self.pdf(report, adoption)
        return AdoptedReport.objects.create(
            federation=federation,
            kind=self.kind,
            year=year,
            adopted_on=adopted_on,
            registry_number=registry_number,
            html=render_to_string(self.partial, self.context(report, adoption)),
            pdf=pdf,
            sha256=hashlib.sha256(pdf).hexdigest(),
            adopted_by=user,
            failed_checks="\n".join(report.checklist.problems),
        )


DOCUMENTS = {
    "interim": Document(
        AdoptedReport.Kind.INTERIM,
        interim_report,
        "reporting/_interim_report.html",
        _("Interim report %(year)s"),
        InterimReportText,
        "delarsrapport",
        {
            "page": "reporting:interim",
            "pdf": "reporting:interim-pdf",
            "adopt": "reporting:interim-adopt",
            "texts": "reporting:interim-texts",
        },
        has_periods=True,
    ),
    "plan": Document(
        AdoptedReport.Kind.PLAN,
        business_plan,
        "reporting/_business_plan.html",
        _("Business plan %(year)s"),
        BusinessPlanText,
        "verksamhetsplan",
        {
            "page": "reporting:plan",
            "pdf": "reporting:plan-pdf",
            "adopt": "reporting:plan-adopt",
            "texts": "reporting:plan-texts",
        },
        years_ahead=2,
    ),
}
