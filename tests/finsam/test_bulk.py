"""Many records written at once with their history (COPY on PostgreSQL): each new one gets its
key and a "created" history row naming who, as a save would record; changed and deleted ones
a "changed" or "deleted" row likewise."""

from datetime import date

import pytest
from django.db import connection

from federations.models import ImportBatch
from finsam.bulk import create_rows_with_history, create_with_history, delete_with_history, update_with_history
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


def test_rows_of_values_are_written_as_their_records_would_be(intervention, habo, office):
    """An import's checked rows (every field's value but the key, a date as ISO text) are
    written as the records they stand for, with their history, and their keys returned."""
    written = [field.attname for field in Participant._meta.concrete_fields if not field.primary_key]
    records = new_participants(intervention, habo, 3)
    records[1].supplementary_answers = {"q-1": "ja"}
    rows = []
    for record in records:
        values = [getattr(record, name) for name in written]
        rows.append([value.isoformat() if isinstance(value, date) else value for value in values])
    keys = create_rows_with_history(Participant, rows, office)
    assert keys == sorted(Participant.objects.values_list("pk", flat=True))
    for key, record in zip(keys, records, strict=True):
        saved = Participant.objects.get(pk=key)
        assert [getattr(saved, name) for name in written] == [getattr(record, name) for name in written]
        (created,) = saved.history.all()
        assert (created.history_type, created.history_user, created.enrolled_on) == ("+", office, record.enrolled_on)
        assert created.supplementary_answers == record.supplementary_answers
    (support,) = create_rows_with_history(ParticipantSupport, [(keys[0], "start", "sickness_benefit")], office)
    assert ParticipantSupport.objects.get(pk=support).participant_id == keys[0]
    assert ParticipantSupport.history.get().history_user == office


def test_a_model_with_values_computed_on_save_is_refused(db):
    if connection.vendor != "postgresql":
        pytest.skip("only the COPY way needs the values as they are held")
    with pytest.raises(ValueError, match="uploaded_at"):
        create_with_history([ImportBatch()], ImportBatch)


def test_changed_records_are_written_with_their_history(intervention, habo, office):
    records = create_with_history(new_participants(intervention, habo, 3), Participant, office)
    records[0].health_end, records[1].code = 70, "B-changed"
    update_with_history(records[:2], Participant, office)
    assert list(Participant.objects.order_by("pk").values_list("code", "health_end")) == [
        ("B-0", 70),
        ("B-changed", None),
        ("B-2", None),
    ]
    changed = Participant.history.filter(history_type="~").order_by("id")
    assert [(row.id, row.history_user, row.code, row.health_end) for row in changed] == [
        (records[0].pk, office, "B-0", 70),
        (records[1].pk, office, "B-changed", None),
    ]
    assert not Participant.history.filter(id=records[2].pk, history_type="~").exists()


def test_deleted_records_leave_their_history(intervention, habo, office):
    (participant,) = create_with_history(new_participants(intervention, habo, 1), Participant, office)
    supports = create_with_history(
        [
            ParticipantSupport(participant=participant, phase="start", kind=kind)
            for kind in ("sickness_benefit", "none")
        ],
        ParticipantSupport,
        office,
    )
    removed = supports[0].pk
    delete_with_history(supports[:1], ParticipantSupport, office)
    assert list(participant.supports.values_list("kind", flat=True)) == ["none"]
    (deleted,) = ParticipantSupport.history.filter(history_type="-")
    assert (deleted.id, deleted.kind, deleted.history_user) == (removed, "sickness_benefit", office)
