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
