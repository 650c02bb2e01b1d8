"""A report of a year shows only what existed that year, and no report is made of a year
that has not begun."""

from datetime import date

from django.urls import reverse
from django.utils import timezone

from interventions.models import Funding, Intervention
from reporting.annual import annual_report


def funded(federation, name, kind, starts_on, ended_on=None):
    intervention = Intervention.objects.create(
        county=federation.county, name=name, kind=kind, starts_on=starts_on, ended_on=ended_on
    )
    Funding.objects.create(intervention=intervention, federation=federation)
    return intervention


def test_an_intervention_that_began_later_or_ended_before_is_not_in_the_years_report(federation, intervention):
    funded(federation, "Senare insats", "individual", date(2025, 3, 1))
    funded(federation, "Senare samverkan", "structural", date(2025, 3, 1))
    funded(federation, "Tidigare samverkan", "structural", date(2015, 1, 1), date(2019, 12, 31))
    funded(federation, "Pågående samverkan", "structural", date(2020, 1, 1))
    report = annual_report(federation, 2024)
    assert [row.intervention.name for row in report.participants.rows] == ["Enter"]
    assert [line.intervention.name for line in report.structural] == ["Pågående samverkan"]


def test_no_report_of_a_year_that_has_not_begun(client, office, federation):
    client.force_login(office)
    next_year = timezone.localdate().year + 1
    for name in ("reporting:annual", "reporting:annual-pdf", "reporting:interim", "reporting:interim-pdf"):
        assert client.get(reverse(name, kwargs={"slug": federation.slug}), {"year": next_year}).status_code == 404
    plan = reverse("reporting:plan", kwargs={"slug": federation.slug})
    assert client.get(plan, {"year": next_year + 1}).status_code == 200  # a plan looks two years ahead
    assert client.get(plan, {"year": next_year + 2}).status_code == 404


def test_a_years_annual_report_shows_that_years_commitments(client, office, federation, members):
    from interventions.models import Goal

    client.force_login(office)
    for year, text in [(2024, "Åtagande för 2024"), (2025, "Åtagande för 2025")]:
        url = reverse("interventions:plan-goal-new", kwargs={"slug": federation.slug}) + f"?year={year}"
        assert client.post(url, {"text": text, "measure": ""}).status_code == 302
    assert dict(Goal.objects.values_list("text", "plan_year")) == {"Åtagande för 2024": 2024, "Åtagande för 2025": 2025}
    assert [result.goal.text for result in annual_report(federation, 2024).commitments] == ["Åtagande för 2024"]
    page = client.get(reverse("interventions:plan-goals", kwargs={"slug": federation.slug}), {"year": 2025})
    assert "Åtagande för 2025" in page.content.decode() and "Åtagande för 2024" not in page.content.decode()


def test_a_year_picker_offers_the_federations_years_only(client, office, federation):
    client.force_login(office)
    this_year = timezone.localdate().year
    accounts = client.get(reverse("finances:accounts", kwargs={"slug": federation.slug})).context["years"]
    plan = client.get(reverse("reporting:plan", kwargs={"slug": federation.slug})).context["years"]
    assert (accounts[0], accounts[-1]) == (this_year, 2007)  # founded in 2007
    assert plan[0] == this_year + 2
