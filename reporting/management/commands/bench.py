"""Measure how the reports scale: build a dataset well beyond the demo, then time the
figures and the renderings. Prints figures; never fails on time (`make bench`)."""

import io
import random
import time
import tracemalloc
from datetime import date, timedelta

import pypdf
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, reset_queries
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from consultations.deck import member_consultation_deck
from consultations.documents import deck_pdf
from consultations.models import Consultation
from federations.models import Federation
from interventions.figures import intervention_counts, participant_table
from interventions.models import Intervention, Participant
from reporting.annual import annual_report
from reporting.dashboard import dashboard
from reporting.pdf import render_pdf
from reporting.statements import statements_document


class Command(BaseCommand):
    help = "Benchmark the report figures and PDFs on a large synthetic dataset (run against a scratch database)."

    def add_arguments(self, parser):
        parser.add_argument("--participants", type=int, default=100_000, help="participants to add to Höglandet")
        parser.add_argument("--repeat", type=int, default=3)

    def handle(self, *args, participants, repeat, **options):
        self.repeat = repeat
        self.stdout.write(f"Database: {connection.vendor} {connection.settings_dict['NAME']}")
        call_command("migrate", verbosity=0)
        call_command("createcachetable")
        call_command("load_demo", stdout=io.StringIO())
        hoglandet = Federation.objects.get(slug="hoglandet")
        self.grow(hoglandet, participants)
        total = Participant.objects.count()
        self.stdout.write(f"Participants in the database: {total:,}".replace(",", " "))

        self.measure("participant table, Höglandet 2024", lambda: participant_table(hoglandet, 2024))
        se = Intervention.objects.get(name="SE-Höglandet")
        self.measure("intervention figures, SE-Höglandet 2024", lambda: intervention_counts(se, 2024, hoglandet))
        self.measure("dashboard, Höglandet 2024", lambda: dashboard(hoglandet, 2024))
        report = self.measure("annual report figures, Höglandet 2024", lambda: annual_report(hoglandet, 2024))
        self.measure(
            "annual report HTML render",
            lambda: render_to_string("reporting/annual_report_pdf.html", {"report": report}),
        )
        annual = self.measure(
            "annual report PDF render", lambda: render_pdf("reporting/annual_report_pdf.html", {"report": report})
        )
        self.stdout.write(
            f"  annual report PDF: {len(annual) / 1024:.0f} KiB, {len(pypdf.PdfReader(io.BytesIO(annual)).pages)} pages"
        )
        self.pdf_requests(hoglandet, 2024)
        document = self.measure("statements figures, Höglandet 2024", lambda: statements_document(hoglandet, 2024))
        context = {"document": document, "accounts": document.accounts, "year": 2024}

        tracemalloc.start()
        pdf = self.measure(
            "statements PDF/A render", lambda: render_pdf("reporting/statements_pdf.html", context, archival=True)
        )
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
        self.stdout.write(
            f"  statements PDF: {len(pdf) / 1024:.0f} KiB, {pages} pages, peak Python memory {peak / 2**20:.1f} MiB"
        )
        consultation = Consultation.objects.get(held_on=date(2025, 2, 28))
        deck = self.measure(
            "member-consultation deck figures, three federations", lambda: member_consultation_deck(consultation)
        )
        slides = self.measure("member-consultation deck PDF render", lambda: deck_pdf(deck))
        self.stdout.write(
            f"  deck PDF: {len(slides) / 1024:.0f} KiB, {len(pypdf.PdfReader(io.BytesIO(slides)).pages)} pages"
        )

    def pdf_requests(self, federation, year):
        """The annual report PDF as a reader gets it: a draft rendered, the same draft from
        the cache, and the adopted report as stored."""
        from django.conf import settings
        from django.contrib.auth import get_user_model
        from django.core.cache import caches
        from django.test import Client
        from django.urls import reverse

        from reporting.adoption import adopt_annual_report
        from reporting.models import AdoptedReport

        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        # The request renders its draft itself, as a worker would, so that it can be timed.
        settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
        office = get_user_model().objects.get(username="kansli")
        client = Client()
        client.force_login(office)
        url = reverse("reporting:annual-pdf", kwargs={"slug": federation.slug}) + f"?year={year}"
        caches["drafts"].clear()
        AdoptedReport.objects.filter(federation=federation, year=year).delete()

        def timed(label):
            started = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - started
            self.stdout.write(f"{label:<45} {elapsed * 1000:8.1f} ms   {len(response.content) / 1024:.0f} KiB")

        timed("annual report PDF request, draft")
        timed("annual report PDF request, cached draft")
        adopt_annual_report(federation, year, date(year + 1, 3, 20), "Dnr bench", office, despite_checks=True)
        timed("annual report PDF request, adopted")
        AdoptedReport.objects.filter(federation=federation, year=year).delete()

    def measure(self, label, function):
        timings, result = [], None
        for _ in range(self.repeat):
            reset_queries()
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                result = function()
                timings.append(time.perf_counter() - started)
        best, worst = min(timings), max(timings)
        self.stdout.write(
            f"{label:<45} best {best * 1000:8.1f} ms   worst {worst * 1000:8.1f} ms   {len(queries)} queries"
        )
        return result

    def grow(self, federation, count):
        """Add ``count`` participants to the federation's individual interventions,
        spread over 2019–2026, so that every year has many actives and endings."""
        existing = Participant.objects.filter(code__startswith="BENCH-").count()
        if existing >= count:
            return
        rng = random.Random(7)
        interventions = list(
            Intervention.objects.of_federation(federation).individual().filter(participants__isnull=False).distinct()
        )
        municipalities = [list(i.served_municipality_ids()) for i in interventions]
        started = time.perf_counter()
        batch = []
        for number in range(existing, count):
            index = number % len(interventions)
            enrolled = date(2019, 1, 1) + timedelta(days=rng.randrange(0, 2800))
            ended = enrolled + timedelta(days=rng.randrange(30, 700)) if rng.random() < 0.7 else None
            batch.append(
                Participant(
                    intervention=interventions[index],
                    code=f"BENCH-{number:07d}",
                    gender=rng.choice(["woman", "man"]),
                    birth_year=enrolled.year - rng.randint(18, 60),
                    municipality_id=rng.choice(municipalities[index]),
                    enrolled_on=enrolled,
                    ended_on=ended,
                    end_reason=rng.choice(["work", "studies", "work_rehabilitation", "illness", "other"])
                    if ended
                    else "",
                    health_start=rng.randint(20, 70),
                    health_end=rng.randint(20, 90) if ended else None,
                )
            )
            if len(batch) == 5000:
                Participant.objects.bulk_create(batch)
                batch = []
        Participant.objects.bulk_create(batch)
        self.stdout.write(
            f"Added {count - existing:,} participants in {time.perf_counter() - started:.1f} s".replace(",", " ")
        )
