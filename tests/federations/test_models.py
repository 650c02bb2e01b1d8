from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import translation

from federations.board import board_of_year
from federations.models import (
    BoardSeat,
    Federation,
    FiscalYear,
    GroupMembership,
    MemberOrganisation,
    Membership,
    Municipality,
    Person,
    Population,
    StaffPost,
)
from federations.validators import validate_organisation_number


def errors_of(instance):
    """The validation errors of ``instance``, in English."""
    with translation.override("en"):
        with pytest.raises(ValidationError) as caught:
            instance.full_clean()
        return {field: [str(message) for message in messages] for field, messages in caught.value.message_dict.items()}


class TestOrganisationNumber:
    @pytest.mark.parametrize("value", ["222000-1891", "2220001891", "556036-0793"])
    def test_it_accepts_valid_numbers(self, value):
        validate_organisation_number(value)

    @pytest.mark.parametrize(
        "value, code",
        [
            ("22200-1891", "format"),
            ("222000-189X", "format"),
            ("222000-1892", "checksum"),
            ("811218-9876", "personal"),  # looks like a personal identity number
        ],
    )
    def test_it_rejects_invalid_numbers(self, value, code):
        with pytest.raises(ValidationError) as caught:
            validate_organisation_number(value)
        assert caught.value.code == code

    def test_federation_stores_it_with_a_hyphen(self, federation):
        federation.organisation_number = "2220002030"
        federation.full_clean()
        assert federation.organisation_number == "222000-2030"


class TestMembership:
    def test_it_rejects_an_end_before_the_start(self, federation, members):
        membership = Membership.objects.get(organisation=members["FK"])
        membership.ends_on = date(2006, 1, 1)
        assert "ends_on" in errors_of(membership)

    def test_it_rejects_overlapping_memberships(self, federation, members):
        again = Membership(federation=federation, organisation=members["FK"], starts_on=date(2020, 1, 1))
        assert "already a member" in str(errors_of(again))

    def test_a_new_membership_after_leaving_is_fine(self, federation, members):
        Membership.objects.filter(organisation=members["FK"]).update(ends_on=date(2019, 12, 31))
        Membership(federation=federation, organisation=members["FK"], starts_on=date(2020, 1, 1)).full_clean()

    def test_it_rejects_an_organisation_of_another_county(self, federation, other_county):
        stranger = MemberOrganisation.objects.create(county=other_county, kind="region", name="Region Kalmar län")
        membership = Membership(federation=federation, organisation=stranger, starts_on=date(2020, 1, 1))
        assert "organisation" in errors_of(membership)

    def test_current_in_year(self, federation, members):
        Membership.objects.filter(organisation=members["AF"]).update(ends_on=date(2015, 6, 30))
        current = Membership.objects.of_federation(federation).current_in(2016)
        assert {m.organisation.short_name for m in current} == {"FK", "RJL", "Habo"}
        assert Membership.objects.of_federation(federation).current_in(2015).count() == 4
        assert Membership.objects.of_federation(federation).current_in(2006).count() == 0


class TestMemberOrganisation:
    def test_a_municipality_member_names_its_municipality(self, county):
        organisation = MemberOrganisation(county=county, kind="municipality", name="Mullsjö kommun")
        assert "municipality" in errors_of(organisation)

    def test_only_a_municipality_member_has_one(self, county, municipality):
        organisation = MemberOrganisation(county=county, kind="region", name="Regionen", municipality=municipality)
        assert "municipality" in errors_of(organisation)

    def test_the_database_enforces_it_too(self, county):
        with pytest.raises(IntegrityError):
            MemberOrganisation.objects.create(county=county, kind="municipality", name="Mullsjö kommun")


class TestBoardSeat:
    @pytest.fixture
    def people(self, county):
        return [Person.objects.create(county=county, name=f"Person {i}") for i in range(4)]

    def seat(self, federation, person, organisation, **kwargs):
        values = {"kind": "ordinary", "starts_on": date(2023, 1, 1), "ends_on": date(2026, 12, 31)} | kwargs
        return BoardSeat(federation=federation, person=person, appointed_by=organisation, **values)

    def test_a_valid_seat_passes(self, federation, members, people):
        self.seat(federation, people[0], members["RJL"], office="chair").full_clean()

    def test_the_appointing_organisation_must_be_a_member(self, federation, members, people, county):
        stranger = MemberOrganisation.objects.create(county=county, kind="region", name="Annan region")
        assert "appointed_by" in errors_of(self.seat(federation, people[0], stranger))

    def test_one_ordinary_seat_per_member_at_a_time(self, federation, members, people):
        self.seat(federation, people[0], members["FK"]).save()
        assert "kind" in errors_of(self.seat(federation, people[1], members["FK"], starts_on=date(2025, 1, 1)))
        self.seat(federation, people[1], members["FK"], kind="deputy").full_clean()

    def test_only_an_ordinary_member_chairs(self, federation, members, people):
        seat = self.seat(federation, people[0], members["FK"], kind="deputy", office="chair")
        assert errors_of(seat)["office"] == ["Only an ordinary member can be chair or vice chair."]

    def test_one_chair_at_a_time(self, federation, members, people):
        self.seat(federation, people[0], members["FK"], office="chair").save()
        assert "office" in errors_of(self.seat(federation, people[1], members["RJL"], office="chair"))
        self.seat(federation, people[1], members["RJL"], office="vice_chair").full_clean()

    def test_a_person_holds_one_seat(self, federation, members, people):
        self.seat(federation, people[0], members["FK"]).save()
        assert "person" in errors_of(self.seat(federation, people[0], members["RJL"], kind="deputy"))

    def test_board_of_year(self, federation, members, people):
        self.seat(federation, people[0], members["RJL"], office="chair").save()
        self.seat(federation, people[1], members["Habo"], office="vice_chair").save()
        self.seat(federation, people[2], members["RJL"], kind="deputy").save()
        self.seat(federation, people[3], members["FK"], starts_on=date(2019, 1, 1), ends_on=date(2022, 12, 31)).save()

        board = board_of_year(federation, 2024)

        assert board.chair.person == people[0]
        assert board.vice_chair.person == people[1]
        rows = {row.organisation.short_name: row for row in board.rows}
        assert set(rows) == {"RJL", "Habo"}
        assert [seat.person for seat in rows["RJL"].deputies] == [people[2]]
        assert [row.organisation.short_name for row in board_of_year(federation, 2022).rows] == ["FK"]


class TestStaffPost:
    def test_shares_of_one_person_add_up_to_at_most_full_time(self, federation, other_federation, county):
        chief = Person.objects.create(county=county, name="Chief")
        StaffPost.objects.create(
            federation=federation, person=chief, title="chief", share_percent=65, starts_on=date(2015, 1, 1)
        )
        StaffPost(
            federation=other_federation, person=chief, title="chief", share_percent=35, starts_on=date(2015, 1, 1)
        ).full_clean()
        too_much = StaffPost(
            federation=other_federation, person=chief, title="chief", share_percent=40, starts_on=date(2015, 1, 1)
        )
        assert errors_of(too_much)["share_percent"] == [
            "Chief already works 65 % in this period; at most 35 % is left."
        ]

    def test_share_is_a_percentage(self, federation, county):
        post = StaffPost(
            federation=federation,
            person=Person.objects.create(county=county, name="X"),
            title="other",
            share_percent=120,
            starts_on=date(2020, 1, 1),
        )
        assert "share_percent" in errors_of(post)


class TestGroupMembership:
    def test_a_person_sits_once_in_a_group(self, federation, county):
        person = Person.objects.create(county=county, name="Official")
        GroupMembership.objects.create(
            federation=federation, group="preparatory_group", person=person, starts_on=date(2023, 1, 1)
        )
        again = GroupMembership(
            federation=federation, group="preparatory_group", person=person, starts_on=date(2024, 1, 1)
        )
        assert "person" in errors_of(again)
        GroupMembership(
            federation=federation, group="working_committee", person=person, starts_on=date(2024, 1, 1)
        ).full_clean()


class TestFiscalYear:
    def test_one_per_federation_and_year(self, federation):
        FiscalYear.objects.create(federation=federation, year=2024)
        assert "__all__" in errors_of(FiscalYear(federation=federation, year=2024))

    def test_adopting_needs_a_date_after_the_year(self, federation):
        year = FiscalYear(federation=federation, year=2024, status="adopted")
        assert "adopted_on" in errors_of(year)
        year.adopted_on = date(2024, 12, 1)
        assert "adopted_on" in errors_of(year)
        year.adopted_on = date(2025, 3, 20)
        year.full_clean()

    def test_it_never_reopens(self, federation):
        year = FiscalYear.objects.create(
            federation=federation, year=2024, status="closed", adopted_on=date(2025, 3, 20)
        )
        year.status = "open"
        assert errors_of(year)["status"] == ["A fiscal year cannot be reopened once it is closed."]

    def test_only_an_open_year_is_editable(self, federation):
        assert FiscalYear(federation=federation, year=2026).is_editable
        assert not FiscalYear(federation=federation, year=2024, status="adopted").is_editable


class TestPopulation:
    def test_one_figure_per_year(self, municipality):
        Population.objects.create(municipality=municipality, year=2023, inhabitants=12_714)
        assert "__all__" in errors_of(Population(municipality=municipality, year=2023, inhabitants=1))

    def test_the_list_shows_the_latest(self, municipality, federation):
        Population.objects.create(municipality=municipality, year=2022, inhabitants=12_600)
        Population.objects.create(municipality=municipality, year=2023, inhabitants=12_714)
        habo = Municipality.objects.of_federation(federation).with_latest_population().get()
        assert (habo.latest_population_year, habo.latest_population) == (2023, 12_714)


class TestVisibility:
    def test_a_user_sees_only_federations_with_a_role(self, cast, federation, other_federation):
        assert list(Federation.objects.visible_to(cast["board"])) == [federation]
        assert list(Federation.objects.visible_to(cast["other_office"])) == [other_federation]
        assert not Federation.objects.visible_to(cast["outsider"]).exists()

    def test_scoped_records_follow_the_federation(self, cast, federation, members):
        assert Membership.objects.visible_to(cast["auditor"]).count() == 4
        assert not Membership.objects.visible_to(cast["other_office"]).exists()
        assert not Person.objects.visible_to(cast["outsider"]).exists()

    def test_the_user_role_is_annotated(self, cast, federation):
        assert Federation.objects.with_role_of(cast["auditor"]).get(pk=federation.pk).user_role == "auditor"
