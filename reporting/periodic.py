"""The interim report (per 30 June, with a prognosis) and the business plan (budget and
plan years): builders of their figures, rendered by the same partials as the pages."""

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from functools import cached_property

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from federations.board import board_of_year
from federations.models import GroupMembership, board_meetings
from finances.checks import check_balance_sheet, check_plan
from finances.figures import budget_table, grants_against_budget, missing_plan_columns, plan_table, with_deviation
from finances.models import BalanceItem, Budget
from finances.statements import BalanceSheet, full_year
from interventions.disclosure import protected_table
from interventions.figures import participant_table
from interventions.goals import goal_results
from interventions.models import Goal, Intervention

from .checklists import interim_checklist, plan_checklist
from .intervention_texts import document_texts, written
from .models import BusinessPlanText, InterimReportText, InterventionText
from .sentences import INTERIM_FIGURES, PLAN_FIGURES, figure_sentence


def texts_of_running(federation, document, year):
    """[(intervention, its text or None)] of the federation's interventions running in ``year``."""
    running = Intervention.objects.of_federation(federation).running_in(year).order_by("kind", "name")
    return document_texts(federation, document, year, running)


def report_filename(federation, stem, year):
    return f"{slugify(federation.short_name)}-{stem}-{year}.pdf"


@dataclass
class InterimReport:
    federation: object
    year: int
    period_end: date
    period_ends: list  # the periods the year has actual figures for
    board: object
    participants: object  # the participant table of the year up to the period end
    money: object  # budget table of (budget, actual for the period, prognosis, deviation)
    has_actual: bool
    has_prognosis: bool
    texts: object  # InterimReportText, saved or empty
    balance: object  # finances.statements.BalanceSheet at the period end, or None
    drawn_at: object
    preparatory_group: list
    commitments: list  # the plan's goals with their figures up to the period end
    board_meetings: int  # counted in the register of meetings, up to the period end
    intervention_texts: list = ()  # [(intervention, InterventionText or None)] of the year's interventions

    @property
    def filename(self):
        return report_filename(self.federation, "delarsrapport", self.year)

    @property
    def written_texts(self):
        return written(self.intervention_texts)

    @property
    def protected(self):
        return self.federation.protect_small_numbers_in_reports

    @property
    def balance_findings(self):
        """Whether the balance sheet at the period end balances."""
        return check_balance_sheet(self.balance)

    @cached_property
    def checklist(self):
        return interim_checklist(self)

    @property
    def figures_sentence(self):
        return figure_sentence(self.texts.figures_sentence, self, INTERIM_FIGURES)

    def result_of(self, scenario):
        """The own result of the money table's column of ``scenario`` (the actual: the
        period's; the prognosis: the whole year's), or None where there is none."""
        scenarios = [getattr(column, "scenario", None) for column in self.money.columns]
        return self.money.result[scenarios.index(scenario)] if scenario in scenarios else None

    @property
    def period_results(self):
        """Periodens resultat as the published interim report prints it: with the balance
        carried in where the column has one (budget, prognosis), the period's own result
        where it has none (the actual so far)."""
        return [(carried or 0) + result for carried, result in zip(self.money.carried, self.money.result)]


def opening_equity(federation, year):
    """Equity at the start of ``year``: last year's closing equity where its books are in,
    else what the year's budget carries in."""
    last_year = full_year(federation, year - 1, Budget.Scenario.ACTUAL)
    if last_year is not None:
        return budget_table([last_year]).closing_balance[0]
    budget = full_year(federation, year, Budget.Scenario.BUDGET)
    return (budget.carried_balance if budget else None) or Decimal(0)


def interim_balance_sheet(federation, year, period_end, actual, opening):
    """The balance sheet at an interim period end, from the items entered for that date:
    equity is the year's ``opening`` equity and the period's result."""
    items = list(
        BalanceItem.objects.filter(federation=federation, year=year)
        .at(period_end)
        .order_by("pk")
        .values_list("kind", "label", "amount")
    )
    if not items or actual is None:
        return None
    return BalanceSheet(year, items, opening, budget_table([actual]).result[0])


def interim_period_ends(federation, year):
    """The ends of the periods the year's actual columns cover before the year end, e.g.
    30 April, 30 June and 31 August: the interim reports the year can have."""
    return list(
        Budget.objects.filter(federation=federation, year=year, scenario=Budget.Scenario.ACTUAL)
        .exclude(period_end=date(year, 12, 31))
        .order_by("period_end")
        .values_list("period_end", flat=True)
    )


def interim_period_end(period_ends, year, asked=None):
    """The period end an interim report of ``year`` is made for: ``asked`` where the year's
    actual figures have that period (``period_ends``), else the latest they have, else 30 June."""
    if asked in period_ends:
        return asked
    return period_ends[-1] if period_ends else date(year, 6, 30)


def interim_report(federation, year, period_end=None):
    """The interim report per ``period_end`` (by default the latest period with actual
    figures, else 30 June): budget, actual for the period, prognosis for the whole year and
    the prognosis's deviation from the budget, line by line; participants up to the period end."""
    period_ends = interim_period_ends(federation, year)
    period_end = interim_period_end(period_ends, year, period_end)
    budget, actual, prognosis = (
        Budget.objects.filter(federation=federation, year=year, scenario=Budget.Scenario.BUDGET)
        .order_by("-period_end")
        .first(),
        Budget.objects.filter(
            federation=federation, year=year, scenario=Budget.Scenario.ACTUAL, period_end=period_end
        ).first(),
        Budget.objects.filter(federation=federation, year=year, scenario=Budget.Scenario.PROGNOSIS)
        .order_by("-made_on")
        .first(),
    )
    opening = opening_equity(federation, year)
    money = budget_table([column for column in (budget, actual, prognosis) if column])
    # The period's balance carried forward is the year's opening equity and the period's
    # result, as the balance sheet beside it has it, never the result alone.
    money = replace(money, opening=[opening] * money.width)
    if budget and prognosis:
        money = with_deviation(money, prognosis, budget, _("Deviation, prognosis less budget"))
    participants = participant_table(federation, year, until=period_end)
    if federation.protect_small_numbers_in_reports:
        participants = protected_table(participants)
    return InterimReport(
        balance=interim_balance_sheet(federation, year, period_end, actual, opening),
        federation=federation,
        year=year,
        period_end=period_end,
        period_ends=period_ends,
        board=board_of_year(federation, year),
        board_meetings=board_meetings(federation, year, until=period_end),
        participants=participants,
        money=money,
        has_actual=actual is not None,
        has_prognosis=prognosis is not None,
        texts=InterimReportText.objects.filter(federation=federation, year=year).first()
        or InterimReportText(federation=federation, year=year),
        intervention_texts=texts_of_running(federation, InterventionText.Document.INTERIM, year),
        drawn_at=timezone.localtime(),
        preparatory_group=list(
            GroupMembership.objects.of_federation(federation)
            .current_in(year)
            .filter(group=GroupMembership.Group.PREPARATORY_GROUP)
            .select_related("person", "representing")
        ),
        # The figures so far only: an assessment of the year is made at its end, after
        # the period an interim report covers.
        commitments=[
            replace(result, assessment=None)
            for result in goal_results(
                Goal.objects.commitments(federation, year).prefetch_related("assessments"), year, participants.total, []
            )
        ],
    )


@dataclass
class BusinessPlan:
    federation: object
    year: int
    money: object
    grants: list
    findings: list
    goals: list  # the federation plan's goals (commitments)
    drawn_at: object
    texts: object  # BusinessPlanText, saved or empty
    missing_columns: list = ()  # (scenario, year) of the plan's columns not yet made
    intervention_texts: list = ()  # [(intervention, InterventionText or None)] of the year's interventions

    @property
    def filename(self):
        return report_filename(self.federation, "verksamhetsplan", self.year)

    @property
    def written_texts(self):
        return written(self.intervention_texts)

    @cached_property
    def checklist(self):
        return plan_checklist(self)

    @property
    def figures_sentence(self):
        return figure_sentence(self.texts.figures_sentence, self, PLAN_FIGURES)

    def budget_figure(self, name):
        """A figure of the plan's budget column for its year (``income_total``, ``costs_total``,
        ``result``, ``closing_balance``), or None before the column is made."""
        for index, column in enumerate(self.money.columns):
            if column.year == self.year and column.scenario == Budget.Scenario.BUDGET:
                return getattr(self.money, name)[index]
        return None


def business_plan(federation, year):
    table = plan_table(federation, year)
    budget = next((c for c in table.columns if c.year == year and c.scenario == Budget.Scenario.BUDGET), None)
    goals = Goal.objects.commitments(federation, year).prefetch_related("assessments")
    return BusinessPlan(
        federation=federation,
        year=year,
        money=table,
        grants=grants_against_budget(table, budget) if budget else [],
        findings=check_plan(table),
        missing_columns=missing_plan_columns(table, year),
        goals=list(goals),
        drawn_at=timezone.localtime(),
        texts=BusinessPlanText.objects.filter(federation=federation, year=year).first()
        or BusinessPlanText(federation=federation, year=year),
        intervention_texts=texts_of_running(federation, InterventionText.Document.PLAN, year),
    )
