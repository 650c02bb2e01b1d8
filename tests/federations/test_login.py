import pytest
from django.urls import reverse


@pytest.fixture
def login(client):
    def attempt(username, password):
        return client.post(reverse("login"), {"username": username, "password": password})

    return attempt


def test_it_logs_in_with_the_right_password(login, office):
    response = login("office", "correct horse battery")
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_it_refuses_a_wrong_password_with_a_message(login, office):
    response = login("office", "wrong")
    assert response.status_code == 200
    assert response.context["form"].errors["__all__"]


def test_it_locks_the_account_after_five_failures(login, office, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login("office", "wrong").status_code == 200
    locked = login("office", "wrong")
    assert locked.status_code == 429
    # Even the right password is refused while locked out.
    assert login("office", "correct horse battery").status_code == 429


def test_a_success_resets_the_count(login, office, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login("office", "wrong")
    assert login("office", "correct horse battery").status_code == 302
    assert login("office", "wrong").status_code == 200


def test_passwords_are_hashed_with_argon2(settings, django_user_model):
    import finsam.settings

    settings.PASSWORD_HASHERS = finsam.settings.PASSWORD_HASHERS  # the tests' fast hasher set aside
    user = django_user_model.objects.create_user("new", password="a long enough password")
    assert user.password.startswith("argon2$")


def test_every_page_needs_a_login(client, federation):
    response = client.get(federation.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
