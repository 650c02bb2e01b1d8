"""The deviation register (Lex Heller): kept by the office, scoped to the federation,
guarded against identity numbers, summed up for the board in the annual report."""

from datetime import date

from django.urls import reverse

from interventions.deviations import deviation_summary
from interventions.models import Deviation
from reporting.annual import annual_report


def post(client, federation, organisations, **data):
    return client.post(
        reverse("interventions:deviation-new", kwargs={"slug": federation.slug}),
        {
            "occurred_on": "2025-03-04",
            "members": [organisations["FK"].pk, organisations["Habo"].pk],
            "description": "Remissen från vården blev liggande; ingen tog över planeringen.",
            "handling": "",
            "outcome": "",
            "status": "open",
            **data,
        },
    )


def test_the_office_records_a_deviation_and_history_says_who(client, office, federation, members):
    client.force_login(office)
    assert post(client, federation, members).status_code == 302
    deviation = Deviation.objects.get()
    assert set(deviation.members.values_list("short_name", flat=True)) == {"FK", "Habo"}
    assert {row.history_user for row in deviation.history.all()} == {office}


def test_a_description_with_an_identity_number_is_refused(client, office, federation, members):
    client.force_login(office)
    response = post(client, federation, members, description="Gäller 19900101-1234 som blev utan stöd.")
    assert response.status_code == 200
    assert "description" in response.context["form"].errors
    assert not Deviation.objects.exists()


def test_only_the_federations_members_can_be_named(client, office, federation, members, other_county):
    from federations.models import MemberOrganisation

    stranger = MemberOrganisation.objects.create(county=other_county, kind="region", name="Region Kalmar län")
    client.force_login(office)
    response = post(client, federation, members, members=[stranger.pk])
    assert "members" in response.context["form"].errors


def test_another_federation_sees_none_of_it(client, other_office, federation, other_federation):
    Deviation.objects.create(federation=federation, occurred_on=date(2025, 1, 5), description="Mellan FK och AF.")
    client.force_login(other_office)
    listed = client.get(reverse("interventions:deviation-list", kwargs={"slug": other_federation.slug}))
    assert "Mellan FK och AF" not in listed.content.decode()


def test_the_yearly_summary_counts_by_status_and_member_and_reaches_the_annual_report(federation, members):
    for day, status, involved in [(3, "open", ["FK"]), (9, "resolved", ["FK", "Habo"]), (12, "resolved", ["AF"])]:
        deviation = Deviation.objects.create(
            federation=federation, occurred_on=date(2025, 5, day), description="Samverkan brast.", status=status
        )
        deviation.members.set([members[name] for name in involved])
    Deviation.objects.create(federation=federation, occurred_on=date(2024, 5, 1), description="Förra året.")
    summary = deviation_summary(federation, 2025)
    assert summary.count == 3
    assert [(str(label), n) for label, n in summary.by_status] == [("Anmäld", 1), ("Åtgärdad", 2)]
    assert dict(summary.by_member)["FK"] == 2
    report = annual_report(federation, 2025)
    assert report.deviations.count == 3
