"""What each document checks of itself before the board adopts it.

A checklist holds two kinds of checks. A document is *complete* when it has every part a
board adopts — the books, the balance sheet, the goals' assessments, the plan's years —
and no box adopts it without them. Its *arithmetic* holds when its rows sum to its totals,
its statements tie and every figure it prints twice is printed with one value; a board may
adopt a document despite a failed check, and the adoption keeps the checks it failed.
*Remarks* (equity above the recommendation, a plan year below zero) are for the board to
know and never stop it.

The draft page shows the list (``templates/reporting/_checklist.html``); adoption asks
``missing`` and ``problems``.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from finances.checks import (
    ROUNDING,
    check_balance_sheet,
    check_cash_flow,
    check_contribution_key,
    check_equity_recommendation,
    check_equity_rolls_forward,
    kr,
)
from finances.models import Budget
from finsam.disclosure import is_withheld

from .intervention_texts import text_remarks


@dataclass(frozen=True)
class Check:
    what: str  # what is checked, as the list prints it
    problems: tuple = ()  # why it fails; none when it passes
    required: bool = False  # a part the document is not adopted without

    @property
    def passes(self):
        return not self.problems


@dataclass(frozen=True)
class Checklist:
    checks: tuple
    remarks: tuple = ()

    @property
    def missing(self):
        """What the document lacks: it is not adopted until these are put right."""
        return [problem for check in self.checks if check.required for problem in check.problems]

    @property
    def problems(self):
        """The checks that fail: the board adopts the document despite them, knowingly."""
        return [problem for check in self.checks if not check.required for problem in check.problems]

    @property
    def passed(self):
        return [check for check in self.checks if check.passes]


def check(what, problems=(), required=False):
    return Check(what, tuple(problems), required)


def differs(a, b):
    return abs(a - b) > ROUNDING


def unwritten_texts(texts, names):
    """A remark naming the text sections of ``names`` that ``texts`` leaves empty: the
    document prints no chapter for them, and the board should know which."""
    empty = [str(texts._meta.get_field(name).verbose_name) for name in names if not getattr(texts, name).strip()]
    return [_("Not written, so not printed: %(sections)s.") % {"sections": ", ".join(empty)}] if empty else []


def text_fields(texts):
    return [field.name for field in texts._meta.fields if field.get_internal_type() == "TextField"]


# The annual report


def annual_checklist(report):
    accounts = report.accounts
    checks = [
        check(
            _("The actual figures of the whole year are recorded"),
            []
            if accounts.actual
            else [_("The actual figures of the whole year %(year)s are not recorded.") % {"year": report.year}],
            required=True,
        ),
        check(
            _("The balance sheet at the year's end is recorded"),
            []
            if accounts.actual is None or (accounts.balance and accounts.balance.items)
            else [_("The balance sheet at the end of %(year)s is not recorded.") % {"year": report.year}],
            required=True,
        ),
        check(_("Every goal of the report is assessed"), unassessed_goals(report), required=True),
    ]
    if accounts.actual:
        checks += [
            check(_("The balance sheet balances"), check_balance_sheet(accounts.balance)),
            check(
                _("The cash flow reconciles with the change in liquid funds"),
                check_cash_flow(accounts.cash, report.year),
            ),
            check(
                _("Equity rolls forward from last year's closing equity"),
                check_equity_rolls_forward(accounts.balance, accounts.last_year_balance),
            ),
            check(
                _("The members' contributions follow the 50/25/25 split and key"),
                check_contribution_key(accounts.actual),
            ),
            check(_("The overview, the statements and the charts print one income and one result"), one_income(report)),
        ]
    checks += [
        check(_("The participant total is the sum of its interventions' rows"), participants_add_up(report)),
        check(_("The endings by reason add up to those who ended"), endings_add_up(report)),
    ]
    remarks = unwritten_texts(report.texts, text_fields(report.texts))
    remarks += text_remarks(
        [(chapter.intervention, chapter.text) for chapter in report.chapters]
        + [(line.intervention, line.text) for line in report.structural]
    )
    if accounts.balance and accounts.actual:
        remarks += check_equity_recommendation(accounts.balance.equity, accounts.contributions, report.year)
    return Checklist(tuple(checks), tuple(remarks))


def unassessed_goals(report):
    goals = [*report.commitments, *(result for chapter in report.chapters for result in chapter.goals)]
    unassessed = sum(1 for result in goals if result.assessment is None)
    if not unassessed:
        return []
    return [
        _("%(unassessed)s of the report's %(goals)s goals are not assessed for %(year)s.")
        % {"unassessed": unassessed, "goals": len(goals), "year": report.year}
    ]


def one_income(report):
    """The year's income and result as the five-year overview prints them, against the
    income statement (which the budget chart and the operating statement read)."""
    accounts = report.accounts
    this_year = next((row for row in accounts.overview if row.year == report.year), None)
    if this_year is None or accounts.income is None:
        return []
    problems = []
    for label, overview, statement in [
        (_("Income"), this_year.income, accounts.income.income),
        (_("The year's result"), this_year.result, accounts.income.result),
    ]:
        if differs(overview, statement):
            problems.append(
                _("%(figure)s is %(overview)s in the five-year overview and %(statement)s in the income statement.")
                % {"figure": label, "overview": kr(overview), "statement": kr(statement)}
            )
    return problems


def participants_add_up(report):
    """The total of the participant table against its rows: every row's participants, and
    the endings of the rows whose endings the total counts."""
    table = report.participants
    rows = [(row.counts, row.endings_counted) for row in table.rows]
    problems = []
    for label, total, parts in [
        (_("Participants"), table.total.active, [counts.active for counts, _counted in rows]),
        (_("New"), table.total.new, [counts.new for counts, _counted in rows]),
        (pgettext("participants", "Ended"), table.total.ended, [counts.ended for counts, counted in rows if counted]),
    ]:
        if is_withheld(total, *parts):
            continue
        if total != sum(parts):
            problems.append(
                _("%(figure)s: the total says %(total)s, its rows add up to %(sum)s.")
                % {"figure": label, "total": total, "sum": sum(parts)}
            )
    return problems


def endings_add_up(report):
    ended = report.participants.total.ended
    by_reason = [total for _label, _women, _men, total in report.endings]
    if is_withheld(ended, *by_reason) or ended == sum(by_reason):
        return []
    return [
        _("%(ended)s ended, but the endings by reason add up to %(sum)s.") % {"ended": ended, "sum": sum(by_reason)}
    ]


# The interim report


def interim_checklist(report):
    period_end = report.period_end.strftime("%Y-%m-%d")
    checks = [
        check(
            _("The actual figures of the period are recorded"),
            [] if report.has_actual else [_("No actual figures are recorded up to %(date)s.") % {"date": period_end}],
            required=True,
        ),
        check(
            _("The prognosis of the whole year is made"),
            [] if report.has_prognosis else [_("No prognosis of %(year)s is recorded.") % {"year": report.year}],
            required=True,
        ),
        check(
            _("The balance sheet at the period's end is recorded"),
            [] if report.balance else [_("No balance sheet is recorded at %(date)s.") % {"date": period_end}],
            required=True,
        ),
    ]
    if report.balance:
        checks += [
            check(_("The balance sheet balances"), report.balance_findings),
            check(_("The balance carried forward is the balance sheet's equity"), interim_equity_ties(report)),
        ]
    remarks = unwritten_texts(report.texts, text_fields(report.texts)) + text_remarks(report.intervention_texts)
    return Checklist(tuple(checks), tuple(remarks))


def interim_equity_ties(report):
    """The actual column's balance carried forward against the equity of the balance sheet
    beside it: the year's opening equity and the period's result, in both."""
    actual = next(
        (
            i
            for i, column in enumerate(report.money.columns)
            if getattr(column, "scenario", "") == Budget.Scenario.ACTUAL
        ),
        None,
    )
    if actual is None:
        return []
    carried_forward, equity = report.money.closing_balance[actual], report.balance.equity
    if not differs(carried_forward, equity):
        return []
    return [
        _("The balance carried forward is %(carried)s, the balance sheet's equity %(equity)s.")
        % {"carried": kr(carried_forward), "equity": kr(equity)}
    ]


# The business plan


def plan_checklist(report):
    missing = [
        _("%(column)s is not made.") % {"column": f"{label_of(scenario)} {year}"}
        for scenario, year in report.missing_columns
    ]
    checks = [
        check(
            _("Every column of the plan is made: budget and prognosis of this year, the budget and two plan years"),
            missing,
            required=True,
        ),
        check(
            _("The members' contributions follow the 50/25/25 split and key"),
            [
                problem
                for column in report.money.columns
                if column.year >= report.year  # the columns the plan decides; the year's own as adopted
                for problem in check_contribution_key(column)
            ],
        ),
        check(_("Each intervention is budgeted within its grant"), over_grant(report)),
    ]
    remarks = (
        report.findings
        + unwritten_texts(report.texts, text_fields(report.texts))
        + text_remarks(report.intervention_texts)
    )
    return Checklist(tuple(checks), tuple(remarks))


def label_of(scenario):
    return Budget.Scenario(scenario).label


def over_grant(report):
    return [
        _("%(intervention)s is budgeted %(budgeted)s, above its grant of %(granted)s.")
        % {"intervention": row.intervention, "budgeted": kr(row.budgeted), "granted": kr(row.granted)}
        for row in report.grants
        if row.granted and row.budgeted > row.granted
    ]
