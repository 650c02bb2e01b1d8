"""``any_of``: a field among many values, sent as one parameter; ``in_list_of``: a field
among the values of a subquery, read as a list; ``any_of_unseen``: a field among a few values
the planner is not shown."""

from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from federations.models import Municipality
from finsam.bulk import create_with_history
from finsam.lookups import any_of, any_of_unseen, in_list_of
from interventions.models import Participant
from tests.conftest import make_participants
from tests.finsam.test_bulk import new_participants


def test_many_values_are_one_parameter_and_find_what_in_finds(intervention, habo):
    create_with_history(new_participants(intervention, habo, 4), Participant)
    codes = ["B-1", "B-3", None, *(f"X-{n}" for n in range(40_000))]  # past SQLite's 32 766 parameters
    found = Participant.objects.filter(any_of("code", codes))
    assert sorted(found.values_list("code", flat=True)) == ["B-1", "B-3"]
    pks = list(found.values_list("pk", flat=True))
    assert Participant.objects.filter(any_of("pk", pks)).count() == 2
    assert not Participant.objects.filter(any_of("code", [])).exists()


def test_a_subquerys_values_read_as_a_list_find_what_in_finds(intervention, habo, county):
    elsewhere = Municipality.objects.create(county=county, name="Vaggeryd", code="0665")
    make_participants(intervention, habo, 3)
    make_participants(intervention, elsewhere, 2, start=10)
    members = Municipality.objects.filter(name="Habo").values("pk")
    with CaptureQueriesContext(connection) as captured:
        found = sorted(
            Participant.objects.filter(Q(in_list_of("municipality", members))).values_list("code", flat=True)
        )
    assert found == sorted(Participant.objects.filter(municipality__in=members).values_list("code", flat=True))
    assert found == ["P-00000", "P-00001", "P-00002"]
    if connection.vendor == "postgresql":
        assert "= ANY(ARRAY(SELECT" in captured[0]["sql"]


def test_a_few_values_unseen_by_the_planner_find_what_in_finds(intervention, habo, county):
    elsewhere = Municipality.objects.create(county=county, name="Vaggeryd", code="0665")
    make_participants(intervention, habo, 3)
    make_participants(intervention, elsewhere, 2, start=10)

    def found(values):
        return sorted(
            Participant.objects.filter(Q(any_of_unseen("municipality", values))).values_list("code", flat=True)
        )

    with CaptureQueriesContext(connection) as captured:
        assert found([elsewhere.pk]) == ["P-00010", "P-00011"]
    assert found([habo.pk, elsewhere.pk]) == sorted(Participant.objects.values_list("code", flat=True))
    assert found([]) == []  # typed, so that an empty list is a list of none
    if connection.vendor == "postgresql":
        assert "= ANY(ARRAY(SELECT unnest(" in captured[0]["sql"]
