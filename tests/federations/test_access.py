"""The role matrix: every federation URL × every role → allowed, forbidden or not found.

The URLs are read from the URL configuration, so a new URL without a rule here fails.
"""

from datetime import date

import pytest
from django.urls import get_resolver, reverse

from federations.models import (
    BoardSeat,
    FiscalYear,
    GroupMembership,
    MemberOrganisation,
    Membership,
    Municipality,
    Person,
    StaffPost,
)

READ = "read"  # every role of the federation
EDIT = "edit"  # office staff only
HISTORY = "history"  # office staff and auditors

RULES = {"detail": READ, "edit": EDIT, "history": HISTORY}
for name in [
    "membership",
    "boardseat",
    "groupmembership",
    "staffpost",
    "fiscalyear",
    "person",
    "memberorganisation",
    "municipality",
]:
    RULES |= {f"{name}-list": READ, f"{name}-new": EDIT, f"{name}-edit": EDIT}

EXPECTED = {
    READ: {"office": 200, "intervention": 200, "board": 200, "auditor": 200},
    EDIT: {"office": 200, "intervention": 403, "board": 403, "auditor": 403},
    HISTORY: {"office": 200, "intervention": 403, "board": 403, "auditor": 200},
}
OUTSIDERS = {"other_office": 404, "outsider": 404}


def federation_url_names():
    resolver = get_resolver()
    _, namespace_resolver = resolver.namespace_dict["federations"]
    return {pattern.name for pattern in namespace_resolver.url_patterns}


def test_every_federation_url_has_a_rule():
    assert federation_url_names() == set(RULES)


@pytest.fixture
def records(federation, members, county):
    """One record of each kind in ``federation``, for the edit URLs."""
    person = Person.objects.create(county=county, name="Board Member")
    return {
        "membership": Membership.objects.filter(federation=federation).first(),
        "boardseat": BoardSeat.objects.create(
            federation=federation, person=person, appointed_by=members["FK"], starts_on=date(2023, 1, 1)
        ),
        "groupmembership": GroupMembership.objects.create(
            federation=federation, group="preparatory_group", person=person, starts_on=date(2023, 1, 1)
        ),
        "staffpost": StaffPost.objects.create(
            federation=federation, person=person, title="chief", share_percent=65, starts_on=date(2015, 1, 1)
        ),
        "fiscalyear": FiscalYear.objects.create(federation=federation, year=2026),
        "person": person,
        "memberorganisation": members["RJL"],
        "municipality": Municipality.objects.get(),
    }


def url_for(name, federation, records):
    kwargs = {"slug": federation.slug}
    if name.endswith("-edit"):
        kwargs["pk"] = records[name.removesuffix("-edit")].pk
    return reverse(f"federations:{name}", kwargs=kwargs)


@pytest.mark.parametrize("name", sorted(RULES))
def test_role_matrix(client, cast, federation, records, name):
    url = url_for(name, federation, records)
    expected = EXPECTED[RULES[name]] | OUTSIDERS
    answers = {}
    for role, status in expected.items():
        client.force_login(cast[role])
        answers[role] = client.get(url).status_code
    client.logout()
    response = client.get(url)
    answers["anonymous"] = response.status_code
    expected = expected | {"anonymous": 302}
    assert answers == expected
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", sorted(name for name in RULES if name.endswith("-edit")))
def test_a_record_of_another_federation_is_not_found_under_ones_own(
    client, office, federation, other_federation, other_county, records, name
):
    """Office staff who put another federation's (or county's) record id in their own
    federation's URL get 404."""
    kind = name.removesuffix("-edit")
    foreign = {
        "membership": lambda: Membership.objects.create(
            federation=other_federation, organisation=records["memberorganisation"], starts_on=date(2010, 1, 1)
        ),
        "boardseat": lambda: BoardSeat.objects.create(
            federation=other_federation,
            person=records["person"],
            appointed_by=records["memberorganisation"],
            starts_on=date(2023, 1, 1),
        ),
        "groupmembership": lambda: GroupMembership.objects.create(
            federation=other_federation, group="working_committee", person=records["person"], starts_on=date(2023, 1, 1)
        ),
        "staffpost": lambda: StaffPost.objects.create(
            federation=other_federation,
            person=records["person"],
            title="other",
            share_percent=10,
            starts_on=date(2015, 1, 1),
        ),
        "fiscalyear": lambda: FiscalYear.objects.create(federation=other_federation, year=2026),
        "person": lambda: Person.objects.create(county=other_county, name="Someone Else"),
        "memberorganisation": lambda: MemberOrganisation.objects.create(
            county=other_county, kind="region", name="Region Kalmar län"
        ),
        "municipality": lambda: Municipality.objects.create(county=other_county, name="Kalmar", code="0880"),
    }[kind]()
    client.force_login(office)
    url = reverse(f"federations:{name}", kwargs={"slug": federation.slug, "pk": foreign.pk})
    assert client.get(url).status_code == 404
    assert client.post(url, {}).status_code == 404


def test_a_refused_post_changes_nothing(client, board_member, federation):
    client.force_login(board_member)
    response = client.post(reverse("federations:edit", kwargs={"slug": federation.slug}), {"name": "Hijacked"})
    assert response.status_code == 403
    federation.refresh_from_db()
    assert federation.name == "Samordningsförbundet Södra Vätterbygden"


def test_home_lists_only_ones_own_federations(client, county, federation, other_federation, office):
    from federations.models import Role

    Role.objects.create(user=office, federation=other_federation, kind="board")
    client.force_login(office)
    page = client.get(reverse("home")).content.decode()
    assert federation.name in page and other_federation.name in page


def test_home_goes_straight_to_a_single_federation(client, federation, board_member):
    client.force_login(board_member)
    assert client.get(reverse("home"))["Location"] == federation.get_absolute_url()


def test_home_of_a_user_without_roles_names_no_federation(client, federation, outsider):
    client.force_login(outsider)
    page = client.get(reverse("home")).content.decode()
    assert federation.name not in page
    assert "role" in page.lower() or "roll" in page.lower()
