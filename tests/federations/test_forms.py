from datetime import date

import pytest
from django.urls import reverse

from federations.models import BoardSeat, FiscalYear, Municipality, Person, Population
from finsam.locking import version_of


def url(name, federation, **kwargs):
    return reverse(f"federations:{name}", kwargs={"slug": federation.slug, **kwargs})


@pytest.fixture
def logged_in(client, office):
    client.force_login(office)
    return client


def test_it_creates_a_board_seat_in_the_federation(logged_in, federation, members, county):
    person = Person.objects.create(county=county, name="Ada Ordförande")
    response = logged_in.post(
        url("boardseat-new", federation),
        {
            "person": person.pk,
            "kind": "ordinary",
            "appointed_by": members["RJL"].pk,
            "office": "chair",
            "starts_on": "2023-01-01",
            "ends_on": "2026-12-31",
        },
    )
    assert response.status_code == 302
    seat = BoardSeat.objects.get()
    assert (seat.federation, seat.office, seat.ends_on) == (federation, "chair", date(2026, 12, 31))


def test_it_shows_the_models_rule_and_saves_nothing(logged_in, federation, members, county, settings):
    logged_in.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    person = Person.objects.create(county=county, name="Ada")
    response = logged_in.post(
        url("boardseat-new", federation),
        {
            "person": person.pk,
            "kind": "deputy",
            "appointed_by": members["RJL"].pk,
            "office": "chair",
            "starts_on": "2023-01-01",
        },
    )
    assert response.status_code == 200
    assert "Only an ordinary member can be chair or vice chair." in response.content.decode()  # in English, as chosen
    assert not BoardSeat.objects.exists()


def test_messages_are_in_swedish_whatever_the_browser_prefers(logged_in, federation, members, county):
    person = Person.objects.create(county=county, name="Ada")
    response = logged_in.post(
        url("boardseat-new", federation),
        {
            "person": person.pk,
            "kind": "deputy",
            "appointed_by": members["RJL"].pk,
            "office": "chair",
            "starts_on": "2023-01-01",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.context["form"].errors["office"] == [
        "Endast en ordinarie ledamot kan vara ordförande eller vice ordförande."
    ]


def test_it_offers_only_people_of_the_federations_county(logged_in, federation, other_county):
    Person.objects.create(county=federation.county, name="Local")
    Person.objects.create(county=other_county, name="Foreign")
    form = logged_in.get(url("boardseat-new", federation)).context["form"]
    assert [p.name for p in form.fields["person"].queryset] == ["Local"]


def test_it_refuses_a_person_of_another_county(logged_in, federation, members, other_county):
    foreign = Person.objects.create(county=other_county, name="Foreign")
    response = logged_in.post(
        url("boardseat-new", federation),
        {"person": foreign.pk, "kind": "ordinary", "appointed_by": members["RJL"].pk, "starts_on": "2023-01-01"},
    )
    assert "person" in response.context["form"].errors
    assert not BoardSeat.objects.exists()


def test_the_unique_year_is_checked_as_a_form_error(logged_in, federation):
    FiscalYear.objects.create(federation=federation, year=2026)
    response = logged_in.post(url("fiscalyear-new", federation), {"year": 2026, "status": "open"})
    assert response.status_code == 200
    assert response.context["form"].errors["__all__"]
    assert FiscalYear.objects.count() == 1


def test_a_municipality_and_its_populations_save_together(logged_in, federation):
    data = {
        "name": "Mullsjö",
        "code": "0642",
        "populations-TOTAL_FORMS": "2",
        "populations-INITIAL_FORMS": "0",
        "populations-0-year": "2023",
        "populations-0-inhabitants": "7356",
        "populations-1-year": "2024",
        "populations-1-inhabitants": "7380",
    }
    assert logged_in.post(url("municipality-new", federation), data).status_code == 302
    mullsjo = Municipality.objects.get(name="Mullsjö")
    assert list(mullsjo.populations.values_list("year", "inhabitants")) == [(2024, 7380), (2023, 7356)]
    assert mullsjo.county == federation.county


def test_a_bad_population_row_saves_nothing(logged_in, federation):
    data = {
        "name": "Mullsjö",
        "code": "0642",
        "populations-TOTAL_FORMS": "2",
        "populations-INITIAL_FORMS": "0",
        "populations-0-year": "2023",
        "populations-0-inhabitants": "7356",
        "populations-1-year": "2024",
        "populations-1-inhabitants": "-5",
    }
    response = logged_in.post(url("municipality-new", federation), data)
    assert response.status_code == 200
    assert response.context["formsets"][0].errors[1]["inhabitants"]
    assert not Municipality.objects.exists()
    assert not Population.objects.exists()


def test_it_edits_the_federation_and_history_records_who(logged_in, office, federation):
    response = logged_in.post(
        url("edit", federation),
        {
            "name": federation.name,
            "short_name": "SV",
            "organisation_number": "2220001891",
            "founded_on": "2007-03-01",
            "vision": "Plats för alla",
            "retention_years": 5,
            "version": version_of(federation),
        },
    )
    assert response.status_code == 302
    federation.refresh_from_db()
    assert (federation.vision, federation.organisation_number) == ("Plats för alla", "222000-1891")
    latest = federation.history.latest()
    assert (latest.history_user, latest.history_type) == (office, "~")
    assert latest.prev_record.vision == ""


def test_the_federation_page_shows_the_board_of_the_chosen_year(client, board_member, federation, members, county):
    chair = Person.objects.create(county=county, name="Ada Ordförande")
    old_chair = Person.objects.create(county=county, name="Bo Förre")
    BoardSeat.objects.create(
        federation=federation, person=chair, appointed_by=members["RJL"], office="chair", starts_on=date(2023, 1, 1)
    )
    BoardSeat.objects.create(
        federation=federation,
        person=old_chair,
        appointed_by=members["Habo"],
        office="chair",
        starts_on=date(2019, 1, 1),
        ends_on=date(2022, 12, 31),
    )
    client.force_login(board_member)
    assert client.get(federation.get_absolute_url(), {"year": 2024}).context["board"].chair.person == chair
    response = client.get(federation.get_absolute_url(), {"year": 2020})
    assert response.context["board"].chair.person == old_chair
    assert "Bo Förre" in response.content.decode()


def test_a_nonsense_year_falls_back_to_this_year(client, board_member, federation):
    from django.utils import timezone

    client.force_login(board_member)
    assert (
        client.get(federation.get_absolute_url(), {"year": "drop table"}).context["year"] == timezone.localdate().year
    )


def test_a_new_member_organisation_joins_the_federation_in_the_same_form(client, office, federation, municipality):
    """Onboarding's registry costs one form per member, not two (issue 29); an organisation of
    the county that is another federation's member is added without a membership."""
    from federations.models import MemberOrganisation, Membership

    client.force_login(office)
    url = reverse("federations:memberorganisation-new", kwargs={"slug": federation.slug})
    fields = {"kind": "municipality", "name": "Habo kommun", "short_name": "Habo", "municipality": municipality.pk}
    assert client.post(url, {**fields, "member_since": "2031-13-01"}).status_code == 200  # not a date
    assert not MemberOrganisation.objects.exists()
    assert client.post(url, {**fields, "member_since": "2010-01-01"}).status_code == 302
    habo = MemberOrganisation.objects.get()
    membership = Membership.objects.get()
    assert (membership.organisation, membership.federation, str(membership.starts_on)) == (
        habo,
        federation,
        "2010-01-01",
    )
    assert membership.history.get().history_user == office
    assert client.post(url, {"kind": "fk", "name": "Försäkringskassan", "short_name": "FK"}).status_code == 302
    assert Membership.objects.count() == 1

    edit = client.get(reverse("federations:memberorganisation-edit", kwargs={"slug": federation.slug, "pk": habo.pk}))
    assert "member_since" not in edit.context["form"].fields  # its memberships have their own register
