"""The year-end accounts derived from a year's actual lines and balance items: income
statement, balance sheet, cash-flow analysis, operating statement and key figures.

Nothing here is typed in: each figure is a sum of lines, and the checks in
``finances.checks`` compare the statements with each other."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from federations.models import FiscalYear, StaffPost
from interventions.models import Intervention

from .figures import ZERO, budget_table
from .models import BalanceItem, Budget, CostAllocation, LineKind, Section

EQUITY_RECOMMENDATION = Decimal("0.15")  # of the year's member contributions


def percent(part, whole):
    if not whole:
        return None
    return (Decimal(100) * part / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def full_year(federation, year, scenario):
    return Budget.objects.full_years().filter(federation=federation, year=year, scenario=scenario).first()


@dataclass
class IncomeStatement:
    operating_income: Decimal
    operating_costs: Decimal
    financial_income: Decimal
    financial_costs: Decimal = ZERO

    @property
    def income(self):
        """Intäkter: the year's income, financial income included, as the five-year overview
        and the budget table print it (and so every chart of it)."""
        return self.operating_income + self.financial_income

    @property
    def operating_result(self):
        return self.operating_income - self.operating_costs

    @property
    def result_after_financial_items(self):
        return self.operating_result + self.financial_income - self.financial_costs

    @property
    def result(self):
        return self.result_after_financial_items


def income_statement(table, position=0):
    """The income statement of one column of a budget table."""
    interest = sum((row.cells[position] or ZERO for row in table.income if row.kind == LineKind.INTEREST), ZERO)
    return IncomeStatement(
        operating_income=table.income_total[position] - interest,
        operating_costs=table.costs_total[position],
        financial_income=interest,
        financial_costs=table.financial_total[position],
    )


@dataclass
class BalanceSheet:
    year: int
    items: list  # (kind, label, amount), as the books have them
    opening_equity: Decimal
    result: Decimal

    def total(self, kinds):
        return sum((amount for kind, _label, amount in self.items if kind in kinds), ZERO)

    @property
    def receivables(self):
        return self.total(BalanceItem.RECEIVABLES)

    @property
    def liquid_funds(self):
        return self.total(BalanceItem.LIQUID)

    @property
    def total_assets(self):
        return self.receivables + self.liquid_funds

    @property
    def equity(self):
        return self.opening_equity + self.result

    @property
    def provisions(self):
        return self.total(BalanceItem.PROVISIONS)

    @property
    def liabilities(self):
        return self.total(BalanceItem.LIABILITIES)

    @property
    def total_equity_and_liabilities(self):
        return self.equity + self.provisions + self.liabilities

    @property
    def solidity(self):
        """Soliditet: equity as a share of total assets, in per cent."""
        return percent(self.equity, self.total_assets)

    def lines(self, kinds):
        """Each item on a line of its own, in the order of the notes, named by its label or
        else by its kind: two items of one kind are two lines."""
        order = {kind: position for position, kind in enumerate(kinds)}
        items = sorted((item for item in self.items if item[0] in order), key=lambda item: order[item[0]])
        return [(label or BalanceItem.Kind(kind).label, amount) for kind, label, amount in items]

    @property
    def receivable_lines(self):
        return self.lines(BalanceItem.RECEIVABLES)

    @property
    def liability_lines(self):
        return self.lines(BalanceItem.LIABILITIES)


def balance_items(federation, year):
    return list(
        BalanceItem.objects.filter(federation=federation, year=year)
        .at_year_end()
        .order_by("pk")
        .values_list("kind", "label", "amount")
    )


def balance_sheet(federation, year, actual, result):
    """The balance sheet at the end of ``year``: its items, and equity from the actual
    column's carried balance and the year's result."""
    if actual is None:
        return None
    return BalanceSheet(year, balance_items(federation, year), actual.carried_balance or ZERO, result)


@dataclass
class CashFlow:
    result: Decimal
    change_in_receivables: Decimal  # an increase is negative
    change_in_liabilities: Decimal  # provisions included
    liquid_funds_at_start: Decimal
    liquid_funds_at_end: Decimal

    @property
    def cash_flow(self):
        return self.result + self.change_in_receivables + self.change_in_liabilities

    @property
    def change_in_liquid_funds(self):
        return self.liquid_funds_at_end - self.liquid_funds_at_start


def cash_flow(this_year, last_year):
    if this_year is None or last_year is None:
        return None
    return CashFlow(
        result=this_year.result,
        change_in_receivables=last_year.receivables - this_year.receivables,
        change_in_liabilities=(this_year.liabilities + this_year.provisions)
        - (last_year.liabilities + last_year.provisions),
        liquid_funds_at_start=last_year.liquid_funds,
        liquid_funds_at_end=this_year.liquid_funds,
    )


@dataclass
class CostDistribution:
    individual: Decimal
    structural: Decimal
    administration: Decimal
    new_activity: Decimal
    # (allocation, kronor of its lines): allocations given in kronor that do not add up to
    # what their lines cost; they are shared in the proportions given (a remark to the board)
    unmatched: list = field(default_factory=list)

    @property
    def total(self):
        return self.individual + self.structural + self.administration + self.new_activity

    def shares(self):
        return {
            "individual": percent(self.individual, self.total),
            "structural": percent(self.structural, self.total),
            "administration": percent(self.administration, self.total),
            "new_activity": percent(self.new_activity, self.total),
        }


def default_share(row):
    """Where a line's cost goes when the office has not said otherwise."""
    if row.kind == LineKind.NEW_INTERVENTIONS:
        return "new_activity"
    if LineKind(row.kind).section == Section.ADMINISTRATION:
        return "administration"
    if row.intervention is not None and row.intervention.kind == Intervention.Kind.INDIVIDUAL:
        return "individual"
    return "structural"


def cost_distribution(table, position=0, allocations=()):
    """Actual costs by where they go: individual-oriented interventions, structural work
    (structural interventions, competence development, the development officer, common
    costs), administration, and room for new activity. ``allocations`` (CostAllocation of
    the year) share a line otherwise: one naming the line's label first, then its kind."""
    by_line = {(allocation.kind, allocation.label): allocation for allocation in allocations}
    totals = dict.fromkeys(["individual", "structural", "administration", "new_activity"], ZERO)
    lines_cost = {}  # kronor of the lines each allocation shared
    for row in table.activities + table.administration:
        amount = row.cells[position] or ZERO
        allocation = by_line.get((row.kind, row.label)) or by_line.get((row.kind, ""))
        if allocation is None:
            totals[default_share(row)] += amount
            continue
        key = (allocation.kind, allocation.label)
        lines_cost[key] = lines_cost.get(key, ZERO) + amount
        for share, percent in allocation.shares.items():
            totals[share] += amount * percent / 100
    unmatched = [
        (by_line[key], cost)
        for key, cost in lines_cost.items()
        if by_line[key].given_in_kronor and sum(by_line[key].parts.values()) != cost
    ]
    return CostDistribution(**totals, unmatched=unmatched)


@dataclass
class OperatingLine:
    label: str
    budget: Decimal | None
    actual: Decimal | None
    last_year: Decimal | None

    @property
    def deviation(self):
        if self.budget is None or self.actual is None:
            return None
        return self.actual - self.budget


@dataclass
class YearEnd:
    """Everything the year-end accounts show for one federation and year."""

    federation: object
    year: int
    actual: Budget | None
    budget: Budget | None
    income: IncomeStatement | None
    budgeted_income: IncomeStatement | None
    last_year_income: IncomeStatement | None
    balance: BalanceSheet | None
    last_year_balance: BalanceSheet | None
    cash: CashFlow | None
    last_year_cash: CashFlow | None
    contributions: Decimal
    costs: CostDistribution | None
    allocations: list  # the CostAllocations the cost distribution used: the report states them
    overview: list = field(default_factory=list)
    notes: object = None  # the budget table of (actual, budget, last year's actual): every line

    def operating_statement(self):
        """Driftsredovisning: actual against budget, with the deviation and last year."""
        from django.utils.translation import gettext as _

        def line(label, figure):
            return OperatingLine(
                label,
                figure(self.budgeted_income) if self.budgeted_income else None,
                figure(self.income) if self.income else None,
                figure(self.last_year_income) if self.last_year_income else None,
            )

        return [
            line(_("Net cost of activities and administration"), lambda s: -s.operating_costs),
            line(_("Contributions and other income"), lambda s: s.income),
            line(_("The year's result"), lambda s: s.result),
        ]

    def note_lines(self, kinds):
        """(label, this year, last year) for each item of ``kinds`` in either year: the notes
        on receivables and liabilities with last year beside."""
        this = self.balance.lines(kinds) if self.balance else []
        last = self.last_year_balance.lines(kinds) if self.last_year_balance else []
        rows = {label: [amount, None] for label, amount in this}
        for label, amount in last:
            rows.setdefault(label, [None, None])[1] = amount
        return [(label, this_year, last_year) for label, (this_year, last_year) in rows.items()]

    @property
    def receivable_notes(self):
        return self.note_lines(BalanceItem.RECEIVABLES)

    @property
    def liability_notes(self):
        return self.note_lines(BalanceItem.LIABILITIES)

    @property
    def net_reconciliation(self):
        """Where the budget is net — it leaves out the other income (sold services, say) that
        the books hold beside their costs — the gross costs of the books less that income,
        against the budget's costs; else None."""
        if not (self.income and self.budgeted_income and self.notes):
            return None
        other_income = [
            sum((row.cells[i] or ZERO for row in self.notes.income if row.kind == LineKind.OTHER_INCOME), ZERO)
            for i in range(self.notes.width)
        ]
        actual, budget = other_income[0], other_income[self.notes.columns.index(self.budget)]
        if not actual or budget:
            return None
        return NetReconciliation(self.income.operating_costs, actual, self.budgeted_income.operating_costs)

    @property
    def note_numbers(self):
        """The notes the statements refer to, numbered in the order printed: note 1 the
        accounting principles, then the income, the costs, the receivables, the current
        liabilities and the reconciliation with a net budget, each where the year has it."""
        notes = ["principles", "income", "costs"]
        notes += [
            name
            for name, present in [
                ("receivables", self.receivable_notes),
                ("liabilities", self.liability_notes),
                ("reconciliation", self.net_reconciliation),
            ]
            if present
        ]
        return {name: number for number, name in enumerate(notes, start=1)}

    @property
    def equity_recommendation(self):
        return (self.contributions * EQUITY_RECOMMENDATION).quantize(Decimal(1))

    @property
    def equity_above_recommendation(self):
        return self.balance is not None and self.balance.equity > self.equity_recommendation

    @property
    def balance_requirement_result(self):
        """Balanskravsresultat: the year's result less realisation gains, of which a
        federation has none; it must not be negative over time."""
        return self.income.result if self.income else None


@dataclass(frozen=True)
class NetReconciliation:
    """The books' gross costs brought to a net budget: less the income the budget nets off."""

    gross_costs: Decimal
    netted_income: Decimal
    budgeted_net_costs: Decimal

    @property
    def net_costs(self):
        return self.gross_costs - self.netted_income

    @property
    def deviation(self):
        return self.budgeted_net_costs - self.net_costs


def year_end(federation, year):
    actual = full_year(federation, year, Budget.Scenario.ACTUAL)
    budget = full_year(federation, year, Budget.Scenario.BUDGET)
    last_actual = full_year(federation, year - 1, Budget.Scenario.ACTUAL)
    columns = [column for column in (actual, budget, last_actual) if column]
    table = budget_table(columns)

    def statement(column):
        return income_statement(table, columns.index(column)) if column else None

    allocations = list(CostAllocation.objects.filter(federation=federation, year=year))
    income, last_income = statement(actual), statement(last_actual)
    balance = balance_sheet(federation, year, actual, income.result) if actual else None
    last_balance = balance_sheet(federation, year - 1, last_actual, last_income.result) if last_actual else None
    # Last year's cash flow needs only the items of the year before it.
    earlier_items = balance_items(federation, year - 2) if last_balance else []
    earlier = BalanceSheet(year - 2, earlier_items, ZERO, ZERO) if earlier_items else None
    return YearEnd(
        federation=federation,
        year=year,
        actual=actual,
        budget=budget,
        income=income,
        budgeted_income=statement(budget),
        last_year_income=last_income,
        balance=balance,
        last_year_balance=last_balance,
        cash=cash_flow(balance, last_balance),
        last_year_cash=cash_flow(last_balance, earlier),
        contributions=table.contributions[0] if actual else ZERO,
        costs=cost_distribution(table, 0, allocations) if actual else None,
        allocations=allocations,
        overview=five_year_overview(federation, year),
        notes=table,
    )


@dataclass
class OverviewYear:
    year: int
    income: Decimal
    costs: Decimal
    result: Decimal
    solidity: Decimal | None
    employees: Decimal | None = None


def employees_by_year(federation, years):
    """Medelantal anställda: what the fiscal year states, or else the full-time shares of
    the office's posts held during the year."""
    if not years:
        return {}
    stated = dict(
        FiscalYear.objects.filter(federation=federation, year__in=years, employees__isnull=False).values_list(
            "year", "employees"
        )
    )
    posts = list(
        StaffPost.objects.filter(federation=federation, starts_on__year__lte=max(years)).values_list(
            "starts_on", "ends_on", "share_percent"
        )
    )
    counted = {}
    for year in years:
        shares = [share for starts, ends, share in posts if starts.year <= year and (ends is None or ends.year >= year)]
        counted[year] = (Decimal(sum(shares)) / 100).quantize(Decimal("0.1")) if shares else None
    return counted | stated


def five_year_overview(federation, year):
    """Key figures of the five years up to ``year`` that have actual accounts."""
    columns = list(
        Budget.objects.full_years()
        .filter(federation=federation, scenario=Budget.Scenario.ACTUAL, year__gt=year - 5, year__lte=year)
        .order_by("year")
    )
    if not columns:
        return []
    table = budget_table(columns)
    items = {}
    for year, kind, label, amount in (
        BalanceItem.objects.filter(federation=federation, year__in=[c.year for c in columns])
        .at_year_end()
        .values_list("year", "kind", "label", "amount")
    ):
        items.setdefault(year, []).append((kind, label, amount))
    employees = employees_by_year(federation, [column.year for column in columns])
    overview = []
    for i, column in enumerate(columns):
        sheet = BalanceSheet(column.year, items.get(column.year, []), column.carried_balance or ZERO, table.result[i])
        overview.append(
            OverviewYear(
                year=column.year,
                income=table.income_total[i],
                costs=table.costs_total[i],
                result=table.result[i],
                solidity=sheet.solidity if sheet.total_assets else None,
                employees=employees.get(column.year),
            )
        )
    return overview
