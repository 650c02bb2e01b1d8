"""What an auditor would flag: each check returns a list of findings, empty when all is
well. Findings are plain sentences for the page, the PDF and the import preview."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from federations.templatetags.finsam_format import group_digits

from .contributions import MissingPopulation, check_contributions
from .figures import ZERO
from .statements import EQUITY_RECOMMENDATION

ROUNDING = Decimal(1)  # a krona either way is rounding, as in the published accounts


def kr(amount):
    return f"{group_digits(amount)} kr"


def check_stated_totals(name, stated, computed):
    """A total given in a file or a document against the sum of its lines."""
    if stated is not None and abs(stated - computed) > ROUNDING:
        return [
            _("%(name)s: the stated total %(stated)s differs from the sum of the lines, %(computed)s.")
            % {"name": name, "stated": kr(stated), "computed": kr(computed)}
        ]
    return []


def check_balance_sheet(sheet):
    if sheet is None or abs(sheet.total_assets - sheet.total_equity_and_liabilities) <= ROUNDING:
        return []
    return [
        _("The balance sheet %(year)s does not balance: assets %(assets)s, equity and liabilities %(other)s.")
        % {"year": sheet.year, "assets": kr(sheet.total_assets), "other": kr(sheet.total_equity_and_liabilities)}
    ]


def check_cash_flow(flow, year):
    if flow is None or abs(flow.cash_flow - flow.change_in_liquid_funds) <= ROUNDING:
        return []
    return [
        _("The cash flow %(year)s, %(flow)s, does not reconcile with the change in liquid funds, %(change)s.")
        % {"year": year, "flow": kr(flow.cash_flow), "change": kr(flow.change_in_liquid_funds)}
    ]


def check_equity_rolls_forward(this_year, last_year):
    """This year's opening equity must be last year's closing equity."""
    if this_year is None or last_year is None or abs(this_year.opening_equity - last_year.equity) <= ROUNDING:
        return []
    return [
        _("Equity does not roll forward: %(year)s opens with %(opening)s, but %(last)s closed with %(closing)s.")
        % {
            "year": this_year.year,
            "opening": kr(this_year.opening_equity),
            "last": last_year.year,
            "closing": kr(last_year.equity),
        }
    ]


def check_equity_recommendation(equity, contributions, year):
    limit = contributions * EQUITY_RECOMMENDATION
    if contributions and equity > limit:
        return [
            _("Equity %(year)s, %(equity)s, is above the recommended 15 %% of the members' contributions, %(limit)s.")
            % {"year": year, "equity": kr(equity), "limit": kr(limit)}
        ]
    return []


def check_plan(table):
    """A plan whose balance carried forward goes below zero in some column."""
    return [
        _("%(column)s leaves a negative balance, %(balance)s.") % {"column": column.label, "balance": kr(balance)}
        for column, balance in zip(table.columns, table.closing_balance)
        if balance < ZERO
    ]


def check_contribution_key(budget):
    try:
        checks = check_contributions(budget)
    except MissingPopulation as missing:
        return [str(missing)]
    return [
        _(
            "%(member)s contributes %(entered)s in %(column)s; the 50/25/25 split and the population key give %(expected)s."
        )
        % {
            "member": check.organisation,
            "entered": kr(check.entered or 0),
            "column": budget.label,
            "expected": kr(check.expected),
        }
        for check in checks
        if check.departs
    ]


@dataclass
class YearEndChecks:
    """The year-end checks: ``problems`` must be put right before the board adopts the year
    (or it adopts knowingly); ``remarks`` are for the board to know."""

    problems: list
    remarks: list

    @property
    def findings(self):
        return self.problems + self.remarks


def year_end_checks(year_end):
    problems = []
    problems += check_balance_sheet(year_end.balance)
    problems += check_cash_flow(year_end.cash, year_end.year)
    problems += check_equity_rolls_forward(year_end.balance, year_end.last_year_balance)
    if year_end.actual:
        problems += check_contribution_key(year_end.actual)
    remarks = []
    if year_end.balance:
        remarks += check_equity_recommendation(year_end.balance.equity, year_end.contributions, year_end.year)
    if year_end.costs:
        remarks += check_cost_allocations_in_kronor(year_end.costs)
    return YearEndChecks(problems, remarks)


def check_cost_allocations_in_kronor(costs):
    """A distribution given in kronor should add up to what its lines cost."""
    return [
        _(
            "The cost distribution of “%(line)s” gives %(given)s, but the line costs %(cost)s in the accounts: "
            "it is shared in the proportions given."
        )
        % {"line": allocation, "given": kr(sum(allocation.parts.values())), "cost": kr(cost)}
        for allocation, cost in costs.unmatched
    ]


def year_end_findings(year_end):
    return year_end_checks(year_end).findings
