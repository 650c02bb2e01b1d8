"""The diary (diarium): a series of registry numbers per federation and year, unique,
searchable, and taken by an adoption that is given none."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from federations.diary import parse_registry_number, register
from federations.models import DiaryEntry
from tests.conftest import record_books


def new_entry(client, federation, registered_on, title):
    return client.post(
        reverse("federations:diaryentry-new", kwargs={"slug": federation.slug}),
        {"registered_on": registered_on, "kind": "application", "title": title, "counterpart": "Region Jönköpings län"},
    )


def test_numbers_run_per_federation_and_year(client, office, federation, other_federation):
    client.force_login(office)
    for registered_on, title in [("2025-02-03", "Ansökan IT-spåret"), ("2025-03-10", "Beslut"), ("2026-01-08", "Ny")]:
        assert new_entry(client, federation, registered_on, title).status_code == 302
    register(other_federation, "decision", "Deras beslut", date(2025, 3, 1))
    numbers = sorted(entry.registry_number for entry in DiaryEntry.objects.filter(federation=federation))
    assert numbers == ["Dnr 2025:01", "Dnr 2025:02", "Dnr 2026:01"]
    assert DiaryEntry.objects.get(federation=other_federation).registry_number == "Dnr 2025:01"
    assert DiaryEntry.objects.get(title="Beslut").history.get().history_user == office


def test_a_number_is_never_given_twice(federation):
    first = register(federation, "decision", "Beslut 1", date(2025, 4, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        DiaryEntry.objects.create(federation=federation, year=2025, number=first.number, kind="other", title="Dubblett")


def test_an_entry_keeps_its_year(client, office, federation):
    entry = register(federation, "decision", "Beslut", date(2025, 4, 1))
    client.force_login(office)
    response = client.post(
        reverse("federations:diaryentry-edit", kwargs={"slug": federation.slug, "pk": entry.pk}),
        {"registered_on": "2026-01-02", "kind": "decision", "title": "Beslut", "version": entry.history.count()},
    )
    assert response.status_code == 200
    assert "registered_on" in response.context["form"].errors


def test_the_diary_is_searched_by_number_or_text(client, office, federation):
    register(federation, "application", "Ansökan IT-spåret", date(2025, 2, 3))
    register(federation, "decision", "Beslut om Enter", date(2025, 3, 3))
    client.force_login(office)
    url = reverse("federations:diaryentry-list", kwargs={"slug": federation.slug})
    by_number = client.get(url, {"text": "2025:2"}).content.decode()
    assert "Beslut om Enter" in by_number and "Ansökan IT-spåret" not in by_number
    by_text = client.get(url, {"text": "it-spår"}).content.decode()
    assert "Ansökan IT-spåret" in by_text and "Beslut om Enter" not in by_text
    assert parse_registry_number("Dnr 2022:02") == (2022, 2)
    assert parse_registry_number("Beslut") is None


def test_an_adoption_given_no_number_takes_the_next_of_the_diary(federation, office):
    from reporting.adoption import adopt_annual_report

    register(federation, "application", "Ansökan", date(2025, 1, 15))
    record_books(federation, 2024)
    adopted = adopt_annual_report(federation, 2024, date(2025, 3, 20), "", office, despite_checks=True)
    assert adopted.registry_number == "Dnr 2025:02"
    entry = DiaryEntry.objects.get(number=2)
    assert (entry.kind, entry.title, entry.registered_on) == ("report", "Årsredovisning 2024", date(2025, 3, 20))
