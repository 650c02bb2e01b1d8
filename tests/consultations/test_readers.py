"""Readers across a county, given and ended by someone who speaks for every federation of it
— an administrator of each — with a one-time link like a federation's colleagues."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from access.models import AccessLink
from consultations.models import Consultation, CountyRole
from federations.models import Role

COUNTY = "jonkopings-lan"
PASSWORD = "a long and new passphrase 42"


def test_an_administrator_of_every_federation_invites_and_ends_a_reader(client, demo):
    kansli = get_user_model().objects.get(username="kansli")
    client.force_login(kansli)
    url = reverse("consultations:readers", kwargs={"county": COUNTY})
    assert client.post(url, {"name": "Maria Medlem"}).status_code == 302
    link = client.get(url).context["issued"]["url"].removeprefix("http://testserver")
    assert client.get(url).context["issued"] is None  # shown once

    client.logout()
    response = client.post(link, {"username": "maria", "password1": PASSWORD, "password2": PASSWORD})
    assert response["Location"] == reverse("consultations:list", kwargs={"county": COUNTY})
    maria = get_user_model().objects.get(username="maria")
    assert CountyRole.objects.get(user=maria).kind == CountyRole.Kind.READER
    assert not Role.objects.filter(user=maria).exists()  # no federation's own pages
    deck = reverse("consultations:deck", kwargs={"county": COUNTY, "pk": Consultation.objects.first().pk})
    assert client.get(deck).status_code == 200
    assert AccessLink.objects.get(name="Maria Medlem").used_at is not None

    client.force_login(kansli)
    role = CountyRole.objects.get(user=maria)
    client.post(reverse("consultations:reader-end", kwargs={"county": COUNTY, "pk": role.pk}))
    assert not CountyRole.objects.filter(user=maria).exists()
    assert CountyRole.history.filter(id=role.pk).latest("history_date").history_user == kansli


def test_an_administrator_of_one_federation_only_gives_no_reader(client, demo):
    """A reader sees every federation's figures in the deck: one federation alone does not
    decide that."""
    kansli = get_user_model().objects.get(username="kansli")
    Role.objects.filter(user=kansli, federation__slug="finnveden").update(is_administrator=False)
    client.force_login(kansli)
    url = reverse("consultations:readers", kwargs={"county": COUNTY})
    assert client.get(url).status_code == 403
    assert client.post(url, {"name": "Maria Medlem"}).status_code == 403
    assert not AccessLink.objects.filter(county__slug=COUNTY).exists()


def test_the_readers_page_asks_the_same_queries_however_many_readers(client, demo):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from federations.models import County

    client.force_login(get_user_model().objects.get(username="kansli"))
    url = reverse("consultations:readers", kwargs={"county": COUNTY})
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    county = County.objects.get(slug=COUNTY)
    for number in range(8):
        reader = get_user_model().objects.create_user(f"reader-{number}", password="x")
        CountyRole.objects.create(user=reader, county=county, kind=CountyRole.Kind.READER)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url)
    assert len(page.context["readers"]) == 9
    assert len(many) == len(few)
