"""The service catalogue is the one page without a login: it lists the county's current
interventions and says nothing about their participants."""

from datetime import date

from django.urls import reverse

from interventions.models import Intervention, Participant


def test_anyone_reads_the_current_interventions_and_nothing_of_their_participants(
    client, federation, intervention, habo, django_assert_max_num_queries
):
    intervention.target_group = "Unga vuxna som vill pröva arbete"
    intervention.referral = "Handläggaren på Arbetsförmedlingen anmäler."
    intervention.contact = "enter@example.org"
    intervention.save()
    Intervention.objects.create(
        county=federation.county, name="Avslutad insats", starts_on=date(2015, 1, 1), ended_on=date(2018, 12, 31)
    )
    for number in range(3):
        Participant.objects.create(
            intervention=intervention,
            code=f"HEMLIG-{number}",
            gender="woman",
            birth_year=1991,
            municipality=habo,
            enrolled_on=date(2024, 3, 1),
        )
    url = reverse("catalogue-federation", kwargs={"county": federation.county.slug, "federation": federation.slug})
    with django_assert_max_num_queries(8):
        response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter" in page and "Unga vuxna som vill pröva arbete" in page
    assert "Handläggaren på Arbetsförmedlingen anmäler." in page and "enter@example.org" in page
    assert "Avslutad insats" not in page
    assert "HEMLIG" not in page and "1991" not in page
    assert "deltagare" not in page.lower()
    county_page = client.get(reverse("catalogue", kwargs={"county": federation.county.slug}))
    assert county_page.status_code == 200 and "Enter" in county_page.content.decode()


def test_an_unknown_county_or_federation_is_not_found(client, federation):
    assert client.get(reverse("catalogue", kwargs={"county": "nowhere"})).status_code == 404
    url = reverse("catalogue-federation", kwargs={"county": federation.county.slug, "federation": "nowhere"})
    assert client.get(url).status_code == 404


def test_the_catalogue_gives_the_office_contact_the_office_set(client, office, federation, intervention):
    """The office sets its phone, e-mail and web site on its federation's page; the
    catalogue shows them under the federation, and nothing where none is set."""
    url = reverse("catalogue-federation", kwargs={"county": federation.county.slug, "federation": federation.slug})
    assert "Förbundets kansli" not in client.get(url).content.decode()
    client.force_login(office)
    edit = reverse("federations:edit", kwargs={"slug": federation.slug})
    form = client.get(edit).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data |= {"founded_on": "2010-01-01", "contact_phone": "036-10 20 30", "contact_email": "kansli@example.org"}
    data |= {"contact_web": "https://sodra.example.org", "version": form["version"].value()}
    data.pop("protect_small_numbers_in_reports", None)
    assert client.post(edit, data).status_code == 302
    client.logout()
    page = client.get(url).content.decode()
    assert 'href="tel:036-102030"' in page and "kansli@example.org" in page and "https://sodra.example.org" in page
