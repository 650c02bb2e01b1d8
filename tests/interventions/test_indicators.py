"""The indicator survey as the national survey reports it (issue 31, part 5): indicators
built from several questions, each beside the national average, "N of the indicators above
it", the trend against earlier years, the referrers as a respondent group, and the
measurement year November–October beside the calendar year."""

from datetime import date
from decimal import Decimal

import pytest

from interventions.figures import indicator_summary, indicator_table
from interventions.models import Indicator, NationalAverage, Participant, RespondentGroup, SurveyAnswer, SurveyQuestion
from interventions.survey_import import SurveyImporter

HEADER = (
    "insats;år;grupp;fråga;frågetext;indikator;helt och hållet;till mycket stor del;till stor del;"
    "till viss del;till liten del;inte alls;andel klart positivt\n"
)
# Two indicators over four questions of four respondent groups, in two years.
EXPORT = [
    "Enter;2024;Avslutade deltagare;5;Har stödet hjälpt dig?;1. Deltagarens egenmakt;6;4;3;2;0;0;",  # 10 of 15: 67 %
    "Enter;2024;Remittenter;1;Har stödet fört hen närmare arbete?;1;3;3;2;2;0;0;",  # 6 of 10: 60 %
    "Enter;2024;Personal;1;Har insatsen resurser?;2. Samverkan i insatsen;2;2;4;2;0;0;",  # 4 of 10: 40 %
    "Förbundet;2024;Styrelse;1;Samverkar medlemmarna bättre?;2;5;3;2;0;0;0;",  # 8 of 10: 80 %
    "Enter;2023;Avslutade deltagare;5;;1;2;3;3;2;0;0;",  # 5 of 10: 50 %
    "Enter;2023;Remittenter;1;;;2;2;3;3;0;0;",  # 4 of 10: 40 %
    "Riket;2024;Avslutade deltagare;5;;;;;;;;;58",
    "Riket;2024;Remittenter;1;;;;;;;;;61",
    "Riket;2024;Personal;1;;;;;;;;;45",
    "Riket;2024;Styrelse;1;;;;;;;;;70",
]


def export(*rows):
    return (HEADER + "\n".join(rows) + "\n").encode()


@pytest.fixture
def imported(federation, intervention):
    result = SurveyImporter(federation).run(export(*EXPORT), "indikatorer.csv", save=True)
    assert (result.problems, result.saved) == ([], True)


def test_the_export_names_each_questions_indicator_and_the_referrers_answer_too(imported):
    indicators = {
        indicator.name: sorted((question.group, question.number) for question in indicator.questions.all())
        for indicator in Indicator.objects.all()
    }
    assert indicators == {
        "Deltagarens egenmakt": [("ended_participants", 5), ("referrers", 1)],
        "Samverkan i insatsen": [("board", 1), ("staff", 1)],
    }


def test_an_indicator_is_the_mean_of_its_questions_beside_the_mean_of_their_national_averages(
    federation, imported, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4 * 3 + 2):  # at most four a year, two for the indicators
        summary = indicator_summary(federation, 2024)
    assert summary.years == [2022, 2023, 2024]
    rows = [(value.indicator.name, value.trend, value.national, value.compared) for value in summary.values]
    assert rows == [
        ("Deltagarens egenmakt", [None, 45, 64], Decimal("59.5"), "above"),  # (50+40)/2, (67+60)/2 rounded half up
        ("Samverkan i insatsen", [None, None, 60], Decimal("57.5"), "above"),  # (40+80)/2
    ]
    assert (summary.above, summary.compared) == (2, 2)
    assert summary.measured == (date(2023, 11, 1), date(2024, 10, 31))


def test_without_every_questions_national_average_an_indicator_is_not_compared(federation, imported):
    NationalAverage.objects.get(year=2024, question__group=RespondentGroup.BOARD).delete()
    values = {value.indicator.number: value for value in indicator_summary(federation, 2024).values}
    assert (values[2].national, values[2].compared) == (None, "")
    assert indicator_summary(federation, 2024).compared == 1


def test_a_withheld_question_withholds_its_indicator(federation, intervention):
    SurveyImporter(federation).run(
        export(
            "Enter;2024;Personal;1;Har insatsen resurser?;2. Samverkan i insatsen;2;1;0;0;0;0;",  # 3 answers: small
            "Förbundet;2024;Styrelse;1;Samverkar medlemmarna bättre?;2;5;3;2;0;0;0;",
        ),
        "indikatorer.csv",
        save=True,
    )
    [value] = indicator_summary(federation, 2024).values
    assert value.percent == 90  # (100 + 80) / 2 in the office
    [protected] = indicator_summary(federation, 2024).protected().values
    assert str(protected.percent) == "x"  # else the board's 80 % would give the staff's away


def test_a_new_indicator_needs_its_name_and_a_wrong_one_stops_the_file(federation, intervention):
    result = SurveyImporter(federation).run(
        export("Enter;2024;Personal;1;Har insatsen resurser?;7;2;2;4;2;0;0;"), "indikatorer.csv", save=True
    )
    assert [(problem.column, problem.message) for problem in result.problems] == [
        ("indikator", "indikator 7 är ny: ange dess namn")
    ]
    assert not result.saved and not Indicator.objects.exists() and not SurveyQuestion.objects.exists()


def test_answers_kept_with_participants_count_in_the_measurement_year(federation, intervention, habo):
    question = SurveyQuestion.objects.create(group=RespondentGroup.ENDED_PARTICIPANTS, number=5, text="Hjälpte stödet?")
    for code, ended_on in [("E-1", date(2024, 10, 31)), ("E-2", date(2024, 11, 1))]:
        participant = Participant.objects.create(
            intervention=intervention,
            code=code,
            gender="woman",
            birth_year=1990,
            municipality=habo,
            enrolled_on=date(2024, 2, 1),
            ended_on=ended_on,
            end_reason="work",
        )
        SurveyAnswer.objects.create(participant=participant, question=question, answer=6)
    # The calendar year 2024 holds both; the survey of 2024 the first, that of 2025 the second.
    assert [row.respondents for row in indicator_table(federation, 2024)[intervention.pk]] == [1]
    assert [row.respondents for row in indicator_table(federation, 2025)[intervention.pk]] == [1]


def test_the_example_file_on_the_import_page_imports(federation, intervention):
    from django.conf import settings

    content = (settings.BASE_DIR / "static" / "import" / "survey-example.csv").read_bytes()
    result = SurveyImporter(federation).run(content, "survey-example.csv", save=True)
    assert (result.problems, result.saved) == ([], True)
    assert [value.indicator.number for value in indicator_summary(federation, 2024).values] == [1, 2, 3, 4]
