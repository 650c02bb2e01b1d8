"""The office says how a cost line counts in the year's cost distribution, and the report
says what it counted."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from finances.models import Budget, BudgetLine, CostAllocation
from finances.statements import year_end


@pytest.fixture
def actual_2025(federation, members, intervention):
    actual = Budget.objects.create(federation=federation, year=2025, scenario="actual", period_end=date(2025, 12, 31))
    BudgetLine.objects.create(budget=actual, kind="contribution", organisation=members["FK"], amount=Decimal(1000000))
    BudgetLine.objects.create(budget=actual, kind="intervention", intervention=intervention, amount=Decimal(800000))
    BudgetLine.objects.create(budget=actual, kind="office", amount=Decimal(200000))
    return actual


def test_by_default_the_office_line_is_administration(federation, actual_2025):
    shares = year_end(federation, 2025).costs.shares()
    assert (shares["individual"], shares["administration"]) == (Decimal("80.0"), Decimal("20.0"))


def test_the_office_shares_a_line_and_the_report_states_it(client, office, federation, actual_2025):
    client.force_login(office)
    url = reverse("finances:cost-allocation", kwargs={"slug": federation.slug}) + "?year=2025"
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "0",
        "form-0-kind": "office",
        "form-0-label": "",
        "form-0-individual": "0",
        "form-0-structural": "40",
        "form-0-administration": "60",
        "form-0-new_activity": "0",
    }
    assert client.post(url, data).status_code == 302
    accounts = year_end(federation, 2025)
    shares = accounts.costs.shares()
    assert (shares["individual"], shares["structural"], shares["administration"]) == (
        Decimal("80.0"),
        Decimal("8.0"),
        Decimal("12.0"),
    )
    page = client.get(reverse("finances:accounts", kwargs={"slug": federation.slug}), {"year": 2025}).content.decode()
    assert "Räknat så:" in page and "40,0&nbsp;% strukturövergripande" in page.replace("40.0", "40,0")


def test_shares_that_do_not_add_up_are_refused(client, office, federation, actual_2025):
    client.force_login(office)
    url = reverse("finances:cost-allocation", kwargs={"slug": federation.slug}) + "?year=2025"
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "0",
        "form-0-kind": "office",
        "form-0-structural": "40",
        "form-0-administration": "50",
        "form-0-individual": "0",
        "form-0-new_activity": "0",
    }
    assert client.post(url, data).status_code == 200
    assert not CostAllocation.objects.exists()
