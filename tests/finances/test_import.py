from datetime import date
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from federations.models import FiscalYear
from finances.importers import AccountsImporter
from finances.models import Budget, BudgetLine

HEADER = "scenario;år;periodslut;typ;namn;belopp\n"
GOOD = [
    "utfall;2026;2026-06-30;medlemsbidrag;FK;1 000 000",
    "utfall;2026;2026-06-30;medlemsbidrag;Region Jönköpings län;500000",
    "utfall;2026;2026-06-30;insats;Enter;650 200",
    "utfall;2026;2026-06-30;kansli;;194264,50",
    "utfall;2026;2026-06-30;summa kostnader;;844 464,50",
    "budget;2026;;kansli;;400000",
]


def csv_file(*rows, header=HEADER):
    return (header + "\n".join(rows) + "\n").encode()


def run(federation, *rows, save=True, header=HEADER):
    return AccountsImporter(federation).run(csv_file(*rows, header=header), "konton.csv", save=save)


def test_a_good_file_creates_columns_and_lines(federation, members, intervention):
    result = run(federation, *GOOD)
    assert (result.saved, result.created, result.problems) == (True, 5, [])
    interim = Budget.objects.get(federation=federation, scenario="actual", period_end=date(2026, 6, 30))
    assert BudgetLine.objects.get(budget=interim, kind="office").amount == Decimal("194264.50")
    assert BudgetLine.objects.get(budget=interim, kind="contribution", organisation=members["FK"]).amount == Decimal(
        "1000000"
    )
    assert Budget.objects.get(federation=federation, scenario="budget", year=2026).period_end == date(2026, 12, 31)


def test_reimporting_changes_nothing(federation, members, intervention):
    run(federation, *GOOD)
    history = BudgetLine.history.count()
    again = run(federation, *GOOD)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 5)
    assert BudgetLine.history.count() == history


def test_a_total_that_does_not_add_up_stops_the_import(federation, members, intervention):
    rows = [row.replace("844 464,50", "900 000") for row in GOOD]
    result = run(federation, *rows)
    assert [(p.row, p.column) for p in result.problems] == [(6, "belopp")]
    assert not Budget.objects.exists()


def test_every_bad_row_is_named_and_nothing_is_saved(federation, members, intervention):
    rows = [
        *GOOD,
        "utfall;2026;2026-06-30;medlemsbidrag;Okänd kommun;5",
        "prognoz;2026;;kansli;;5",
        "budget;20x6;;kansli;;5",
        "budget;2026;;hyra;;5",
        "budget;2026;;kansli;;fem",
        "budget;2026;;medlemsbidrag;;5",
    ]
    problems = [(p.row, p.column) for p in run(federation, *rows).problems]
    assert problems == [(8, "namn"), (9, "scenario"), (10, "år"), (11, "typ"), (12, "belopp"), (13, "namn")]
    assert not BudgetLine.objects.exists()


def test_a_closed_year_that_holds_books_refuses_the_import(federation, members, intervention):
    budget = Budget.objects.create(federation=federation, year=2026, scenario="budget", period_end=date(2026, 12, 31))
    BudgetLine.objects.create(budget=budget, kind="office", amount=Decimal("1"))
    FiscalYear.objects.create(federation=federation, year=2026, status="closed", adopted_on=date(2027, 3, 1))
    result = run(federation, *GOOD)
    assert result.problems and not result.saved
    assert BudgetLine.objects.count() == 1


def test_the_command_fails_on_a_bad_file_saving_nothing(tmp_path, federation, members, intervention):
    path = tmp_path / "konton.csv"
    path.write_bytes(csv_file(*GOOD, "budget;2026;;hyra;;5"))
    with pytest.raises(CommandError) as caught:
        call_command("import_accounts", str(path), federation=federation.slug)
    assert caught.value.returncode == 1
    assert not BudgetLine.objects.exists()
    path.write_bytes(csv_file(*GOOD))
    call_command("import_accounts", str(path), federation=federation.slug)
    assert BudgetLine.objects.count() == 5


def test_a_line_carries_a_footnote_into_the_budget_table(federation, members, intervention):
    from finances.figures import budget_table

    result = run(
        federation,
        "budget;2026;;kansli;;400000;Hyra, löner och IT för kansliet",
        "budget;2026;;revision;;50000;",
        "budget;2026;;information;;20000;Hyra, löner och IT för kansliet",
        header="scenario;år;periodslut;typ;namn;belopp;fotnot\n",
    )
    assert result.problems == []
    table = budget_table([Budget.objects.get(federation=federation, year=2026)])
    assert table.footnotes == [(1, "Hyra, löner och IT för kansliet")]
    marks = {row.kind: row.note_numbers for row in table.administration}
    assert marks == {"office": [1], "audit": [], "information": [1]}
    # a changed footnote is a change to the line, recorded in its history
    again = run(
        federation,
        "budget;2026;;kansli;;400000;Hyra och löner",
        header="scenario;år;periodslut;typ;namn;belopp;fotnot\n",
    )
    assert again.updated == 1
    assert BudgetLine.objects.get(kind="office").history.first().footnote == "Hyra och löner"


def test_the_upload_page_names_the_accounts_columns(client, office, federation):
    from django.urls import reverse

    client.force_login(office)
    page = client.get(reverse("finances:import", kwargs={"slug": federation.slug})).content.decode()
    assert "<code>belopp</code>" in page and "<code>fotnot</code>" in page
