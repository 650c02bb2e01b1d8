"""Uppföljning Finsam from finsam (issue 30): Södra Vätterbygden's figures of 2024, worked
out here from its records one by one, against the page and its exports."""

import csv
import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.db.models import Q, Sum
from django.urls import reverse

from federations.models import Federation, Role
from finances.models import BudgetLine
from interventions.models import (
    EventAttendance,
    ExternalFunding,
    Intervention,
    InterventionYear,
    Participant,
    StructuralEvent,
)
from reporting.national import figures, national_follow_up

from ..conftest import make_user

pytestmark = pytest.mark.django_db
YEAR = 2024


@pytest.fixture
def sodra(demo):
    return Federation.objects.get(slug="sodra-vatterbygden")


def full_year_lines(federation, scenario):
    return BudgetLine.objects.filter(
        budget__federation=federation,
        budget__year=YEAR,
        budget__scenario=scenario,
        budget__period_end=date(YEAR, 12, 31),
    )


def by_hand(federation):
    """Each figure from the records themselves: budget lines, grants, participants."""
    actual, budget = full_year_lines(federation, "actual"), full_year_lines(federation, "budget")
    administration = ["office", "information", "board", "accounting", "audit", "other_administration"]
    expected = {
        ("", "Tilldelade medel (kr)"): actual.filter(kind="contribution").aggregate(s=Sum("amount"))["s"],
        ("", "Administrativa kostnader, budget (kr)"): budget.filter(kind__in=administration).aggregate(
            s=Sum("amount")
        )["s"],
        ("", "Administrativa kostnader, utfall (kr)"): actual.filter(kind__in=administration).aggregate(
            s=Sum("amount")
        )["s"],
    }
    members = federation.memberships.filter(organisation__municipality__isnull=False).values(
        "organisation__municipality"
    )
    start, end = date(YEAR, 1, 1), date(YEAR, 12, 31)
    ran = Q(starts_on__lte=end) & (Q(ended_on__isnull=True) | Q(ended_on__gte=start))
    with_money = Q(pk__in=actual.values("intervention")) | Q(pk__in=budget.values("intervention"))
    for intervention in Intervention.objects.filter(fundings__federation=federation, kind="individual").filter(
        ran | with_money
    ):
        name = str(intervention)
        expected[(name, "Budget (kr)")] = budget.filter(intervention=intervention).aggregate(s=Sum("amount"))["s"]
        expected[(name, "Utfall (kr)")] = actual.filter(intervention=intervention).aggregate(s=Sum("amount"))["s"]
        grant = InterventionYear.objects.filter(intervention=intervention, federation=federation, year=YEAR).first()
        expected[(name, "Budgeterat antal deltagare")] = grant.budgeted_participants if grant else None
        participants = (
            Participant.objects.filter(intervention=intervention, municipality__in=members, enrolled_on__lte=end)
            .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=start))
            .exclude(end_reason="misregistration")  # a registration made by mistake counts nowhere
        )
        expected[(name, "Deltagare, kvinnor")] = participants.filter(gender="woman").count()
        expected[(name, "Deltagare, män")] = participants.filter(gender="man").count()
        expected[(name, "Deltagare, totalt")] = participants.count()
        esf = ExternalFunding.objects.filter(intervention=intervention, year=YEAR, source="esf").exists()
        expected[(name, "Finansieras av ESF")] = "ja" if esf else "nej"
    for intervention in Intervention.objects.filter(fundings__federation=federation, kind="structural").filter(
        ran | with_money
    ):
        attended = EventAttendance.objects.filter(
            event__federation=federation, event__intervention=intervention, event__held_on__year=YEAR
        ).aggregate(s=Sum("attendees"))["s"]
        expected[(str(intervention), "Deltagare, totalt")] = attended
    return expected


def test_the_national_figures_are_the_records_counted(sodra):
    computed = {(intervention, what): value for intervention, what, value in figures(national_follow_up(sodra, YEAR))}
    expected = by_hand(sodra)
    assert {key: computed.get(key) for key in expected} == expected
    assert computed[("Enter", "Deltagare, totalt")] == 80  # the annual report's Enter, 2024
    assert computed[(str(Intervention.objects.get(name="Funktionsnedsatta i arbete")), "Finansieras av ESF")] == "ja"
    assert computed[("Enter", "Budgeterat antal deltagare")] == 75
    assert computed[("BIP/SKAPA", "Deltagare, totalt")] == 30  # two SKAPA courses: 16 and 14
    assert computed[("", "Eget kapital vid årets slut (kr)")] == Decimal("1648800")  # the books of 2024


def test_what_is_missing_is_listed(sodra):
    Intervention.objects.filter(name="Enter").update(orientation=None)
    InterventionYear.objects.filter(intervention__name="NOVA – Stöd i förändring", year=YEAR).update(
        budgeted_participants=None
    )
    StructuralEvent.objects.filter(intervention__name="BIP/SKAPA").delete()
    missing = national_follow_up(sodra, YEAR).missing
    assert "Enter saknar preciserad inriktning." in missing
    assert "NOVA saknar budgeterat antal deltagare." in missing
    assert any("BIP/SKAPA" in problem and "strukturövergripande" in problem for problem in missing)


def test_the_page_and_its_exports_show_the_same_figures_to_office_and_auditors(sodra, client):
    expected = by_hand(sodra)
    url = reverse("reporting:national", kwargs={"slug": sodra.slug})
    client.force_login(make_user("sv-auditor", sodra, Role.Kind.AUDITOR))
    page = client.get(url, {"year": YEAR})
    text = page.content.decode()
    assert "går till myndigheten, inte till allmänheten" in text and "&lt;5" not in text
    assert page.context["report"].interventions[0].participants == expected[("Enter", "Deltagare, totalt")]

    exported = client.get(url, {"year": YEAR, "export": "csv"})
    assert exported["Content-Disposition"].endswith('-uppfoljning-finsam-2024.csv"')
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    as_read = {(row[0], row[1]): row[2] for row in rows[1:]}
    for key, value in expected.items():
        assert as_read[key] == ("" if value is None else str(value)), key

    workbook = openpyxl.load_workbook(io.BytesIO(client.get(url, {"year": YEAR, "export": "xlsx"}).content))
    sheet_rows = list(workbook.active.iter_rows(values_only=True))
    assert len(sheet_rows) == len(rows)

    client.force_login(make_user("sv-board", sodra, Role.Kind.BOARD))
    assert client.get(url, {"year": YEAR}).status_code == 403


def test_participants_counted_until_a_day_of_the_year(sodra):
    whole = {line.intervention.name: line.participants for line in national_follow_up(sodra, YEAR).interventions}
    half = {
        line.intervention.name: line.participants
        for line in national_follow_up(sodra, YEAR, until=date(YEAR, 6, 30)).interventions
    }
    assert half["Enter"] < whole["Enter"]
    members = sodra.memberships.filter(organisation__municipality__isnull=False).values("organisation__municipality")
    assert half["Enter"] == (
        Participant.objects.filter(
            intervention__name="Enter", municipality__in=members, enrolled_on__lte=date(YEAR, 6, 30)
        )
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=date(YEAR, 1, 1)))
        .exclude(end_reason="misregistration")
        .count()
    )
