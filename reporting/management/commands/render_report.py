from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.template.loader import render_to_string
from django.utils import translation

from consultations.deck import member_consultation_deck
from consultations.documents import deck_html, deck_pdf
from consultations.models import Consultation
from federations.models import Federation
from finances.models import Budget
from finances.statements import full_year
from finsam.disclosure import protecting
from reporting.models import AdoptedReport
from reporting.renderings import DRAFT_PAGES, RENDERINGS


class Command(BaseCommand):
    help = (
        "Render a report for scripted use. KIND: annual (the annual report), interim (the interim report per "
        "30 June), plan (the business plan), statements (the auditors' financial statements, PDF/A) or deck (the "
        "member-consultation deck of a county's federations: --county instead of --federation)."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["annual", "interim", "plan", "statements", "deck"])
        parser.add_argument("--federation", help="the federation's slug")
        parser.add_argument("--county", help="the county's slug (for the deck)")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", choices=["html", "pdf"], default="pdf")
        parser.add_argument("--output", type=Path, required=True)

    def handle(self, *args, kind, federation, county, year, format, output, **options):
        if kind == "deck":
            return self.render_deck(county, year, format, output)
        if not federation:
            raise CommandError("Give the federation: --federation SLUG.")
        try:
            federation = Federation.objects.get(slug=federation)
        except Federation.DoesNotExist:
            raise CommandError(f"No federation with the slug {federation!r}.") from None
        with translation.override("sv"), protecting(federation.protection_threshold):
            if kind == "statements" and full_year(federation, year, Budget.Scenario.ACTUAL) is None:
                raise CommandError(f"{federation.name} has no actual figures for {year}.")
            adopted = AdoptedReport.objects.filter(federation=federation, kind=kind, year=year).first()
            if format == "pdf":
                # As the web download has it: the very bytes adopted, else a draft marked as one.
                output.write_bytes(bytes(adopted.pdf) if adopted else RENDERINGS[kind](federation.pk, year))
            else:
                html = adopted.html if adopted else render_to_string(*DRAFT_PAGES[kind](federation.pk, year))
                output.write_text(html, encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"Wrote {output} ({output.stat().st_size} bytes)."))

    def render_deck(self, county, year, format, output):
        if not county:
            raise CommandError("Give the county: --county SLUG.")
        consultation = (
            Consultation.objects.filter(county__slug=county, year=year)
            .select_related("county")
            .order_by("-held_on")
            .first()
        )
        if consultation is None:
            raise CommandError(f"No member consultation in {county!r} shows the figures of {year}.")
        with translation.override("sv"), protecting(consultation.county.protection_threshold()):
            deck = member_consultation_deck(consultation)
            if format == "pdf":
                output.write_bytes(deck_pdf(deck))
            else:
                output.write_text(deck_html(deck), encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"Wrote {output} ({output.stat().st_size} bytes)."))
