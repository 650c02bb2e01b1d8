"""Each intervention tells its own year in the documents (issue 31): its staff write their own
interventions' texts, the office any and approves them; a new year's text starts as last
year's, shown beside it with what changed; the documents print them and their checklists
name the interventions still without one."""

from datetime import date

import pytest
from django.urls import reverse

from finsam.locking import version_of
from reporting.annual import exact_annual_report
from reporting.models import InterventionText
from reporting.periodic import business_plan, interim_report
from tests.conftest import make_participants


def url(federation, intervention, document="annual", year=2024):
    return reverse(
        "reporting:intervention-text",
        kwargs={"slug": federation.slug, "document": document, "year": year, "pk": intervention.pk},
    )


def annual_data(**overrides):
    return {
        "results": "Enter tog emot 40 deltagare.",
        "went_well": "Samverkan med Arbetsförmedlingen.",
        "went_badly": "",
        "gender_equality": "Fler kvinnor än män remitterades.",
        "changes": "",
        "status": "ready",
        **overrides,
    }


def test_intervention_staff_write_their_own_interventions_text_and_only_the_office_approves(
    client, assigned_staff, office, federation, intervention, other_intervention
):
    client.force_login(assigned_staff)
    assert client.get(url(federation, other_intervention)).status_code == 404  # not theirs
    assert client.post(url(federation, other_intervention), annual_data()).status_code == 404
    refused = client.post(url(federation, intervention), annual_data(status="approved"))
    assert "status" in refused.context["form"].errors
    assert client.post(url(federation, intervention), annual_data()).status_code == 302
    text = InterventionText.objects.get()
    assert (text.intervention, text.document, text.year, text.status) == (intervention, "annual", 2024, "ready")
    assert text.history.first().history_user == assigned_staff

    client.force_login(office)
    approved = annual_data(status="approved", version=version_of(text))
    assert client.post(url(federation, intervention), approved).status_code == 302
    text.refresh_from_db()
    assert text.status == "approved"

    client.force_login(assigned_staff)
    page = client.get(url(federation, intervention))
    assert page.context["form"]["status"].value() == "ready"  # their change goes back to the office
    changed = annual_data(results="Enter tog emot 41 deltagare.", version=version_of(text))
    assert client.post(url(federation, intervention), changed).status_code == 302
    text.refresh_from_db()
    assert (text.results, text.status) == ("Enter tog emot 41 deltagare.", "ready")


def test_another_federations_office_cannot_reach_the_text(client, other_office, federation, intervention):
    client.force_login(other_office)
    assert client.get(url(federation, intervention)).status_code == 404


def test_each_federation_writes_its_own_text_of_a_shared_intervention(
    client, office, other_office, federation, other_federation, shared_intervention
):
    client.force_login(office)
    assert client.post(url(federation, shared_intervention), annual_data()).status_code == 302
    client.force_login(other_office)
    page = client.get(url(other_federation, shared_intervention))
    assert page.context["form"]["results"].value() in (None, "")  # not the other federation's words
    assert client.post(url(other_federation, shared_intervention), annual_data(results="Vårt år.")).status_code == 302
    texts = dict(InterventionText.objects.values_list("federation__slug", "results"))
    assert texts == {federation.slug: "Enter tog emot 40 deltagare.", other_federation.slug: "Vårt år."}


def test_a_new_years_text_starts_as_last_years_shown_beside_it_with_what_changed(
    client, office, federation, intervention
):
    InterventionText.objects.create(
        federation=federation,
        intervention=intervention,
        document="annual",
        year=2023,
        results="Enter tog emot 35 deltagare.",
        status="approved",
    )
    client.force_login(office)
    page = client.get(url(federation, intervention, year=2024))
    assert page.context["form"]["results"].value() == "Enter tog emot 35 deltagare."
    assert "Texten börjar som den för 2023" in page.content.decode()
    assert not InterventionText.objects.filter(year=2024).exists()  # nothing saved by looking

    assert client.post(url(federation, intervention, year=2024), annual_data(status="draft")).status_code == 302
    page = client.get(url(federation, intervention, year=2024)).content.decode()
    assert "<del>35</del>" in page and "<ins>40</ins>" in page


def test_the_documents_print_the_texts_and_the_checklists_name_the_missing(
    federation, intervention, other_intervention, habo
):
    InterventionText.objects.create(
        federation=federation,
        intervention=intervention,
        document="annual",
        year=2024,
        results="Enter tog emot 40 deltagare.",
        went_well="Samverkan.",
        status="approved",
    )
    InterventionText.objects.create(
        federation=federation, intervention=intervention, document="interim", year=2024, results="Halvåret gick bra."
    )
    InterventionText.objects.create(
        federation=federation, intervention=intervention, document="plan", year=2024, results="Målet är 40 deltagare."
    )
    make_participants(intervention, habo, 1)
    make_participants(other_intervention, habo, 1, start=100)
    report = exact_annual_report(federation, 2024)
    chapter = next(chapter for chapter in report.chapters if chapter.intervention == intervention)
    assert chapter.text.sections == [
        ("Årets resultat", "Enter tog emot 40 deltagare."),
        ("Vad som gått bra", "Samverkan."),
    ]
    assert "Saknar egen text, så deras kapitel visar bara siffror: NOVA." in report.checklist.remarks

    interim = interim_report(federation, 2024, date(2024, 6, 30))
    assert dict(interim.intervention_texts)[intervention].results == "Halvåret gick bra."
    assert "Texter som kansliet ännu inte godkänt: Enter." in interim.checklist.remarks
    plan = business_plan(federation, 2024)
    assert dict(plan.intervention_texts)[intervention].results == "Målet är 40 deltagare."


@pytest.mark.parametrize("document", ["annual", "interim", "plan"])
def test_the_list_names_what_is_missing_for_the_office(client, office, federation, intervention, document):
    client.force_login(office)
    page = client.get(
        reverse("reporting:intervention-texts", kwargs={"slug": federation.slug}) + f"?document={document}&year=2024"
    )
    assert "En insats har ingen text ännu." in page.content.decode()
    assert [row[0] for row in page.context["rows"]] == [intervention]


def test_the_texts_list_asks_the_same_queries_however_many_interventions(client, office, federation, intervention):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from interventions.models import Funding, Intervention

    def grow(count, start):
        for number in range(count):
            more = Intervention.objects.create(
                county=federation.county, name=f"Insats {start + number}", starts_on=date(2020, 1, 1)
            )
            Funding.objects.create(intervention=more, federation=federation)
            InterventionText.objects.create(
                federation=federation, intervention=more, document="annual", year=2024, results="Ett år."
            )

    client.force_login(office)
    list_url = reverse("reporting:intervention-texts", kwargs={"slug": federation.slug}) + "?year=2024"
    grow(2, 0)
    with CaptureQueriesContext(connection) as few:
        client.get(list_url)
    grow(20, 100)
    with CaptureQueriesContext(connection) as many:
        page = client.get(list_url)
    assert len(many) == len(few)
    assert len(page.context["rows"]) == 23 and page.context["missing"] == 1  # Enter has none


def test_a_text_and_a_referral_are_in_the_federations_history(client, assigned_staff, federation, intervention, habo):
    from federations.history import changes_of
    from interventions.models import Referral

    client.force_login(assigned_staff)
    assert client.post(url(federation, intervention), annual_data()).status_code == 302
    Referral.objects.create(
        federation=federation,
        intervention=intervention,
        code="V-1",
        gender="woman",
        municipality=habo,
        referred_on=date(2024, 10, 1),
    )
    rows = {(row["record_kind"], row["record_label"]) for row in changes_of(federation)}
    assert ("insatsens text", "Enter") in rows
    assert ("remiss", "2024-10-01") in rows  # by its day, never its code


def test_two_colleagues_saving_one_text_at_once_cannot_overwrite_each_other(
    client, office, assigned_staff, federation, intervention
):
    text = InterventionText.objects.create(
        federation=federation, intervention=intervention, document="annual", year=2024, results="Första."
    )
    loaded = version_of(text)  # both opened the form now
    client.force_login(assigned_staff)
    assert client.post(url(federation, intervention), annual_data(version=loaded)).status_code == 302
    client.force_login(office)
    stale = client.post(url(federation, intervention), annual_data(results="Kansliets version.", version=loaded))
    assert stale.status_code == 200 and stale.context["form"].non_field_errors()
    text.refresh_from_db()
    assert text.results == "Enter tog emot 40 deltagare."  # the first save stands
