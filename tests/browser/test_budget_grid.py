"""The budget grid in Chromium: amounts grouped as they are typed, totals kept up to date."""

import pytest

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

NBSP = "\u00a0"


def test_amounts_are_grouped_as_typed_and_the_totals_follow(page):
    log_in(page, "kansli")
    page.goto("/f/sodra-vatterbygden/budget/edit/?year=2026")
    cell = page.locator("tr[data-section=administration] input.amount:not([disabled])").first
    column = cell.get_attribute("name").rsplit("_", 1)[1]
    costs = page.locator(f'[data-total="costs"][data-column="{column}"]')
    before = int(costs.text_content().replace(NBSP, ""))
    old = int(cell.input_value().replace(NBSP, "") or 0)

    cell.fill("")
    cell.press_sequentially("1388300")
    assert cell.input_value() == f"1{NBSP}388{NBSP}300"
    assert int(costs.text_content().replace(NBSP, "")) == before - old + 1_388_300

    page.get_by_role("button", name="Spara").click()
    page.wait_for_url("**/budget/?year=2026")
    page.goto("/f/sodra-vatterbygden/budget/edit/?year=2026")
    assert page.locator(f'input[name="{cell.get_attribute("name")}"]').input_value() == f"1{NBSP}388{NBSP}300"
