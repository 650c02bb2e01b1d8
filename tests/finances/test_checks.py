"""Each check fires on a broken input and stays silent on a correct one."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from federations.models import FiscalYear, Population
from finances import checks
from finances.figures import budget_table
from finances.models import BalanceItem, Budget, BudgetLine
from finances.statements import cash_flow, year_end


def balance_sheet(federation, year):
    return year_end(federation, year).balance


D = Decimal


@pytest.fixture
def accounts(federation, members, municipality):
    """Two years of consistent accounts: 2023 closes with equity 1 100, 2024 with 1 050."""
    for year in (2022, 2023):
        Population.objects.create(municipality=municipality, year=year, inhabitants=12714)
    lines = {}
    for year, carried, income, costs in [(2023, "1000", "5000", "4900"), (2024, "1100", "5200", "5250")]:
        actual = Budget.objects.create(
            federation=federation,
            year=year,
            scenario="actual",
            period_end=date(year, 12, 31),
            carried_balance=D(carried),
        )
        for member, share in [("FK", 2), ("RJL", 4), ("Habo", 4)]:
            BudgetLine.objects.create(
                budget=actual, kind="contribution", organisation=members[member], amount=D(income) / share
            )
        lines[year] = BudgetLine.objects.create(budget=actual, kind="office", amount=D(costs))
    for year, receivables, cash, liabilities in [(2023, "300", "1000", "200"), (2024, "250", "1000", "200")]:
        BalanceItem.objects.create(federation=federation, year=year, kind="other_receivable", amount=D(receivables))
        BalanceItem.objects.create(federation=federation, year=year, kind="cash", amount=D(cash))
        BalanceItem.objects.create(federation=federation, year=year, kind="supplier_debts", amount=D(liabilities))
    return lines


def test_correct_accounts_raise_no_finding_but_the_equity_recommendation(federation, accounts):
    findings = checks.year_end_findings(year_end(federation, 2024))
    # Equity 1 050 is above 15 % of 5 200 (780): that one is expected.
    assert len(findings) == 1 and "15" in findings[0]


def test_a_balance_sheet_that_does_not_balance(federation, accounts):
    BalanceItem.objects.filter(year=2024, kind="cash").update(amount=D("1200"))
    sheet = balance_sheet(federation, 2024)
    assert checks.check_balance_sheet(sheet)
    BalanceItem.objects.filter(year=2024, kind="cash").update(amount=D("1000"))
    assert not checks.check_balance_sheet(balance_sheet(federation, 2024))


def test_a_cash_flow_that_does_not_reconcile(federation, accounts):
    this, last = balance_sheet(federation, 2024), balance_sheet(federation, 2023)
    assert not checks.check_cash_flow(cash_flow(this, last), 2024)
    this.items = [item for item in this.items if item[0] != "cash"] + [("cash", "", D("900"))]  # unexplained
    assert checks.check_cash_flow(cash_flow(this, last), 2024)


def test_equity_that_does_not_roll_forward(federation, accounts):
    assert not checks.check_equity_rolls_forward(balance_sheet(federation, 2024), balance_sheet(federation, 2023))
    Budget.objects.filter(year=2024).update(carried_balance=D("1234"))
    assert checks.check_equity_rolls_forward(balance_sheet(federation, 2024), balance_sheet(federation, 2023))


def test_equity_above_the_recommendation():
    assert checks.check_equity_recommendation(D("1206000"), D("8036000"), 2024)
    assert not checks.check_equity_recommendation(D("1205000"), D("8036000"), 2024)


def test_a_plan_that_drives_equity_below_zero(federation, members):
    budget = Budget.objects.create(
        federation=federation, year=2026, scenario="budget", period_end=date(2026, 12, 31), carried_balance=D("100")
    )
    plan = Budget.objects.create(federation=federation, year=2027, scenario="plan", period_end=date(2027, 12, 31))
    for column, cost in [(budget, "50"), (plan, "200")]:
        BudgetLine.objects.create(budget=column, kind="office", amount=D(cost))
    findings = checks.check_plan(budget_table([budget, plan]))
    assert len(findings) == 1 and "2027" in findings[0]
    BudgetLine.objects.filter(budget=plan).update(amount=D("40"))
    assert not checks.check_plan(budget_table([budget, plan]))


def test_a_stated_total_that_does_not_add_up():
    assert checks.check_stated_totals("Summa kostnader", D("4451300"), D("4451301")) == []  # rounding
    assert checks.check_stated_totals("Summa kostnader", D("4451300"), D("4451400"))


def test_contributions_that_depart_from_the_key(federation, members, municipality):
    Population.objects.create(municipality=municipality, year=2023, inhabitants=12714)
    budget = Budget.objects.create(federation=federation, year=2024, scenario="budget", period_end=date(2024, 12, 31))
    for name, amount in [("FK", "2000000"), ("RJL", "1000000"), ("Habo", "1000000")]:
        BudgetLine.objects.create(budget=budget, kind="contribution", organisation=members[name], amount=D(amount))
    assert checks.check_contribution_key(budget) == []
    BudgetLine.objects.filter(budget=budget, organisation=members["RJL"]).update(amount=D("900000"))
    [finding] = checks.check_contribution_key(budget)
    assert "Region Jönköpings län" in finding


def test_a_missing_population_is_said_plainly(federation, members):
    budget = Budget.objects.create(federation=federation, year=2024, scenario="budget", period_end=date(2024, 12, 31))
    BudgetLine.objects.create(budget=budget, kind="contribution", organisation=members["FK"], amount=D("2000000"))
    [finding] = checks.check_contribution_key(budget)
    assert "Habo" in finding and "2023" in finding


def test_an_adopted_year_refuses_edits(federation, accounts):
    FiscalYear.objects.create(federation=federation, year=2024, status="adopted", adopted_on=date(2025, 3, 20))
    line = accounts[2024]
    line.amount = D("1")
    with pytest.raises(ValidationError) as caught:
        line.full_clean()
    assert [error.code for error in caught.value.error_dict["__all__"]] == ["year_locked"]
    item = BalanceItem(federation=federation, year=2024, kind="taxes", amount=D("5"))
    with pytest.raises(ValidationError):
        item.full_clean()
    accounts[2023].amount = D("4900")
    accounts[2023].full_clean()  # 2023 has no adopted fiscal year


def test_a_correction_in_an_adopted_year_is_a_new_attributed_entry(client, office, federation, accounts):
    from django.urls import reverse

    from finances.models import Correction

    FiscalYear.objects.create(federation=federation, year=2024, status="adopted", adopted_on=date(2025, 3, 20))
    line = accounts[2024]
    before = year_end(federation, 2024).income.result
    client.force_login(office)
    response = client.post(
        reverse("finances:correction-new", kwargs={"slug": federation.slug}),
        {"line": line.pk, "change": "-50", "reason": "Felbokförd faktura"},
    )
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.amount == D("5250")  # the booked line is untouched
    correction = Correction.objects.get()
    assert (correction.made_by, correction.made_on) == (office, timezone.localdate())
    assert year_end(federation, 2024).income.result == before + D("50")


def test_only_lines_of_closed_years_can_be_corrected(client, office, federation, accounts):
    from django.urls import reverse

    client.force_login(office)
    response = client.post(
        reverse("finances:correction-new", kwargs={"slug": federation.slug}),
        {"line": accounts[2024].pk, "change": "-50", "reason": "x"},
    )
    assert "line" in response.context["form"].errors
