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
        f"{SV}/budget/edit/?year=2026",
        f"{SV}/reports/annual/?year=2024",
        f"{SV}/reports/interim/?year=2024",
        f"{SV}/survey/edit/?year=2024",
        f"{SV}/meeting/",
        f"{SV}/meeting/new/",
        f"{SV}/application/",
        f"{SV}/grantdecision/",
        f"{SV}/grantdecision/new/",
        f"{SV}/users/",
        f"{SV}/users/invite/",
        f"{SV}/socioeconomicmodel/",
        f"{SV}/socioeconomicmodel/new/",
        f"{SV}/boardseat/import/",
        f"{SV}/accounts/cost-distribution/?year=2024",
        f"{SV}/national/?year=2024",
        f"{SV}/structuralevent/",
        f"{SV}/structuralevent/new/",
        f"{SV}/referral/",
        f"{SV}/referral/new/",
        f"{SV}/supplementaryquestion/",
        f"{SV}/participants/follow-ups/",
        f"{SV}/reports/intervention-texts/?year=2024",
        f"{SV}/reports/intervention-texts/annual/2025/1/",  # Enter: starts as 2024's, beside it
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


def test_the_menu_folds_on_a_phone_and_opens_with_its_button(page):
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, "kansli")
    page.goto(f"{SV}/participants/")
    menu = page.get_by_role("navigation", name="Samordningsförbund")
    button = menu.get_by_role("button", name="Meny: Deltagare")
    assert button.get_attribute("aria-expanded") == "false"
    assert not menu.get_by_role("link", name="Insatser").is_visible()
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    assert menu.get_by_role("link", name="Insatser").is_visible()

    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{SV}/participants/")
    assert menu.get_by_role("link", name="Insatser").is_visible()
    assert not menu.get_by_role("button").is_visible()


def test_the_year_in_brief_shows_every_figure_whole_on_a_phone(page):
    """At 390 px the key figures are read whole (253, not "25" with the rest scrolled away)."""
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, "kansli")
    page.goto(f"{SV}/reports/annual/?year=2024")
    cells = page.locator("#in-brief .key-figures td")
    assert cells.count() >= 6
    for index in range(cells.count()):
        box = cells.nth(index).bounding_box()
        clipped = cells.nth(index).evaluate("cell => cell.scrollWidth > cell.clientWidth")
        assert box["x"] + box["width"] <= 390 and not clipped, cells.nth(index).inner_text()


def test_every_slide_of_the_deck_reads_on_a_phone(page):
    """At 390 px the deck's bar keeps every control in reach, the slides grow to their
    content (the chairs of all three federations on slide 3), and a wide table scrolls in
    its own box."""
    from consultations.models import Consultation

    deck = f"/c/jonkopings-lan/consultations/{Consultation.objects.get(held_on='2025-02-28').pk}/deck/"
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, "kansli")
    page.goto(deck)
    download = page.get_by_role("link", name="Ladda ned PDF")
    box = download.bounding_box()
    assert box["x"] + box["width"] <= 390
    slides = page.locator(".slide").count()
    outside = {}
    for number in range(1, slides + 1):
        page.goto("about:blank")
        page.goto(f"{deck}#{number}")
        sticking_out = page.evaluate(
            """() => [...document.querySelectorAll('.slide:not([hidden]) *')]
                .filter(e => !(e.closest('table') && e.tagName !== 'TABLE'))
                .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                .map(e => e.tagName)"""
        )
        if sticking_out or page.evaluate("document.documentElement.scrollWidth") > 390:
            outside[number] = sticking_out
        if number == 3:
            for chair in page.locator(".slide:not([hidden]) tbody tr").all():
                chair_box = chair.bounding_box()
                assert chair_box["y"] + chair_box["height"] <= page.evaluate("document.documentElement.scrollHeight")
            assert page.locator(".slide:not([hidden])").evaluate("slide => slide.scrollHeight <= slide.clientHeight")
    assert outside == {}
