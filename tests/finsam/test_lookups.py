"""``any_of``: a field among many values, sent as one parameter."""

from finsam.bulk import create_with_history
from finsam.lookups import any_of
from interventions.models import Participant
from tests.finsam.test_bulk import new_participants


def test_many_values_are_one_parameter_and_find_what_in_finds(intervention, habo):
    create_with_history(new_participants(intervention, habo, 4), Participant)
    codes = ["B-1", "B-3", None, *(f"X-{n}" for n in range(40_000))]  # past SQLite's 32 766 parameters
    found = Participant.objects.filter(any_of("code", codes))
    assert sorted(found.values_list("code", flat=True)) == ["B-1", "B-3"]
    pks = list(found.values_list("pk", flat=True))
    assert Participant.objects.filter(any_of("pk", pks)).count() == 2
    assert not Participant.objects.filter(any_of("code", [])).exists()
