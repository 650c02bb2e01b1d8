"""Golden tests: the published money tables of shared/domain.md, computed from the
demo's budget lines, every line, subtotal, total and balance."""

from datetime import date
from decimal import Decimal

from federations.models import Federation
from finances.figures import budget_table
from finances.models import Budget


def columns(slug, *specs):
    federation = Federation.objects.get(slug=slug)
    return [
        Budget.objects.get(federation=federation, scenario=scenario, year=year, **extra)
        for scenario, year, extra in specs
    ]


def whole(values):
    return [int(value.quantize(Decimal(1))) if value is not None else None for value in values]


def test_finnveden_business_plan_2021(demo):
    table = budget_table(
        columns(
            "finnveden",
            ("budget", 2020, {}),
            ("prognosis", 2020, {}),
            ("budget", 2021, {}),
            ("plan", 2022, {}),
            ("plan", 2023, {}),
        )
    )
    income = {row.name: whole(row.cells) for row in table.income}
    assert income == {
        "Gislaveds kommun": [519200, 519700, 520300, 520300, 520300],
        "Gnosjö kommun": [170100, 168500, 168700, 168700, 168700],
        "Värnamo kommun": [598700, 599800, 600500, 600500, 600500],
        "Region Jönköpings län": [1288000, 1288000, 1289500, 1289500, 1289500],
        "Försäkringskassan": [2576000, 2576000, 2579000, 2579000, 2579000],
    }
    assert list(income) == [
        "Gislaveds kommun",
        "Gnosjö kommun",
        "Värnamo kommun",
        "Region Jönköpings län",
        "Försäkringskassan",
    ]
    assert whole(table.carried) == [1409579, 1689771, 1824471, 49671, 50071]  # Balanserat resultat
    assert whole(table.available) == [6561579, 6841771, 6982471, 5207671, 5208071]  # Summa intäkter
    assert whole(table.activities_total) == [5754000, 4295300, 6227800, 4478600, 4421700]
    assert whole(table.administration_total) == [745000, 722000, 705000, 679000, 701000]
    assert whole(table.costs_total) == [6499000, 5017300, 6932800, 5157600, 5122700]
    assert whole(table.closing_balance) == [62579, 1824471, 49671, 50071, 85371]  # Prel. balanserat resultat


def test_finnveden_2021_follows_the_25_25_50_split(demo):
    table = budget_table(columns("finnveden", ("budget", 2020, {})))
    cells = {row.name: row.cells[0] for row in table.income}
    municipalities = cells["Gislaveds kommun"] + cells["Gnosjö kommun"] + cells["Värnamo kommun"]
    assert municipalities == cells["Region Jönköpings län"] == cells["Försäkringskassan"] / 2


def test_hoglandet_economy_2024(demo):
    year_end = {"period_end": date(2024, 12, 31)}
    table = budget_table(columns("hoglandet", ("budget", 2024, {}), ("actual", 2024, year_end), ("budget", 2025, {})))
    assert whole(table.income_total) == [8086000, 8438882, 8005000]  # Intäkter
    assert whole(table.contributions) == [8036000, 8036000, 7880000]  # Medlemsbidrag
    assert whole(table.other_income) == [50000, 402882, 125000]  # Övrigt
    assert whole(table.costs_total) == [8236000, 8594456, 9393300]  # Kostnader
    assert whole(table.activities_total) == [6710500, 6717954, 7853300]  # Verksamhet
    assert whole(table.administration_total) == [1525500, 1876502, 1540000]  # Administration
    assert whole(table.result) == [-150000, -155574, -1388300]  # Resultat
    assert whole(table.closing_balance) == [1489471, 1483897, 95597]  # Eget kapital
    assert whole(table.carried)[0] == 1639471  # opening equity 2024


def test_sodra_vatterbygden_interim_report_2012(demo):
    table = budget_table(
        columns(
            "sodra-vatterbygden",
            ("budget", 2012, {}),
            ("actual", 2012, {"period_end": "2012-06-30"}),
            ("prognosis", 2012, {}),
        )
    )
    assert whole(table.income_total) == [2307300, 2326901, 2305700]  # Summa intäkter
    assert whole(table.carried) == [2239018, None, 2239018]  # Ack resultat fg år
    assert whole(table.available) == [4546318, 2326901, 4544718]  # Möjligt att disponera
    assert whole(table.costs_total) == [4451300, 1174129, 3820000]  # Summa kostnader
    assert whole(table.closing_balance) == [95018, 1152772, 724718]  # Periodens resultat
    assert whole(table.result)[2] == -1514300  # the prognosis of the year's own result
    lines = {
        row.intervention.name if row.intervention else row.kind: whole(row.cells)
        for row in table.activities + table.administration
    }
    assert lines["Enter"] == [1742600, 657913, 1741000]
    assert lines["office"] == [395000, 194264, 350000]  # Kansli


def test_hoglandet_year_end_2024(demo):
    from finances.checks import year_end_findings
    from finances.statements import year_end

    accounts = year_end(Federation.objects.get(slug="hoglandet"), 2024)
    assert accounts.balance.opening_equity == Decimal("1639471")
    assert accounts.balance.equity == Decimal("1483897")
    assert accounts.income.result == Decimal("-155574")
    assert accounts.equity_recommendation == Decimal("1205400")  # 15 % of 8 036 000: "below 1,2 Mkr"
    assert accounts.equity_above_recommendation
    assert accounts.cash.cash_flow == accounts.cash.change_in_liquid_funds
    # The demo's books are consistent: the only finding is the equity above the recommendation.
    [finding] = year_end_findings(accounts)
    assert "15" in finding
