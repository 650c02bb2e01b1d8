"""The error pages a user can meet, as production shows them (DEBUG off): in Swedish, in
the app's layout where a request is there to render it, each with a way back."""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse


@pytest.fixture(autouse=True)
def production(settings):
    settings.DEBUG = False


def assert_way_back(html):
    assert 'href="/"' in html and "Tillbaka till startsidan" in html


def test_a_page_that_does_not_exist(client, office):
    client.force_login(office)
    response = client.get("/f/no-such-federation/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Sidan finns inte" in html and '<main id="main">' in html
    assert_way_back(html)


def test_a_page_the_role_may_not_open(client, board_member, federation):
    client.force_login(board_member)
    response = client.get(reverse("federations:edit", kwargs={"slug": federation.slug}))
    html = response.content.decode()
    assert response.status_code == 403
    assert "Du får inte öppna den här sidan" in html and board_member.username in html  # the layout, logged in
    assert_way_back(html)


def test_a_form_sent_without_its_csrf_token(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "x", "password": "y"})
    html = response.content.decode()
    assert response.status_code == 403
    assert "Formuläret hade gått ut" in html and "Inget sparades" in html
    assert_way_back(html)


def test_a_failure_of_the_app_itself():
    from django.views.defaults import server_error

    response = server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "Något gick fel" in html and 'lang="sv"' in html
    assert_way_back(html)
