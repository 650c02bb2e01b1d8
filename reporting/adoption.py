"""Adopting a report freezes it: the page and the PDF are rendered once and kept."""

import hashlib

from django.db import transaction
from django.template.loader import render_to_string

from .annual import annual_report
from .models import AdoptedReport, AnnualReportText
from .pdf import render_pdf


@transaction.atomic
def adopt_annual_report(federation, year, adopted_on, registry_number, user):
    text, _ = AnnualReportText.objects.get_or_create(federation=federation, year=year)
    text.adopted_on, text.registry_number = adopted_on, registry_number
    text.save()
    report = annual_report(federation, year)
    pdf = render_pdf("reporting/annual_report_pdf.html", {"report": report})
    return AdoptedReport.objects.create(
        federation=federation,
        kind=AdoptedReport.Kind.ANNUAL,
        year=year,
        adopted_on=adopted_on,
        registry_number=registry_number,
        html=render_to_string("reporting/_annual_report.html", {"report": report}),
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
        adopted_by=user,
    )
