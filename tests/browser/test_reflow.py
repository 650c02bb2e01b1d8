"""Reflow at 390 × 844 (WCAG 1.4.10): on a phone no page scrolls sideways; a wide table
scrolls in its own box. Checked for the main pages of each role."""

import pytest

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SV = "/f/sodra-vatterbygden"
PAGES = {
    "kansli": [
        f"{SV}/",
        f"{SV}/dashboard/?year=2024",
        f"{SV}/interventions/",
        f"{SV}/participants/",
        f"{SV}/participants/new/",
        f"{SV}/accounts/?year=2024",
        f"{SV}/budget/?year=2024",
        f"{SV}/reports/annual/?year=2024",
        f"{SV}/reports/interim/?year=2024",
        f"{SV}/survey/edit/?year=2024",
    ],
    "styrelse": [f"{SV}/", f"{SV}/reports/plan/?year=2027", f"{SV}/goals/"],
    "revisor": [f"{SV}/auditors/?year=2024", f"{SV}/history/"],
}


@pytest.mark.parametrize("username", sorted(PAGES))
def test_no_page_scrolls_sideways_on_a_phone(page, username):
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, username)
    too_wide = {}
    for path in PAGES[username]:
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 390:
            too_wide[path] = width
    assert too_wide == {}
