import csv
import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from finsam.locking import version_of
from interventions.models import Participant, SurveyAnswer, SurveyQuestion
from tests.conftest import make_participants


def url(name, federation, **kwargs):
    return reverse(f"interventions:{name}", kwargs={"slug": federation.slug, **kwargs})


def form_data(intervention, municipality, **overrides):
    return {
        "intervention": intervention.pk,
        "code": "ENT-100",
        "gender": "woman",
        "birth_year": "1990",
        "municipality": municipality.pk,
        "enrolled_on": "2024-03-01",
        "able_to_work_at_end": "unknown",
        **overrides,
    }


def test_office_staff_add_a_participant_with_support_and_answers(client, office, federation, intervention, habo):
    question = SurveyQuestion.objects.create(number=5, text="Har det stöd du fått hjälpt dig?")
    client.force_login(office)
    data = form_data(
        intervention,
        habo,
        ended_on="2024-10-01",
        end_reason="work",
        support_at_start=["sickness_benefit", "income_support"],
        support_at_end=["none"],
        answer_5="6",
    )
    response = client.post(url("participant-new", federation), data)
    assert response.status_code == 302
    participant = Participant.objects.get(code="ENT-100")
    assert sorted(participant.supports.values_list("phase", "kind")) == [
        ("end", "none"),
        ("start", "income_support"),
        ("start", "sickness_benefit"),
    ]
    assert SurveyAnswer.objects.get(participant=participant, question=question).answer == 6
    assert participant.history.get().history_user == office


def test_a_refused_participant_saves_nothing_and_says_why(client, office, federation, intervention, habo):
    client.force_login(office)
    response = client.post(
        url("participant-new", federation),
        form_data(intervention, habo, code="19900101-1234", support_at_start=["sickness_benefit"]),
    )
    assert response.status_code == 200
    assert "personnummer" in str(response.context["form"].errors["code"])
    assert not Participant.objects.exists()


def test_survey_answers_need_an_end(client, office, federation, intervention, habo):
    SurveyQuestion.objects.create(number=5, text="Fråga")
    client.force_login(office)
    response = client.post(url("participant-new", federation), form_data(intervention, habo, answer_5="6"))
    assert response.context["form"].non_field_errors()
    assert not Participant.objects.exists()


def test_end_participation(client, office, federation, intervention, habo, spar):
    participant = Participant.objects.create(
        intervention=intervention,
        code="E-1",
        gender="man",
        birth_year=1980,
        municipality=habo,
        enrolled_on=date(2024, 2, 1),
    )
    client.force_login(office)
    # The page says whose participation it ends: a code may come back in another period.
    page = client.get(url("participant-end", federation, pk=participant.pk)).content.decode()
    assert "<h1>Avsluta deltagande: E-1 i Enter, inskriven 1 februari 2024</h1>" in page
    response = client.post(
        url("participant-end", federation, pk=participant.pk),
        {
            "ended_on": "2024-11-30",
            "end_class": spar.pk,
            "able_to_work_at_end": "true",
            "version": version_of(participant),
        },
    )
    assert response.status_code == 302
    participant.refresh_from_db()
    # The end class gives the standard reason.
    assert (participant.ended_on, participant.end_reason, participant.able_to_work_at_end) == (
        date(2024, 11, 30),
        "work_rehabilitation",
        True,
    )
    history = client.get(url("participant-history", federation, pk=participant.pk))
    latest, created = history.context["changes"]
    assert latest["record"].history_user == office
    assert {change.field for change in latest["changes"]} == {
        "ended_on",
        "end_reason",
        "end_class",
        "able_to_work_at_end",
    }
    assert created["record"].history_type == "+"


def test_ending_needs_a_date(client, office, federation, intervention, habo):
    [participant] = make_participants(intervention, habo, 1)
    client.force_login(office)
    response = client.post(url("participant-end", federation, pk=participant.pk), {"end_reason": "work"})
    assert "ended_on" in response.context["form"].errors
    participant.refresh_from_db()
    assert participant.ended_on is None


class TestInterventionStaff:
    def test_they_see_only_their_interventions_participants(
        self, client, assigned_staff, federation, intervention, other_intervention, habo
    ):
        make_participants(intervention, habo, 2)
        make_participants(other_intervention, habo, 3, start=100)
        client.force_login(assigned_staff)
        rows = client.get(url("participant-list", federation)).context["table"].rows
        assert {row.record.intervention for row in rows} == {intervention}

    def test_they_cannot_reach_another_interventions_participant(
        self, client, assigned_staff, federation, other_intervention, habo
    ):
        [other] = make_participants(other_intervention, habo, 1)
        client.force_login(assigned_staff)
        for name in ("participant-edit", "participant-end", "participant-history"):
            assert client.get(url(name, federation, pk=other.pk)).status_code == 404
        assert client.get(url("detail", federation, pk=other_intervention.pk)).status_code == 404

    def test_they_cannot_add_a_participant_to_another_intervention(
        self, client, assigned_staff, federation, other_intervention, habo
    ):
        client.force_login(assigned_staff)
        response = client.post(url("participant-new", federation), form_data(other_intervention, habo))
        assert "intervention" in response.context["form"].errors
        assert not Participant.objects.exists()

    def test_they_add_and_end_in_their_own(self, client, assigned_staff, federation, intervention, habo):
        client.force_login(assigned_staff)
        assert client.post(url("participant-new", federation), form_data(intervention, habo)).status_code == 302
        participant = Participant.objects.get()
        response = client.post(
            url("participant-end", federation, pk=participant.pk),
            {
                "ended_on": "2024-12-01",
                "end_reason": "studies",
                "able_to_work_at_end": "unknown",
                "version": version_of(participant),
            },
        )
        assert response.status_code == 302

    def test_they_cannot_import(self, client, assigned_staff, federation):
        client.force_login(assigned_staff)
        assert client.get(url("participant-import", federation)).status_code == 403


@pytest.mark.parametrize("role", ["board_member", "auditor"])
def test_readers_do_not_see_participant_rows(client, request, federation, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(url("participant-list", federation)).status_code == 403


def test_a_user_of_another_federation_gets_not_found(client, other_office, federation, intervention, habo):
    [participant] = make_participants(intervention, habo, 1)
    client.force_login(other_office)
    assert client.get(url("participant-edit", federation, pk=participant.pk)).status_code == 404
    # Nor under their own federation's address.
    other = other_office.finsam_roles.get().federation
    assert client.get(url("participant-edit", other, pk=participant.pk)).status_code == 404


def test_the_list_filters_and_exports_the_filtered_rows(client, office, federation, intervention, habo):
    make_participants(intervention, habo, 3)
    make_participants(intervention, habo, 2, start=10, gender="man", birth_year=2000)
    make_participants(
        intervention, habo, 1, start=20, enrolled_on=date(2022, 1, 1), ended_on=date(2022, 6, 1), end_reason="illness"
    )
    client.force_login(office)
    rows = client.get(url("participant-list", federation), {"gender": "man"}).context["table"].rows
    assert len(rows) == 2
    rows = client.get(url("participant-list", federation), {"year": 2024}).context["table"].rows
    assert len(rows) == 5
    rows = client.get(url("participant-list", federation), {"age_band": "20-24"}).context["table"].rows
    assert {row.record.birth_year for row in rows} == {2000}
    rows = client.get(url("participant-list", federation), {"status": "ended"}).context["table"].rows
    assert [row.record.end_reason for row in rows] == ["illness"]
    export = client.get(url("participant-list", federation), {"gender": "man", "_export": "csv"})
    lines = list(csv.reader(io.StringIO(export.content.decode())))
    assert len(lines) == 3 and {line[0] for line in lines[1:]} == {"P-00010", "P-00011"}


def queries(client, path, params=None):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path, params or {}).status_code == 200
    return len(captured)


@pytest.mark.parametrize("page", ["participant-list", "detail", "list"])
def test_pages_run_the_same_queries_from_10_to_1000_participants(client, office, federation, intervention, habo, page):
    SurveyQuestion.objects.create(number=5, text="Fråga")
    client.force_login(office)
    path = url(page, federation, pk=intervention.pk) if page == "detail" else url(page, federation)
    make_participants(intervention, habo, 10, ended_on=date(2024, 9, 1), end_reason="work")
    few = queries(client, path, {"year": 2024})
    make_participants(intervention, habo, 990, start=10, ended_on=date(2024, 9, 1), end_reason="illness", gender="man")
    assert queries(client, path, {"year": 2024}) == few


def test_the_participant_list_counts_its_rows_once(client, office, federation, intervention, habo):
    make_participants(intervention, habo, 120)
    client.force_login(office)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url("participant-list", federation))
    counts = [query["sql"] for query in captured if "COUNT(" in query["sql"].upper()]
    assert len(counts) == 1
    table = response.context["table"]
    assert (len(table.page.object_list), table.page.paginator.count) == (50, 120)


def test_an_empty_choice_says_what_it_means(client, office, federation, intervention):
    """Not Django's dashes: "Alla" in a filter, "Välj …" in a form."""
    client.force_login(office)
    listing = client.get(url("participant-list", federation)).content.decode()
    form = client.get(url("participant-new", federation)).content.decode()
    assert "---------" not in listing and '<option value="" selected>Alla</option>' in listing
    assert "---------" not in form and '<option value="" selected>Välj …</option>' in form


def test_the_list_says_how_many_rows_and_when_the_filter_matches_nothing(
    client, office, federation, intervention, habo
):
    make_participants(intervention, habo, 3)
    client.force_login(office)
    listing = client.get(url("participant-list", federation)).content.decode()
    assert "3 rader" in listing
    filtered = client.get(url("participant-list", federation), {"code": "P-00001"}).content.decode()
    assert "1 rad matchar filtret" in filtered
    nothing = client.get(url("participant-list", federation), {"code": "finns-inte"}).content.decode()
    assert "Inget matchar filtret." in nothing and "Lägg till den första" not in nothing


@pytest.mark.parametrize("few_matches", [500, 2])
def test_a_code_search_finds_the_same_participants_whether_few_or_many_match(
    client, office, federation, intervention, habo, few_matches, monkeypatch
):
    """A search matching few codes reads their ids first (ParticipantFilter.filter_code);
    one matching more keeps the plain condition: the same rows, in the same order."""
    from interventions.filters import ParticipantFilter

    monkeypatch.setattr(ParticipantFilter, "FEW_MATCHES", few_matches)
    make_participants(intervention, habo, 12)
    client.force_login(office)
    response = client.get(url("participant-list", federation), {"code": "p-0000", "sort": "code"})
    codes = [row.record.code for row in response.context["table"].page.object_list]
    assert codes == [f"P-{n:05d}" for n in range(10)]
    response = client.get(url("participant-list", federation), {"code": "0001", "sort": "-code"})
    assert [row.record.code for row in response.context["table"].page.object_list] == ["P-00011", "P-00010", "P-00001"]


def test_the_list_writes_dates_as_the_date_filter_and_exports_them_in_iso(
    client, office, federation, intervention, habo
):
    """federations.tables.DateColumn: the page's dates as Django's date filter writes them
    (the locale's short format), the export's as ISO dates; an empty date shows the dash."""
    from django.template import Context, Template

    make_participants(intervention, habo, 1, enrolled_on=date(2024, 2, 1))
    client.force_login(office)
    row = client.get(url("participant-list", federation)).context["table"].rows[0]
    written = Template('{{ day|date:"SHORT_DATE_FORMAT" }}').render(Context({"day": date(2024, 2, 1)}))
    assert row.get_cell("enrolled_on") == written
    assert row.get_cell("ended_on") == row.table.columns["ended_on"].default
    export = client.get(url("participant-list", federation), {"_export": "csv"}).content.decode()
    header, line = list(csv.reader(io.StringIO(export)))[:2]
    assert line[header.index("Inskriven")] == "2024-02-01"
