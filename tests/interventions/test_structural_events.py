"""The structural interventions' events (issue 30): recorded with who came from which member,
counted into the annual report's structural work, the deck and Uppföljning Finsam."""

from datetime import date

import pytest
from django.urls import reverse

from interventions.models import EventAttendance, Funding, Intervention, StructuralEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(federation, members):
    network = Intervention.objects.create(
        county=federation.county, name="Nätverket", kind="structural", starts_on=date(2024, 1, 1)
    )
    Funding.objects.create(intervention=network, federation=federation)
    return network


def event_data(intervention, **changes):
    return {
        "intervention": intervention.pk,
        "held_on": "2024-05-02",
        "kind": "network_meeting",
        "title": "Nätverksträff",
        "hours": "3",
        "attendances-TOTAL_FORMS": "2",
        "attendances-INITIAL_FORMS": "0",
        **changes,
    }


def test_the_office_records_an_event_with_who_came_all_or_nothing(client, office, federation, members, network):
    client.force_login(office)
    url = reverse("interventions:structuralevent-new", kwargs={"slug": federation.slug})
    nobody = client.post(url, event_data(network))
    assert nobody.status_code == 200 and not StructuralEvent.objects.exists()  # how many came?
    bad_row = client.post(
        url, event_data(network, **{"attendances-0-organisation": members["FK"].pk, "attendances-0-attendees": "0"})
    )
    assert bad_row.status_code == 200 and not StructuralEvent.objects.exists()

    saved = client.post(
        url,
        event_data(
            network,
            **{
                "attendances-0-organisation": members["FK"].pk,
                "attendances-0-attendees": "4",
                "attendances-1-organisation": members["Habo"].pk,
                "attendances-1-attendees": "7",
            },
        ),
    )
    assert saved.status_code == 302
    event = StructuralEvent.objects.get()
    assert (event.federation, sum(row.attendees for row in event.attendances.all())) == (federation, 11)
    assert event.history.get().history_user == office
    listed = client.get(reverse("interventions:structuralevent-list", kwargs={"slug": federation.slug}))
    assert "Nätverksträff" in listed.content.decode()


def test_only_the_federations_structural_interventions_have_events(
    client, office, federation, other_federation, members, network, intervention
):
    client.force_login(office)
    url = reverse("interventions:structuralevent-new", kwargs={"slug": federation.slug})
    rows = {"attendances-0-attendees": "5"}
    individual = client.post(url, event_data(intervention, **rows))  # Enter: its participants are kept one by one
    assert "intervention" in individual.context["form"].errors
    elsewhere = Intervention.objects.create(
        county=federation.county, name="Grannens nätverk", kind="structural", starts_on=date(2024, 1, 1)
    )
    Funding.objects.create(intervention=elsewhere, federation=other_federation)
    assert "intervention" in client.post(url, event_data(elsewhere, **rows)).context["form"].errors
    assert not StructuralEvent.objects.exists()


def test_the_annual_report_counts_the_events_of_the_year(federation, members, network):
    from reporting.annual import annual_report

    for day, came in ((date(2024, 3, 1), 12), (date(2024, 9, 1), 8), (date(2023, 9, 1), 30)):
        event = StructuralEvent.objects.create(
            federation=federation, intervention=network, held_on=day, kind="network_meeting", hours=3
        )
        EventAttendance.objects.create(event=event, attendees=came)
    report = annual_report(federation, 2024)
    line = next(line for line in report.structural if line.intervention == network)
    assert (line.attendance.events, line.attendance.attendees) == (2, 20)
    assert [(label, attendance.events, attendance.attendees) for label, attendance in report.structural_events] == [
        ("Nätverksträff", 2, 20)
    ]


HEADER = "insats;datum;typ;titel;timmar;organisation;deltagare\n"
FILE = (
    "Nätverket;2024-04-18;nätverksträff;Om unga vuxna;3;Habo;6\n"
    "Nätverket;2024-04-18;nätverksträff;Om unga vuxna;3;FK;2\n"
    "Nätverket;2024-04-18;nätverksträff;Om unga vuxna;3;;1\n"
    "Nätverket;2024-10-02;utbildning;SKAPA steg 1;6;Habo;9\n"
)


def run(federation, rows, save=True):
    from interventions.event_import import EventImporter

    return EventImporter(federation).run((HEADER + rows).encode(), "aktiviteter.csv", save=save)


def test_events_come_in_from_a_file_and_again_change_nothing(federation, members, network):
    checked = run(federation, FILE, save=False)
    assert (checked.problems, checked.created) == ([], 4) and not StructuralEvent.objects.exists()
    assert run(federation, FILE).saved
    meeting = StructuralEvent.objects.get(kind="network_meeting")
    assert sorted((str(row.organisation or ""), row.attendees) for row in meeting.attendances.all()) == [
        ("", 1),
        ("Försäkringskassan", 2),
        ("Habo kommun", 6),
    ]
    history = StructuralEvent.history.count() + EventAttendance.history.count()
    again = run(federation, FILE)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)
    assert StructuralEvent.history.count() + EventAttendance.history.count() == history


def test_every_problem_of_a_row_at_once_and_nothing_saved(federation, members, network, intervention):
    bad = run(
        federation,
        FILE + "Enter;2024-13-01;fest;;x;Okänd;noll\n",
    )
    assert not bad.saved and not StructuralEvent.objects.exists()
    assert {(problem.row, problem.column) for problem in bad.problems} == {
        (6, "insats"),  # Enter is individual-oriented
        (6, "datum"),
        (6, "typ"),
        (6, "timmar"),
        (6, "organisation"),
        (6, "deltagare"),
    }
    zero = run(federation, "Nätverket;2024-04-18;nätverksträff;;3;Habo;0\n")
    assert [(problem.row, problem.column) for problem in zero.problems] == [(2, "deltagare")]


def test_the_events_list_runs_the_same_queries_whatever_its_length(client, office, federation, members, network):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def grow(count):
        for number in range(count):
            event = StructuralEvent.objects.create(
                federation=federation, intervention=network, held_on=date(2024, 1, 1), kind="course", hours=2
            )
            EventAttendance.objects.create(event=event, organisation=members["FK"], attendees=number + 1)
            EventAttendance.objects.create(event=event, attendees=1)

    client.force_login(office)
    url = reverse("interventions:structuralevent-list", kwargs={"slug": federation.slug})
    grow(3)
    with CaptureQueriesContext(connection) as few:
        first = client.get(url)
    listed = sorted(row.record.attendee_count for row in first.context["table"].rows)
    grow(60)  # past the first page
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
    assert listed == [2, 3, 4]  # each event's attendees, summed in the list's own query
