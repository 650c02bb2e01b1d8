"""Many new records written at once with their history (COPY on PostgreSQL): each gets its
key and a "created" history row naming who, as a save would record."""

from datetime import date

import pytest
from django.db import connection

from federations.models import ImportBatch
from finsam.bulk import create_with_history
from interventions.models import Participant, ParticipantSupport


def new_participants(intervention, habo, count):
    return [
        Participant(
            intervention=intervention,
            code=f"B-{n}",
            gender="woman" if n % 2 else "man",
            birth_year=1980 + n,
            municipality=habo,
            enrolled_on=date(2024, 2, 1),
            ended_on=date(2024, 9, 30) if n % 2 else None,
            end_reason="work" if n % 2 else "",
            health_start=40 if n % 3 else None,
        )
        for n in range(count)
    ]


def test_the_records_and_their_history_are_written(intervention, habo, office):
    records = create_with_history(new_participants(intervention, habo, 5), Participant, office)
    assert [record.pk for record in records] == sorted(Participant.objects.values_list("pk", flat=True))
    for record in records:
        saved = Participant.objects.get(pk=record.pk)
        assert (saved.code, saved.ended_on, saved.end_reason, saved.health_start, saved.follow_up_6_months) == (
            record.code,
            record.ended_on,
            record.end_reason,
            record.health_start,
            "",
        )
        (created,) = saved.history.all()
        assert (created.history_type, created.history_user, created.birth_year) == ("+", office, record.birth_year)
    supports = create_with_history(
        [ParticipantSupport(participant=records[0], phase="start", kind="sickness_benefit")], ParticipantSupport
    )
    assert ParticipantSupport.history.get().id == supports[0].pk
    assert ParticipantSupport.history.get().history_user is None


def test_a_model_with_values_computed_on_save_is_refused(db):
    if connection.vendor != "postgresql":
        pytest.skip("only the COPY way needs the values as they are held")
    with pytest.raises(ValueError, match="uploaded_at"):
        create_with_history([ImportBatch()], ImportBatch)
