"""Trial data and mistakes in a past year, put right by the office itself: an opening load
emptied and loaded again, a closed year reopened — each with a reason in the year's history;
never where the board adopted the annual report in finsam, nor after corrections."""

from datetime import date

import pytest
from django.urls import reverse

from federations.models import FiscalYear
from finances.models import BalanceItem, Budget, BudgetLine, Correction
from reporting.models import AdoptedReport

from ..finances.test_opening_load import YEAR_2022, load


@pytest.fixture
def loaded_2022(federation, members, intervention, office):
    year = FiscalYear.objects.create(federation=federation, year=2022, status="closed", adopted_on=date(2023, 3, 20))
    assert load(federation, YEAR_2022, office).saved
    year.refresh_from_db()
    return year


def page(federation, year):
    return reverse("reporting:past-year", kwargs={"slug": federation.slug, "pk": year.pk})


def test_an_opening_load_is_emptied_with_a_reason_and_loaded_again(client, office, federation, loaded_2022):
    client.force_login(office)
    assert client.get(page(federation, loaded_2022)).context["state"].can_be_emptied
    refused = client.post(page(federation, loaded_2022), {"action": "empty", "reason": ""})
    assert refused.context["empty_form"].errors["reason"] and Budget.objects.filter(year=2022).exists()

    client.post(page(federation, loaded_2022), {"action": "empty", "reason": "Provladdning med fel fil"})
    assert not Budget.objects.filter(year=2022).exists() and not BudgetLine.objects.filter(budget__year=2022).exists()
    assert not BalanceItem.objects.filter(year=2022).exists()
    loaded_2022.refresh_from_db()
    assert (loaded_2022.status, loaded_2022.opening_load_at) == ("closed", None)
    change = loaded_2022.history.latest()
    assert (change.history_user, change.history_change_reason) == (
        office,
        "Inläsningen av bokföringen borttagen: Provladdning med fel fil",
    )
    assert BudgetLine.history.filter(history_type="-", history_change_reason="Provladdning med fel fil").count() == 6

    assert load(federation, YEAR_2022, office).saved  # the year takes its books again
    assert BudgetLine.objects.filter(budget__year=2022).count() == 6


def test_a_closed_year_is_reopened_with_a_reason(client, office, federation, loaded_2022):
    client.force_login(office)
    client.post(page(federation, loaded_2022), {"action": "reopen", "reason": "Fel år stängdes"})
    loaded_2022.refresh_from_db()
    assert loaded_2022.status == "open"
    assert loaded_2022.history.latest().history_change_reason == "Öppnat igen: Fel år stängdes"


@pytest.mark.parametrize("stands", ["adopted in finsam", "corrected"])
def test_what_the_board_adopted_or_corrections_followed_stands(client, office, federation, loaded_2022, stands):
    if stands == "adopted in finsam":
        AdoptedReport.objects.create(
            federation=federation, kind="annual", year=2022, adopted_on=date(2023, 3, 20), adopted_by=office
        )
    else:
        line = BudgetLine.objects.filter(budget__year=2022, budget__scenario="actual").first()
        Correction.objects.create(line=line, change=1000, reason="Rättelse", made_by=office, made_on=date(2023, 5, 1))
    client.force_login(office)
    state = client.get(page(federation, loaded_2022)).context["state"]
    assert state.why_it_stands and not state.can_be_emptied and not state.can_be_reopened
    for action in ("empty", "reopen"):
        client.post(page(federation, loaded_2022), {"action": action, "reason": "Försök"})
    loaded_2022.refresh_from_db()
    assert loaded_2022.status == "closed" and Budget.objects.filter(year=2022).exists()
