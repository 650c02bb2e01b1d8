"""Demo money: the published tables of shared/domain.md, line by line.

- Finnveden's business plan 2021: Budget 2020, Prognosis 2020, Budget 2021, Plan 2022–2023.
- Höglandet's economy 2024: Budget 2024, Actual 2024, Budget 2025 (the published totals;
  the split on lines where the deck gives none is invented so that it adds up).
- Södra Vätterbygden's interim report 2012: Budget 2012, Actual Jan–Jun, Prognosis 2012.
- Södra Vätterbygden's and Finnveden's economy 2024 for the member consultation of 2025:
  Budget 2024, Actual 2024, Budget 2025 with the deck's totals and cost distribution (the
  lines and the opening balances are invented so that they add up to them).

The books of closed years are written as they were, without the lock that stops users
from editing a closed year; a year is closed only where the demo holds its accounts. A
second run changes nothing.
"""

from datetime import date
from decimal import Decimal

from django.db import transaction

from federations.models import Federation, FiscalYear, MemberOrganisation
from finances.contributions import contribution_split
from finances.figures import budget_table
from finances.models import BalanceItem, Budget, BudgetLine, LineKind
from finances.statements import full_year
from interventions.models import Funding, Intervention

from .federations import upsert
from .registers import load_grant_decisions

K = LineKind
ZERO = Decimal(0)


def amounts(*values):
    return [None if value is None else Decimal(value) for value in values]


FINNVEDEN_2021 = {
    "columns": [
        ("budget", 2020, None, "1409579"),
        ("prognosis", 2020, date(2020, 9, 30), "1689771"),
        ("budget", 2021, None, None),
        ("plan", 2022, None, None),
        ("plan", 2023, None, None),
    ],
    "lines": [
        (K.CONTRIBUTION, "Gislaveds kommun", amounts(519200, 519700, 520300, 520300, 520300)),
        (K.CONTRIBUTION, "Gnosjö kommun", amounts(170100, 168500, 168700, 168700, 168700)),
        (K.CONTRIBUTION, "Värnamo kommun", amounts(598700, 599800, 600500, 600500, 600500)),
        (K.CONTRIBUTION, "Region Jönköpings län", amounts(1288000, 1288000, 1289500, 1289500, 1289500)),
        (K.CONTRIBUTION, "Försäkringskassan", amounts(2576000, 2576000, 2579000, 2579000, 2579000)),
        (K.INTERVENTION, "Stöd till arbete – SE/IPS", amounts(1520000, 1434300, 0, 0, 0)),
        (K.INTERVENTION, "IT-spåret", amounts(200000, 190000, 180000, 180000, 0)),
        (K.INTERVENTION, "Mitt Val", amounts(1092000, 720000, 1080000, 0, 0)),
        (K.INTERVENTION, "Nya Vägar", amounts(1200000, 1150000, 1091700, 0, 0)),
        (K.INTERVENTION, "Projekt Samverkan i GGV(V)", amounts(692000, 591000, 0, 0, 0)),
        (K.COMMON_PROJECT_COSTS, "", amounts(50000, 50000, 52000, 54000, 56000)),
        (K.NEW_INTERVENTIONS, "", amounts(800000, 0, 2800000, 3200000, 3300000)),
        (K.DEVELOPMENT_OFFICER, "", amounts(0, 0, 824100, 844600, 865700)),
        (K.COMPETENCE_DEVELOPMENT, "", amounts(200000, 160000, 200000, 200000, 200000)),
        (K.OFFICE, "", amounts(605000, 580000, 500000, 520000, 540000)),
        (K.INFORMATION, "", amounts(25000, 15000, 75000, 25000, 25000)),
        (K.BOARD, "", amounts(5000, 2000, 3000, 5000, 5000)),
        (K.ACCOUNTING, "", amounts(75000, 75000, 77000, 79000, 81000)),
        (K.AUDIT, "", amounts(35000, 50000, 50000, 50000, 50000)),
    ],
}

SODRA_VATTERBYGDEN_2012 = {
    "columns": [
        ("budget", 2012, None, "2239018"),
        ("actual", 2012, date(2012, 6, 30), None),
        ("prognosis", 2012, date(2012, 8, 20), "2239018"),
    ],
    "lines": [
        (K.CONTRIBUTION, "Jönköpings kommun", amounts(441600, 441600, 441600)),
        (K.CONTRIBUTION, "Habo kommun", amounts(35600, 35600, 35600)),
        (K.CONTRIBUTION, "Mullsjö kommun", amounts(22900, 22900, 22900)),
        (K.CONTRIBUTION, "Vaggeryds kommun", amounts(76800, 76800, 76800)),
        (K.CONTRIBUTION, "Region Jönköpings län", amounts(576800, 576800, 576800)),
        (K.CONTRIBUTION, "Försäkringskassan", amounts(1153600, 1152000, 1152000)),
        (K.INTEREST, "", amounts(0, 21201, 0)),
        (K.INTERVENTION, "Projekt Haa", amounts(384000, 210000, 384000)),
        (K.INTERVENTION, "Enter", amounts(1742600, 657913, 1741000)),
        (K.INTERVENTION, "KrAmi", amounts(1045000, 0, 1045000)),
        (K.NEW_INTERVENTIONS, "Nya projekt", amounts(464700, 0, 0)),
        (K.COMPETENCE_DEVELOPMENT, "", amounts(300000, 66990, 210000)),
        (K.OFFICE, "", amounts(395000, 194264, 350000)),
        (K.INFORMATION, "", amounts(25000, 11482, 15000)),
        (K.BOARD, "", amounts(35000, 3480, 15000)),
        (K.ACCOUNTING, "", amounts(60000, 30000, 60000)),
    ],
}

# The balance sheet of the interim report 2012 as published: equity 2 239 018 brought
# forward and the period's result 1 152 772, the fixed-rate account among the liquid funds.
SODRA_VATTERBYGDEN_BALANCE_2012_06_30 = [
    (BalanceItem.Kind.VAT_RECEIVABLE, "Momsfordran", "57682"),
    (BalanceItem.Kind.CASH, "Kassa och bank", "1236513"),
    (BalanceItem.Kind.CASH, "Fasträntekonto", "2200000"),
    (BalanceItem.Kind.OTHER_ACCRUALS, "Kortfristiga skulder", "102405"),
]

# Höglandet: the deck gives totals; the lines below are split so that they add up to them.
HOGLANDET_2024 = {
    "columns": [
        ("budget", 2024, None, "1639471"),
        ("actual", 2024, None, "1639471"),
        ("budget", 2025, None, None),
    ],
    "contributions": amounts(8036000, 8036000, 7880000),
    "lines": [
        (K.OTHER_INCOME, "", amounts(50000, 402882, 125000)),
        (K.INTERVENTION, "SE-Höglandet", amounts(3900000, 3975750, 4200000)),
        (K.INTERVENTION, "Förrehabilitering", amounts(100000, 81667, 150000)),
        (K.INTERVENTION, "IT-spåret", amounts(600000, 562500, 600000)),
        (K.INTERVENTION, "Uppdrag samverkan", amounts(1800000, 1800000, 1900000)),
        (K.INTERVENTION, "Inspirationsdag", amounts(100000, 97637, 100000)),
        (K.INTERVENTION, "Räkna med oss!", amounts(150000, 150000, 150000)),
        (K.INTERVENTION, "Välfärdsguiden", amounts(60500, 50400, 60000)),
        (K.NEW_INTERVENTIONS, "", amounts(0, 0, 693300)),
        (K.OFFICE, "", amounts(1250000, 1580000, 1250000)),
        (K.INFORMATION, "", amounts(50000, 64312, 50000)),
        (K.BOARD, "", amounts(60500, 58190, 60000)),
        (K.ACCOUNTING, "", amounts(100000, 109000, 110000)),
        (K.AUDIT, "", amounts(65000, 65000, 70000)),
    ],
}

# The member consultation of 2025 gives, for SV: costs budgeted 11 356 500, actual
# 11 819 200 (81 % individual-oriented, 9 % structural, 10 % administration), budget 2025
# 11 845 000, contributions 11 148 000.
SODRA_VATTERBYGDEN_2024 = {
    "columns": [
        ("budget", 2024, None, "2300000"),
        ("actual", 2024, None, "2300000"),
        ("budget", 2025, None, None),
    ],
    "contributions": amounts(11148000, 11148000, 11148000),
    "lines": [
        (K.INTEREST, "", amounts(20000, 20000, 20000)),
        (K.INTERVENTION, "Enter", amounts(3300000, 3300000, 3400000)),
        (K.INTERVENTION, "NOVA – Stöd i förändring", amounts(2800000, 2850000, 2900000)),
        (K.INTERVENTION, "Funktionsnedsatta i arbete", amounts(1250000, 1225000, 1250000)),
        (K.INTERVENTION, "IT-spåret", amounts(600000, 600000, 600000)),
        (K.INTERVENTION, "Koll på förmåga", amounts(1500000, 1600000, 1600000)),
        (K.INTERVENTION, "BIP/SKAPA", amounts(250000, 240000, 250000)),
        (K.INTERVENTION, "Räkna med oss!", amounts(150000, 150000, 150000)),
        (K.COMPETENCE_DEVELOPMENT, "", amounts(306500, 673000, 300000)),
        (K.NEW_INTERVENTIONS, "", amounts(0, 0, 195000)),
        (K.OFFICE, "", amounts(1000000, 1000000, 1000000)),
        (K.INFORMATION, "", amounts(40000, 30000, 40000)),
        (K.BOARD, "", amounts(50000, 48200, 50000)),
        (K.ACCOUNTING, "", amounts(60000, 60000, 60000)),
        (K.AUDIT, "", amounts(50000, 43000, 50000)),
    ],
}

# And for Finnveden: budgeted 5 944 500, actual 5 746 700 (66 % / 20 % / 14 %), budget
# 2025 5 777 000, contributions 5 058 000.
FINNVEDEN_2024 = {
    "columns": [
        ("budget", 2024, None, "1700000"),
        ("actual", 2024, None, "1700000"),
        ("budget", 2025, None, None),
    ],
    "contributions": amounts(5058000, 5058000, 5058000),
    "lines": [
        (K.INTEREST, "", amounts(10000, 10000, 10000)),
        (K.INTERVENTION, "Samverkansteam Finnveden", amounts(3600000, 3593000, 3650000)),
        (K.INTERVENTION, "IT-spåret", amounts(200000, 200000, 200000)),
        (K.NEW_INTERVENTIONS, "", amounts(300000, 0, 0)),
        (K.DEVELOPMENT_OFFICER, "", amounts(850000, 850000, 870000)),
        (K.COMPETENCE_DEVELOPMENT, "", amounts(200000, 200000, 200000)),
        (K.COMMON_PROJECT_COSTS, "", amounts(100000, 99000, 100000)),
        (K.OFFICE, "", amounts(560000, 600000, 600000)),
        (K.INFORMATION, "", amounts(25000, 20000, 25000)),
        (K.BOARD, "", amounts(9500, 9700, 10000)),
        (K.ACCOUNTING, "", amounts(100000, 100000, 100000)),
        (K.AUDIT, "", amounts(0, 75000, 22000)),
    ],
}

# Södra Vätterbygden's business plan 2026, adopted in November 2025 (invented): beside the
# budget 2025 above, the prognosis 2025 and the plan year 2027; its budget 2026 and plan
# 2028 are the plan 2027's below. No column types its opening balance: the books of 2024
# and the prognosis say it (finances.figures.PlanOpenings).
SODRA_VATTERBYGDEN_2026 = {
    "columns": [
        ("prognosis", 2025, date(2025, 9, 30), None),
        ("plan", 2027, None, None),
    ],
    "contributions": amounts(11148000, 11148000),
    "lines": [
        (K.INTEREST, "", amounts(25000, 20000)),
        (K.INTERVENTION, "Enter", amounts(3380000, 3450000)),
        (K.INTERVENTION, "NOVA – Stöd i förändring", amounts(2850000, 2950000)),
        (K.INTERVENTION, "Funktionsnedsatta i arbete", amounts(1240000, 1250000)),
        (K.INTERVENTION, "IT-spåret", amounts(600000, 600000)),
        (K.INTERVENTION, "Koll på förmåga", amounts(1550000, 800000)),
        (K.INTERVENTION, "BIP/SKAPA", amounts(245000, 250000)),
        (K.INTERVENTION, "Räkna med oss!", amounts(150000, 150000)),
        (K.COMPETENCE_DEVELOPMENT, "", amounts(260000, 300000)),
        (K.NEW_INTERVENTIONS, "", amounts(0, 300000)),
        (K.OFFICE, "", amounts(1010000, 1200000)),
        (K.INFORMATION, "", amounts(35000, 40000)),
        (K.BOARD, "", amounts(50000, 60000)),
        (K.ACCOUNTING, "", amounts(60000, 115000)),
        (K.AUDIT, "", amounts(50000, 72000)),
    ],
}

# Södra Vätterbygden's business plan 2027, being prepared now (invented; open years, so
# it can be edited in the grid). Its last plan year goes below zero, which the checks flag.
SODRA_VATTERBYGDEN_2027 = {
    "columns": [
        ("budget", 2026, None, None),
        ("prognosis", 2026, date(2026, 9, 30), None),
        ("budget", 2027, None, None),
        ("plan", 2028, None, None),
        ("plan", 2029, None, None),
    ],
    "contributions": amounts(11148000, 11148000, 11148000, 11148000, 11148000),
    "lines": [
        (K.INTEREST, "", amounts(20000, 20000, 20000, 20000, 20000)),
        (K.INTERVENTION, "Enter", amounts(3400000, 3350000, 3500000, 3550000, 3600000)),
        (K.INTERVENTION, "NOVA – Stöd i förändring", amounts(2900000, 2800000, 3000000, 3050000, 3100000)),
        (K.INTERVENTION, "Funktionsnedsatta i arbete", amounts(1250000, 1200000, 1300000, 1300000, 1300000)),
        (K.INTERVENTION, "IT-spåret", amounts(600000, 600000, 600000, 600000, 600000)),
        (K.INTERVENTION, "Koll på förmåga", amounts(800000, 800000, 800000, 800000, 800000)),
        (K.INTERVENTION, "Räkna med oss!", amounts(150000, 150000, 150000, 0, 0)),
        (K.INTERVENTION, "BIP/SKAPA", amounts(250000, 240000, 250000, 250000, 250000)),
        (K.NEW_INTERVENTIONS, "", amounts(600000, 0, 1000000, 148000, 0)),
        (K.COMPETENCE_DEVELOPMENT, "", amounts(300000, 250000, 300000, 300000, 300000)),
        (K.OFFICE, "", amounts(1180000, 1160000, 1200000, 1220000, 1240000)),
        (K.INFORMATION, "", amounts(40000, 35000, 40000, 40000, 40000)),
        (K.BOARD, "", amounts(60000, 55000, 60000, 60000, 60000)),
        (K.ACCOUNTING, "", amounts(110000, 110000, 115000, 118000, 120000)),
        (K.AUDIT, "", amounts(70000, 70000, 72000, 74000, 76000)),
    ],
}

# Year-end balance items of Höglandet (invented, consistent with equity 1 639 471 → 1 483 897).
HOGLANDET_BALANCE = {
    2023: {
        "vat_receivable": "48210",
        "prepaid": "122300",
        "cash": "1912850",
        "supplier_debts": "301420",
        "social_fees": "42469",
        "holiday_pay": "100000",
    },
    2024: {
        "vat_receivable": "52118",
        "prepaid": "96540",
        "cash": "1797651",
        "supplier_debts": "318900",
        "social_fees": "43512",
        "holiday_pay": "100000",
    },
}
# Höglandet's actual 2023, so that 2024's opening equity rolls forward from it.
HOGLANDET_2023_ACTUAL = {"carried": "1551018", "contributions": "7880000", "other": "96520", "costs": "7888067"}

# Footnotes the office writes to lines of Södra Vätterbygden's plan 2027 (illustrative).
PLAN_FOOTNOTES = {
    K.OFFICE: "Förbundschef, ekonom och lokaler; verksamhetsutvecklaren är en egen rad.",
    K.NEW_INTERVENTIONS: "Medel som styrelsen kan bevilja nya ansökningar under året.",
}

# Grants (the decisions' maximum) against which the plans budget about 10 % less.
# The grants the published tables show, each from a board decision (demo/registers.py).
GRANTS = [
    ("finnveden", "Mitt Val", 2021, "1200000"),
    ("finnveden", "Nya Vägar", 2021, "1213000"),
    ("finnveden", "IT-spåret", 2021, "200000"),
    ("sodra-vatterbygden", "Enter", 2027, "3900000"),
    ("sodra-vatterbygden", "NOVA – Stöd i förändring", 2027, "3330000"),
    ("sodra-vatterbygden", "Funktionsnedsatta i arbete", 2027, "1450000"),
]

EXTRA_INTERVENTIONS = {
    # name: (federation slug, start, end, kind)
    "Stöd till arbete – SE/IPS": ("finnveden", date(2018, 1, 1), date(2020, 12, 31), Intervention.Kind.INDIVIDUAL),
    "Mitt Val": ("finnveden", date(2019, 1, 1), date(2021, 12, 31), Intervention.Kind.INDIVIDUAL),
    "Nya Vägar": ("finnveden", date(2019, 1, 1), date(2021, 12, 31), Intervention.Kind.INDIVIDUAL),
    "Projekt Samverkan i GGV(V)": ("finnveden", date(2017, 1, 1), date(2020, 12, 31), Intervention.Kind.STRUCTURAL),
    "Projekt Haa": ("sodra-vatterbygden", date(2011, 9, 1), date(2012, 9, 30), Intervention.Kind.INDIVIDUAL),
    "KrAmi": ("sodra-vatterbygden", date(2009, 1, 1), date(2013, 12, 31), Intervention.Kind.INDIVIDUAL),
}


@transaction.atomic
def load_demo():
    federations = {federation.slug: federation for federation in Federation.objects.all()}
    county = federations["finnveden"].county
    for name, (slug, starts_on, ended_on, kind) in EXTRA_INTERVENTIONS.items():
        intervention, _ = Intervention.objects.get_or_create(
            county=county,
            name=name,
            defaults={"starts_on": starts_on, "ended_on": ended_on, "kind": kind, "status": Intervention.Status.ENDED},
        )
        Funding.objects.get_or_create(intervention=intervention, federation=federations[slug])
    load_table(federations["finnveden"], FINNVEDEN_2021)
    load_table(federations["sodra-vatterbygden"], SODRA_VATTERBYGDEN_2012)
    for kind, label, amount in SODRA_VATTERBYGDEN_BALANCE_2012_06_30:
        BalanceItem.objects.get_or_create(
            federation=federations["sodra-vatterbygden"],
            year=2012,
            period_end=date(2012, 6, 30),
            kind=kind,
            label=label,
            defaults={"amount": Decimal(amount)},
        )
    plan = load_table(federations["sodra-vatterbygden"], SODRA_VATTERBYGDEN_2027)
    for budget, total in zip(plan, SODRA_VATTERBYGDEN_2027["contributions"]):
        load_contributions(budget, total)
    for kind, footnote in PLAN_FOOTNOTES.items():
        BudgetLine.objects.filter(budget__in=plan, kind=kind, footnote="").update(footnote=footnote)
    load_hoglandet(federations["hoglandet"])
    for slug, spec in [
        ("sodra-vatterbygden", SODRA_VATTERBYGDEN_2024),
        ("sodra-vatterbygden", SODRA_VATTERBYGDEN_2026),
        ("finnveden", FINNVEDEN_2024),
    ]:
        for budget, total in zip(load_table(federations[slug], spec), spec["contributions"]):
            load_contributions(budget, total)
    load_grant_decisions(GRANTS)
    for federation in federations.values():
        load_history(federation)
        load_interim(federation, 2024)
        load_fiscal_years(federation)


# Five years of books for each federation, so that the five-year overview is real: the
# years before 2024 that the published tables do not give are 2024's actual lines scaled
# down by 3 % a year (an intervention only in the years it ran, the money of one not yet
# started on a line "Tidigare insatser"), with the equity carried backwards from the first
# published year so that every year rolls into the next.
HISTORY = range(2020, 2025)
SCALE_PER_YEAR = Decimal("0.03")
# The year-end balance items, as shares of the year's costs; liquid funds make it balance.
BALANCE_SHARES = {
    BalanceItem.Kind.VAT_RECEIVABLE: Decimal("0.006"),
    BalanceItem.Kind.PREPAID: Decimal("0.015"),
    BalanceItem.Kind.SUPPLIER_DEBTS: Decimal("0.04"),
    BalanceItem.Kind.SOCIAL_FEES: Decimal("0.005"),
    BalanceItem.Kind.HOLIDAY_PAY: Decimal("0.012"),
}


def load_history(federation):
    """Actual columns for the years of ``HISTORY`` that have none, and balance items for
    every year end of ``HISTORY`` that has none, so that each balance sheet balances."""
    template = full_year(federation, HISTORY[-1], Budget.Scenario.ACTUAL)
    if template is None:
        return
    for year in reversed(HISTORY[:-1]):
        if full_year(federation, year, Budget.Scenario.ACTUAL) is None:
            load_past_year(federation, template, year)
    for year in HISTORY:
        if not BalanceItem.objects.filter(federation=federation, year=year).at_year_end().exists():
            load_balance_items(federation, full_year(federation, year, Budget.Scenario.ACTUAL))


# The interim report of a year: the actual per 30 June (about half the year's lines, the
# contributions paid for half a year) with its balance sheet, and the prognosis made in
# August (the year's lines rounded to thousands), from the year's actual accounts.
INTERIM_SHARE = Decimal("0.48")


def load_interim(federation, year):
    actual = full_year(federation, year, Budget.Scenario.ACTUAL)
    if (
        actual is None
        or Budget.objects.filter(federation=federation, year=year)
        .exclude(scenario=Budget.Scenario.BUDGET)
        .exclude(pk=actual.pk)
        .exists()
    ):
        return
    half_year = column(federation, Budget.Scenario.ACTUAL, year, None, None, date(year, 6, 30))
    prognosis = column(federation, Budget.Scenario.PROGNOSIS, year, date(year, 8, 31), actual.carried_balance)
    load_interim_lines(actual, half_year, prognosis)
    load_balance_items(federation, half_year, opening_equity=actual.carried_balance, period_end=half_year.period_end)


def load_interim_lines(actual, half_year, prognosis):
    for line in actual.lines.all():
        share = Decimal("0.5") if line.kind == K.CONTRIBUTION else INTERIM_SHARE
        for budget, amount in [
            (half_year, (line.amount * share).quantize(Decimal(100))),
            (prognosis, line.amount.quantize(Decimal(1000))),
        ]:
            BudgetLine.objects.create(
                budget=budget,
                kind=line.kind,
                organisation_id=line.organisation_id,
                intervention_id=line.intervention_id,
                label=line.label,
                amount=amount,
                position=line.position,
            )


def load_past_year(federation, template, year):
    factor = 1 - SCALE_PER_YEAR * (template.year - year)
    budget = column(federation, Budget.Scenario.ACTUAL, year, None, None)
    running = set(Intervention.objects.running_in(year).values_list("pk", flat=True))
    contributions = earlier_interventions = ZERO
    for line in template.lines.all():
        amount = (line.amount * factor).quantize(Decimal(100))
        if line.kind == K.CONTRIBUTION:
            contributions += amount
        elif line.intervention_id is None or line.intervention_id in running:
            BudgetLine.objects.create(
                budget=budget,
                kind=line.kind,
                intervention_id=line.intervention_id,
                label=line.label,
                amount=amount,
                position=line.position,
            )
        else:
            earlier_interventions += amount
    if earlier_interventions:
        # The money of an intervention that had not started went to earlier ones.
        BudgetLine.objects.create(
            budget=budget, kind=K.OTHER_ACTIVITY, label="Tidigare insatser", amount=earlier_interventions
        )
    load_contributions(budget, contributions)
    following = full_year(federation, year + 1, Budget.Scenario.ACTUAL)
    budget.carried_balance = following.carried_balance - budget_table([budget]).result[0]
    budget.save(update_fields=["carried_balance"])


def load_balance_items(federation, actual, opening_equity=None, period_end=None):
    """Balance items at the end of the ``actual`` column's period (the year end, or with
    ``period_end`` an interim date), in the shares of a year's costs, the cash making it balance."""
    table = budget_table([actual])
    year_costs = table.costs_total[0] * (2 if period_end else 1)
    opening = actual.carried_balance if opening_equity is None else opening_equity
    equity = (opening or ZERO) + table.result[0]
    items = {kind: (year_costs * share).quantize(Decimal(1)) for kind, share in BALANCE_SHARES.items()}
    receivables = sum(amount for kind, amount in items.items() if kind in BalanceItem.RECEIVABLES)
    liabilities = sum(amount for kind, amount in items.items() if kind in BalanceItem.LIABILITIES)
    items[BalanceItem.Kind.CASH] = equity + liabilities - receivables
    for kind, amount in items.items():
        BalanceItem.objects.create(
            federation=federation, year=actual.year, period_end=period_end, kind=kind, label="", amount=amount
        )


def load_fiscal_years(federation):
    """A year whose accounts the demo holds is closed, the year before this one adopted; this
    year is open. A year without books gets no fiscal year: it waits, open, for its books."""
    with_books = set(
        Budget.objects.filter(
            federation=federation,
            scenario=Budget.Scenario.ACTUAL,
            period_end__month=12,
            period_end__day=31,
            lines__isnull=False,
        ).values_list("year", flat=True)
    )
    for year in sorted(with_books):
        if year <= 2024:
            status, adopted_on = FiscalYear.Status.CLOSED, date(year + 1, 3, 20)
        else:
            status, adopted_on = FiscalYear.Status.ADOPTED, date(year + 1, 3, 19)
        upsert(FiscalYear, {"federation": federation, "year": year}, status=status, adopted_on=adopted_on)
    upsert(FiscalYear, {"federation": federation, "year": 2026}, status=FiscalYear.Status.OPEN, adopted_on=None)


def column(federation, scenario, year, made_on, carried, period_end=None):
    budget, _ = Budget.objects.get_or_create(
        federation=federation,
        year=year,
        scenario=scenario,
        period_end=period_end or date(year, 12, 31),
        defaults={"made_on": made_on, "carried_balance": Decimal(carried) if carried else None},
    )
    return budget


def load_table(federation, spec, extra_lines=()):
    columns = []
    for scenario, year, made_on, carried in spec["columns"]:
        period_end = made_on if scenario == Budget.Scenario.ACTUAL else None
        columns.append(column(federation, scenario, year, None if period_end else made_on, carried, period_end))
    organisations = {o.name: o for o in MemberOrganisation.objects.filter(county=federation.county)}
    interventions = {i.name: i for i in Intervention.objects.filter(county=federation.county)}
    for position, (kind, name, values) in enumerate([*spec["lines"], *extra_lines], start=1):
        for budget, amount in zip(columns, values):
            if amount is None:
                continue
            lookup = {
                "budget": budget,
                "kind": kind,
                "organisation": organisations[name] if kind == K.CONTRIBUTION else None,
                "intervention": interventions[name] if kind == K.INTERVENTION else None,
                "label": name if kind not in (K.CONTRIBUTION, K.INTERVENTION) else "",
            }
            BudgetLine.objects.get_or_create(**lookup, defaults={"amount": amount, "position": position})
    return columns


def load_contributions(budget, total):
    """Contribution lines as the law splits ``total``: half from the state, a quarter
    from the region, a quarter from the municipalities by population."""
    for organisation, amount in contribution_split(budget.federation, budget.year, total / 2):
        BudgetLine.objects.get_or_create(
            budget=budget, kind=K.CONTRIBUTION, organisation=organisation, defaults={"amount": amount}
        )


def load_hoglandet(federation):
    columns = load_table(federation, HOGLANDET_2024)
    for budget, total in zip(columns, HOGLANDET_2024["contributions"]):
        load_contributions(budget, total)
    actual_2023 = column(federation, Budget.Scenario.ACTUAL, 2023, None, HOGLANDET_2023_ACTUAL["carried"])
    load_contributions(actual_2023, Decimal(HOGLANDET_2023_ACTUAL["contributions"]))
    for kind, amount in [
        (K.OTHER_INCOME, HOGLANDET_2023_ACTUAL["other"]),
        (K.OTHER_ACTIVITY, HOGLANDET_2023_ACTUAL["costs"]),
    ]:
        BudgetLine.objects.get_or_create(budget=actual_2023, kind=kind, defaults={"amount": Decimal(amount)})
    for year, items in HOGLANDET_BALANCE.items():
        for kind, amount in items.items():
            BalanceItem.objects.get_or_create(
                federation=federation,
                year=year,
                period_end=None,
                kind=kind,
                label="",
                defaults={"amount": Decimal(amount)},
            )
