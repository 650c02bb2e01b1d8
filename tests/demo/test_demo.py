from io import StringIO

import pytest
from django.core.management import call_command

from federations.board import board_of_year
from federations.models import BoardSeat, Federation, Membership, Person, Role, StaffPost


def test_it_loads_the_three_federations_of_the_county(demo):
    assert set(Federation.objects.values_list("slug", "county__slug")) == {
        ("sodra-vatterbygden", "jonkopings-lan"),
        ("hoglandet", "jonkopings-lan"),
        ("finnveden", "jonkopings-lan"),
    }


@pytest.mark.parametrize(
    "slug, municipalities",
    [
        ("sodra-vatterbygden", {"Habo", "Jönköping", "Mullsjö", "Vaggeryd"}),
        ("hoglandet", {"Aneby", "Eksjö", "Nässjö", "Sävsjö", "Tranås", "Vetlanda"}),
        ("finnveden", {"Gislaved", "Gnosjö", "Värnamo"}),
    ],
)
def test_members_are_the_state_the_region_and_the_municipalities(demo, slug, municipalities):
    members = Membership.objects.filter(federation__slug=slug).current_in(2025).select_related("organisation")
    kinds = [m.organisation.kind for m in members]
    assert sorted(kinds).count("municipality") == len(municipalities)
    assert {m.organisation.municipality.name for m in members if m.organisation.municipality} == municipalities
    assert {"fk", "af", "region"} <= set(kinds)


def test_three_municipalities_joined_sodra_vatterbygden_in_may_2011(demo):
    members_2010 = Membership.objects.filter(federation__slug="sodra-vatterbygden").current_in(2010)
    assert {m.organisation.short_name for m in members_2010} == {"FK", "AF", "RJL", "Jönköping"}


@pytest.mark.parametrize(
    "slug, chair_from, vice_chair_from",
    [("sodra-vatterbygden", "RJL", "Habo"), ("hoglandet", "Aneby", "Tranås"), ("finnveden", "Gislaved", "RJL")],
)
def test_chairs_are_appointed_as_in_the_2025_member_consultation(demo, slug, chair_from, vice_chair_from):
    board = board_of_year(Federation.objects.get(slug=slug), 2025)
    assert board.chair.appointed_by.label == chair_from
    assert board.vice_chair.appointed_by.label == vice_chair_from
    # One ordinary member and one deputy per member organisation.
    assert all(len(row.ordinary) == 1 and len(row.deputies) == 1 for row in board.rows)


def test_the_chief_is_shared_65_35_between_sodra_vatterbygden_and_finnveden(demo):
    posts = StaffPost.objects.filter(title="chief", federation__slug__in=["sodra-vatterbygden", "finnveden"])
    assert len({post.person_id for post in posts}) == 1
    assert {post.federation.slug: post.share_percent for post in posts} == {"sodra-vatterbygden": 65, "finnveden": 35}


def test_there_is_one_demo_user_per_role(demo):
    assert set(Role.objects.values_list("kind", flat=True)) == set(Role.Kind.values)


def test_running_it_twice_changes_nothing(demo):
    counts = (Person.objects.count(), BoardSeat.objects.count(), Person.history.count(), BoardSeat.history.count())
    call_command("load_demo", stdout=StringIO())
    assert (
        Person.objects.count(),
        BoardSeat.objects.count(),
        Person.history.count(),
        BoardSeat.history.count(),
    ) == counts


def test_the_demo_users_can_log_in_and_see_their_federation(demo, client):
    response = client.post("/accounts/login/", {"username": "styrelse", "password": "finsam-demo-2026"}, follow=True)
    assert response.context["federation"].slug == "sodra-vatterbygden"
    assert client.get("/f/hoglandet/").status_code == 404


def test_the_demo_closes_only_years_whose_books_it_holds(demo):
    from federations.models import FiscalYear
    from finances.models import Budget

    for fiscal_year in FiscalYear.objects.exclude(status=FiscalYear.Status.OPEN):
        assert Budget.objects.filter(
            federation=fiscal_year.federation, year=fiscal_year.year, scenario="actual", lines__isnull=False
        ).exists(), fiscal_year
