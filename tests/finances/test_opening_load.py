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
    result = AccountsImporter(federation).run(csv_file(["utfall;2025;;balanserat resultat;;1 639 471"]), "a.csv", save=True)
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
