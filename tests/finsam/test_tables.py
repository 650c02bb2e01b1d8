"""Every list reads a page keys first, counting off from the nearer end, and sorts on a
related record by its place among the records sorted by name (finsam.tables): the pages
must still hold every row once, in the order the column says."""

import re
from datetime import date
from functools import partial

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from federations.models import MemberOrganisation, Membership, Municipality
from interventions.models import Participant
from tests.conftest import make_participants

PAGE = 50


@pytest.fixture
def mullsjo(federation, members):
    """A second member municipality, whose name sorts before Habo's in reverse."""
    municipality = Municipality.objects.create(county=federation.county, name="Mullsjö", code="0642")
    organisation = MemberOrganisation.objects.create(
        county=federation.county, kind="municipality", name="Mullsjö kommun", municipality=municipality
    )
    Membership.objects.create(federation=federation, organisation=organisation, starts_on=federation.founded_on)
    return municipality


@pytest.fixture
def participants(intervention, other_intervention, habo, mullsjo):
    """130 participants (three pages) over two interventions and two municipalities, the
    ended and the not ended, women and men, made in an order none of the sorts follows."""
    made = []
    for index, (chosen, municipality) in enumerate(
        [(other_intervention, mullsjo), (intervention, habo), (other_intervention, habo), (intervention, mullsjo)]
    ):
        for start in range(index * 40, index * 40 + (40 if index < 3 else 10), 10):
            made += make_participants(
                chosen,
                municipality,
                10,
                start=(start * 7) % 160,
                gender=("woman", "man")[start % 20 == 0],
                enrolled_on=date(2024, 1 + start % 12, 1),
                ended_on=date(2024, 12, start % 28 + 1) if start % 30 else None,
            )
    assert len(made) == 130
    return Participant.objects.order_by("pk")


def every_page(client, federation, sort):
    path = reverse("interventions:participant-list", kwargs={"slug": federation.slug})
    codes = []
    for page in (1, 2, 3):
        response = client.get(path, {"sort": sort, "page": page})
        codes += [row.record.code for row in response.context["table"].page.object_list]
    return codes


def in_order(participants, key, descending=False):
    """The codes sorted on ``key`` either way, ties by the primary key, lowest first."""
    rows = sorted(sorted(participants, key=lambda each: each.pk), key=key, reverse=descending)
    return [each.code for each in rows]


def later_is_larger(value):
    """An ascending date with the missing last, as PostgreSQL sorts them."""
    return (value is None, value or date.min)


SORTS = {
    "code": lambda each: each.code,
    "intervention": lambda each: each.intervention.name,
    "municipality": lambda each: each.municipality.name,
    "gender": lambda each: each.gender,
    "enrolled_on": lambda each: each.enrolled_on,
    "ended_on": lambda each: later_is_larger(each.ended_on),
}


@pytest.mark.parametrize("column", SORTS)
@pytest.mark.parametrize("descending", [False, True], ids=["ascending", "descending"])
def test_the_pages_hold_every_row_once_in_the_columns_order(
    client, office, federation, participants, column, descending
):
    client.force_login(office)
    shown = every_page(client, federation, ("-" if descending else "") + column)
    assert shown == in_order(participants.select_related("intervention", "municipality"), SORTS[column], descending)


def test_the_default_order_is_newest_first_and_whole(client, office, federation, participants):
    client.force_login(office)
    path = reverse("interventions:participant-list", kwargs={"slug": federation.slug})
    shown = [
        row.record.code
        for page in (1, 2, 3)
        for row in client.get(path, {"page": page}).context["table"].page.object_list
    ]
    newest_first = sorted(participants, key=lambda each: (-each.enrolled_on.toordinal(), each.code, each.pk))
    assert shown == [each.code for each in newest_first]


def test_a_related_records_sort_compares_no_names(client, office, federation, participants):
    """Sorted on the municipality, the page's keys are read without joining municipalities."""
    client.force_login(office)
    path = reverse("interventions:participant-list", kwargs={"slug": federation.slug})
    with CaptureQueriesContext(connection) as captured:
        client.get(path, {"sort": "municipality", "page": 3})
    keys = [query["sql"] for query in captured if "ORDER BY CASE" in query["sql"] and "LIMIT" in query["sql"]]
    assert len(keys) == 1 and "federations_municipality" not in keys[0]


# Every list with rows in the demo.
LISTS = [
    *(
        f"federations:{name}-list"
        for name in (
            "membership boardseat groupmembership staffpost fiscalyear person memberorganisation municipality "
            "diaryentry meeting governingdocument"
        ).split()
    ),
    *(
        f"interventions:{name}-list"
        for name in "participant application grantdecision structuralevent referral supplementaryquestion".split()
    ),
    "interventions:list",
]


def table_body(client, url):
    response = client.get(url)
    assert response.status_code == 200
    body = re.search(r"<tbody.*?</tbody>", response.content.decode(), re.S).group(0)
    assert body.count("<td") > 1  # cells to compare
    return body


@pytest.mark.parametrize("name", LISTS)
def test_a_list_writes_its_cells_as_django_tables2_does(client, demo, monkeypatch, name):
    """``table_rows`` reads each column's cells with what it works out once
    (``finsam.tables.cell_reader``): every list of the demo reads the same as with each
    cell made by django-tables2's own row."""
    from django.contrib.auth import get_user_model

    from finsam import tables

    client.force_login(get_user_model().objects.get(username="kansli"))
    url = reverse(name, kwargs={"slug": "sodra-vatterbygden"}) + "?year=2024"
    read_once = table_body(client, url)
    monkeypatch.setattr(tables, "cell_reader", lambda table, column: partial(tables.cell_of_row, column))
    assert table_body(client, url) == read_once


def test_a_cell_attribute_computed_from_the_cell_reads_its_own_row(demo):
    """A column whose cell attributes are computed from each cell (django-tables2 passes
    the cell's value and record) gets them from its own row, not the row before."""
    import django_tables2 as tables_library
    from django.template import Context

    from finsam.tables import KeysFirstData, table_rows

    class Municipalities(tables_library.Table):
        name = tables_library.Column(attrs={"td": {"data-name": lambda value: value}})
        code = tables_library.Column(attrs={"td": {"data-of": lambda record: record.name}})

    municipalities = Municipality.objects.order_by("name")[:3]
    assert len(municipalities) == 3
    rows = table_rows(Municipalities(KeysFirstData.of(Municipality.objects.order_by("name"))), Context())
    for municipality in municipalities:
        name, code = municipality.name, municipality.code
        assert f'<td data-name="{name}">{name}</td><td data-of="{name}">{code}</td>' in rows
