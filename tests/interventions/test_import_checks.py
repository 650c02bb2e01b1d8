"""The import checks a file's rows as the browser's participant form checks one participant:
for any row, ``ParticipantRows`` finds the form's errors with the form's messages, and on a
valid row fills the participant as the form's save would (and names the same changes)."""

from datetime import date

import pytest
from django.db import transaction
from django.forms.models import model_to_dict
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from federations.models import MemberOrganisation, Membership, Municipality
from finsam.locking import version_as_loaded
from interventions.importers import COLUMNS, ParticipantImporter
from interventions.models import EndClass, Participant, ParticipantSupport
from interventions.participant_forms import ParticipantForm, ParticipantRows

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))

# What an import's file gives the form: the fields of its columns (all of them, the few a
# follow-up system exports, or the bench's)
FIELD_SETS = [
    set(COLUMNS.values()),
    {"intervention", "code", "gender", "birth_year", "municipality", "enrolled_on", "ended_on", "end_reason"},
    {"intervention", "code", "gender", "birth_year", "municipality", "enrolled_on", "support_at_start"},
    {"intervention", "code", "gender", "birth_year", "municipality", "enrolled_on", "ended_on", "end_class"},
]
DATES = ["2024-02-01", "2024-09-30", "2023-12-31", "2015-01-01", "2024-13-01", "1 mars", "", "2030-01-01"]
SUPPORTS = ["sickness_benefit", "activity_support", "none", "nonsense"]


def row_data(refs):
    """The form data an import's row becomes: a valid participant (ongoing, or ended with a
    reason or an end class, support and follow-ups), with up to three fields given any of
    the plausible and wrong values below."""
    anything = {
        "intervention": [str(refs["intervention"]), "", "999999", "x"],
        "code": ["E-1", "E-2", "900101-1234", "", "x" * 41, " E-3 "],
        "registration": ["consent", "anonymous", "", "other"],
        "gender": ["woman", "man", "", "x"],
        "birth_year": ["1990", "2015", "1850", "x", "", "1970"],
        "municipality": [str(refs["habo"]), str(refs["unserved"]), "", "999999"],
        "referred_by": ["", "999999"],
        "enrolled_on": DATES,
        "ended_on": DATES,
        "end_reason": ["", "work", "illness", "work_rehabilitation", "nonsense"],
        "end_class": ["", str(refs["spar"]), "999999"],
        "able_to_work_at_end": ["true", "false", "unknown"],
        "completed_course": ["true", "false", "unknown"],
        "had_work_placement": ["on", ""],
        "years_in_support": ["", "3", "51", "-1"],
        "education": ["", "compulsory", "x"],
        "health_start": ["", "40", "101"],
        "health_end": ["", "60", "x"],
        "quality_of_life_start": ["", "4", "11"],
        "quality_of_life_end": ["", "7"],
        "follow_up_6_months": ["", "work", "unknown", "x"],
        "follow_up_12_months": ["", "studies"],
        "support_at_start": [[], ["sickness_benefit"], ["activity_support", "nonsense"]],
        "support_at_end": [[], ["none"], ["nonsense"]],
    }
    ongoing = {
        "intervention": str(refs["intervention"]),
        "code": "E-7",
        "registration": "consent",
        "gender": "woman",
        "birth_year": "1990",
        "municipality": str(refs["habo"]),
        "enrolled_on": "2024-02-01",
        "able_to_work_at_end": "unknown",
        "completed_course": "unknown",
        "support_at_start": ["sickness_benefit"],
        "health_start": "40",
    }
    ended = ongoing | {
        "ended_on": "2024-09-30",
        "able_to_work_at_end": "true",
        "support_at_end": ["none"],
        "health_end": "60",
        "follow_up_6_months": "work",
    }
    valid = st.sampled_from(
        [ongoing, ended | {"end_reason": "work"}, ended | {"end_class": str(refs["spar"])}, ongoing | {"code": "E-2"}]
    )
    spoiled = st.lists(st.sampled_from(sorted(anything)), max_size=3, unique=True).flatmap(
        lambda names: st.fixed_dictionaries({name: st.sampled_from(anything[name]) for name in names})
    )
    return st.builds(lambda row, changes: row | changes, valid, spoiled)


@pytest.fixture
def refs(federation, intervention, habo, spar):
    unserved = Municipality.objects.create(county=federation.county, name="Mullsjö", code="0642")
    member = MemberOrganisation.objects.create(
        county=federation.county,
        kind="municipality",
        name="Mullsjö kommun",
        short_name="Mullsjö",
        municipality=unserved,
    )
    Membership.objects.create(federation=federation, organisation=member, starts_on=federation.founded_on)
    intervention.municipalities.set([habo])  # Enter does not serve Mullsjö
    return {"intervention": intervention.pk, "habo": habo.pk, "unserved": unserved.pk, "spar": spar.pk}


def saved_values(participant):
    return {field.attname: getattr(participant, field.attname) for field in Participant._meta.concrete_fields}


def compare(federation, data, fields, existing=None):
    importer = ParticipantImporter(federation)
    options = {"federation": federation, "interventions": importer.interventions, "with_survey": False}
    options |= {"known": importer.known, "only": fields}
    if existing is not None:
        data = data | {"version": version_as_loaded(Participant.objects.get(pk=existing.pk))}
    form = ParticipantForm(data, instance=Participant.objects.get(pk=existing.pk) if existing else None, **options)
    try:
        form.is_valid()
    except ValueError:  # the form cannot show a rule's message on a field it does not hold
        assume(False)
    rows = ParticipantRows(ParticipantForm(**options))
    participant = Participant.objects.get(pk=existing.pk) if existing else rows.new_record()
    supports = participant.supports.values_list("phase", "kind") if existing else []
    changed = rows.changed(data, participant, supports) if existing else None
    cleaned, errors = rows.check(data, participant)
    assert errors == {name: list(messages) for name, messages in form.errors.items()}
    if not errors:
        assert saved_values(participant) == saved_values(form.instance)
        for name in ("support_at_start", "support_at_end"):
            assert cleaned.get(name) == form.cleaned_data.get(name)
        if existing is not None:
            assert changed == form.changed_data
    return participant, cleaned, errors


@PROPERTY
@given(data=st.data())
def test_a_new_participants_row(federation, refs, data):
    _participant, _cleaned, errors = compare(
        federation, data.draw(row_data(refs)), data.draw(st.sampled_from(FIELD_SETS))
    )
    event("valid" if not errors else "refused")


@PROPERTY
@given(data=st.data())
def test_a_row_changing_a_participant(federation, refs, participant, data):
    row = data.draw(row_data(refs)) | {"code": participant.code, "enrolled_on": "2024-02-01"}
    fields = data.draw(st.sampled_from(FIELD_SETS))
    with transaction.atomic():
        ParticipantSupport.objects.create(participant=participant, phase="start", kind="sickness_benefit")
        try:
            _participant, _cleaned, errors = compare(federation, row, fields, existing=participant)
            event("valid" if not errors else "refused")
        finally:
            transaction.set_rollback(True)


def test_a_new_rows_record_is_what_the_form_starts_from(federation):
    """The record a new row fills (its defaults read once for the file) holds what
    ``Participant()`` holds, and a record's answers are its own."""
    importer = ParticipantImporter(federation)
    rows = ParticipantRows(
        ParticipantForm(federation=federation, interventions=importer.interventions, with_survey=False)
    )
    first, second = rows.new_record(), rows.new_record()
    assert saved_values(first) == saved_values(Participant())
    first.supplementary_answers["question_1"] = "ja"
    assert second.supplementary_answers == {} and first._state.adding


def test_the_rows_agree_with_the_form_on_a_valid_row(federation, refs):
    """The property above is not vacuous: a valid row is compared value by value."""
    data = {
        "intervention": str(refs["intervention"]),
        "code": "E-9",
        "registration": "anonymous",
        "gender": "woman",
        "birth_year": "1990",
        "municipality": str(refs["habo"]),
        "enrolled_on": "2024-02-01",
        "ended_on": "2024-09-30",
        "end_class": str(refs["spar"]),
        "support_at_end": ["activity_support"],
    }
    participant, cleaned, errors = compare(federation, data, FIELD_SETS[0])
    assert errors == {}
    assert (participant.end_reason, participant.ended_on) == (EndClass.objects.get().standard_reason, date(2024, 9, 30))
    assert participant.registration == "anonymous" and cleaned["support_at_end"] == ["activity_support"]
    assert model_to_dict(participant)["municipality"] == refs["habo"]
