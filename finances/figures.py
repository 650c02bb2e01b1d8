"""The money tables of the reports, computed from budget lines.

A table has one column per :class:`~finances.models.Budget` and one row per line that
appears in any of them; every subtotal, total and balance is computed from the exact
amounts here and rounded only when shown.
"""

from dataclasses import dataclass, field, replace
from decimal import Decimal

from .models import Budget, BudgetLine, LineKind, MemberOrganisation, Section

ZERO = Decimal(0)
# Contributions are listed municipalities first, then the region, then the state.
CONTRIBUTOR_ORDER = [
    MemberOrganisation.Kind.MUNICIPALITY,
    MemberOrganisation.Kind.REGION,
    MemberOrganisation.Kind.SOCIAL_INSURANCE,
    MemberOrganisation.Kind.EMPLOYMENT_SERVICE,
]


@dataclass
class Row:
    name: str
    kind: str
    cells: list  # Decimal or None (no such line in that column)
    intervention: object = None
    organisation: object = None
    label: str = ""
    footnotes: list = field(default_factory=list)  # the texts of its lines' footnotes
    note_numbers: list = field(default_factory=list)  # their numbers under the table

    @property
    def section(self):
        return LineKind(self.kind).section


def column_sum(rows, count):
    return [sum((row.cells[i] or ZERO for row in rows), ZERO) for i in range(count)]


@dataclass
class BudgetTable:
    columns: list
    income: list
    activities: list
    administration: list
    financial: list  # financial costs: interest paid, bank charges
    carried: list  # balance carried from earlier years, per column (None: not shown)
    footnotes: list = field(default_factory=list)  # (number, text), printed under the table
    # The equity a column that carries in no balance of its own starts from, for its balance
    # carried forward only: an interim report's actual period, whose "available" is the
    # period's own income as published, ends on the year's opening equity and its result.
    opening: list = field(default_factory=list)

    @property
    def width(self):
        return len(self.columns)

    @property
    def income_total(self):
        return column_sum(self.income, self.width)

    @property
    def contributions(self):
        return column_sum([row for row in self.income if row.kind == LineKind.CONTRIBUTION], self.width)

    @property
    def other_income(self):
        return column_sum([row for row in self.income if row.kind != LineKind.CONTRIBUTION], self.width)

    @property
    def available(self):
        """Income and the balance carried in: what the year may use."""
        return [income + (carried or ZERO) for income, carried in zip(self.income_total, self.carried)]

    @property
    def activities_total(self):
        return column_sum(self.activities, self.width)

    @property
    def administration_total(self):
        return column_sum(self.administration, self.width)

    @property
    def costs_total(self):
        """The operating costs: activities and administration."""
        return [a + b for a, b in zip(self.activities_total, self.administration_total)]

    @property
    def financial_total(self):
        return column_sum(self.financial, self.width)

    @property
    def result(self):
        """The year's (or period's) own result: income less costs, financial costs included."""
        return [
            income - costs - financial
            for income, costs, financial in zip(self.income_total, self.costs_total, self.financial_total)
        ]

    @property
    def closing_balance(self):
        """The balance carried forward (equity after the period): carried in (or the opening
        equity) plus result."""
        opening = self.opening or [None] * self.width
        return [
            (carried if carried is not None else start or ZERO) + result
            for carried, start, result in zip(self.carried, opening, self.result)
        ]


def row_order(line):
    kind = LineKind(line.kind)
    organisation_rank = CONTRIBUTOR_ORDER.index(line.organisation.kind) if line.organisation_id else 0
    return (line.position or 0, list(LineKind).index(kind), organisation_rank, line.name)


def budget_table(columns):
    """The table of ``columns`` (Budgets, in the order shown), in one query for the lines."""
    return budget_tables([columns])[0]


def budget_tables(groups):
    """A table for each group of columns in ``groups``, in one query for all their lines:
    the county's federations side by side cost what one federation costs."""
    groups = [list(columns) for columns in groups]
    lines = {}
    for line in (
        BudgetLine.objects.filter(budget__in=[column for columns in groups for column in columns])
        .with_corrected_amount()
        .select_related("organisation", "intervention")
    ):
        lines.setdefault(line.budget_id, []).append(line)
    return [table_of(columns, [line for column in columns for line in lines.get(column.pk, [])]) for columns in groups]


def table_of(columns, lines):
    index = {column.pk: i for i, column in enumerate(columns)}
    rows = {}
    for line in sorted(lines, key=row_order):
        row = rows.get(line.key)
        if row is None:
            row = rows[line.key] = Row(
                line.name, line.kind, [None] * len(columns), line.intervention, line.organisation, line.label
            )
        position = index[line.budget_id]
        row.cells[position] = (row.cells[position] or ZERO) + line.corrected
        if line.footnote and line.footnote not in row.footnotes:
            row.footnotes.append(line.footnote)
    sections = {section: [] for section in Section}
    for row in rows.values():
        sections[row.section].append(row)
    table = BudgetTable(
        columns=columns,
        income=sections[Section.INCOME],
        activities=sections[Section.ACTIVITIES],
        administration=sections[Section.ADMINISTRATION],
        financial=sections[Section.FINANCIAL],
        carried=[column.carried_balance for column in columns],
    )
    table.carried = chained_carried_balances(table)
    number_footnotes(table)
    return table


def number_footnotes(table):
    """Number the rows' footnotes in the order the table prints its rows, the same text once."""
    numbers = {}
    for row in [*table.income, *table.activities, *table.administration, *table.financial]:
        row.note_numbers = [numbers.setdefault(text, len(numbers) + 1) for text in row.footnotes]
    table.footnotes = [(number, text) for text, number in numbers.items()]


@dataclass(frozen=True)
class DeviationColumn:
    """A computed column of a table: one column less another (the prognosis less the budget)."""

    label: str
    made_on: object = None
    carried_balance: object = None


def with_deviation(table, column, against, label):
    """``table`` with a last column of ``column`` less ``against``, line by line: every
    subtotal, total and balance of it follows from its lines, as in any other column."""
    i, j = table.columns.index(column), table.columns.index(against)

    def extended(cells):
        missing = cells[i] is None and cells[j] is None
        return [*cells, None if missing else (cells[i] or ZERO) - (cells[j] or ZERO)]

    def rows(section):
        return [replace(row, cells=extended(row.cells)) for row in section]

    return BudgetTable(
        columns=[*table.columns, DeviationColumn(label)],
        income=rows(table.income),
        activities=rows(table.activities),
        administration=rows(table.administration),
        financial=rows(table.financial),
        carried=extended(table.carried),
        footnotes=table.footnotes,
        opening=extended(table.opening) if table.opening else [],
    )


# The columns of the business plan for a year, as (scenario, years from the plan's year):
# last year's budget and latest prognosis, the year's budget and the two plan years after it.
PLAN_COLUMNS = [
    (Budget.Scenario.BUDGET, -1),
    (Budget.Scenario.PROGNOSIS, -1),
    (Budget.Scenario.BUDGET, 0),
    (Budget.Scenario.PLAN, 1),
    (Budget.Scenario.PLAN, 2),
]


def plan_columns(federation, year):
    """The columns of ``PLAN_COLUMNS`` that the federation has for the plan of ``year``."""
    found = {
        (column.scenario, column.year): column
        for column in Budget.objects.full_years().filter(federation=federation, year__in=range(year - 1, year + 3))
    }
    return [found[scenario, year + offset] for scenario, offset in PLAN_COLUMNS if (scenario, year + offset) in found]


def missing_plan_columns(table, year):
    """The columns of ``PLAN_COLUMNS`` the plan for ``year`` lacks, as (scenario, year)."""
    present = {(column.scenario, column.year) for column in table.columns}
    return [(scenario, year + offset) for scenario, offset in PLAN_COLUMNS if (scenario, year + offset) not in present]


def plan_table(federation, year):
    """The business plan's table for ``year``: each column carries in the equity finsam knows
    at the start of its year (``PlanOpenings``), never a balance typed where the books say it."""
    table = budget_table(plan_columns(federation, year))
    openings = PlanOpenings(federation, year)
    table.carried = [
        opening if (opening := openings.at_start_of(column.year)) is not None else column.carried_balance
        for column in table.columns
    ]
    table.carried = chained_carried_balances(table)
    return table


class PlanOpenings:
    """Equity at the start of each year, as the business plan for ``plan_year`` knows it. The
    plan is made in the autumn before its year: it knows the books of the year before that
    (the last closed year) and follows each year after from that year's forecast in the plan
    — the prognosis, else the budget, for the year the plan is made in; the budget for the
    plan's year; the plan for the years after. A year before which finsam holds neither books
    nor a forecast starts from the balance typed into its column."""

    def __init__(self, federation, plan_year):
        self.federation, self.plan_year = federation, plan_year
        self.known = {}

    def forecasts(self, year):
        """The scenarios whose closing equity a plan takes for ``year``, the best first."""
        if year <= self.plan_year - 2:
            return [Budget.Scenario.ACTUAL, Budget.Scenario.PROGNOSIS, Budget.Scenario.BUDGET]
        if year == self.plan_year - 1:
            return [Budget.Scenario.PROGNOSIS, Budget.Scenario.BUDGET]
        if year == self.plan_year:
            return [Budget.Scenario.BUDGET]
        return [Budget.Scenario.PLAN]

    def at_start_of(self, year):
        if year not in self.known:
            self.known[year] = self.closing_equity(year - 1)
        return self.known[year]

    def closing_equity(self, year):
        """The closing equity of ``year``'s best column, or None where finsam has none. The
        books open on their own opening balance; a forecast on the equity known before it."""
        columns = {
            column.scenario: column
            for column in Budget.objects.full_years().filter(federation=self.federation, year=year)
        }
        column = next((columns[scenario] for scenario in self.forecasts(year) if scenario in columns), None)
        if column is None:
            return None
        opening = None if column.scenario == Budget.Scenario.ACTUAL else self.at_start_of(year)
        if opening is None:
            opening = column.carried_balance or ZERO
        return opening + budget_table([column]).result[0]


def chained_carried_balances(table):
    """A budget or plan column without its own carried balance takes the balance the
    column before it carries forward (Budget 2021 from Prognosis 2020, Plan 2022 from
    Budget 2021 …)."""
    carried = list(table.carried)
    for i, column in enumerate(table.columns):
        if carried[i] is None and i > 0 and column.scenario in (Budget.Scenario.BUDGET, Budget.Scenario.PLAN):
            carried[i] = (carried[i - 1] or ZERO) + table.result[i - 1]
    return carried


@dataclass
class GrantRow:
    intervention: object
    granted: Decimal
    budgeted: Decimal
    decision: object = None  # interventions.GrantDecision the grant comes from, if registered
    participants: int | None = None  # the participants budgeted for the year

    @property
    def deduction_percent(self):
        """The plan's general deduction from the grant, in per cent."""
        if not self.granted:
            return None
        return (Decimal(100) * (self.granted - self.budgeted) / self.granted).quantize(Decimal("0.1"))


def grants_against_budget(table, column):
    """For each intervention line of ``column`` with a grant for its year: granted beside budgeted."""
    from interventions.models import InterventionYear

    position = table.columns.index(column)
    rows = [row for row in table.activities if row.intervention is not None and row.cells[position] is not None]
    grants = {
        grant.intervention_id: grant
        for grant in InterventionYear.objects.filter(
            federation=column.federation_id, year=column.year, intervention__in=[row.intervention for row in rows]
        )
        .exclude(granted=None)
        .select_related("decision__diary_entry")
    }
    return [
        GrantRow(row.intervention, grant.granted, row.cells[position], grant.decision, grant.budgeted_participants)
        for row in rows
        if (grant := grants.get(row.intervention.pk))
    ]
