import csv
import io
from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from federations.models import BoardSeat, Person
from finsam.locking import version_of


def test_the_auditor_sees_who_changed_what(client, office, auditor, federation, members, county):
    client.force_login(office)
    client.post(
        reverse("federations:person-new", kwargs={"slug": federation.slug}),
        {"name": "Ada Ordförande", "title": "", "organisation": "", "email": ""},
    )
    person = Person.objects.get(name="Ada Ordförande")
    client.post(
        reverse("federations:person-edit", kwargs={"slug": federation.slug, "pk": person.pk}),
        {"name": "Ada Ordförande-Berg", "title": "", "organisation": "", "email": "", "version": version_of(person)},
    )

    client.force_login(auditor)
    response = client.get(reverse("federations:history", kwargs={"slug": federation.slug}), {"kind": "person"})
    rows = [row.record for row in response.context["table"].rows]
    assert [(r["history_type"], r["record_label"], r["history_user__username"]) for r in rows] == [
        ("~", "Ada Ordförande-Berg", "office"),
        ("+", "Ada Ordförande", "office"),
    ]


def test_it_leaves_out_other_federations(client, auditor, federation, other_federation, county, members):
    person = Person.objects.create(county=county, name="Shared Person")
    BoardSeat.objects.create(
        federation=other_federation, person=person, appointed_by=members["FK"], starts_on=date(2023, 1, 1)
    )
    client.force_login(auditor)
    response = client.get(reverse("federations:history", kwargs={"slug": federation.slug}), {"kind": "boardseat"})
    assert response.context["table"].paginator.count == 0


def test_it_exports_as_csv(client, auditor, federation, members):
    client.force_login(auditor)
    response = client.get(reverse("federations:history", kwargs={"slug": federation.slug}), {"_export": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    # Created by the fixtures: the federation, a municipality, four member organisations,
    # their four memberships and the auditor's role.
    assert len(rows) == 1 + 11
    assert {row[2] for row in rows[1:]} == {"Skapad"}


def test_it_runs_the_same_queries_whatever_the_length(client, auditor, federation, county):
    client.force_login(auditor)
    url = reverse("federations:history", kwargs={"slug": federation.slug})
    Person.objects.bulk_create([Person(county=county, name=f"P{i}") for i in range(3)])
    for person in Person.objects.all():
        person.save()
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(80):
        Person.objects.create(county=county, name=f"More {i}")
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
