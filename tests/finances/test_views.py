from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from federations.models import FiscalYear, Population
from finances.models import BalanceItem, Budget, BudgetLine

D = Decimal


@pytest.fixture
def plan(federation, members, municipality):
    Population.objects.create(municipality=municipality, year=2025, inhabitants=12800)
    budget = Budget.objects.create(
        federation=federation, year=2026, scenario="budget", period_end=date(2026, 12, 31), carried_balance=D("500000")
    )
    next_year = Budget.objects.create(
        federation=federation, year=2027, scenario="budget", period_end=date(2027, 12, 31)
    )
    for column in (budget, next_year):
        for member, amount in [("FK", "2000000"), ("RJL", "1000000"), ("Habo", "1000000")]:
            BudgetLine.objects.create(
                budget=column, kind="contribution", organisation=members[member], amount=D(amount)
            )
        BudgetLine.objects.create(budget=column, kind="office", amount=D("400000"))
    return budget, next_year


def grid_url(federation, year=2027):
    return reverse("finances:budget-edit", kwargs={"slug": federation.slug}) + f"?year={year}"


def grid_data(client, federation, **changes):
    form = client.get(grid_url(federation)).context["form"]
    data = {
        name: ("" if field.initial is None else str(field.initial))
        for name, field in form.fields.items()
        if not field.disabled
    }
    data = {name: value for name, value in data.items() if not name.startswith("new_")}
    return data | changes


def office_row(form):
    return next(r for r, (row, _cells) in enumerate(form.rows) if row.kind == "office")


def test_the_table_shows_computed_totals(client, board_member, federation, plan):
    client.force_login(board_member)
    response = client.get(reverse("finances:budget", kwargs={"slug": federation.slug}), {"year": 2027})
    table = response.context["table"]
    assert [column.year for column in table.columns] == [2026, 2027]
    assert table.closing_balance == [D("4100000"), D("7700000")]
    assert "4\u00a0100\u00a0000" in response.content.decode()


def test_the_grid_saves_a_changed_amount_and_a_new_line(client, office, federation, plan):
    client.force_login(office)
    form = client.get(grid_url(federation)).context["form"]
    row = office_row(form)
    data = grid_data(client, federation, **{f"cell_{row}_1": "450000", "new_0_kind": "audit", "new_0_1": "60000"})
    response = client.post(grid_url(federation), data)
    assert response.status_code == 302
    _, next_year = plan
    assert BudgetLine.objects.get(budget=next_year, kind="office").amount == D("450000")
    assert BudgetLine.objects.get(budget=next_year, kind="audit").amount == D("60000")
    assert not BudgetLine.objects.filter(budget=plan[0], kind="audit").exists()
    assert BudgetLine.objects.get(budget=next_year, kind="office").history.first().history_user == office


def test_emptying_a_cell_removes_the_line(client, office, federation, plan):
    client.force_login(office)
    form = client.get(grid_url(federation)).context["form"]
    client.post(grid_url(federation), grid_data(client, federation, **{f"cell_{office_row(form)}_0": ""}))
    assert not BudgetLine.objects.filter(budget=plan[0], kind="office").exists()


def test_a_bad_new_line_saves_nothing(client, office, federation, plan):
    client.force_login(office)
    form = client.get(grid_url(federation)).context["form"]
    data = grid_data(
        client, federation, **{f"cell_{office_row(form)}_1": "450000", "new_0_kind": "contribution", "new_0_1": "5"}
    )
    response = client.post(grid_url(federation), data)
    assert response.status_code == 200
    assert response.context["form"].errors["new_0_kind"]
    assert BudgetLine.objects.get(budget=plan[1], kind="office").amount == D("400000")


def test_a_locked_year_cannot_be_changed_through_the_grid(client, office, federation, plan):
    FiscalYear.objects.create(federation=federation, year=2026, status="adopted", adopted_on=date(2027, 3, 1))
    client.force_login(office)
    form = client.get(grid_url(federation)).context["form"]
    row = office_row(form)
    assert form.fields[f"cell_{row}_0"].disabled
    client.post(grid_url(federation), grid_data(client, federation, **{f"cell_{row}_0": "1"}))
    assert BudgetLine.objects.get(budget=plan[0], kind="office").amount == D("400000")


def test_the_grid_takes_amounts_as_people_write_them(client, office, federation, plan):
    """Grouped in thousands (the grid groups them as they are typed), with any kind of space
    and the typographic minus."""
    client.force_login(office)
    form = client.get(grid_url(federation)).context["form"]
    row = office_row(form)
    data = grid_data(
        client, federation, **{f"cell_{row}_1": "1\u00a0388 300", "new_0_kind": "audit", "new_0_1": "\u221245 000,50"}
    )
    assert client.post(grid_url(federation), data).status_code == 302
    assert BudgetLine.objects.get(budget=plan[1], kind="office").amount == D("1388300")
    assert BudgetLine.objects.get(budget=plan[1], kind="audit").amount == D("-45000.50")


def test_the_grid_shows_its_totals_and_no_save_button_when_every_column_is_locked(client, office, federation, plan):
    client.force_login(office)
    page = client.get(grid_url(federation)).content.decode()
    assert 'data-total="result" data-column="1">' in page and ">Spara</button>" in page
    for year in (2026, 2027):
        FiscalYear.objects.create(federation=federation, year=year, status="adopted", adopted_on=date(year + 1, 3, 1))
    page = client.get(grid_url(federation)).content.decode()
    assert ">Spara</button>" not in page and "ingenting här kan ändras" in page


def test_readers_cannot_edit(client, board_member, auditor, federation, plan):
    for user in (board_member, auditor):
        client.force_login(user)
        assert client.get(grid_url(federation)).status_code == 403


def test_balance_items_are_saved_for_the_year(client, office, federation):
    client.force_login(office)
    url = reverse("finances:balance-edit", kwargs={"slug": federation.slug}) + "?year=2025"
    data = {
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "0",
        "form-0-kind": "cash",
        "form-0-label": "",
        "form-0-amount": "1000000",
        "form-1-kind": "cash",
        "form-1-label": "",
        "form-1-amount": "5",
    }
    response = client.post(url, data)
    assert response.status_code == 200  # the same kind and label twice
    assert not BalanceItem.objects.exists()
    data["form-1-kind"] = "supplier_debts"
    assert client.post(url, data).status_code == 302
    assert sorted(BalanceItem.objects.values_list("year", "kind")) == [(2025, "cash"), (2025, "supplier_debts")]


def test_the_contribution_calculator(client, board_member, federation, members, municipality):
    Population.objects.create(municipality=municipality, year=2025, inhabitants=12800)
    client.force_login(board_member)
    response = client.get(
        reverse("finances:contributions", kwargs={"slug": federation.slug}), {"year": 2026, "state": "2 000 000"}
    )
    assert {str(o): amount for o, amount in response.context["split"]} == {
        "Försäkringskassan": D("2000000"),
        "Region Jönköpings län": D("1000000"),
        "Habo kommun": D("1000000"),
    }
    response = client.get(
        reverse("finances:contributions", kwargs={"slug": federation.slug}), {"year": 2026, "state": "-5"}
    )
    assert response.context["error"]


def test_pages_run_the_same_queries_whatever_the_number_of_lines(
    client, auditor, federation, plan, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(auditor)
    urls = [
        reverse("finances:budget", kwargs={"slug": federation.slug}) + "?year=2027",
        reverse("finances:accounts", kwargs={"slug": federation.slug}) + "?year=2026",
    ]
    Budget.objects.filter(year=2026).update(scenario="actual")
    counts = []
    for _round in range(2):
        with CaptureQueriesContext(connection) as captured:
            for url in urls:
                assert client.get(url).status_code == 200
        counts.append(len(captured))
        for column in plan:
            BudgetLine.objects.bulk_create(
                BudgetLine(budget=column, kind="other_activity", label=f"Rad {i}", amount=D(i)) for i in range(40)
            )
    assert counts[0] == counts[1]


def test_a_new_column_defaults_to_the_year_end_and_refuses_a_period_outside_the_year(client, office, federation):
    client.force_login(office)
    url = reverse("finances:column-new", kwargs={"slug": federation.slug})
    response = client.post(url, {"scenario": "actual", "year": "2026", "period_end": "2025-06-30"})
    assert response.status_code == 200 and "period_end" in response.context["form"].errors
    assert not Budget.objects.exists()
    assert client.post(url, {"scenario": "budget", "year": "2027"}).status_code == 302
    assert Budget.objects.get().period_end == date(2027, 12, 31)
    response = client.post(url, {"scenario": "budget", "year": "2027"})
    assert response.context["form"].errors  # the same column twice
    assert Budget.objects.count() == 1
