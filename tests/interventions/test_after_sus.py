"""What SUS asked about each participant, kept in finsam now: occupation at enrolment and at
the end with extent, support after for each support before, the federation's own questions
(form and import alike), registrations ended as a mistake, and the waiting list."""

from datetime import date

import pytest

from interventions.figures import (
    intervention_counts,
    occupation_before_and_after,
    participant_table,
    supplementary_answers,
    support_transitions,
    waiting_at,
)
from interventions.follow_ups import due_follow_ups
from interventions.importers import ParticipantImporter
from interventions.models import Participant, ParticipantSupport, Referral, SupplementaryQuestion
from interventions.retention import anonymise_referrals
from tests.conftest import make_participants
from tests.interventions.test_participant_views import form_data as participant_form_data
from tests.interventions.test_participant_views import url


def form_data(intervention, municipality, **overrides):
    return participant_form_data(intervention, municipality, completed_course="unknown", **overrides)


@pytest.fixture
def questions(federation):
    children = SupplementaryQuestion.objects.create(
        federation=federation,
        text="Hemmavarande barn?",
        column="fråga barn",
        answer_kind="yes_no",
        asked_at="enrolment",
        asked_from=date(2024, 1, 1),
    )
    housing = SupplementaryQuestion.objects.create(
        federation=federation,
        text="Boende vid avslut?",
        column="fråga boende",
        answer_kind="choice",
        options="Eget; Hos förälder; Annat",
        asked_at="end",
        asked_from=date(2024, 1, 1),
        asked_until=date(2024, 12, 31),
    )
    return children, housing


def test_the_form_keeps_occupation_with_extent_and_the_federations_own_answers(
    client, office, federation, intervention, habo, questions
):
    children, housing = questions
    client.force_login(office)
    data = form_data(
        intervention,
        habo,
        occupation_start="sick_leave",
        occupation_start_extent="50",
        ended_on="2024-10-01",
        end_reason="work",
        occupation_end="employed",
        occupation_end_extent="75",
        **{children.field_name: "ja", housing.field_name: "Hos förälder"},
    )
    response = client.post(url("participant-new", federation), data)
    assert response.status_code == 302, response.context["form"].errors
    saved = Participant.objects.get(code="ENT-100")
    assert (saved.occupation_start, saved.occupation_start_extent) == ("sick_leave", 50)
    assert (saved.occupation_end, saved.occupation_end_extent) == ("employed", 75)
    assert saved.supplementary_answers == {children.field_name: "ja", housing.field_name: "Hos förälder"}
    edit = client.get(url("participant-edit", federation, pk=saved.pk))
    assert edit.context["form"][housing.field_name].value() == "Hos förälder"
    assert "Hemmavarande barn?" in edit.content.decode()


def test_the_form_refuses_what_the_rules_refuse_with_its_reason(
    client, office, federation, intervention, habo, questions
):
    children, housing = questions
    client.force_login(office)
    data = form_data(
        intervention,
        habo,
        occupation_start_extent="50",
        occupation_end="employed",
        **{housing.field_name: "Eget"},
    )
    response = client.post(url("participant-new", federation), data)
    errors = response.context["form"].errors
    assert errors["occupation_start_extent"] == ["Ange den sysselsättning omfattningen gäller."]
    assert errors["occupation_end"] == ["Sysselsättning vid avslut kräver ett avslutsdatum."]
    assert errors[housing.field_name] == ["Frågan besvaras vid avslut: ange avslutsdatum först."]
    late = form_data(intervention, habo, ended_on="2025-02-01", end_reason="work", **{housing.field_name: "Eget"})
    response = client.post(url("participant-new", federation), late)
    assert response.context["form"].errors[housing.field_name] == [
        "Frågan ställs till dem som avslutas från 2024-01-01 till 2024-12-31."
    ]
    assert not Participant.objects.exists()


HEADER = "insats;kod;kön;födelseår;kommun;inskriven;avslutad;avslutsorsak;sysselsättning start;omfattning start;sysselsättning avslut;fråga barn;fråga boende\n"  # noqa: E501


def test_the_import_reads_occupations_and_the_own_questions_by_the_same_rules(
    federation, intervention, habo, questions
):
    children, housing = questions
    good = (
        HEADER
        + "Enter;ENT-1;K;1990;Habo;2024-02-01;2024-09-30;Arbete;Sjukskriven;50 %;Anställning;Ja;hos förälder\n"
        + "Enter;ENT-2;M;1985;Habo;2024-03-01;;;Arbetssökande;;;nej;\n"
    ).encode()
    result = ParticipantImporter(federation).run(good, "deltagare.csv", save=True)
    assert (result.saved, result.problems) == (True, [])
    first = Participant.objects.get(code="ENT-1")
    assert (first.occupation_start, first.occupation_start_extent, first.occupation_end) == (
        "sick_leave",
        50,
        "employed",
    )
    assert first.supplementary_answers == {children.field_name: "ja", housing.field_name: "Hos förälder"}
    assert Participant.objects.get(code="ENT-2").supplementary_answers == {children.field_name: "nej"}

    bad = (
        HEADER
        + "Enter;ENT-3;K;1990;Habo;2024-02-01;;;Astronaut;;;kanske;Eget\n"
        + "Enter;ENT-4;K;1990;Habo;2024-02-01;2024-05-01;Arbete;;120;;;Slott\n"
    ).encode()
    problems = ParticipantImporter(federation).run(bad, "deltagare.csv", save=False).problems
    assert sorted((problem.row, problem.column) for problem in problems) == [
        (2, "fråga barn"),
        (2, "fråga boende"),
        (2, "sysselsättning start"),
        (3, "fråga boende"),
        (3, "omfattning start"),  # over 100 %
        (3, "omfattning start"),  # and of no occupation
    ]
    by_row = {(problem.row, problem.column): str(problem.message) for problem in problems}
    assert by_row[(2, "fråga boende")] == "Frågan besvaras vid avslut: ange avslutsdatum först."
    assert "Slott" in by_row[(3, "fråga boende")]


def test_a_registration_ended_as_a_mistake_leaves_every_count(office, federation, intervention, habo):
    make_participants(intervention, habo, 3, enrolled_on=date(2024, 2, 1))
    ended = make_participants(intervention, habo, 2, start=10, enrolled_on=date(2024, 2, 1), ended_on=date(2024, 6, 1))
    Participant.objects.filter(pk__in=[p.pk for p in ended]).update(end_reason="work")
    before = (participant_table(federation, 2024).total, intervention_counts(intervention, 2024))
    mistake = Participant.objects.create(
        intervention=intervention,
        code="FEL-1",
        gender="man",
        birth_year=1980,
        municipality=habo,
        enrolled_on=date(2024, 3, 1),
        ended_on=date(2024, 3, 2),
        end_reason="misregistration",
    )
    mistake.full_clean()
    assert (participant_table(federation, 2024).total, intervention_counts(intervention, 2024)) == before
    assert before[0].active == 5
    assert mistake not in [due.participant for due in due_follow_ups(Participant.objects.all(), date(2024, 9, 10))]
    # …but the office still finds it in the list, to correct it.
    assert Participant.objects.visible_to(office, federation).filter(code="FEL-1").exists()


def test_support_after_each_support_before_is_counted_by_gender(federation, intervention, habo):
    women = make_participants(intervention, habo, 3, ended_on=date(2024, 6, 1), end_reason="work")
    man = make_participants(intervention, habo, 1, start=10, gender="man", ended_on=date(2024, 6, 1), end_reason="work")
    supports = [
        (women[0], "start", "sickness_benefit"),
        (women[0], "end", "none"),
        (women[1], "start", "sickness_benefit"),
        (women[1], "end", "none"),
        (women[2], "start", "sickness_benefit"),
        (women[2], "start", "income_support"),
        (women[2], "end", "activity_support"),
        (man[0], "start", "sickness_benefit"),
        (man[0], "end", "none"),
    ]
    ParticipantSupport.objects.bulk_create(
        ParticipantSupport(participant=participant, phase=phase, kind=kind) for participant, phase, kind in supports
    )
    Participant.objects.filter(pk=women[0].pk).update(occupation_start="sick_leave", occupation_end="employed")
    ended = Participant.objects.of_federation(federation).ended_in(2024)
    assert support_transitions(ended) == [
        (("Sjukpenning", "Aktivitetsstöd"), 1, 0),
        (("Sjukpenning", "Ingen offentlig försörjning"), 2, 1),
        (("Försörjningsstöd", "Aktivitetsstöd"), 1, 0),
    ]
    assert occupation_before_and_after(ended) == [("Anställning", 0, 0, 1, 0), ("Sjukskriven", 1, 0, 0, 0)]


def test_the_own_questions_are_counted_among_those_asked(federation, intervention, habo, questions):
    children, housing = questions
    people = make_participants(intervention, habo, 4, enrolled_on=date(2024, 2, 1))
    for person, answer in zip(people, ["ja", "ja", "nej", None], strict=True):
        person.supplementary_answers = {children.field_name: answer} if answer else {}
        person.save()
    everyone = Participant.objects.of_federation(federation)
    tallies = supplementary_answers(federation, everyone.new_in(2024), everyone.ended_in(2024))
    assert [(question.column, answers) for question, answers, _sum in tallies] == [
        ("fråga barn", [("ja", 2), ("nej", 1)]),
        ("fråga boende", [("Eget", 0), ("Hos förälder", 0), ("Annat", 0)]),
    ]


def test_the_waiting_list_counts_who_waits_at_the_years_end_and_forgets_codes_with_the_retention(
    client, office, federation, intervention, habo, members
):
    client.force_login(office)
    data = {
        "intervention": intervention.pk,
        "code": "V-1",
        "gender": "woman",
        "municipality": habo.pk,
        "referred_on": "2024-11-02",
        "referred_by": members["AF"].pk,
    }
    assert client.post(url("referral-new", federation), data).status_code == 302
    closed = {**data, "code": "V-2", "referred_on": "2024-09-01", "closed_on": "2024-10-01", "outcome": "enrolled"}
    assert client.post(url("referral-new", federation), closed).status_code == 302
    late = {**data, "code": "V-3", "referred_on": "2025-01-10"}
    assert client.post(url("referral-new", federation), late).status_code == 302
    backwards = {**data, "code": "V-4", "closed_on": "2024-10-01"}
    errors = client.post(url("referral-new", federation), backwards).context["form"].errors
    assert errors["closed_on"] == ["Man lämnar väntelistan samma dag som remissen eller senare."]
    assert errors["outcome"] == ["Ange om personen skrevs in eller avbröt."]

    assert waiting_at(federation, date(2024, 12, 31)) == [("Enter", 1)]
    assert waiting_at(federation, date(2024, 9, 15)) == [("Enter", 1)]
    page = client.get(url("referral-list", federation) + "?state=waiting").content.decode()
    assert "V-1" in page and "V-3" in page and "V-2" not in page

    anonymise_referrals(federation, date(2024, 12, 1))
    assert set(Referral.objects.values_list("code", flat=True)) >= {"V-1", "V-3"}
    assert not Referral.objects.filter(code="V-2").exists()
    assert not Referral.history.filter(code="V-2").exists()


REFERRALS_HEADER = "insats;kod;kön;kommun;remitterad;remittent;lämnade;resultat\n"


def test_the_waiting_list_is_imported_by_the_registers_own_form_and_again_changes_nothing(
    client, office, federation, intervention, habo, members
):
    from interventions.referral_import import ReferralImporter

    good = (
        REFERRALS_HEADER + "Enter;V-1;K;Habo;2024-10-02;AF;;\n" + "Enter;V-2;M;0643;2024-08-19;FK;2024-09-30;avbröt\n"
    ).encode()
    result = ReferralImporter(federation).run(good, "väntelista.csv", save=True)
    assert (result.saved, result.created, result.problems) == (True, 2, [])
    assert waiting_at(federation, date(2024, 12, 31)) == [("Enter", 1)]
    again = ReferralImporter(federation).run(good, "väntelista.csv", save=True)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert Referral.history.count() == 2

    closing = (REFERRALS_HEADER + "Enter;V-1;K;Habo;2024-10-02;AF;2025-01-08;inskriven\n").encode()
    assert ReferralImporter(federation).run(closing, "väntelista.csv", save=True).updated == 1
    assert Referral.objects.get(code="V-1").outcome == "enrolled"

    bad = (
        REFERRALS_HEADER
        + "Enter;19900101-1234;K;Habo;2024-10-02;;;\n"
        + "Okänd;V-3;X;Stockholm;2024-13-01;;;\n"
        + "Enter;V-4;K;Habo;2024-10-02;;2024-09-01;\n"
    ).encode()
    problems = ReferralImporter(federation).run(bad, "väntelista.csv", save=True).problems
    assert sorted((problem.row, problem.column) for problem in problems) == [
        (2, "kod"),
        (3, "insats"),
        (3, "kommun"),
        (3, "kön"),
        (3, "remitterad"),
        (4, "lämnade"),
        (4, "resultat"),
    ]
    assert Referral.objects.count() == 2  # nothing of the bad file stays

    client.force_login(office)
    page = client.get(url("referral-import", federation))
    assert page.status_code == 200 and "referrals-example.csv" in page.content.decode()


def test_the_waiting_list_asks_the_same_queries_however_long_it_grows(client, office, federation, intervention, habo):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def grow(count, start):
        Referral.objects.bulk_create(
            Referral(
                federation=federation,
                intervention=intervention,
                code=f"V-{start + number}",
                gender="woman",
                municipality=habo,
                referred_on=date(2024, 10, 1),
            )
            for number in range(count)
        )

    client.force_login(office)
    grow(3, 0)
    with CaptureQueriesContext(connection) as few:
        client.get(url("referral-list", federation))
    grow(60, 100)  # past the first page
    with CaptureQueriesContext(connection) as many:
        listed = client.get(url("referral-list", federation))
    assert len(many) == len(few)
    assert listed.context["table"].paginator.count == 63
