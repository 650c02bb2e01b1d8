"""A federation that starts with finsam loads its past years: a closed year that holds no
books takes them once through the accounts import — lines, the equity carried in and the
balance items — recorded with who and when; after that, corrections only."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from federations.models import FiscalYear
from finances.importers import AccountsImporter
from finances.models import BalanceItem, Budget, BudgetLine
from finances.statements import year_end

HEADER = "scenario;år;periodslut;typ;namn;belopp\n"
YEAR_2022 = [
    "budget;2022;;medlemsbidrag;FK;2 000 000",
    "budget;2022;;kansli;;400 000",
    "utfall;2022;;balanserat resultat;;812 400",
    "utfall;2022;;medlemsbidrag;FK;2 000 000",
    "utfall;2022;;ränta;;1 250",
    "utfall;2022;;insats;Enter;1 500 000",
    "utfall;2022;;kansli;;410 000",
    "utfall;2022;;kundfordringar;;12 000",
    "utfall;2022;;momsfordran;;30 500",
    "utfall;2022;;förutbetalda kostnader;Hyra;20 000",
    "utfall;2022;;förutbetalda kostnader;Licenser;5 000",
    "utfall;2022;;kassa och bank;;1 065 000",
    "utfall;2022;;leverantörsskulder;;150 000",
    "utfall;2022;;upplupna semesterlöner;;60 000",
    "utfall;2022;;upplupna sociala avgifter;;18 850",
]


def csv_file(rows):
    return (HEADER + "\n".join(rows) + "\n").encode()


def load(federation, rows, user=None, save=True):
    return AccountsImporter(federation, user).run(csv_file(rows), "2022.csv", save=save)


@pytest.fixture
def closed_2022(federation, members, intervention):
    return FiscalYear.objects.create(federation=federation, year=2022, status="closed", adopted_on=date(2023, 3, 20))


def test_a_closed_year_without_books_takes_one_opening_load(federation, office, closed_2022):
    result = load(federation, YEAR_2022, office)
    assert (result.problems, result.saved) == ([], True)
    closed_2022.refresh_from_db()
    assert closed_2022.opening_load_by == office and closed_2022.opening_load_at is not None
    assert closed_2022.history.latest().history_type == "~"
    actual = Budget.objects.get(federation=federation, year=2022, scenario="actual")
    assert actual.carried_balance == Decimal("812400")
    assert BudgetLine.objects.filter(budget__year=2022).count() == 6


def test_after_the_opening_load_the_year_takes_corrections_only(federation, office, closed_2022):
    load(federation, YEAR_2022, office)
    again = load(federation, [*YEAR_2022[:-1], "utfall;2022;;upplupna sociala avgifter;;99"], office)
    assert again.problems and not again.saved
    assert BalanceItem.objects.get(year=2022, kind="accrued_social_fees").amount == Decimal("18850")


def test_the_opening_load_is_all_or_nothing(federation, office, closed_2022):
    result = load(federation, [*YEAR_2022, "utfall;2022;;okänt;;1"], office)
    assert not result.saved
    assert not BudgetLine.objects.exists() and not BalanceItem.objects.exists()
    closed_2022.refresh_from_db()
    assert closed_2022.opening_load_at is None


def test_two_items_of_one_kind_print_as_two_lines(federation, office, closed_2022):
    load(federation, YEAR_2022, office)
    sheet = year_end(federation, 2022).balance
    labels = [label for label, _amount in sheet.receivable_lines]
    assert labels == ["Kundfordringar", "Momsfordran", "Hyra", "Licenser"]
    assert sheet.receivables == Decimal("67500")
    assert sheet.total_assets == sheet.total_equity_and_liabilities  # 1 132 500 both sides


def test_carried_equity_is_set_on_an_existing_column(federation, members):
    actual = Budget.objects.create(federation=federation, year=2025, scenario="actual", period_end=date(2025, 12, 31))
    result = AccountsImporter(federation).run(
        csv_file(["utfall;2025;;balanserat resultat;;1 639 471"]), "a.csv", save=True
    )
    assert (result.updated, result.saved) == (1, True)
    actual.refresh_from_db()
    assert actual.carried_balance == Decimal("1639471")


def test_a_balance_item_must_be_a_year_end_actual(federation, members):
    result = AccountsImporter(federation).run(csv_file(["budget;2025;;kassa och bank;;10"]), "a.csv")
    assert [problem.column for problem in result.problems] == ["scenario"]


def test_the_office_loads_a_past_year_in_the_browser(client, office, federation, closed_2022):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(office)
    upload = SimpleUploadedFile("2022.csv", csv_file(YEAR_2022))
    preview = client.post(reverse("finances:import", kwargs={"slug": federation.slug}), {"file": upload})
    assert client.post(preview["Location"]).status_code == 302
    closed_2022.refresh_from_db()
    assert closed_2022.opening_load_by == office


def year_rows(year, carried, income, costs, items):
    rows = [
        f"budget;{year};;medlemsbidrag;FK;{income}",
        f"budget;{year};;insats;Enter;{costs - 400000}",
        f"budget;{year};;kansli;;400000",
        f"utfall;{year};;balanserat resultat;;{carried}",
        f"utfall;{year};;medlemsbidrag;FK;{income}",
        f"utfall;{year};;insats;Enter;{costs - 400000}",
        f"utfall;{year};;kansli;;400000",
    ]
    return rows + [f"utfall;{year};;{kind};{label};{amount}" for kind, label, amount in items]


# Three past years whose balance sheets balance and whose cash flows reconcile.
PAST_YEARS = {
    2021: (
        500000,
        2000000,
        1900000,
        [
            ("kundfordringar", "", 30000),
            ("momsfordran", "", 20000),
            ("kassa och bank", "", 650000),
            ("leverantörsskulder", "", 100000),
        ],
    ),
    2022: (
        600000,
        2000000,
        2050000,
        [
            ("kundfordringar", "", 10000),
            ("förutbetalda kostnader", "Hyra", 20000),
            ("förutbetalda kostnader", "Licenser", 5000),
            ("kassa och bank", "", 655000),
            ("leverantörsskulder", "", 80000),
            ("upplupna semesterlöner", "", 60000),
        ],
    ),
    2023: (
        550000,
        2100000,
        2000000,
        [("kundfordringar", "", 40000), ("kassa och bank", "", 700000), ("leverantörsskulder", "", 90000)],
    ),
}


def test_a_federation_onboards_three_closed_years_and_reports_them(client, office, federation, members, intervention):
    """Through the fiscal-year form and the accounts import alone: three closed years,
    then the statements of the last with prior-year columns, notes item by item and a
    five-year overview with the employees."""
    client.force_login(office)
    for year in PAST_YEARS:
        response = client.post(
            reverse("federations:fiscalyear-new", kwargs={"slug": federation.slug}),
            {"year": year, "status": "closed", "adopted_on": f"{year + 1}-03-20", "employees": "1.6"},
        )
        assert response.status_code == 302
    rows = [
        row
        for year, (carried, income, costs, items) in PAST_YEARS.items()
        for row in year_rows(year, carried, income, costs, items)
    ]
    result = AccountsImporter(federation, office).run(csv_file(rows), "historik.csv", save=True)
    assert (result.problems, result.saved) == ([], True)
    assert FiscalYear.objects.filter(federation=federation, opening_load_by=office).count() == 3

    accounts = year_end(federation, 2023)
    assert (accounts.cash.cash_flow, accounts.cash.change_in_liquid_funds) == (Decimal(45000), Decimal(45000))
    assert (accounts.last_year_cash.cash_flow, accounts.last_year_cash.change_in_liquid_funds) == (5000, 5000)
    assert accounts.receivable_notes == [
        ("Kundfordringar", Decimal(40000), Decimal(10000)),
        ("Hyra", None, Decimal(20000)),
        ("Licenser", None, Decimal(5000)),
    ]
    assert [(row.year, row.result, row.employees) for row in accounts.overview] == [
        (2021, 100000, Decimal("1.6")),
        (2022, -50000, Decimal("1.6")),
        (2023, 100000, Decimal("1.6")),
    ]
    page = client.get(reverse("finances:accounts", kwargs={"slug": federation.slug}), {"year": 2023}).content.decode()
    for text in ("Hyra", "Licenser", "Medelantal anställda", "45\u00a0000"):
        assert text in page


def test_financial_costs_stand_apart_from_financial_income(federation, members, intervention):
    rows = [
        "utfall;2025;;medlemsbidrag;FK;1 000 000",
        "utfall;2025;;ränta;;2 000",
        "utfall;2025;;kansli;;900 000",
        "utfall;2025;;bankavgifter;Bankavgifter;1 500",
        "utfall;2025;;räntekostnader;Dröjsmålsränta;300",
    ]
    assert AccountsImporter(federation).run(csv_file(rows), "a.csv", save=True).saved
    accounts = year_end(federation, 2025)
    income = accounts.income
    assert (income.financial_income, income.financial_costs) == (Decimal(2000), Decimal(1800))
    assert income.result == Decimal(1000000 + 2000 - 900000 - 1800)
    assert accounts.notes.income_total[0] == Decimal(1002000)  # the income note leaves them out
    assert [row.name for row in accounts.notes.financial] == ["Bankavgifter", "Dröjsmålsränta"]


def test_books_of_past_years_without_a_fiscal_year_create_them_closed(federation, office, members, intervention):
    """The order of onboarding does not matter (issue 29): the books come first, and the
    preview says that confirming creates each past year closed, with them as its opening load."""
    rows = [
        row
        for year, (carried, income, costs, items) in PAST_YEARS.items()
        for row in year_rows(year, carried, income, costs, items)
    ]
    checked = AccountsImporter(federation, office).run(csv_file(rows), "historik.csv", save=False)
    assert checked.problems == []
    told = [row["record"] for row in checked.planned[:3]]
    assert told == [f"Räkenskapsår {year}, stängt: raderna blir dess ingående laddning" for year in sorted(PAST_YEARS)]
    assert not FiscalYear.objects.exists()

    saved = AccountsImporter(federation, office).run(csv_file(rows), "historik.csv", save=True)
    assert saved.saved
    years = FiscalYear.objects.filter(federation=federation).order_by("year")
    assert [(year.year, year.status, year.opening_load_by) for year in years] == [
        (year, "closed", office) for year in sorted(PAST_YEARS)
    ]
    assert year_end(federation, 2023).cash.cash_flow == Decimal(45000)  # the books as before
    again = AccountsImporter(federation, office).run(csv_file(rows), "historik.csv", save=False)
    assert not any("Räkenskapsår" in row["record"] for row in again.planned)  # once only
