"""Two colleagues at once: simultaneous confirmations, saves and adoptions are taken one
after the other, so that no row is doubled and no change is lost. These tests run real
concurrent requests, each on its own database connection, so they need PostgreSQL (SQLite
takes one writer at a time by itself)."""

import threading
import time
from datetime import date

import pytest
from django.db import IntegrityError, connection, connections
from django.test import Client
from django.urls import reverse

from federations.models import FiscalYear, ImportBatch, Population
from finances.models import Budget, BudgetLine
from finsam.locking import version_of
from interventions.models import Participant

from ..conftest import record_books
from ..finances.test_views import grid_data, grid_url, office_row

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL's row locks"
)


def at_once(count, request):
    """Run ``request(i)`` in ``count`` threads released together; their answers in order."""
    barrier = threading.Barrier(count)
    answers = [None] * count

    def worker(i):
        try:
            barrier.wait()
            answers[i] = request(i)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def participant_rows(n):
    header = "insats;kod;kön;födelseår;kommun;inskriven\n"
    return (header + "".join(f"Enter;E-{i:03d};kvinna;1990;Habo;2024-02-01\n" for i in range(n))).encode()


# --- 4. An import is confirmed once ------------------------------------------------------


@postgresql_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # leaves the seeded rows for the tests after
def test_three_simultaneous_confirmations_save_an_import_once(office, federation, intervention, habo):
    from django.core.files.uploadedfile import SimpleUploadedFile

    slug = federation.slug
    upload = SimpleUploadedFile("deltagare.csv", participant_rows(30), content_type="text/csv")
    logged_in(office).post(reverse("interventions:participant-import", kwargs={"slug": slug}), {"file": upload})
    batch = ImportBatch.objects.get()
    url = reverse("interventions:participant-import-preview", kwargs={"slug": slug, "pk": batch.pk})
    clients = [logged_in(office) for _ in range(3)]
    answers = at_once(3, lambda i: clients[i].post(url).status_code)
    assert answers == [302, 302, 302]
    assert Participant.objects.count() == 30
    batch.refresh_from_db()
    assert (batch.status, batch.created) == (ImportBatch.Status.SAVED, 30)


def test_the_database_refuses_a_second_participant_with_the_same_identity(intervention, habo):
    values = {"gender": "woman", "birth_year": 1990, "municipality": habo, "enrolled_on": date(2024, 2, 1)}
    Participant.objects.create(intervention=intervention, code="E-1", **values)
    with pytest.raises(IntegrityError):
        Participant.objects.bulk_create([Participant(intervention=intervention, code="E-1", **values)])


# --- 5. Optimistic locking cannot be bypassed and does not race ---------------------------


def participant_post(participant, **changes):
    return {
        "intervention": participant.intervention_id,
        "code": participant.code,
        "gender": participant.gender,
        "birth_year": participant.birth_year,
        "municipality": participant.municipality_id,
        "enrolled_on": participant.enrolled_on.isoformat(),
        "able_to_work_at_end": "unknown",
    } | changes


def test_a_save_without_the_version_is_refused(client, office, federation, participant):
    client.force_login(office)
    url = reverse("interventions:participant-edit", kwargs={"slug": federation.slug, "pk": participant.pk})
    response = client.post(url, participant_post(participant, birth_year=1970))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors().as_data()[0].code == "version_missing"
    participant.refresh_from_db()
    assert participant.birth_year == 1990
    # The refused form now carries the version: saving again, having seen it, works.
    again = response.context["form"]["version"].value()
    assert client.post(url, participant_post(participant, birth_year=1970, version=again)).status_code == 302


@postgresql_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # leaves the seeded rows for the tests after
def test_two_simultaneous_saves_of_one_version_let_exactly_one_through(office, federation, participant, monkeypatch):
    url = reverse("interventions:participant-edit", kwargs={"slug": federation.slug, "pk": participant.pk})
    version = version_of(participant)
    save = Participant.save

    def slow_save(self, *args, **kwargs):
        time.sleep(0.5)  # widen the window between the check and the write
        return save(self, *args, **kwargs)

    monkeypatch.setattr(Participant, "save", slow_save)
    clients = [logged_in(office) for _ in range(2)]
    years = [1971, 1972]
    answers = at_once(
        2, lambda i: clients[i].post(url, participant_post(participant, birth_year=years[i], version=version))
    )
    assert sorted(answer.status_code for answer in answers) == [200, 302]
    winner = years[[answer.status_code for answer in answers].index(302)]
    participant.refresh_from_db()
    assert participant.birth_year == winner
    assert participant.history.count() == 2  # created, and the one save


# --- 7. Adoption closes the year ---------------------------------------------------------


@pytest.fixture
def plan(federation, members, municipality):
    Population.objects.create(municipality=municipality, year=2025, inhabitants=12800)
    columns = [
        Budget.objects.create(federation=federation, year=year, scenario="budget", period_end=date(year, 12, 31))
        for year in (2026, 2027)
    ]
    for column in columns:
        BudgetLine.objects.create(budget=column, kind="office", amount=400000)
    return columns


def adopt(client, federation, year=2026):
    """The board adopts the year, on its books (whatever their checks say)."""
    record_books(federation, year)
    url = reverse("reporting:annual-adopt", kwargs={"slug": federation.slug}) + f"?year={year}"
    data = {"adopted_on": f"{year + 1}-03-20", "registry_number": "Dnr 2027:02 / 3", "despite_checks": "on"}
    return client.post(url, data)


def test_adopting_the_annual_report_adopts_the_fiscal_year(client, office, federation, plan):
    client.force_login(office)
    assert adopt(client, federation).status_code == 302
    year = FiscalYear.objects.get(federation=federation, year=2026)
    assert (year.status, year.adopted_on) == (FiscalYear.Status.ADOPTED, date(2027, 3, 20))
    form = client.get(grid_url(federation)).context["form"]
    assert form.fields[f"cell_{office_row(form)}_0"].disabled


def test_a_grid_loaded_before_the_adoption_cannot_save_the_adopted_year(client, office, federation, plan):
    client.force_login(office)
    form = client.get(grid_url(federation)).context["form"]
    data = grid_data(client, federation, **{f"cell_{office_row(form)}_0": "1"})  # loaded while open
    adopt(client, federation)
    response = client.post(grid_url(federation), data)
    assert response.status_code == 200
    assert "2026" in str(response.context["form"].non_field_errors())
    assert BudgetLine.objects.get(budget=plan[0]).amount == 400000


def test_an_adoption_date_within_the_year_is_refused(client, office, federation, plan):
    client.force_login(office)
    url = reverse("reporting:annual-adopt", kwargs={"slug": federation.slug}) + "?year=2026"
    client.post(url, {"adopted_on": "2026-12-01", "registry_number": "Dnr 1"})
    assert not FiscalYear.objects.filter(federation=federation, year=2026).exists()


def test_a_participant_saved_meanwhile_by_a_colleague_is_a_form_error(
    client, office, federation, intervention, habo, monkeypatch
):
    """The check saw no such participant, but a colleague's save came first: the database's
    rule stops the second, and the form says so instead of failing."""
    values = {"gender": "woman", "birth_year": 1990, "municipality": habo, "enrolled_on": date(2024, 2, 1)}
    Participant.objects.create(intervention=intervention, code="E-9", **values)
    # The checks ran before the colleague's row was there.
    monkeypatch.setattr(Participant, "duplicates", lambda self: Participant.objects.none())
    monkeypatch.setattr(Participant, "validate_constraints", lambda self, exclude=None: None)
    client.force_login(office)
    response = client.post(
        reverse("interventions:participant-new", kwargs={"slug": federation.slug}),
        participant_post(Participant(intervention=intervention, code="E-9", **values)),
    )
    assert response.status_code == 200 and response.context["form"].errors["code"]
    assert Participant.objects.count() == 1


# --- 5. Two colleagues at once on the embedded database -----------------------------------

COLLEAGUE = """
import os, sys, time
from pathlib import Path

import django

django.setup()
from django.db import connection, transaction

folder, me = Path(sys.argv[1]), sys.argv[2]
(folder / f"ready-{me}").touch()
deadline = time.monotonic() + 30
while len(list(folder.glob("ready-*"))) < 2 and time.monotonic() < deadline:
    time.sleep(0.01)
with transaction.atomic():  # as a request is: read what is there, then write
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM saved")
        time.sleep(0.5)
        cursor.execute("INSERT INTO saved VALUES (%s)", [me])
"""


def test_two_colleagues_saving_at_once_on_sqlite_both_save(tmp_path):
    """Two transactions that read and then write at the same moment, on the embedded
    database with the app's settings: both are saved, one after the other, and neither
    fails with "database is locked" (which answered 500 to one of two colleagues)."""
    import os
    import sqlite3
    import subprocess
    import sys

    from django.conf import settings

    database = tmp_path / "demo.sqlite3"
    setup = sqlite3.connect(database)
    setup.execute("PRAGMA journal_mode=WAL")  # as the first migrate leaves the demo's database
    setup.execute("CREATE TABLE saved (who TEXT)")
    setup.close()
    script = tmp_path / "colleague.py"
    script.write_text(COLLEAGUE)
    environment = os.environ | {"DATABASE_URL": f"sqlite:///{database}", "DJANGO_SETTINGS_MODULE": "finsam.settings"}
    colleagues = [
        subprocess.Popen(
            [sys.executable, script, tmp_path, name], env=environment, cwd=settings.BASE_DIR, stderr=subprocess.PIPE
        )
        for name in ("a", "b")
    ]
    errors = [colleague.communicate(timeout=120)[1].decode() for colleague in colleagues]
    assert [colleague.returncode for colleague in colleagues] == [0, 0], errors
    rows = sqlite3.connect(database).execute("SELECT who FROM saved ORDER BY who").fetchall()
    assert rows == [("a",), ("b",)]


@postgresql_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # leaves the seeded rows for the tests after
def test_two_members_signing_at_once_each_end_in_a_copy_with_both_signatures(client, office, federation, plan):
    """The report's row is locked while a copy is drawn: the second member's copy is drawn
    after the first signature, and prints both."""
    import io
    import re

    import pypdf

    from federations.models import BoardSeat, Person
    from reporting.models import AdoptedReport, Signature
    from reporting.signing import sign

    from ..conftest import make_user

    members = [make_user(f"ledamot{number}", federation, "board") for number in range(2)]
    for number, (user, organisation) in enumerate(zip(members, ["FK", "AF"])):
        person = Person.objects.create(county=federation.county, name=f"Ledamot {number}", user=user)
        BoardSeat.objects.create(
            federation=federation,
            person=person,
            appointed_by=federation.memberships.get(organisation__short_name=organisation).organisation,
            starts_on=date(2026, 1, 1),
        )
    client.force_login(office)
    adopt(client, federation)
    report = AdoptedReport.objects.get(federation=federation, year=2026)
    at_once(2, lambda i: sign(report, members[i]))
    signatures = list(Signature.objects.order_by("signed_at", "pk"))
    assert [signature.user for signature in sorted(signatures, key=lambda s: s.user.username)] == members
    last = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(bytes(signatures[-1].pdf))).pages)
    assert len(re.findall(r"Underskriven i finsam", last)) == 2
