"""A new term's board starts as a copy of the last one, all or nothing, then edited."""

from datetime import date

from django.urls import reverse

from federations.models import BoardSeat, Membership, Person


def seat(federation, members, name, organisation, kind="ordinary", office=""):
    return BoardSeat.objects.create(
        federation=federation,
        person=Person.objects.create(county=federation.county, name=name),
        kind=kind,
        appointed_by=members[organisation],
        office=office,
        starts_on=date(2023, 1, 1),
    )


def test_the_last_terms_board_is_copied_into_the_new_one(client, office, federation, members):
    chair = seat(federation, members, "Anna Ordförande", "Habo", office="chair")
    deputy = seat(federation, members, "Bo Ersättare", "Habo", kind="deputy")
    seat(federation, members, "Cecilia Region", "RJL", office="vice_chair")
    client.force_login(office)
    listing = client.get(reverse("federations:boardseat-list", kwargs={"slug": federation.slug}))
    url = reverse("federations:boardseat-new-term", kwargs={"slug": federation.slug})
    assert url in [page_url for _label, page_url in listing.context["more_pages"]]

    response = client.post(url, {"starts_on": "2027-01-01", "ends_on": "2030-12-31"})
    assert response.status_code == 302
    chair.refresh_from_db()
    assert chair.ends_on == date(2026, 12, 31)
    new = BoardSeat.objects.filter(starts_on=date(2027, 1, 1))
    assert {(s.person.name, s.kind, s.office, s.ends_on) for s in new} == {
        ("Anna Ordförande", "ordinary", "chair", date(2030, 12, 31)),
        ("Bo Ersättare", "deputy", "", date(2030, 12, 31)),
        ("Cecilia Region", "ordinary", "vice_chair", date(2030, 12, 31)),
    }
    assert deputy.history.latest().history_user == office


def test_nothing_changes_when_a_seat_cannot_follow(client, office, federation, members):
    """A member that leaves before the new term cannot appoint to it: no seat is ended, none
    copied, and the page names the seat."""
    habo = seat(federation, members, "Anna Ordförande", "Habo")
    seat(federation, members, "Cecilia Region", "RJL")
    Membership.objects.filter(organisation=members["Habo"]).update(ends_on=date(2026, 12, 31))
    client.force_login(office)
    url = reverse("federations:boardseat-new-term", kwargs={"slug": federation.slug})
    response = client.post(url, {"starts_on": "2027-01-01"})
    assert response.status_code == 200
    assert "Anna Ordförande" in str(response.context["form"].non_field_errors())
    habo.refresh_from_db()
    assert habo.ends_on is None and not BoardSeat.objects.filter(starts_on=date(2027, 1, 1)).exists()
