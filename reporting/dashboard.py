"""This year at a glance, for the office: participants, money used so far, goals."""

from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext as _

from finances.figures import budget_table
from finances.models import Budget
from interventions.charts import grouped_bar_chart, participants_chart
from interventions.figures import participant_table
from interventions.models import Goal, GoalAssessment

from .socioeconomics import model_of_year


@dataclass
class Dashboard:
    year: int
    participants: object  # interventions.figures.ParticipantTable
    budget: Budget | None
    actual: Budget | None  # the latest actual of the year, for a period or the whole year
    money: object  # finances.figures.BudgetTable of (budget, actual)
    goals: int
    assessments: list  # [(status, label, count)]
    participants_chart: str
    money_chart: str
    socioeconomic_model: object = None  # reporting.models.SocioEconomicModel in force, if any

    @property
    def socioeconomic_effect(self):
        if self.socioeconomic_model is None:
            return None
        model = self.socioeconomic_model
        return model.effect(model.counted(self.participants.total))

    @property
    def budget_used_percent(self):
        if not (self.budget and self.actual and self.money.costs_total[0]):
            return None
        return round(100 * self.money.costs_total[1] / self.money.costs_total[0])

    @property
    def unassessed(self):
        return self.goals - sum(count for _status, _label, count in self.assessments)


def dashboard(federation, year):
    participants = participant_table(federation, year)
    budget = (
        Budget.objects.full_years().filter(federation=federation, year=year, scenario=Budget.Scenario.BUDGET).first()
    )
    actual = (
        Budget.objects.filter(federation=federation, year=year, scenario=Budget.Scenario.ACTUAL)
        .order_by("-period_end")
        .first()
    )
    columns = [column for column in (budget, actual) if column]
    money = budget_table(columns)
    counts = dict(
        GoalAssessment.objects.filter(goal__federation=federation, year=year)
        .values("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    model = model_of_year(federation, year)
    return Dashboard(
        year=year,
        participants=participants,
        budget=budget,
        actual=actual,
        money=money,
        goals=Goal.objects.filter(federation=federation).count(),
        assessments=[(status, label, counts.get(status, 0)) for status, label in GoalAssessment.Status.choices],
        participants_chart=participants_chart(participants) if participants.rows else "",
        money_chart=money_chart(money) if len(columns) == 2 else "",
        socioeconomic_model=model and model.as_counted_by(federation),
    )


def money_chart(table):
    categories = [_("Activities"), _("Administration")]
    series = {
        column.label: [float(table.activities_total[i]) / 1000, float(table.administration_total[i]) / 1000]
        for i, column in enumerate(table.columns)
    }
    return grouped_bar_chart(categories, series, title=_("Budget and actual, thousand kronor"))
