"""The national indicator survey: answers by intervention and respondent group, typed in or
imported from the survey's export, compared with the national average."""

from decimal import Decimal

import pytest
from django.urls import reverse

from federations.models import ImportBatch
from interventions.figures import indicator_table
from interventions.models import NationalAverage, RespondentGroup, SurveyQuestion, SurveyResult
from interventions.survey_import import SurveyImporter

HEADER = (
    "insats;år;grupp;fråga;frågetext;helt och hållet;till mycket stor del;till stor del;till viss del;"
    "till liten del;inte alls;andel klart positivt\n"
)
EXPORT = [
    "Enter;2024;Avslutade deltagare;5;;6;5;3;2;1;0;65",
    "Enter;2024;Personal;1;Har insatsen de resurser den behöver?;1;1;4;0;0;0;",
    "Förbundet;2024;Styrelse;1;Fungerar samverkan väl?;3;4;2;0;0;0;",
    "Riket;2024;Avslutade deltagare;5;;;;;;;;58",
    "Riket;2024;Personal;1;;;;;;;;45,5",
]


def export(*rows):
    return (HEADER + "\n".join(rows) + "\n").encode()


@pytest.fixture
def question_5(db):
    return SurveyQuestion.objects.create(
        group=RespondentGroup.ENDED_PARTICIPANTS,
        number=5,
        text="Har det stöd du fått hjälpt dig att utveckla sätt att hantera din situation?",
    )


def test_the_export_is_stored_per_intervention_group_and_question(federation, intervention, question_5):
    result = SurveyImporter(federation).run(export(*EXPORT), "indikatorer.csv", save=True)
    assert (result.problems, result.saved, result.created) == ([], True, 5)
    enter = SurveyResult.objects.get(intervention=intervention, question=question_5)
    assert (enter.respondents, enter.clearly_positive) == (17, 11)
    staff_question = SurveyQuestion.objects.get(group=RespondentGroup.STAFF, number=1)
    assert staff_question.text == "Har insatsen de resurser den behöver?"
    assert NationalAverage.objects.get(question=staff_question, year=2024).percent == Decimal("45.5")
    rows = indicator_table(federation, 2024, [intervention])[intervention.pk]
    assert [(row.question.number, row.percent, row.national, row.compared) for row in rows] == [
        (5, 65, Decimal("58.0"), "above"),  # 11 of 17 clearly positive
        (1, 33, Decimal("45.5"), "below"),
    ]
    [board] = indicator_table(federation, 2024)[None]
    assert (board.group, board.percent, board.national) == ("Styrelse", 78, None)


def test_importing_the_same_export_again_changes_nothing(federation, intervention, question_5):
    SurveyImporter(federation).run(export(*EXPORT), "indikatorer.csv", save=True)
    history = SurveyResult.history.count() + NationalAverage.history.count()
    again = SurveyImporter(federation).run(export(*EXPORT), "indikatorer.csv", save=True)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 5)
    assert SurveyResult.history.count() + NationalAverage.history.count() == history
    corrected = SurveyImporter(federation).run(
        export(EXPORT[0].replace(";6;5;3;2;1;0;65", ";7;5;3;2;1;0;")), "indikatorer.csv", save=True
    )
    assert (corrected.created, corrected.updated) == (0, 1)
    assert SurveyResult.objects.get(question=question_5).completely == 7


@pytest.mark.parametrize(
    ("row", "column"),
    [
        ("Okänd;2024;Avslutade deltagare;5;;1;1;1;1;1;1;", "insats"),
        ("Enter;2024;Chefer;5;;1;1;1;1;1;1;", "grupp"),
        ("Enter;tjugo;Avslutade deltagare;5;;1;1;1;1;1;1;", "år"),
        ("Enter;2024;Avslutade deltagare;9;;1;1;1;1;1;1;", "frågetext"),
        ("Enter;2024;Avslutade deltagare;5;;1;1;1;1;1;x;", "inte alls"),
        ("Enter;2024;Avslutade deltagare;5;;0;0;0;0;0;0;", "rad"),
        ("Enter;2024;Avslutade deltagare;5;;6;5;3;2;1;0;80", "andel klart positivt"),
        ("Riket;2024;Avslutade deltagare;5;;;;;;;;", "andel klart positivt"),
        ("Riket;2024;Avslutade deltagare;5;;;;;;;;120", "andel klart positivt"),
    ],
)
def test_a_wrong_row_stops_the_whole_file(federation, intervention, question_5, row, column):
    result = SurveyImporter(federation).run(
        export("Enter;2024;Personal;2;Ny fråga?;1;1;1;1;1;1;", row), "indikatorer.csv", save=True
    )
    assert not result.saved
    assert [problem.column for problem in result.problems] == [column]
    assert not SurveyResult.objects.exists()
    assert not NationalAverage.objects.exists()
    # the new question of the first row is not left behind either
    assert not SurveyQuestion.objects.filter(group=RespondentGroup.STAFF).exists()


def test_another_federations_intervention_is_refused(federation, other_federation, intervention, question_5):
    result = SurveyImporter(other_federation).run(export(EXPORT[0]), "indikatorer.csv", save=True)
    assert [problem.column for problem in result.problems] == ["insats"]
    assert not SurveyResult.objects.exists()


def test_the_survey_page_compares_with_the_national_average(client, office, federation, intervention, question_5):
    SurveyImporter(federation).run(export(*EXPORT), "indikatorer.csv", save=True)
    client.force_login(office)
    page = client.get(reverse("interventions:survey", kwargs={"slug": federation.slug}) + "?year=2024")
    html = page.content.decode()
    assert "över riksgenomsnittet" in html and "under riksgenomsnittet" in html
    assert "Förbundet som helhet" in html
    detail = client.get(
        reverse("interventions:detail", kwargs={"slug": federation.slug, "pk": intervention.pk}) + "?year=2024"
    )
    assert "över riksgenomsnittet" in detail.content.decode()


def test_the_answers_can_be_typed_in_by_office_staff_only(
    client, office, board_member, federation, intervention, question_5
):
    url = reverse("interventions:survey-edit", kwargs={"slug": federation.slug}) + "?year=2024"
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "0",
        "form-0-intervention": intervention.pk,
        "form-0-question": question_5.pk,
        "form-0-completely": "2",
        "form-0-very_large_extent": "1",
        "form-0-large_extent": "1",
        "form-0-some_extent": "0",
        "form-0-small_extent": "0",
        "form-0-not_at_all": "0",
    }
    client.force_login(board_member)
    assert client.post(url, data).status_code == 403
    client.force_login(office)
    assert (
        client.post(
            url, data | {"form-0-completely": "0", "form-0-very_large_extent": "0", "form-0-large_extent": "0"}
        ).status_code
        == 200
    )
    assert not SurveyResult.objects.exists()
    assert client.post(url, data).status_code == 302
    result = SurveyResult.objects.get()
    assert (result.year, result.federation, result.respondents, result.clearly_positive) == (2024, federation, 4, 3)


def test_the_survey_import_runs_through_the_check_and_confirm_pages(
    client, office, federation, intervention, question_5
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(office)
    upload = client.post(
        reverse("interventions:survey-import", kwargs={"slug": federation.slug}),
        {"file": SimpleUploadedFile("indikatorer.csv", export(*EXPORT))},
    )
    batch = ImportBatch.objects.get(kind=ImportBatch.Kind.SURVEY)
    assert upload.url.endswith(f"/survey/import/{batch.pk}/")
    assert not SurveyResult.objects.exists()  # checked, not saved
    client.post(upload.url)
    assert SurveyResult.objects.count() == 3
    assert NationalAverage.objects.count() == 2


def test_the_command_imports_the_export(tmp_path, federation, intervention, question_5):
    from django.core.management import CommandError, call_command

    path = tmp_path / "indikatorer.csv"
    path.write_bytes(export(EXPORT[0].replace(";65", ";90")))
    with pytest.raises(CommandError):
        call_command("import_survey", str(path), federation=federation.slug)
    path.write_bytes(export(*EXPORT))
    call_command("import_survey", str(path), federation=federation.slug)
    assert SurveyResult.objects.count() == 3


def test_answers_kept_on_ended_participants_count_where_the_survey_is_not_entered(
    federation, intervention, habo, question_5, django_assert_max_num_queries
):
    from datetime import date

    from interventions.models import Participant, SurveyAnswer

    for number, answer in enumerate([6, 5, 2], start=1):
        participant = Participant.objects.create(
            intervention=intervention,
            code=f"E-{number}",
            gender="woman",
            birth_year=1990,
            municipality=habo,
            enrolled_on=date(2024, 2, 1),
            ended_on=date(2024, 10, 1),
            end_reason="work",
        )
        SurveyAnswer.objects.create(participant=participant, question=question_5, answer=answer)
    NationalAverage.objects.create(year=2024, question=question_5, percent=Decimal("70"))
    with django_assert_max_num_queries(4):
        [row] = indicator_table(federation, 2024, [intervention])[intervention.pk]
    assert (row.respondents, row.percent, row.compared) == (3, 67, "below")
    # the survey's own figures, once entered, take the question's place
    SurveyImporter(federation).run(export(EXPORT[0]), "indikatorer.csv", save=True)
    [row] = indicator_table(federation, 2024, [intervention])[intervention.pk]
    assert (row.respondents, row.percent) == (17, 65)
