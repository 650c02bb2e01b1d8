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
        "form-0-unit": "percent",
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
    assert "Räknat så:" in page and "Kansli: 0 % individinriktat, 40 % strukturövergripande" in page


def test_shares_that_do_not_add_up_are_refused(client, office, federation, actual_2025):
    client.force_login(office)
    url = reverse("finances:cost-allocation", kwargs={"slug": federation.slug}) + "?year=2025"
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "0",
        "form-0-kind": "office",
        "form-0-unit": "percent",
        "form-0-structural": "40",
        "form-0-administration": "50",
        "form-0-individual": "0",
        "form-0-new_activity": "0",
    }
    assert client.post(url, data).status_code == 200
    assert not CostAllocation.objects.exists()


def allocation_in_kronor(structural, administration):
    return {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "0",
        "form-0-kind": "office",
        "form-0-unit": "kronor",
        "form-0-individual": "0",
        "form-0-structural": structural,
        "form-0-administration": administration,
        "form-0-new_activity": "0",
    }


def test_the_office_gives_a_line_in_kronor_where_that_is_what_it_has(client, office, federation, actual_2025):
    """The office line's 200 000 kr: 80 000 structural work, 120 000 administration (issue 29)."""
    client.force_login(office)
    url = reverse("finances:cost-allocation", kwargs={"slug": federation.slug}) + "?year=2025"
    assert client.post(url, allocation_in_kronor("0", "0")).status_code == 200  # nothing given
    assert client.post(url, allocation_in_kronor("80000", "120000")).status_code == 302
    accounts = year_end(federation, 2025)
    assert (accounts.costs.structural, accounts.costs.administration) == (Decimal(80000), Decimal(120000))
    assert accounts.costs.unmatched == []
    page = client.get(reverse("finances:accounts", kwargs={"slug": federation.slug}), {"year": 2025}).content.decode()
    assert "80\u00a0000 kr strukturövergripande, 120\u00a0000 kr administration" in page


def test_kronor_that_do_not_add_up_to_the_line_are_shared_in_proportion_and_remarked(
    client, office, federation, actual_2025
):
    from finances.checks import year_end_checks

    CostAllocation.objects.create(
        federation=federation, year=2025, kind="office", unit="kronor", structural=80000, administration=100000
    )
    accounts = year_end(federation, 2025)
    assert accounts.costs.structural + accounts.costs.administration == Decimal(200000)
    assert accounts.costs.shares()["structural"] == Decimal("8.9")  # 80/180 of the line's 10 %
    remarks = year_end_checks(accounts).remarks
    assert any("180\u00a0000 kr" in remark and "200\u00a0000 kr" in remark for remark in remarks)
