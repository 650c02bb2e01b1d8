"""Two-factor login in a real browser: the demo's auditor enrols an authenticator app at
the first login, sees the recovery codes, and logs in with the app's code the next time."""

import base64

import pytest
from django_otp.oath import TOTP

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def code(key, periods_ahead=0):
    """What an authenticator app shows for the typed key ("ABCD EFGH …")."""
    secret = base64.b32decode(key.replace(" ", "") + "=" * (-len(key.replace(" ", "")) % 8))
    totp = TOTP(secret)
    totp.t0 -= 30 * periods_ahead
    return f"{totp.token():06d}"


def test_an_auditor_enrols_and_logs_in_with_the_app(page, settings):
    settings.REQUIRE_2FA = True
    log_in(page, "revisor")
    page.wait_for_url("**/accounts/two-factor/enrol/**")
    assert page.locator("figure.qr svg").is_visible()
    key = page.locator("code.otp-key").get_attribute("data-key")
    page.get_by_label("Kod").fill(code(key))
    page.get_by_role("button", name="Bekräfta").click()
    page.wait_for_url("**/accounts/two-factor/codes/**")
    assert page.locator(".recovery-codes li").count() == 10
    page.get_by_role("link", name="Fortsätt").click()
    page.get_by_role("link", name="Höglandets samordningsförbund").click()
    page.wait_for_url("**/f/hoglandet/")

    page.get_by_role("button", name="Logga ut").first.click()
    log_in(page, "revisor")
    page.wait_for_url("**/accounts/two-factor/?**")
    page.get_by_label("Kod").fill(code(key, periods_ahead=1))  # the enrolling code is spent
    page.get_by_role("button", name="Logga in").click()
    page.get_by_role("link", name="Höglandets samordningsförbund").click()
    page.wait_for_url("**/f/hoglandet/")
