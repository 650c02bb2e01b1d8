from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.template.loader import render_to_string
from django.utils import translation

from federations.models import Federation
from reporting.annual import annual_report
from reporting.documents import DOCUMENTS
from reporting.pdf import render_pdf
from reporting.statements import statements_document


class Command(BaseCommand):
    help = (
        "Render a report for scripted use. KIND: annual (the annual report), interim (the interim report per "
        "30 June), plan (the business plan) or statements (the auditors' financial statements, PDF/A)."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["annual", "interim", "plan", "statements"])
        parser.add_argument("--federation", required=True, help="the federation's slug")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", choices=["html", "pdf"], default="pdf")
        parser.add_argument("--output", type=Path, required=True)

    def handle(self, *args, kind, federation, year, format, output, **options):
        try:
            federation = Federation.objects.get(slug=federation)
        except Federation.DoesNotExist:
            raise CommandError(f"No federation with the slug {federation!r}.") from None
        with translation.override("sv"):
            if kind == "statements":
                document = statements_document(federation, year)
                if document.accounts.actual is None:
                    raise CommandError(f"{federation.name} has no actual figures for {year}.")
                template, context = (
                    "reporting/statements_pdf.html",
                    {"document": document, "accounts": document.accounts, "year": year},
                )
            elif kind == "annual":
                template, context = "reporting/annual_report_pdf.html", {"report": annual_report(federation, year)}
            else:
                document = DOCUMENTS[kind]
                template, context = "reporting/document_pdf.html", document.context(document.builder(federation, year))
            if format == "pdf":
                output.write_bytes(render_pdf(template, context, archival=kind == "statements"))
            else:
                output.write_text(render_to_string(template, context), encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"Wrote {output} ({output.stat().st_size} bytes)."))
