"""Every register's form, posted to one's own federation with another federation's record
ids in its fields: refused, and nothing of either federation changes. Each case first saves
with the federation's own ids, so the refusal is the ids' doing and not a bad form.

(The ids in a register's URL — another federation's diary entry, governing document,
meeting, application, decision or deviation under one's own federation — answer 404 in
``tests/test_role_matrix.py``.)"""

from datetime import date

import pytest
from django.urls import reverse

from federations.diary import register
from federations.models import BoardSeat, Meeting, MeetingDecision, MemberOrganisation, Person
from interventions.models import (
    Application,
    Deviation,
    EndClass,
    Funding,
    GrantDecision,
    Intervention,
    InterventionYear,
    Participant,
    SurveyQuestion,
    SurveyResult,
)

COUNTED = [Application, GrantDecision, Deviation, Meeting, MeetingDecision, Participant, SurveyResult, Funding]


@pytest.fixture
def ours(federation, members, intervention, habo):
    """The federation's own records that a register's form may name."""
    chair = Person.objects.create(county=federation.county, name="Ordförande Söder")
    BoardSeat.objects.create(
        federation=federation, person=chair, appointed_by=members["RJL"], starts_on=date(2023, 1, 1)
    )
    meeting = Meeting.objects.create(federation=federation, held_on=date(2025, 11, 20))
    application = Application.objects.create(
        federation=federation,
        diary_entry=register(federation, "application", "Enter", date(2025, 9, 1)),
        received_on=date(2025, 9, 1),
        title="Enter",
        intervention=intervention,
        amount_per_year=1,
    )
    return {
        "intervention": intervention,
        "member": members["RJL"],
        "municipality": habo,
        "person": chair,
        "application": application,
        "paragraph": MeetingDecision.objects.create(meeting=meeting, paragraph=1, title="Enter", decision=""),
        "end_class": EndClass.objects.create(intervention=intervention, name="Spår 1", standard_reason="work"),
        "question": SurveyQuestion.objects.create(number=5, text="Har stödet hjälpt dig?"),
    }


@pytest.fixture
def theirs(county, other_federation, other_members, members):
    """The other federation's records of the same kinds: an intervention only it funds, its
    application and meeting, a person who serves only it, a member municipality of its own."""
    nova = Intervention.objects.create(county=county, name="Nova", starts_on=date(2020, 1, 1))
    Funding.objects.create(intervention=nova, federation=other_federation)
    eksjo = MemberOrganisation.objects.get(municipality=other_members)
    person = Person.objects.create(county=county, name="Ordförande Höglandet")
    BoardSeat.objects.create(federation=other_federation, person=person, appointed_by=eksjo, starts_on=date(2023, 1, 1))
    meeting = Meeting.objects.create(federation=other_federation, held_on=date(2025, 11, 20))
    register(other_federation, "decision", "Deras beslut", date(2025, 3, 1))
    result = SurveyResult.objects.create(
        federation=other_federation, year=2024, intervention=nova, question=SurveyQuestion.objects.get(number=5)
    )
    return {
        "intervention": nova,
        "member": eksjo,
        "municipality": other_members,
        "person": person,
        "application": Application.objects.create(
            federation=other_federation,
            diary_entry=register(other_federation, "application", "Nova", date(2025, 9, 1)),
            received_on=date(2025, 9, 1),
            title="Nova",
            intervention=nova,
            amount_per_year=1,
            recommendation="grant",
            recommended_on=date(2025, 9, 2),
        ),
        "paragraph": MeetingDecision.objects.create(meeting=meeting, paragraph=1, title="Nova", decision=""),
        "end_class": EndClass.objects.create(intervention=nova, name="Deras spår", standard_reason="work"),
        "survey_result": result,
    }


def application(records):
    return {
        "received_on": "2025-09-01",
        "kind": "continuation",
        "title": "Enter",
        "intervention": records["intervention"].pk,
        "applicants": [records["member"].pk],
        "amount_per_year": "600000",
    }


def grant_decision(records):
    return {
        "application": records["application"].pk,
        "paragraph": records["paragraph"].pk,
        "kind": "decision",
        "decided_on": "2025-11-20",
        "outcome": "granted",
        "granted_per_year": "100000",
        "first_year": "2026",
        "text": "Styrelsen beviljar.",
        "without_recommendation": "Brådskande.",
    }


def deviation(records):
    return {
        "occurred_on": "2025-03-01",
        "members": [records["member"].pk],
        "description": "Remissen föll mellan stolarna.",
        "status": "open",
    }


def meeting(records):
    return {
        "body": "board",
        "held_on": "2025-12-04",
        "attendees": [records["person"].pk],
        "decisions-TOTAL_FORMS": "1",
        "decisions-INITIAL_FORMS": "0",
        "decisions-0-paragraph": "1",
        "decisions-0-title": "Beslut",
        "decisions-0-registry_number": records.get("registry_number", ""),
    }


def follow_up(records):
    """A participant with their ending and follow-up, in the participant form."""
    return {
        "intervention": records["intervention"].pk,
        "code": "ENT-100",
        "gender": "woman",
        "birth_year": "1990",
        "municipality": records["municipality"].pk,
        "enrolled_on": "2024-03-01",
        "ended_on": "2024-10-01",
        "end_class": records["end_class"].pk,
        "end_reason": "work",
        "able_to_work_at_end": "unknown",
        "follow_up_6_months": "work",
    }


def survey_answers(records):
    answers = {f"form-0-{level}": "1" for level in ("completely", "very_large_extent", "large_extent")}
    answers |= {f"form-0-{level}": "0" for level in ("some_extent", "small_extent", "not_at_all")}
    return answers | {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "0",
        "form-0-intervention": records["intervention"].pk,
        "form-0-question": SurveyQuestion.objects.get(number=5).pk,
    }


# register: (URL name, the body, the fields in which another federation's ids are tried)
REGISTERS = {
    "applications": ("interventions:application-new", application, ["intervention", "applicants"]),
    "decisions": ("interventions:grantdecision-new", grant_decision, ["application", "paragraph"]),
    "deviations": ("interventions:deviation-new", deviation, ["members"]),
    "meetings": ("federations:meeting-new", meeting, ["attendees", "decisions-0-registry_number"]),
    "follow-up": ("interventions:participant-new", follow_up, ["intervention", "municipality", "end_class"]),
    "survey answers": ("interventions:survey-edit", survey_answers, ["form-0-intervention", "form-0-id"]),
}
# How a field names a record in the body, where it is not the record's id under the same key.
FOREIGN_VALUES = {
    "applicants": lambda theirs: [theirs["member"].pk],
    "members": lambda theirs: [theirs["member"].pk],
    "attendees": lambda theirs: [theirs["person"].pk],
    "decisions-0-registry_number": lambda theirs: "2025:02",  # only the other federation's diary has it
    "form-0-intervention": lambda theirs: theirs["intervention"].pk,
    "form-0-id": lambda theirs: theirs["survey_result"].pk,
}
FOREIGN_BODY = {"form-0-id": {"form-INITIAL_FORMS": "1"}}


def post(client, federation, name, body):
    query = "?year=2024" if name == "interventions:survey-edit" else ""
    return client.post(reverse(name, kwargs={"slug": federation.slug}) + query, body)


def snapshot(theirs):
    counts = {model.__name__: model.objects.count() for model in COUNTED}
    result = SurveyResult.objects.filter(pk=theirs["survey_result"].pk).values().get()
    return counts, result, InterventionYear.objects.count()


@pytest.mark.parametrize("register_name", sorted(REGISTERS))
def test_a_register_saves_with_the_federations_own_ids(client, office, federation, ours, theirs, register_name):
    name, body, _ = REGISTERS[register_name]
    client.force_login(office)
    response = post(client, federation, name, body(ours))
    assert response.status_code == 302, getattr(response, "context", None) and response.context.get("form")


@pytest.mark.parametrize(
    "register_name,field", [(register_name, field) for register_name, spec in REGISTERS.items() for field in spec[2]]
)
def test_a_register_refuses_another_federations_ids_and_changes_nothing(
    client, office, federation, other_federation, ours, theirs, register_name, field
):
    name, body, _ = REGISTERS[register_name]
    foreign = FOREIGN_VALUES.get(field, lambda theirs: theirs[field].pk)(theirs)
    before = snapshot(theirs)
    client.force_login(office)
    response = post(client, federation, name, body(ours) | {field: foreign} | FOREIGN_BODY.get(field, {}))
    # Refused with the form's message, or (a row naming another federation's survey result)
    # left out of the save as a record the formset does not hold: either way nothing changes.
    assert response.status_code in (200, 302)
    assert snapshot(theirs) == before
