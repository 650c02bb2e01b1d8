"""Measure finsam at national scale: 69 federations, ten years, about 600 000 participants
(``demo.benchdata``), and print each path of the national-scale table for a small and
a large federation beside its target. Prints figures; never fails on time (``make bench``)."""

import csv
import gc
import io
import os
import random
import re
import statistics
import subprocess
import sys
import time
import tracemalloc
from datetime import date
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, reset_queries, transaction
from django.db.models import Q
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consultations.deck import member_consultation_deck
from consultations.models import Consultation
from demo import benchdata
from demo.speed import core_speed
from federations.imports import MAX_ROWS
from federations.imports import files as imports
from federations.models import Federation, ImportBatch, Membership, Municipality
from finsam.numbers import NBSP, group_digits
from interventions.figures import REASONS, participant_table
from interventions.importers import ParticipantImporter
from interventions.models import Funding, Intervention, Participant
from reporting.adoption import adopt_annual_report
from reporting.annual import annual_report
from reporting.models import AdoptedReport

YEAR = 2024

# Each row of the table: its label and its target (``--only`` names them by these keys).
ROWS = {
    "list": ("participant list p95, cold / warm", "≤ 150 ms"),
    "figures": ("participant figures / hand-written SQL", "≤ 3×"),
    "annual": ("annual_report() figures", "≤ 300 ms"),
    "pdf": ("draft annual report PDF request", "≤ 3 s"),
    "cached-pdf": ("cached draft / adopted PDF request", "≤ 100 ms"),
    "dashboard": ("dashboard p95 (every year), cold / warm", "≤ 150 ms"),
    "intervention": ("intervention page p95 (each), cold / warm", "≤ 150 ms"),
    "deck": ("member-consultation deck figures", "≤ 1 s for 3, ≤ 50 ms more each"),
    "import": ("participant import, called directly (new rows)", "≥ 5 000 rows/s"),
    "web-import": ("participant import, web path (half changed)", "≥ 5 000 rows/s, ≤ 300 MB RSS"),
    "excel": ("Excel files at the caps (worst accepted; a bomb)", "≤ 300 MB"),
}


class Command(BaseCommand):
    help = "Benchmark finsam on a national-scale dataset (run against a scratch PostgreSQL database)."

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=40, help="requests per path for the p95")
        parser.add_argument("--import-rows", type=int, default=5_000, help="rows in the timed direct import")
        parser.add_argument("--web-import-rows", type=int, default=MAX_ROWS, help="rows in the web path's import")
        parser.add_argument("--only", help=f"measure only these rows, comma-separated: {', '.join(ROWS)}")
        parser.add_argument("--web-import-of", help="(the bench's own) the web import of this federation alone")

    def handle(self, *args, requests, import_rows, web_import_rows, only, web_import_of, **options):
        if connection.vendor != "postgresql":
            raise CommandError("The bench runs on PostgreSQL: set DATABASE_URL to a scratch database.")
        if "immediate" not in settings.TASKS["default"]["BACKEND"]:
            raise CommandError(
                "Run the bench with TASKS_BACKEND=immediate, so that a draft PDF is timed in its request."
            )
        chosen = only.split(",") if only else list(ROWS)
        if unknown := set(chosen) - set(ROWS):
            raise CommandError(f"No such rows: {', '.join(sorted(unknown))}; choose among {', '.join(ROWS)}.")
        self.requests, self.import_rows, self.web_import_rows = requests, import_rows, web_import_rows
        if web_import_of:
            self.client = Client()
            self.client.force_login(get_user_model().objects.get(username="kansli"))
            self.stdout.write(self.web_import_rate(Federation.objects.get(slug=web_import_of), web_import_rows))
            return
        self.stdout.write(f"Database: {connection.settings_dict['NAME']}")
        call_command("migrate", verbosity=0)
        call_command("createcachetable")
        call_command("load_demo", stdout=io.StringIO())
        started = time.perf_counter()
        built = benchdata.build(self.stdout)
        if built.created:
            self.stdout.write(f"Built the national dataset in {time.perf_counter() - started:.0f} s")
        self.stdout.write(
            f"{number(built.participants)} participants in {Funding.objects.values('federation').distinct().count()}"
            " federations funding interventions\n"
        )
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        self.client = Client()
        self.client.force_login(get_user_model().objects.get(username="kansli"))
        # As a web node keeps what it loaded at start out of the collector's passes (finsam.wsgi).
        gc.collect()
        gc.freeze()
        self.header()
        for key in chosen:
            label, target = ROWS[key]
            self.row(label, *getattr(self, f"measure_{key.replace('-', '_')}")(built.small, built.large), target)
        self.stdout.write("\n`make load` measures requests per second under 20 users (target ≥ 50 req/s).")

    # --- the rows ------------------------------------------------------------------------

    def measure_list(self, small, large):
        return [
            self.p95(self.list_urls(f), saving=f, warm_up=self.list_urls(o)[0]) for f, o in self.pairs(small, large)
        ]

    def measure_figures(self, small, large):
        return [self.figures_ratio(f) for f in (small, large)]

    def measure_annual(self, small, large):
        return [self.timed(lambda f=f: annual_report(f, YEAR)) for f in (small, large)]

    def measure_pdf(self, small, large):
        self.pdfs = [self.pdf_requests(f, warm_up=o) for f, o in self.pairs(small, large)]
        # A worker renders the drafts, not the web node that serves the pages measured next:
        # the collector's reckoning after a task (finsam.tasks) is not a web node's, and its
        # next full pass came on a page (290 ms).
        gc.collect()
        return [draft for draft, _cached in self.pdfs]

    def measure_cached_pdf(self, small, large):
        if not hasattr(self, "pdfs"):  # measured with the drafts
            self.measure_pdf(small, large)
        return [cached for _draft, cached in self.pdfs]

    def measure_dashboard(self, small, large):
        return [
            self.p95(self.dashboard_urls(f), saving=f, warm_up=another_year(self.dashboard_urls(o)[-1]))
            for f, o in self.pairs(small, large)
        ]

    def measure_intervention(self, small, large):
        return [
            self.p95(self.intervention_urls(f), saving=f, warm_up=another_year(self.intervention_urls(o)[0]))
            for f, o in self.pairs(small, large)
        ]

    @staticmethod
    def pairs(small, large):
        """Each federation measured, with the other, whose page of the same kind warms the
        process up first (see ``p95``)."""
        return [(small, large), (large, small)]

    def measure_deck(self, small, large):
        """The deck's figures for a consultation of 1, 3, 12 and 24 federations (the small and
        the large first, then others), and what each federation beyond three adds."""
        others = list(
            Federation.objects.exclude(pk__in=[small.pk, large.pk]).filter(slug__startswith="bench-").order_by("slug")
        )
        federations = [small, large, *others]
        timings = {}
        with transaction.atomic():
            consultation = Consultation.objects.create(county=small.county, held_on=date(YEAR + 1, 4, 1), year=YEAR)
            for count in (1, 3, 12, 24):
                consultation.federations.set(federations[:count])
                timings[count] = median_time(lambda: member_consultation_deck(consultation), repeat=3)
            transaction.set_rollback(True)
        each = (timings[24] - timings[3]) / 21
        shown = " / ".join(f"{timings[count] * 1000:.0f}" for count in timings)
        return [f"{shown} ms for 1 / 3 / 12 / 24", f"+{each * 1000:.0f} ms a federation beyond 3"]

    def measure_import(self, small, large):
        return [self.import_rate(f, self.import_rows) for f in (small, large)]

    def measure_web_import(self, small, large):
        """Each federation's in a process of its own, as a worker and a web node would take it:
        its memory is then the import's, not that of the bench's other rows before it."""
        command = [sys.executable, "manage.py", "bench", f"--web-import-rows={self.web_import_rows}"]
        return [
            subprocess.run(
                [*command, f"--web-import-of={f.slug}"], capture_output=True, text=True, check=True
            ).stdout.strip()
            for f in (small, large)
        ]

    def measure_excel(self, small, large):
        return self.excel_at_the_caps()

    # --- printing ------------------------------------------------------------------------

    def header(self):
        load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
        self.stdout.write(f"Load average (1, 5, 15 min) before measuring: {load}; timings are medians.")
        self.stdout.write(
            f"A core's speed: 5 M additions in plain Python took {core_speed() * 1000:.0f} ms"
            " (runs on different machines compare by it).\n"
        )
        self.stdout.write(f"{'path':<52} {'small (8 k own)':<26} {'large (73 k own)':<26} target")
        self.stdout.write("-" * 130)

    def row(self, label, small, large, target):
        self.stdout.write(f"{label:<52} {small:<26} {large:<26} {target}")

    # --- measuring -----------------------------------------------------------------------

    def timed(self, function, repeat=5):
        """The median of ``repeat`` runs, and the queries of one."""
        timings = []
        for _ in range(repeat):
            reset_queries()
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                function()
                timings.append(time.perf_counter() - started)
        return f"{statistics.median(timings) * 1000:.0f} ms, {len(queries)} q"

    def p95(self, urls, saving=None, warm_up=None):
        """Each distinct page asked once as a user first meets it (cold: its charts not yet
        drawn, its rows not in the database's cache), then again (warm): the p95 of each,
        apart, and the most queries a page asked. With ``saving`` (a federation), a colleague
        ends one of its participants through the browser's form after every fourth page, as
        an office does between reading pages; the saves are undone after.

        ``warm_up``, a page of the same kind of another federation or year, is asked first
        and not timed: a server's process has served pages of a kind before, its templates
        compiled and its modules loaded, and with the five pages of an intervention (the p95
        of a few is their slowest) the process's own first page was the figure otherwise."""
        cold, warm, queries = [], [], 0
        if warm_up:
            self.timed_get(warm_up, [])
        with transaction.atomic():
            for timings in (cold, warm):
                for n, url in enumerate(urls):
                    if saving is not None and n % 4 == 3:
                        self.end_a_participation(saving, random.Random(f"{len(timings)}-{n}"))
                    queries = max(queries, self.timed_get(url, timings))
            transaction.set_rollback(True)
        return f"{percentile95(cold) * 1000:.0f} / {percentile95(warm) * 1000:.0f} ms, ≤{queries} q"

    def timed_get(self, url, timings):
        """Ask for ``url``, adding its time to ``timings``; returns its number of queries."""
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = self.client.get(url)
            timings.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise CommandError(f"{url} answered {response.status_code}")
        return len(captured)

    def end_a_participation(self, federation, rng):
        """End a participant of ``federation`` who is still enrolled, as the office does with
        the "end participation" form: its page, then the form posted with its version."""
        active = Participant.objects.of_federation(federation).filter(
            Q(intervention__ended_on__isnull=True) | Q(intervention__ended_on__gt=date(YEAR, 12, 31)),
            ended_on__isnull=True,
            enrolled_on__year=YEAR,
        )
        pk = active.order_by("pk").values_list("pk", flat=True)[rng.randrange(active.count())]
        url = reverse("interventions:participant-end", kwargs={"slug": federation.slug, "pk": pk})
        form = self.client.get(url).content.decode()
        hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
        data = {**hidden, "ended_on": f"{YEAR}-12-31", "end_reason": "work"}
        response = self.client.post(url, data)
        if response.status_code != 302:
            raise CommandError(f"Ending participant {pk} was refused ({response.status_code}).")

    def url(self, name, federation, **kwargs):
        return reverse(name, kwargs={"slug": federation.slug, **kwargs}) + f"?year={YEAR}"

    def list_urls(self, federation):
        """``self.requests`` distinct pages of the participant list: random pages, each sorted
        on one of its columns (joined ones too), some filtered."""
        base = reverse("interventions:participant-list", kwargs={"slug": federation.slug})
        pages = max(1, Participant.objects.of_federation(federation).count() // 50)
        rng = random.Random(federation.pk)
        sorts = ["code", "-enrolled_on", "intervention", "-municipality", "ended_on", "gender"]
        urls = {base, f"{base}?code=0012", f"{base}?year={YEAR}&status=ended"}
        while len(urls) < self.requests:
            urls.add(f"{base}?page={rng.randint(1, pages)}&sort={rng.choice(sorts)}")
        return sorted(urls)

    def dashboard_urls(self, federation):
        return [
            reverse("reporting:dashboard", kwargs={"slug": federation.slug}) + f"?year={year}"
            for year in range(YEAR - 9, YEAR + 1)
        ]

    def intervention_urls(self, federation):
        interventions = Intervention.objects.of_federation(federation).individual().running_in(YEAR)
        return [
            self.url("interventions:detail", federation, pk=pk) for pk in interventions.values_list("pk", flat=True)
        ]

    def figures_ratio(self, federation):
        """``participant_table`` beside one hand-written aggregate query of the same figures:
        the floor the ORM's query should come close to."""
        app = median_time(lambda: participant_table(federation, YEAR))
        floor = median_time(lambda: hand_written_table(federation, YEAR))
        return f"{app * 1000:.0f} / {floor * 1000:.1f} ms = {app / floor:.1f}×"

    def pdf_requests(self, federation, warm_up):
        """The annual report PDF as a reader gets it: a draft rendered, the same draft from
        the cache, and the adopted report as stored. The worker has rendered a draft before
        (``warm_up``'s, another federation's of another year; not timed), as ``p95``'s pages:
        its first draft alone loads the fonts and the PDF library's own style sheets, 0.5 s."""
        url = reverse("reporting:annual-pdf", kwargs={"slug": federation.slug}) + f"?year={YEAR}"
        self.client.get(another_year(reverse("reporting:annual-pdf", kwargs={"slug": warm_up.slug}) + f"?year={YEAR}"))
        caches["drafts"].clear()
        AdoptedReport.objects.filter(federation=federation, year=YEAR).delete()

        def get():
            started = time.perf_counter()
            response = self.client.get(url)
            if response.status_code != 200:
                raise CommandError(f"{url} answered {response.status_code}")
            return time.perf_counter() - started

        draft, cached = get(), get()
        office = get_user_model().objects.get(username="kansli")
        adopt_annual_report(federation, YEAR, date(YEAR + 1, 3, 20), "Dnr bench", office, despite_checks=True)
        adopted = get()
        AdoptedReport.objects.filter(federation=federation, year=YEAR).delete()
        return f"{draft:.1f} s", f"{cached * 1000:.0f} / {adopted * 1000:.0f} ms"

    def import_rate(self, federation, rows):
        """A file of ``rows`` new participants checked and saved, then rolled back: rows per
        second and queries per row; then the largest file an import takes (``MAX_ROWS``)
        under tracemalloc for the peak of Python's memory (which slows it down, so it is
        not timed)."""
        content = import_file(federation, rows)
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            elapsed = median_time(lambda: self.import_once(federation, content), repeat=1)
        largest = import_file(federation, MAX_ROWS)
        tracemalloc.start()
        self.import_once(federation, largest)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        memory = f"{peak / 2**20:.0f} MiB / {MAX_ROWS // 1000} k"
        return f"{rows / elapsed:.0f} rows/s, {len(queries) / rows:.3f} q/row, {memory}"

    def web_import_rate(self, federation, rows):
        """A file of ``rows`` rows, half of them the federation's participants with their
        health and support at start changed, half new ones with supports, taken as the office
        takes it: uploaded, checked by the task, confirmed and saved by the task (run at once,
        TASKS_BACKEND=immediate), then rolled back. Rows per second over the two requests, and
        the process's peak resident memory over them (its high-water mark reset first; the
        memory it held before, the file's made, in brackets)."""
        content = changed_import_file(federation, rows)
        upload = reverse("interventions:participant-import", kwargs={"slug": federation.slug})
        before = reset_peak_memory()
        with transaction.atomic():
            started = time.perf_counter()
            response = self.client.post(upload, {"file": SimpleUploadedFile("bench.csv", content)})
            checked = time.perf_counter() - started
            batch = ImportBatch.objects.get(pk=int(response.url.rstrip("/").rsplit("/", 1)[1]))
            if batch.problem_count:
                raise CommandError(f"The bench's web import has problems: {batch.problems[:3]}")
            started = time.perf_counter()
            self.client.post(response.url)
            saved = time.perf_counter() - started
            batch.refresh_from_db()
            if batch.status != ImportBatch.Status.SAVED:
                raise CommandError(f"The bench's web import was not saved: {batch.status}")
            changed = batch.updated
            transaction.set_rollback(True)
        return (
            f"{rows / (checked + saved):.0f} rows/s ({changed // 1000} k changed; check {checked:.1f} s,"
            f" save {saved:.1f} s), {memory() / 2**20:.0f} MiB ({before / 2**20:.0f} before)"
        )

    def excel_at_the_caps(self):
        """The peak of Python's memory reading the costliest Excel file an import accepts
        (shared strings of one letter each, just under their cap), and what refusing a
        bomb (a small file inflating past the total cap) costs."""
        worst = benchdata.excel_file_inflating_to(imports.MAX_XLSX_PART_IN_MEMORY - 4096, text_length=1)
        tracemalloc.start()
        imports.read_cells(worst, "worst.xlsx")
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        bomb = benchdata.excel_file_inflating_to(imports.MAX_XLSX_INFLATED + 2**20)
        tracemalloc.start()
        refusal = median_time(lambda: self.refused(bomb), repeat=1)
        _current, bomb_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return (
            f"{peak / 2**20:.0f} MiB ({len(worst) // 1024} kB file)",
            f"{bomb_peak / 2**20:.1f} MiB, {refusal * 1000:.0f} ms ({len(bomb) // 1024} kB)",
        )

    def refused(self, content):
        try:
            imports.read_cells(content, "bomb.xlsx")
        except imports.ImportFileError:
            return
        raise CommandError("The bench's Excel bomb was read instead of refused.")

    def import_once(self, federation, content):
        with transaction.atomic():
            result = ParticipantImporter(federation).run(content, "bench.csv", save=True)
            transaction.set_rollback(True)
        if not result.saved:
            raise CommandError(f"The bench import was refused: {result.problems[:3]}")


def median_time(function, repeat=5):
    """The median time of ``repeat`` runs, in seconds."""
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def another_year(url):
    """``url`` of a year the bench does not measure."""
    return url.replace(f"year={YEAR}", f"year={YEAR - 10}")


def percentile95(timings):
    # The inclusive percentile (numpy's and a spreadsheet's PERCENTILE.INC).
    return statistics.quantiles(timings, n=20, method="inclusive")[-1] if len(timings) > 1 else timings[0]


def number(value):
    return group_digits(value).replace(NBSP, " ")  # a terminal's plain space


def hand_written_table(federation, year):
    """The participant table's counts per intervention (the same figures, the follow-up at 12
    months too) in one plain SQL aggregate over the federation's residents active in the year,
    but those registered by mistake."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    ended = "p.ended_on BETWEEN %(start)s AND %(end)s"
    enrolled = "p.enrolled_on BETWEEN %(start)s AND %(end)s"
    work = "p.end_reason IN ('work', 'studies')"
    able = "p.able_to_work_at_end"
    health = "(p.health_end > p.health_start OR p.quality_of_life_end > p.quality_of_life_start)"
    followed = (
        "((p.health_start IS NOT NULL AND p.health_end IS NOT NULL)"
        " OR (p.quality_of_life_start IS NOT NULL AND p.quality_of_life_end IS NOT NULL))"
    )
    columns = [
        "COUNT(*)",
        f"COUNT(*) FILTER (WHERE {enrolled})",
        f"COUNT(*) FILTER (WHERE {ended})",
        f"COUNT(*) FILTER (WHERE {ended} AND {work})",
        "COUNT(*) FILTER (WHERE p.had_work_placement)",
        f"COUNT(*) FILTER (WHERE {ended} AND {able})",
        f"COUNT(*) FILTER (WHERE {ended} AND p.completed_course)",
        f"COUNT(*) FILTER (WHERE {ended} AND {able} AND {work})",
        f"COUNT(*) FILTER (WHERE {ended} AND {followed})",
        f"COUNT(*) FILTER (WHERE {ended} AND {health})",
        f"COUNT(*) FILTER (WHERE {ended} AND p.follow_up_12_months <> '')",
        f"COUNT(*) FILTER (WHERE {ended} AND p.follow_up_12_months IN ('work', 'studies'))",
    ]
    columns += [f"COUNT(*) FILTER (WHERE {ended} AND p.end_reason = '{reason}')" for reason in REASONS]
    for gender in ("woman", "man"):
        columns += [
            f"COUNT(*) FILTER (WHERE p.gender = '{gender}')",
            f"COUNT(*) FILTER (WHERE {enrolled} AND p.gender = '{gender}')",
            f"COUNT(*) FILTER (WHERE {ended} AND p.gender = '{gender}')",
            f"COUNT(*) FILTER (WHERE {ended} AND {work} AND p.gender = '{gender}')",
        ]
        columns += [
            f"COUNT(*) FILTER (WHERE {ended} AND p.end_reason = '{reason}' AND p.gender = '{gender}')"
            for reason in REASONS
        ]
    sql = f"""
        SELECT p.intervention_id, {", ".join(columns)}
        FROM {Participant._meta.db_table} p
        WHERE p.intervention_id IN (SELECT intervention_id FROM {Funding._meta.db_table} WHERE federation_id = %(f)s)
          AND p.municipality_id IN (
              SELECT o.municipality_id FROM {Membership._meta.db_table} m
              JOIN federations_memberorganisation o ON o.id = m.organisation_id
              WHERE m.federation_id = %(f)s AND m.starts_on <= %(end)s AND (m.ends_on IS NULL OR m.ends_on >= %(start)s))
          AND p.enrolled_on <= %(end)s AND COALESCE(p.ended_on, '9999-12-31') >= %(start)s
          AND p.end_reason <> 'misregistration'
        GROUP BY p.intervention_id"""
    with connection.cursor() as cursor:
        cursor.execute(sql, {"f": federation.pk, "start": start, "end": end})
        return cursor.fetchall()


def reset_peak_memory():
    """Start the process's peak resident memory (``VmHWM``) again from what it holds now,
    and return that."""
    Path("/proc/self/clear_refs").write_text("5")
    return memory("VmRSS")


def memory(kind="VmHWM"):
    """The process's resident memory now (``VmRSS``) or at its peak since
    :func:`reset_peak_memory` (``VmHWM``), in bytes."""
    status = Path("/proc/self/status").read_text()
    return int(re.search(rf"{kind}:\s+(\d+) kB", status).group(1)) * 1024


def changed_import_file(federation, rows):
    """A CSV of ``rows`` rows with supports: the federation's participants enrolled in the
    year (at most half the file) with their health and support at start changed, the rest new."""
    header = ["insats", "kod", "kön", "födelseår", "kommun", "inskriven", "hälsa start", "försörjning vid start"]
    kinds = ["sjukpenning", "aktivitetsstöd", "försörjningsstöd", "a-kassa"]
    output = io.StringIO()
    writer = csv.writer(output, delimiter=";")
    writer.writerow(header)
    existing = (
        Participant.objects.of_federation(federation)
        .filter(enrolled_on__year=YEAR)
        .values_list("intervention__name", "code", "gender", "birth_year", "municipality__name", "enrolled_on")
        .order_by("pk")[: rows // 2]
    )
    written = 0
    for n, (intervention, code, gender, born, municipality, enrolled) in enumerate(existing):
        gender = "kvinna" if gender == "woman" else "man"
        writer.writerow([intervention, code, gender, born, municipality, enrolled, 10 + n % 80, kinds[n % 4]])
        written += 1
    new = list(csv.reader(io.StringIO(import_file(federation, rows - written).decode()), delimiter=";"))[1:]
    for n, row in enumerate(new):
        writer.writerow([*row[:6], 20 + n % 60, f"{kinds[n % 4]};{kinds[(n + 1) % 4]}"])
    return output.getvalue().encode()


def import_file(federation, rows):
    """A CSV of ``rows`` new participants of the federation's own municipalities, half of
    them ended with a reason, as an office would import them."""
    places = []
    members = {m.pk: m.name for m in Municipality.objects.of_members(federation)}
    for intervention in Intervention.objects.of_federation(federation).individual().running_in(YEAR):
        served = [members[pk] for pk in sorted(intervention.served_municipality_ids()) if pk in members]
        if served:
            places.append((intervention, served))
    output = io.StringIO()
    writer = csv.writer(output, delimiter=";")
    writer.writerow(["insats", "kod", "kön", "födelseår", "kommun", "inskriven", "avslutad", "avslutsorsak"])
    for n in range(rows):
        intervention, served = places[n % len(places)]
        age = max(intervention.age_min, min(intervention.age_max, 20 + n % 40))
        ended = n % 2 == 0
        writer.writerow(
            [
                intervention.name,
                f"IMP-{n:07d}",
                "kvinna" if n % 3 else "man",
                YEAR - age,
                served[n % len(served)],
                f"{YEAR}-02-01",
                f"{YEAR}-10-01" if ended else "",
                "arbete" if ended else "",
            ]
        )
    return output.getvalue().encode()
