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
