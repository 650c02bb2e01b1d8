"""Every URL of the app has an expected answer for every role and for anonymous users.

The URLs are read from the URL configuration: the federations' pages are checked in
tests/test_role_matrix.py, the county's consultations in tests/consultations/
test_access.py, and the rest here. A new URL in none of them fails this test."""

import pytest
from django.urls import URLResolver, get_resolver, reverse

from .consultations.test_access import EXPECTED as CONSULTATION_RULES
from .test_role_matrix import RULES as FEDERATION_RULES

PUBLIC = "public"  # anyone: 200
LOGIN = "login"  # any logged-in user: 200; anonymous: to the login page
POST_ONLY = "post only"  # a GET is not allowed (405); anonymous: to the login page
LANGUAGE = "language"  # anyone: a redirect back

OTHER_RULES = {
    "home": LOGIN,
    "login": PUBLIC,
    "logout": POST_ONLY,
    "password_change": LOGIN,
    "password_change_done": LOGIN,
    "set_language": LANGUAGE,
    # Two-factor login's own pages, open to anyone logged in (the verification step sends
    # someone who has not enrolled to enrol).
    "two-factor-verify": LOGIN,
    "two-factor-enrol": LOGIN,
    "two-factor-codes": LOGIN,
}
ROLES = ["office", "intervention", "board", "auditor", "other_office", "outsider"]
# Public pages that name a county (and a federation): tests/interventions/test_catalogue.py.
CATALOGUE = {"catalogue", "catalogue-federation"}
# The page a one-time link opens, for anyone holding the link: tests/access/test_users.py.
ONE_TIME_LINK = {"access:accept"}


def all_url_names(patterns=None, namespace=None):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from all_url_names(pattern.url_patterns, pattern.namespace or namespace)
        else:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_url_has_a_rule():
    covered = (
        set(FEDERATION_RULES)
        | {f"consultations:{name}" for name in CONSULTATION_RULES}
        | set(OTHER_RULES)
        | CATALOGUE
        | ONE_TIME_LINK
    )
    names = {name for name in all_url_names() if not name.startswith("admin:")}
    assert names - covered == set(), "a URL without an expected answer: add it to a matrix"
    assert covered - names == set()


@pytest.mark.parametrize("name", sorted(OTHER_RULES))
def test_the_other_urls(client, cast, name):
    rule = OTHER_RULES[name]
    url = reverse(name)
    answers = {"anonymous": client.get(url).status_code}
    for role in ROLES:
        client.force_login(cast[role])
        answers[role] = client.get(url).status_code
        client.logout()
    if rule == PUBLIC:
        assert set(answers.values()) == {200}
    elif rule == LOGIN:
        assert answers.pop("anonymous") == 302
        assert set(answers.values()) <= {200, 302}  # home goes straight to one's only federation
    elif rule == POST_ONLY:
        assert answers.pop("anonymous") == 302
        assert set(answers.values()) == {405}
    else:
        assert set(answers.values()) == {302}


@pytest.mark.parametrize("role", [None, *ROLES])
def test_the_admin_is_for_superusers_only(client, cast, role):
    if role:
        client.force_login(cast[role])
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
