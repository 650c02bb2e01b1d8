"""Two people editing the same record: the second to save is stopped with a message,
keeps what they typed, and can save again once they have seen the record."""

from datetime import date

from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext

from federations.models import Person
from reporting.models import AnnualReportText


def form_data(form, **changes):
    """What the browser would post back: the form's fields as shown, with ``changes``."""
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if value is None:
            value = ""
        elif isinstance(value, date):
            value = value.isoformat()
        data[form.add_prefix(name)] = value
    return data | changes


def two_editors(user, url):
    """Two sessions of office staff, each with the form loaded."""
    first, second = Client(), Client()
    for client in (first, second):
        client.force_login(user)
    return (first, first.get(url).context["form"]), (second, second.get(url).context["form"])


def test_the_second_to_save_a_participant_is_stopped_and_keeps_their_input(office, federation, participant):
    url = reverse("interventions:participant-edit", kwargs={"slug": federation.slug, "pk": participant.pk})
    (a, form_a), (b, form_b) = two_editors(office, url)
    assert form_a["version"].value()

    assert a.post(url, form_data(form_a, birth_year=1991)).status_code == 302
    response = b.post(url, form_data(form_b, birth_year=1992, health_start=40))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.non_field_errors().as_data()[0].code == "changed_meanwhile"
    assert (form["birth_year"].value(), form["health_start"].value()) == ("1992", "40")  # still theirs
    participant.refresh_from_db()
    assert participant.birth_year == 1991  # the first save stands

    # Having seen it, the second person saves again, on purpose.
    assert b.post(url, form_data(form)).status_code == 302
    participant.refresh_from_db()
    assert (participant.birth_year, participant.health_start) == (1992, 40)


def test_the_message_names_who_saved_and_when(office, federation, county):
    office.first_name, office.last_name = "Kim", "Kanslist"
    office.save()
    person = Person.objects.create(county=county, name="Anna Andersson")
    url = reverse("federations:person-edit", kwargs={"slug": federation.slug, "pk": person.pk})
    (a, form_a), (b, form_b) = two_editors(office, url)
    a.post(url, form_data(form_a, name="Anna Berg"))
    response = b.post(url, form_data(form_b, name="Anna Carlsson"))
    assert response.status_code == 200
    assert "Kim Kanslist" in str(response.context["form"].non_field_errors())
    person.refresh_from_db()
    assert person.name == "Anna Berg"


def test_ending_a_participation_someone_just_changed(office, federation, participant):
    url = reverse("interventions:participant-end", kwargs={"slug": federation.slug, "pk": participant.pk})
    (a, form_a), (b, form_b) = two_editors(office, url)
    assert a.post(url, form_data(form_a, ended_on="2024-05-31", end_reason="work")).status_code == 302
    response = b.post(url, form_data(form_b, ended_on="2024-06-30", end_reason="illness"))
    assert response.status_code == 200
    participant.refresh_from_db()
    assert (participant.ended_on, participant.end_reason) == (date(2024, 5, 31), "work")


def test_the_report_texts(office, federation):
    AnnualReportText.objects.create(federation=federation, year=2024, foreword="Första")
    url = reverse("reporting:annual-texts", kwargs={"slug": federation.slug}) + "?year=2024"
    (a, form_a), (b, form_b) = two_editors(office, url)
    assert a.post(url, form_data(form_a, foreword="Ordförandens ord")).status_code == 302
    response = b.post(url, form_data(form_b, foreword="Något annat"))
    assert response.status_code == 200
    assert AnnualReportText.objects.get().foreword == "Ordförandens ord"


def test_one_person_saving_twice_is_not_stopped(client, office, federation, participant):
    client.force_login(office)
    url = reverse("interventions:participant-edit", kwargs={"slug": federation.slug, "pk": participant.pk})
    for year in (1991, 1992):
        form = client.get(url).context["form"]
        assert client.post(url, form_data(form, birth_year=year)).status_code == 302
    participant.refresh_from_db()
    assert participant.birth_year == 1992


def test_an_import_updates_without_a_version(federation, participant, office):
    from interventions.importers import ParticipantImporter

    content = "insats;kod;kön;födelseår;kommun;inskriven\nEnter;E-1;K;1993;Habo;2024-02-01\n".encode()
    result = ParticipantImporter(federation, office).run(content, "x.csv", save=True)
    assert result.updated == 1, result.problems
    participant.refresh_from_db()
    assert participant.birth_year == 1993
    assert gettext("Saved %(record)s.")  # the message catalogue is loaded


def test_the_budget_grid_keeps_a_colleagues_change(office, federation, members):
    from decimal import Decimal

    from finances.models import Budget, BudgetLine

    budget = Budget.objects.create(federation=federation, year=2027, scenario="budget", period_end=date(2027, 12, 31))
    office_line = BudgetLine.objects.create(budget=budget, kind="office", amount=Decimal(400000))
    board_line = BudgetLine.objects.create(budget=budget, kind="board", amount=Decimal(50000))
    url = reverse("finances:budget-edit", kwargs={"slug": federation.slug}) + "?year=2027"
    (a, form_a), (b, form_b) = two_editors(office, url)

    def cell(form, kind):
        r = next(r for r, (row, _cells) in enumerate(form.rows) if row.kind == kind)
        return f"cell_{r}_0"

    def posted(form, **changes):
        data = {name: form[name].value() or "" for name in form.fields if not name.startswith("new_")}
        return {name: str(value) for name, value in data.items()} | changes

    assert a.post(url, posted(form_a, **{cell(form_a, "office"): "450000"})).status_code == 302
    # B changed only the board's line; without the version their page would put the office back at 400 000.
    response = b.post(url, posted(form_b, **{cell(form_b, "board"): "60000"}))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors().as_data()[0].code == "changed_meanwhile"
    office_line.refresh_from_db()
    board_line.refresh_from_db()
    assert (office_line.amount, board_line.amount) == (Decimal(450000), Decimal(50000))


def test_a_goal_assessment_someone_just_changed(office, federation, intervention):
    from interventions.models import Goal, GoalAssessment

    goal = Goal.objects.create(federation=federation, intervention=intervention, text="35 % till arbete")
    GoalAssessment.objects.create(goal=goal, year=2024, status="partly_met", comment="")
    url = reverse("interventions:goal-assess", kwargs={"slug": federation.slug, "pk": intervention.pk}) + "?year=2024"
    first, second = Client(), Client()
    for client in (first, second):
        client.force_login(office)
    form_a, form_b = (client.get(url).context["rows"][0][1] for client in (first, second))
    assert first.post(url, form_data(form_a, **{form_a.add_prefix("status"): "met"})).status_code == 302
    response = second.post(url, form_data(form_b, **{form_b.add_prefix("comment"): "Nästan"}))
    assert response.status_code == 200
    assessment = GoalAssessment.objects.get()
    assert (assessment.status, assessment.comment) == ("met", "")


def test_two_colleagues_writing_the_interim_texts_the_second_is_stopped(office, federation):
    from reporting.models import InterimReportText

    url = reverse("reporting:interim-texts", kwargs={"slug": federation.slug}) + "?year=2024"
    InterimReportText.objects.create(federation=federation, year=2024, summary="Första utkastet.")
    (a, form_a), (b, form_b) = two_editors(office, url)
    assert a.post(url, form_data(form_a, summary="A:s sammanfattning.")).status_code == 302
    response = b.post(url, form_data(form_b, summary="B:s sammanfattning."))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors().as_data()[0].code == "changed_meanwhile"
    assert InterimReportText.objects.get().summary == "A:s sammanfattning."


def test_two_colleagues_entering_the_same_survey_row_the_second_is_stopped(office, federation, intervention):
    from interventions.models import SurveyQuestion, SurveyResult

    question = SurveyQuestion.objects.create(number=5, text="Fråga")
    SurveyResult.objects.create(
        federation=federation, year=2024, intervention=intervention, question=question, completely=1
    )
    url = reverse("interventions:survey-edit", kwargs={"slug": federation.slug}) + "?year=2024"
    first, second = Client(), Client()
    for client in (first, second):
        client.force_login(office)
    formset_a, formset_b = first.get(url).context["formset"], second.get(url).context["formset"]

    def posted(formset, completely):
        data = {f"form-{key}": value for key, value in formset.management_form.initial.items()}
        data |= {"form-TOTAL_FORMS": "1"}
        return data | form_data(formset.forms[0], **{"form-0-completely": str(completely)})

    assert first.post(url, posted(formset_a, 4)).status_code == 302
    response = second.post(url, posted(formset_b, 9))
    assert response.status_code == 200
    assert SurveyResult.objects.get().completely == 4
