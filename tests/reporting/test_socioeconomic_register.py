"""The federation's own socio-economic parameters (issue 29) as a register: scoped to the
federation, and a list that asks the same queries however long it grows."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reporting.models import SocioEconomicModel

pytestmark = pytest.mark.django_db


def grow(federation, count, start=2000):
    for year in range(start, start + count):
        SocioEconomicModel.objects.create(
            federation=federation,
            valid_from=date(year, 1, 1),
            public_support=10000,
            administration=500,
            income_tax=5700,
            source=f"Modell {year}",
        )


def test_the_list_shows_only_the_federations_own_and_asks_the_same_queries(
    client, office, federation, other_federation
):
    grow(other_federation, 1, start=1999)
    client.force_login(office)
    url = reverse("reporting:socioeconomicmodel-list", kwargs={"slug": federation.slug})
    grow(federation, 3)
    with CaptureQueriesContext(connection) as few:
        page = client.get(url)
    assert sorted(row.record.source for row in page.context["table"].rows) == [
        "Modell 2000",
        "Modell 2001",
        "Modell 2002",
    ]
    grow(federation, 60, start=2003)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_two_parameters_of_one_day_are_refused_with_a_message(client, office, federation):
    grow(federation, 1)
    client.force_login(office)
    response = client.post(
        reverse("reporting:socioeconomicmodel-new", kwargs={"slug": federation.slug}),
        {"valid_from": "2000-01-01", "public_support": "1", "administration": "1", "income_tax": "1", "source": "x"},
    )
    assert response.status_code == 200
    assert "Förbundet har redan parametrar som gäller från den dagen." in response.content.decode()
    assert SocioEconomicModel.objects.filter(federation=federation).count() == 1
