"""Every participant rule of shared/domain.md, with its message."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from federations.models import Municipality
from finsam.privacy import looks_like_identity_number
from interventions.models import Participant
from interventions.validators import validate_pseudonymous_code


def errors_of(participant):
    with translation.override("en"):
        with pytest.raises(ValidationError) as caught:
            participant.full_clean()
        return {field: [str(m) for m in messages] for field, messages in caught.value.message_dict.items()}


@pytest.fixture
def participant(intervention, habo):
    return Participant(
        intervention=intervention,
        code="ENT-001",
        gender="woman",
        birth_year=1990,
        municipality=habo,
        enrolled_on=date(2024, 2, 1),
    )


@pytest.mark.parametrize(
    "code",
    ["199001011234", "900101-1234", "9001011234", "19900101-1234", "ENT-900161-1234", "900101+1234"],
)
def test_a_code_shaped_like_a_personal_identity_number_is_refused(code):
    assert looks_like_identity_number(code)
    with pytest.raises(ValidationError) as caught:
        validate_pseudonymous_code(code)
    assert caught.value.code == "identity_number"


@pytest.mark.parametrize("code", ["ENT-2024-001", "ABC123", "KPF-SV-045", "2024-0042"])
def test_pseudonymous_codes_pass(code):
    validate_pseudonymous_code(code)


def test_a_code_with_spaces_is_refused(participant):
    participant.code = "Anna Andersson"
    assert "code" in errors_of(participant)


def test_a_valid_participant_passes(participant):
    participant.full_clean()


def test_the_end_cannot_come_before_the_enrolment(participant):
    participant.ended_on, participant.end_reason = date(2024, 1, 1), "work"
    assert errors_of(participant)["ended_on"] == ["The end date cannot be before the enrolment date."]


def test_an_end_date_needs_an_end_reason(participant):
    participant.ended_on = date(2024, 6, 1)
    assert errors_of(participant)["end_reason"] == ["Give the end reason: the participant has an end date."]


def test_an_end_reason_needs_an_end_date(participant):
    participant.end_reason = "work"
    assert errors_of(participant)["ended_on"] == ["Give the end date: the participant has an end reason."]


def test_the_age_must_be_within_the_interventions_range(participant):
    participant.birth_year = 2010  # 14 at enrolment; Enter takes 18–64
    assert errors_of(participant)["birth_year"] == ["Age 14 at enrolment is outside Enter's range 18–64."]


def test_an_age_outside_16_to_64_is_a_warning_where_the_intervention_allows_it(participant, intervention):
    intervention.age_max = 67
    participant.birth_year = 1958  # 66
    participant.full_clean()
    with translation.override("en"):
        assert [str(w) for w in participant.warnings()] == ["Age 66 at enrolment is outside the working age 16–64."]


def test_no_enrolment_before_the_intervention_starts(participant):
    participant.enrolled_on = date(2015, 12, 31)
    assert errors_of(participant)["enrolled_on"] == ["Enter starts on 2016-01-01; no one can enrol before that."]


def test_no_duplicate_code_in_an_overlapping_period(participant, intervention, habo):
    Participant.objects.create(
        intervention=intervention,
        code="ENT-001",
        gender="man",
        birth_year=1980,
        municipality=habo,
        enrolled_on=date(2023, 5, 1),
    )
    assert errors_of(participant)["code"] == ["Enter already has participant ENT-001 in an overlapping period."]


def test_the_same_code_may_come_back_after_ending(participant, intervention, habo):
    Participant.objects.create(
        intervention=intervention,
        code="ENT-001",
        gender="man",
        birth_year=1980,
        municipality=habo,
        enrolled_on=date(2022, 5, 1),
        ended_on=date(2023, 5, 1),
        end_reason="other",
    )
    participant.full_clean()


def test_gender_is_required(participant):
    participant.gender = ""
    assert "gender" in errors_of(participant)


def test_the_municipality_must_be_served(participant, intervention, county):
    intervention.municipalities.set([Municipality.objects.get(name="Habo")])
    participant.municipality = Municipality.objects.create(county=county, name="Mullsjö", code="0642")
    assert errors_of(participant)["municipality"] == ["Enter does not serve Mullsjö."]


def test_the_end_class_must_belong_to_the_intervention_and_agree_with_the_reason(participant, spar, other_intervention):
    participant.ended_on, participant.end_reason, participant.end_class = date(2024, 6, 1), "illness", spar
    assert errors_of(participant)["end_class"] == [
        "Spår 1 counts as “Work-oriented rehabilitation” in the standard classes."
    ]
    participant.intervention = other_intervention
    participant.end_reason = "work_rehabilitation"
    assert errors_of(participant)["end_class"] == ["The end class belongs to another intervention."]


def test_the_database_refuses_an_end_before_the_start_too(participant):
    from django.db import IntegrityError

    participant.ended_on, participant.end_reason = date(2024, 1, 1), "work"
    with pytest.raises(IntegrityError):
        participant.save()
