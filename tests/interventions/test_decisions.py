"""Applications and the board's decisions: the preparatory group's recommendation (or a
recorded reason to do without it), registry numbers from the diary, and the intervention's
grant per year written from the decisions — granted, re-tried, ended."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from interventions.models import Application, Funding, GrantDecision, InterventionYear


def apply_for(client, federation, intervention, members, **data):
    return client.post(
        reverse("interventions:application-new", kwargs={"slug": federation.slug}),
        {
            "received_on": "2025-09-01",
            "kind": "continuation",
            "title": "IT-spåret",
            "intervention": intervention.pk,
            "applicants": [members["RJL"].pk],
            "amount_per_year": "600000",
            "after_project": "Regionen tar över.",
            **data,
        },
    )


def decide(client, federation, application, **data):
    return client.post(
        reverse("interventions:grantdecision-new", kwargs={"slug": federation.slug}),
        {
            "application": application.pk,
            "kind": "decision",
            "decided_on": "2025-11-20",
            "outcome": "granted",
            "text": "Styrelsen beviljar medel.",
            "granted_per_year": "200000",
            "first_year": "2026",
            "max_years": "3",
            **data,
        },
    )


@pytest.fixture
def application(client, office, federation, intervention, members):
    client.force_login(office)
    assert (
        apply_for(
            client, federation, intervention, members, recommendation="reject", recommended_on="2025-10-16"
        ).status_code
        == 302
    )
    return Application.objects.get()


def test_an_application_is_registered_in_the_diary(application):
    assert application.diary_entry.registry_number == "Dnr 2025:01"
    assert application.diary_entry.kind == "application"
    assert application.diary_entry.counterpart == "Region Jönköpings län"


def test_a_decision_needs_a_recommendation_or_a_recorded_reason_to_skip_it(
    client, office, federation, intervention, members
):
    client.force_login(office)
    apply_for(client, federation, intervention, members)
    application = Application.objects.get()
    response = decide(client, federation, application)
    assert "without_recommendation" in response.context["form"].errors
    assert not GrantDecision.objects.exists() and not InterventionYear.objects.exists()
    assert application.diary_entry.federation.diary_entries.count() == 1  # no number was taken
    assert (
        decide(client, federation, application, without_recommendation="Brådskande: terminen börjar.").status_code
        == 302
    )
    assert GrantDecision.objects.get().diary_entry.registry_number == "Dnr 2025:02"


def test_a_decision_writes_the_grant_of_each_year(client, federation, other_federation, intervention, application):
    assert decide(client, federation, application).status_code == 302
    decision = GrantDecision.objects.get()
    grants = InterventionYear.objects.filter(intervention=intervention, federation=federation).order_by("year")
    assert [(g.year, g.granted, g.decision) for g in grants] == [
        (2026, Decimal("200000.00"), decision),
        (2027, Decimal("200000.00"), decision),
        (2028, Decimal("200000.00"), decision),
    ]
    assert not InterventionYear.objects.filter(federation=other_federation).exists()
    page = client.get(reverse("interventions:detail", kwargs={"slug": federation.slug, "pk": intervention.pk}))
    assert decision.diary_entry.registry_number in page.content.decode()


def test_a_retrial_changes_its_year_and_an_end_takes_back_the_rest(client, federation, intervention, application):
    decide(client, federation, application)
    assert (
        decide(
            client,
            federation,
            application,
            kind="retrial",
            decided_on="2026-11-19",
            granted_per_year="150000",
            first_year="2027",
            max_years="1",
        ).status_code
        == 302
    )
    assert (
        decide(
            client,
            federation,
            application,
            kind="end",
            decided_on="2027-06-01",
            outcome="rejected",
            granted_per_year="",
            first_year="2028",
            max_years="",
        ).status_code
        == 302
    )
    grants = InterventionYear.objects.filter(intervention=intervention, federation=federation).order_by("year")
    assert [(g.year, g.granted) for g in grants] == [
        (2026, Decimal("200000.00")),
        (2027, Decimal("150000.00")),
        (2028, None),
    ]
    taken_back = grants.get(year=2028)
    assert taken_back.decision is None
    assert [h.granted for h in taken_back.history.order_by("history_date")] == [Decimal("200000.00"), None]


def test_only_a_granted_decision_is_retried(client, federation, application):
    response = decide(client, federation, application, kind="retrial", first_year="2026", max_years="1")
    assert "kind" in response.context["form"].errors


def test_a_granting_decision_gives_its_amount_and_years(client, federation, application):
    response = decide(client, federation, application, granted_per_year="", first_year="")
    assert {"granted_per_year", "first_year"} <= set(response.context["form"].errors)
    assert not GrantDecision.objects.exists()


def test_a_federation_applies_for_another_federations_intervention_once_its_owner_shares_it(
    client, office, federation, other_federation, intervention, members
):
    from federations.models import Membership, Role

    Role.objects.create(user=office, federation=other_federation, kind="office")
    Membership.objects.create(federation=other_federation, organisation=members["RJL"], starts_on=date(2020, 1, 1))
    client.force_login(office)
    refused = apply_for(client, other_federation, intervention, members, recommendation="grant")
    assert "intervention" in refused.context["form"].errors
    assert not Application.objects.exists()

    Funding.objects.create(intervention=intervention, federation=other_federation)  # shared by its owner
    apply_for(client, other_federation, intervention, members, recommendation="grant", recommended_on="2025-10-16")
    application = Application.objects.get(federation=other_federation)
    assert decide(client, other_federation, application).status_code == 302
    assert InterventionYear.objects.get(intervention=intervention, federation=other_federation, year=2026).granted


def test_another_federations_application_cannot_be_decided(
    client, office, federation, other_federation, intervention, members
):
    from federations.diary import register

    foreign = Application.objects.create(
        federation=other_federation,
        diary_entry=register(other_federation, "application", "Deras", date(2025, 9, 1)),
        received_on=date(2025, 9, 1),
        title="Deras",
        amount_per_year=1,
        recommendation="grant",
        recommended_on=date(2025, 9, 2),
    )
    client.force_login(office)
    response = decide(client, federation, foreign)
    assert "application" in response.context["form"].errors
    assert not GrantDecision.objects.exists()


def test_the_lists_find_an_application_by_its_registry_number(client, federation, application):
    url = reverse("interventions:application-list", kwargs={"slug": federation.slug})
    assert list(client.get(url, {"text": "2025:1"}).context["table"].data) == [application]
    assert list(client.get(url, {"text": "2025:7"}).context["table"].data) == []


def test_a_decided_grant_is_not_typed_over_on_the_intervention_form(client, federation, application):
    from interventions.forms import InterventionYearForm

    decide(client, federation, application)
    grant = InterventionYear.objects.get(year=2026)
    version = InterventionYearForm(instance=grant, federation=federation)["version"].value()
    form = InterventionYearForm(
        {"year": "2030", "granted": "999999", "co_financing": "50000", "version": version},
        instance=grant,
        federation=federation,
    )
    assert form.is_valid(), form.errors
    saved = form.save()
    assert (saved.year, saved.granted, saved.co_financing) == (2026, Decimal("200000.00"), Decimal("50000"))


def test_the_history_of_changes_lists_applications_and_decisions(client, federation, application):
    decide(client, federation, application)
    page = client.get(reverse("federations:history", kwargs={"slug": federation.slug}))
    kinds = {change["record_kind"] for change in page.context["table"].data}
    assert {"ansökan", "beslut om medel", "diarieförd handling"} <= kinds
    only = client.get(reverse("federations:history", kwargs={"slug": federation.slug}), {"kind": "grantdecision"})
    assert [change["record_label"] for change in only.context["table"].data] == ["Styrelsen beviljar medel."]
