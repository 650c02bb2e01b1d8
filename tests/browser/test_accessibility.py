"""axe-core on the pages each role uses, in Chromium: no violation of any impact, minor
included. axe-core comes with axe-playwright-python."""

import pytest

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SV = "/f/sodra-vatterbygden"
PAGES = {
    "kansli": [
        f"{SV}/",
        f"{SV}/dashboard/?year=2024",
        f"{SV}/interventions/",
        f"{SV}/interventions/{{enter}}/?year=2024",
        f"{SV}/interventions/{{enter}}/edit/",
        f"{SV}/participants/",
        f"{SV}/participants/?code=finns-inte",
        f"{SV}/participants/new/",
        f"{SV}/participants/import/",
        f"{SV}/budget/?year=2026",
        f"{SV}/budget/edit/?year=2026",
        f"{SV}/accounts/?year=2024",
        f"{SV}/accounts/balance/?year=2024",
        f"{SV}/reports/annual/?year=2024",
        f"{SV}/reports/interim/?year=2024",
        f"{SV}/survey/?year=2024",
        f"{SV}/survey/edit/?year=2024",
        f"{SV}/person/",
        "/c/jonkopings-lan/consultations/",
        "/c/jonkopings-lan/consultations/new/",
        "/f/finns-inte/",
    ],
    "styrelse": [f"{SV}/reports/plan/?year=2027", f"{SV}/goals/", f"{SV}/budget/edit/?year=2026"],
    "revisor": [f"{SV}/auditors/?year=2024", f"{SV}/history/"],
}


@pytest.mark.parametrize("username", sorted(PAGES))
def test_axe_finds_no_violation(page, username, settings):
    from axe_playwright_python.sync_playwright import Axe

    settings.DEBUG = False  # the error pages as users meet them
    from interventions.models import Intervention

    enter = Intervention.objects.get(name="Enter").pk
    axe = Axe()
    log_in(page, username)
    found = {}
    for path in PAGES[username]:
        page.goto(path.format(enter=enter))
        if "finns-inte" not in path:
            assert not page.title().startswith("Sidan finns inte"), path
        violations = axe.run(page).response["violations"]
        if violations:
            found[path] = [(violation["id"], violation["impact"], len(violation["nodes"])) for violation in violations]
    assert found == {}


def test_a_page_with_a_message_passes_axe(page):
    """The messages after an action (here: asking to end a participant who has ended, which
    sends to their form with a note) are a list of list items in a status region."""
    from axe_playwright_python.sync_playwright import Axe

    from interventions.models import Participant

    ended = Participant.objects.filter(intervention__name="Enter", ended_on__isnull=False).first()
    log_in(page, "kansli")
    page.goto(f"{SV}/participants/{ended.pk}/end/")
    assert page.locator("[role=status] ul.messages > li").count() == 1
    violations = Axe().run(page).response["violations"]
    assert [(violation["id"], violation["impact"]) for violation in violations] == []
