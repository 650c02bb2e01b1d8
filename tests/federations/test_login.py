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


def test_spraying_a_few_guesses_at_every_username_locks_the_address(login, django_user_model, settings):
    """Four guesses for each of many users stay under each user's limit, but not under the
    address's: the address is locked, even for a username it has not tried."""
    users = [f"user{i}" for i in range(settings.AXES_ADDRESS_FAILURE_LIMIT // 4 + 1)]
    for username in users:
        django_user_model.objects.create_user(username, password="correct horse battery")
    answers = [login(username, f"guess {n}").status_code for username in users for n in range(4)]
    assert 429 in answers
    assert answers.index(429) >= settings.AXES_ADDRESS_FAILURE_LIMIT - 1
    django_user_model.objects.create_user("untried", password="correct horse battery")
    assert login("untried", "correct horse battery").status_code == 429


def test_another_address_is_not_locked_by_the_spray(client, django_user_model, settings):
    django_user_model.objects.create_user("colleague", password="correct horse battery")
    for n in range(settings.AXES_ADDRESS_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": f"nobody{n}", "password": "x"}, REMOTE_ADDR="10.0.0.66")
    other = client.post(
        reverse("login"), {"username": "colleague", "password": "correct horse battery"}, REMOTE_ADDR="10.0.0.7"
    )
    assert other.status_code == 302


def test_sessions_last_a_working_day_and_end_with_the_browser(settings):
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60 and settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_a_password_needs_twelve_characters(django_user_model):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("kort-lösen1")  # 11 characters
    validate_password("ett långt lösenord")


@pytest.mark.parametrize(
    "password",
    [
        "aaaaaaaaaaaa",
        "abababababab",
        "121212121212ab",
        "Sommar2024!!!",
        "lösenord1234",
        "hejhejhejhej",
        "Finsam-2026!!",
    ],
)
def test_a_password_of_few_characters_or_a_common_word_is_refused(password):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password(password)


@pytest.mark.parametrize("password", ["correct horse battery", "Ängsbacken 14 vid sjön", "finsam-demo-2026"])
def test_a_password_hard_to_guess_is_accepted(password):
    from django.contrib.auth.password_validation import validate_password

    validate_password(password)


def test_the_password_change_form_says_why(client, office):
    client.force_login(office)
    response = client.post(
        reverse("password_change"),
        {"old_password": "correct horse battery", "new_password1": "aaaaaaaaaaaa", "new_password2": "aaaaaaaaaaaa"},
    )
    assert "new_password2" in response.context["form"].errors
