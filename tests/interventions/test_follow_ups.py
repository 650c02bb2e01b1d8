"""The follow-up worklist (issue 30): whose 6- and 12-month follow-ups fall due within 30
days or are overdue by less than six months and are not recorded — for the office, and for
intervention staff their own interventions only."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from interventions.follow_ups import due_follow_ups
from interventions.models import Funding, Intervention, InterventionAssignment, Participant, follow_up_due

pytestmark = pytest.mark.django_db


def ended(intervention, municipality, code, ended_on, **follow_ups):
    return Participant.objects.create(
        intervention=intervention,
        code=code,
        gender="woman",
        birth_year=1990,
        municipality=municipality,
        enrolled_on=ended_on - timedelta(days=200),
        ended_on=ended_on,
        end_reason="work",
        **follow_ups,
    )


def test_the_worklist_holds_the_follow_ups_due_soon_or_overdue_and_not_recorded(intervention, habo):
    today = date(2026, 12, 6)
    soon = ended(intervention, habo, "E-SOON", date(2026, 6, 20))  # 6 months due 2026-12-20
    late = ended(intervention, habo, "E-LATE", date(2026, 5, 2))  # 6 months due 2026-11-02
    ended(intervention, habo, "E-DONE", date(2026, 5, 2), follow_up_6_months="work")  # recorded
    ended(intervention, habo, "E-LATER", date(2026, 8, 1))  # due 2027-02-01: not yet
    ended(intervention, habo, "E-GONE", date(2025, 9, 1))  # 6 months 2026-03-01: too late; 12 months 2026-09-01
    twelve = ended(intervention, habo, "E-YEAR", date(2025, 12, 20), follow_up_6_months="work")  # 12: 2026-12-20

    due = due_follow_ups(Participant.objects.all(), today)
    listed = [(follow_up.participant.code, follow_up.months, follow_up.due_on) for follow_up in due]
    assert listed == [
        ("E-GONE", 12, date(2026, 9, 1)),
        ("E-LATE", 6, date(2026, 11, 2)),
        ("E-SOON", 6, date(2026, 12, 20)),
        ("E-YEAR", 12, date(2026, 12, 20)),
    ]
    assert [follow_up.overdue for follow_up in due] == [True, True, False, False]
    assert due[1].days_overdue == 34 and due[2].days_left == 14
    assert soon.pk and late.pk and twelve.pk


def test_a_month_end_moves_the_due_day_and_the_list_follows_it(intervention, habo):
    """Ended 31 August: the 6-month follow-up falls due on the last day of February."""
    participant = ended(intervention, habo, "E-FEB", date(2026, 8, 31))
    assert follow_up_due(participant.ended_on, 6) == date(2027, 2, 28)
    assert [f.participant for f in due_follow_ups(Participant.objects.all(), date(2027, 1, 29))] == [participant]
    assert due_follow_ups(Participant.objects.all(), date(2027, 1, 28)) == []


def test_intervention_staff_see_the_follow_ups_of_their_own_interventions_only(
    client, federation, intervention, habo, intervention_staff
):
    InterventionAssignment.objects.create(user=intervention_staff, intervention=intervention)
    other = Intervention.objects.create(county=federation.county, name="NOVA", starts_on=date(2019, 1, 1))
    Funding.objects.create(intervention=other, federation=federation)
    today = timezone.localdate()
    own = ended(intervention, habo, "E-OWN", follow_up_due(today, -6) + timedelta(days=10))
    ended(other, habo, "N-OTHER", follow_up_due(today, -6) + timedelta(days=10))
    client.force_login(intervention_staff)
    page = client.get(reverse("interventions:follow-ups", kwargs={"slug": federation.slug}))
    assert [f.participant for _i, follow_ups in page.context["groups"] for f in follow_ups] == [own]
    assert "N-OTHER" not in page.content.decode()


def test_the_worklist_asks_the_same_queries_however_many_participants(
    client, office, federation, intervention, habo
):
    today = timezone.localdate()
    client.force_login(office)
    url = reverse("interventions:follow-ups", kwargs={"slug": federation.slug})
    ended(intervention, habo, "E-1", follow_up_due(today, -6) + timedelta(days=5))
    client.get(url)  # warm the session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for number in range(2, 12):
        ended(intervention, habo, f"E-{number}", follow_up_due(today, -6) + timedelta(days=number))
    with CaptureQueriesContext(connection) as many:
        page = client.get(url)
    assert len(many) == len(few)
    assert page.context["count"] == 11
