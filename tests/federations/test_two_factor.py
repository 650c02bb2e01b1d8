"""Two-factor login: office staff and auditors enrol an authenticator app at their first
login, give its code at every login after, can use a recovery code once, and are slowed
down by wrong codes. Board members are not asked; the password's lock-out still holds."""

import re
import time

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def require_2fa(settings):
    settings.REQUIRE_2FA = True


def log_in(client, user):
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return response


def code_for(device, offset=0):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset):06d}"


def enrol(client, federation):
    page = client.get(reverse("federations:detail", kwargs={"slug": federation.slug}), follow=True)
    assert page.request["PATH_INFO"] == reverse("two-factor-enrol")
    device = TOTPDevice.objects.get(confirmed=False)
    response = client.post(reverse("two-factor-enrol"), {"token": code_for(device), "next": "/"}, follow=True)
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", response.content.decode())
    return TOTPDevice.objects.get(pk=device.pk), codes


def test_office_staff_enrol_at_their_first_login_and_see_the_recovery_codes_once(client, office, federation):
    log_in(client, office)
    page = client.get(reverse("two-factor-enrol")).content.decode()
    assert "<svg" in page and "otpauth" not in page  # the QR code, drawn; the secret only as a key
    device, codes = enrol(client, federation)
    assert device.confirmed
    assert len(codes) == 10 and len(set(codes)) == 10
    assert client.get(reverse("federations:detail", kwargs={"slug": federation.slug})).status_code == 200
    assert "<code>" not in client.get(reverse("two-factor-codes")).content.decode()  # shown once


def test_every_page_waits_for_the_code_after_the_password(client, office, federation):
    log_in(client, office)
    device, _codes = enrol(client, federation)
    client.logout()
    log_in(client, office)
    url = reverse("federations:detail", kwargs={"slug": federation.slug})
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two-factor-verify"))
    wrong = client.post(reverse("two-factor-verify"), {"token": "000000", "next": url})
    assert wrong.status_code == 200 and "inte rätt" in wrong.content.decode()
    time.sleep(1.1)  # the first wrong code costs a second
    # The next period's code: the one given to enrol may not be used twice.
    right = client.post(reverse("two-factor-verify"), {"token": code_for(device, 1), "next": url})
    assert right.status_code == 302 and right["Location"] == url
    assert client.get(url).status_code == 200


def test_a_recovery_code_logs_in_once(client, auditor, federation):
    log_in(client, auditor)
    _device, codes = enrol(client, federation)
    client.logout()
    log_in(client, auditor)
    response = client.post(reverse("two-factor-verify"), {"token": codes[0].upper(), "next": "/"}, follow=True)
    assert response.status_code == 200
    assert "återställningskod" in response.content.decode()
    assert StaticToken.objects.count() == 9
    client.logout()
    log_in(client, auditor)
    again = client.post(reverse("two-factor-verify"), {"token": codes[0], "next": "/"})
    assert again.status_code == 200  # used up


def test_wrong_codes_lock_the_second_step(client, office, federation):
    log_in(client, office)
    device, _codes = enrol(client, federation)
    client.logout()
    log_in(client, office)
    for _attempt in range(3):
        client.post(reverse("two-factor-verify"), {"token": "123456"})
    locked = client.post(reverse("two-factor-verify"), {"token": code_for(device, 1)})
    assert locked.status_code == 200
    assert "För många felaktiga koder" in locked.content.decode()
    assert not client.get(reverse("federations:detail", kwargs={"slug": federation.slug})).status_code == 200


def test_a_board_member_is_not_asked(client, board_member, federation):
    log_in(client, board_member)
    assert client.get(reverse("federations:detail", kwargs={"slug": federation.slug})).status_code == 200


def test_the_password_lock_out_still_holds(client, office):
    for _attempt in range(5):
        client.post(reverse("login"), {"username": office.username, "password": "wrong password"})
    response = client.post(reverse("login"), {"username": office.username, "password": PASSWORD})
    assert response.status_code == 429
    assert not TOTPDevice.objects.exists()


def test_off_in_the_demo(client, office, federation, settings):
    settings.REQUIRE_2FA = False
    log_in(client, office)
    assert client.get(reverse("federations:detail", kwargs={"slug": federation.slug})).status_code == 200


# --- The enrolment key is this session's, shown once ----------------------------------


def shown_key(page):
    return re.search(r'data-key="([A-Z2-7 ]+)"', page.content.decode()).group(1)


def test_two_logins_are_never_shown_the_same_key_and_the_first_cannot_be_confirmed(client, office, federation):
    from django.test import Client

    other = Client()
    log_in(client, office)
    log_in(other, office)
    first = client.get(reverse("two-factor-enrol"))
    first_device = TOTPDevice.objects.get(confirmed=False)
    second = other.get(reverse("two-factor-enrol"))
    second_device = TOTPDevice.objects.get(confirmed=False)
    assert shown_key(first) != shown_key(second)
    assert not TOTPDevice.objects.filter(pk=first_device.pk).exists()  # replaced, never shown again

    # The first login's key, confirmed with a right code of its own, is refused.
    response = client.post(reverse("two-factor-enrol"), {"token": code_for(first_device), "next": "/"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("two-factor-enrol"))
    assert not TOTPDevice.objects.filter(confirmed=True).exists()

    # The owner confirms the second; the first key's codes never pass.
    assert other.post(reverse("two-factor-enrol"), {"token": code_for(second_device), "next": "/"}).status_code == 302
    client.logout()
    log_in(client, office)
    response = client.post(reverse("two-factor-verify"), {"token": code_for(first_device, offset=1), "next": "/"})
    assert response.status_code == 200 and response.context["form"].errors["token"]


def test_a_wrong_enrolment_code_asks_again_without_showing_the_key(client, office, federation):
    log_in(client, office)
    assert shown_key(client.get(reverse("two-factor-enrol")))
    device = TOTPDevice.objects.get(confirmed=False)
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"
    response = client.post(reverse("two-factor-enrol"), {"token": wrong, "next": "/"})
    page = response.content.decode()
    assert response.context["form"].errors["token"]
    assert "data-key" not in page and "<svg" not in page
    assert TOTPDevice.objects.filter(pk=device.pk, confirmed=False).exists()  # still this session's to confirm


# --- Every role that sees a participant row gives the second factor -------------------


@pytest.mark.parametrize("export", ["", "?_export=csv", "?_export=xlsx"])
def test_intervention_staff_give_a_second_factor_before_any_participant_row(
    client, intervention_staff, assigned_staff, participant, federation, export
):
    log_in(client, intervention_staff)
    url = reverse("interventions:participant-list", kwargs={"slug": federation.slug}) + export
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two-factor-enrol"))
    assert participant.code.encode() not in response.content
