"""A federation's office runs its own users: its administrators invite colleagues with a
one-time link, change and end their roles and reset a colleague's second factor — in their
own federation only, each change in its history."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from access.models import AccessLink
from federations.models import Role
from interventions.models import InterventionAssignment

from ..conftest import make_user

PASSWORD = "a long and new passphrase 42"


@pytest.fixture
def administrator(federation):
    user = make_user("chief", federation, Role.Kind.OFFICE)
    Role.objects.filter(user=user).update(is_administrator=True)
    return user


def users_url(federation, name="access:users", **kwargs):
    return reverse(name, kwargs={"slug": federation.slug, **kwargs})


def invite(client, federation, **data):
    response = client.post(users_url(federation, "access:invite"), {"name": "Anna Andersson", **data})
    assert response.status_code == 302, response.context["form"].errors
    page = client.get(response["Location"])
    return page.context["issued"]["url"].removeprefix("http://testserver")


def test_an_invitation_is_a_one_time_link_that_makes_a_login_with_its_role(client, administrator, federation):
    client.force_login(administrator)
    link = invite(client, federation, kind="auditor")
    assert client.get(users_url(federation, "access:link-issued")).context["issued"] is None  # shown once
    assert AccessLink.objects.get().name == "Anna Andersson"

    client.logout()
    assert client.get(link).status_code == 200
    response = client.post(link, {"username": "anna", "password1": PASSWORD, "password2": PASSWORD})
    assert response["Location"] == reverse("federations:detail", kwargs={"slug": federation.slug})
    anna = get_user_model().objects.get(username="anna")
    assert (anna.first_name, anna.last_name) == ("Anna", "Andersson")
    role = Role.objects.get(user=anna)
    assert (role.federation, role.kind, role.is_administrator) == (federation, Role.Kind.AUDITOR, False)
    assert role.history.get().history_change_reason == "Inbjudan från chief antagen"
    assert AccessLink.objects.get().used_at is not None
    client.logout()
    assert client.get(link).status_code == 410  # used up
    assert client.post(link, {"username": "eve", "password1": PASSWORD, "password2": PASSWORD}).status_code == 410
    assert not get_user_model().objects.filter(username="eve").exists()


def test_intervention_staff_are_invited_to_interventions_of_the_federation_only(
    client, administrator, federation, other_federation, intervention, other_intervention
):
    from interventions.models import Funding

    foreign = type(intervention).objects.create(
        county=federation.county, name="Deras", starts_on=intervention.starts_on
    )
    Funding.objects.create(intervention=foreign, federation=other_federation)
    client.force_login(administrator)
    url = users_url(federation, "access:invite")
    refused = client.post(url, {"name": "Ina", "kind": "intervention"})
    assert "interventions" in refused.context["form"].errors  # none chosen
    refused = client.post(url, {"name": "Ina", "kind": "intervention", "interventions": [foreign.pk]})
    assert "interventions" in refused.context["form"].errors  # not this federation's
    refused = client.post(url, {"name": "Ina", "kind": "board", "is_administrator": "on"})
    assert "is_administrator" in refused.context["form"].errors
    assert not AccessLink.objects.exists()

    link = invite(client, federation, name="Ina", kind="intervention", interventions=[intervention.pk])
    client.logout()
    client.post(link, {"username": "ina", "password1": PASSWORD, "password2": PASSWORD})
    assert list(InterventionAssignment.objects.filter(user__username="ina").values_list("intervention", flat=True)) == [
        intervention.pk
    ]


def test_someone_logged_in_adds_the_role_to_their_login(client, administrator, federation, other_office):
    client.force_login(administrator)
    link = invite(client, federation, kind="board")
    client.force_login(other_office)
    client.post(link)
    assert set(other_office.finsam_roles.values_list("federation__slug", "kind")) == {
        ("hoglandet", "office"),
        ("sodra-vatterbygden", "board"),
    }


def test_only_the_federations_administrators_manage_its_users(
    client, administrator, office, other_office, federation, other_federation
):
    client.force_login(office)  # office staff, not an administrator
    assert client.get(users_url(federation)).status_code == 403
    Role.objects.filter(user=other_office).update(is_administrator=True)
    client.force_login(other_office)  # the other federation's administrator
    assert client.get(users_url(federation)).status_code == 404
    own_role = Role.objects.get(user=administrator)
    assert client.post(users_url(other_federation, "access:role-end", pk=own_role.pk)).status_code == 404
    client.force_login(administrator)
    page = client.get(users_url(federation))
    assert [row.record.user.username for row in page.context["roles"].rows] == ["chief", "office"]
    assert "Användare" in [item.label for item in page.context["nav"]]


def test_a_role_changes_and_ends_and_the_history_says_who(client, administrator, office, federation, intervention):
    client.force_login(administrator)
    role = Role.objects.get(user=office)
    edit = users_url(federation, "access:role-edit", pk=role.pk)
    version = client.get(edit).context["form"]["version"].value()
    data = {"kind": "intervention", "interventions": [intervention.pk], "version": version}
    assert client.post(edit, data).status_code == 302
    role.refresh_from_db()
    assert role.kind == Role.Kind.INTERVENTION
    assert InterventionAssignment.objects.filter(user=office, intervention=intervention).exists()

    client.post(users_url(federation, "access:role-end", pk=role.pk))
    assert not Role.objects.filter(user=office).exists()
    assert not InterventionAssignment.objects.filter(user=office).exists()
    ended = Role.history.filter(user_id=office.pk).latest("history_date")
    assert (ended.history_type, ended.history_user) == ("-", administrator)
    history = client.get(users_url(federation, "federations:history")).context["table"]
    assert "office" in [row.record["record_label"] for row in history.rows]


def test_the_federation_keeps_an_administrator_and_nobody_ends_their_own_role(
    client, administrator, office, federation
):
    client.force_login(administrator)
    own = Role.objects.get(user=administrator)
    client.post(users_url(federation, "access:role-end", pk=own.pk))
    assert Role.objects.filter(pk=own.pk).exists()
    version = client.get(users_url(federation, "access:role-edit", pk=own.pk)).context["form"]["version"].value()
    response = client.post(users_url(federation, "access:role-edit", pk=own.pk), {"kind": "office", "version": version})
    assert "behöver en administratör" in str(response.context["form"].non_field_errors())
    assert Role.objects.get(pk=own.pk).is_administrator


def test_a_reset_takes_away_the_second_factor_and_the_password_until_the_link_is_used(
    client, administrator, office, federation, settings
):
    TOTPDevice.objects.create(user=office, name="phone", confirmed=True)
    client.force_login(administrator)
    response = client.post(users_url(federation, "access:role-reset", pk=Role.objects.get(user=office).pk))
    link = client.get(response["Location"]).context["issued"]["url"].removeprefix("http://testserver")
    settings.REQUIRE_2FA = True
    office.refresh_from_db()
    assert not TOTPDevice.objects.filter(user=office).exists()
    assert not office.has_usable_password()  # whoever knew the old one cannot enrol a phone with it
    assert not office.check_password("correct horse battery")
    client.logout()

    response = client.post(link, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert response.status_code == 302
    then = client.get(response["Location"])
    assert then.status_code == 302 and reverse("two-factor-enrol") in then["Location"]  # enrols anew
    client.logout()
    assert client.get(link).status_code == 410


@pytest.mark.parametrize("spoil", ["expired", "withdrawn"])
def test_an_expired_or_withdrawn_link_opens_nothing(client, administrator, federation, spoil):
    client.force_login(administrator)
    link = invite(client, federation, kind="board")
    record = AccessLink.objects.get()
    if spoil == "expired":
        AccessLink.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    else:
        client.post(users_url(federation, "access:link-withdraw", pk=record.pk))
        assert AccessLink.objects.get().withdrawn_at is not None
    client.logout()
    assert client.get(link).status_code == 410
    assert client.post(link, {"username": "late", "password1": PASSWORD, "password2": PASSWORD}).status_code == 410
    assert not Role.objects.filter(user__username="late").exists()


def test_the_users_page_asks_the_same_queries_however_many_users(client, administrator, federation, intervention):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(administrator)
    url = users_url(federation)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for number in range(10):
        user = make_user(f"coach-{number}", federation, Role.Kind.INTERVENTION)
        InterventionAssignment.objects.create(user=user, intervention=intervention)
        TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url)
    assert len(page.context["roles"].rows) == 11
    assert len(many) == len(few)


def test_whoever_runs_the_installation_adds_a_federation_and_hands_it_to_its_administrator(client, db):
    """The one step before there is an office (issue 29): a county and its federation, and a
    link that makes its user the federation's administrator — no superuser, no /admin/."""
    import io

    from django.core.management import CommandError, call_command

    from federations.models import County, Federation

    arguments = [
        "add_federation",
        "--county=Hallands län",
        "--name=Samordningsförbundet Halland",
        "--short-name=SH",
        "--slug=halland",
        "--founded-on=2009-01-01",
        "--administrator=Kerstin Kanslichef",
    ]
    with pytest.raises(CommandError, match="organisation_number"):
        call_command(*arguments, "--organisation-number=123")
    assert not County.objects.exists() and not Federation.objects.exists()  # nothing half-made

    out = io.StringIO()
    call_command(*arguments, "--organisation-number=222000-1230", stdout=out)
    link = out.getvalue().splitlines()[-1].removeprefix("http://127.0.0.1:8000")
    federation = Federation.objects.get(slug="halland")
    assert federation.county == County.objects.get(slug="hallands-lan")
    response = client.post(link, {"username": "kerstin", "password1": PASSWORD, "password2": PASSWORD})
    assert response["Location"] == reverse("federations:detail", kwargs={"slug": "halland"})
    role = Role.objects.get(user__username="kerstin")
    assert (role.federation, role.kind, role.is_administrator) == (federation, Role.Kind.OFFICE, True)
    assert role.history.get().history_change_reason == "Inbjudan från installationen antagen"
    assert not get_user_model().objects.filter(is_superuser=True).exists()
