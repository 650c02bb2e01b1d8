"""The annual report (årsredovisning): every figure it shows, for one federation and
year, as plain data. The page and the PDF render this object with the same partial."""

from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from federations.board import board_of_year
from finances.checks import year_end_checks
from finances.figures import budget_table
from finances.statements import YearEnd, full_year, year_end
from interventions.charts import endings_chart, grouped_bar_chart, participants_chart, trend_chart
from interventions.figures import (
    REASONS,
    Counts,
    endings_by_class,
    indicator_table,
    intervention_counts,
    intervention_money,
    participant_profile,
    participant_table,
    since_start,
    support_before_and_after,
    survey_shares,
)
from interventions.goals import goal_results
from interventions.models import EndReason, Gender, Goal, Intervention, Participant

from .models import AnnualReportText
from .socioeconomics import socioeconomic_effect


def annual_report_filename(federation, year):
    return f"{slugify(federation.short_name)}-arsredovisning-{year}.pdf"


@dataclass
class InterventionChapter:
    """Appendix 2: one chapter per individual-oriented intervention."""

    intervention: Intervention
    counts: Counts
    goals: list
    survey: list
    indicators: list  # interventions.figures.IndicatorRow by respondent group
    endings_by_class: list
    money: list
    profile: object  # interventions.figures.Profile of the year's participants
    since_start: object  # interventions.figures.SinceStart


@dataclass
class StructuralLine:
    intervention: Intervention
    actual: object  # kronor, or None


@dataclass
class AnnualReport:
    federation: object
    year: int
    texts: AnnualReportText
    board: object
    participants: object  # interventions.figures.ParticipantTable
    endings: list  # [(reason label, women, men, total)]
    supports: list
    survey: list
    indicators: list  # the indicator survey about the federation as a whole (board, management group)
    socioeconomic: object
    structural: list
    accounts: YearEnd
    checks: object  # finances.checks.YearEndChecks
    commitments: list  # appendix 1: the federation plan's goals with this year's assessment
    chapters: list
    drawn_at: object
    charts: dict  # name → SVG: participants, endings, budget, trend

    @property
    def title(self):
        return f"{self.federation.name}"

    @property
    def filename(self):
        return annual_report_filename(self.federation, self.year)

    @property
    def commitments_summary(self):
        """How many commitments were met, partly met and not met: [(label, count)]."""
        counted = {}
        for result in self.commitments:
            if result.assessment:
                label = result.assessment.get_status_display()
                counted[label] = counted.get(label, 0) + 1
        return list(counted.items())


def endings_by_reason(total):
    return [
        (
            EndReason(reason).label,
            total.by_reason_and_gender[reason][Gender.WOMAN],
            total.by_reason_and_gender[reason][Gender.MAN],
            total.by_reason[reason],
        )
        for reason in REASONS
    ]


def annual_report(federation, year):
    texts = AnnualReportText.objects.filter(federation=federation, year=year).first() or AnnualReportText(
        federation=federation, year=year
    )
    participants = participant_table(federation, year)
    residents = Participant.objects.of_federation(federation, year)
    ended = residents.filter(ended_on__year=year, intervention__in=[row.intervention for row in participants.rows])
    accounts = year_end(federation, year)
    actual = full_year(federation, year, "actual")
    structural_costs = {}
    if actual:
        table = budget_table([actual])
        structural_costs = {row.intervention.pk: row.cells[0] for row in table.activities if row.intervention}
    structural = [
        StructuralLine(intervention, structural_costs.get(intervention.pk))
        for intervention in Intervention.objects.of_federation(federation)
        .filter(kind=Intervention.Kind.STRUCTURAL)
        .filter(Q(pk__in=list(structural_costs)) | Q(pk__in=Intervention.objects.running_in(year)))
        .prefetch_related("staffing")
        .order_by("name")
    ]
    indicators = indicator_table(federation, year)
    plan_goals = Goal.objects.commitments(federation, year).prefetch_related("assessments")
    return AnnualReport(
        federation=federation,
        year=year,
        texts=texts,
        board=board_of_year(federation, year),
        participants=participants,
        endings=endings_by_reason(participants.total),
        supports=support_before_and_after(ended),
        survey=survey_shares(ended),
        indicators=indicators.get(None, []),
        socioeconomic=socioeconomic_effect(federation, year, table=participants),
        structural=structural,
        accounts=accounts,
        checks=year_end_checks(accounts),
        commitments=goal_results(plan_goals, year, participants.total, []),
        chapters=[
            chapter(federation, intervention, year, indicators.get(intervention.pk, []))
            for intervention in chapter_interventions(participants)
        ],
        drawn_at=timezone.localtime(),
        charts=charts(participants, accounts, year),
    )


def charts(participants, accounts, year):
    drawn = {}
    if participants.rows:
        drawn["participants"] = participants_chart(participants)
    if participants.total.ended:
        drawn["endings"] = endings_chart(participants.total, year)
    if accounts.income and accounts.budgeted_income:
        drawn["budget"] = grouped_bar_chart(
            [_("Income"), _("Costs")],
            {
                _("Budget"): [
                    float(accounts.budgeted_income.operating_income) / 1000,
                    float(accounts.budgeted_income.operating_costs) / 1000,
                ],
                _("Actual"): [
                    float(accounts.income.operating_income) / 1000,
                    float(accounts.income.operating_costs) / 1000,
                ],
            },
            title=_("Budget and actual %(year)s, thousand kronor") % {"year": year},
        )
    if len(accounts.overview) > 1:
        years = [row.year for row in accounts.overview]
        drawn["trend"] = trend_chart(
            years,
            {
                _("Income"): [float(row.income) / 1000 for row in accounts.overview],
                _("Costs"): [float(row.costs) / 1000 for row in accounts.overview],
            },
            title=_("Income and costs, thousand kronor"),
        )
    return drawn


def chapter_interventions(participants):
    """The table's interventions with their staffing, fetched in one query."""
    pks = [row.intervention.pk for row in participants.rows]
    by_pk = Intervention.objects.prefetch_related("staffing__organisation").in_bulk(pks)
    return [by_pk[pk] for pk in pks]


def chapter(federation, intervention, year, indicators):
    counts = intervention_counts(intervention, year, federation)
    ended = Participant.objects.filter(intervention=intervention, ended_on__year=year).of_federation(federation, year)
    survey = survey_shares(ended)
    goals = Goal.objects.filter(federation=federation, intervention=intervention).prefetch_related("assessments")
    residents = Participant.objects.filter(intervention=intervention)
    return InterventionChapter(
        intervention=intervention,
        counts=counts,
        goals=goal_results(goals, year, counts, survey),
        survey=survey,
        indicators=indicators,
        endings_by_class=endings_by_class(intervention, year, federation),
        money=[row for row in intervention_money(intervention, federation) if row["year"] == year],
        profile=participant_profile(residents.of_federation(federation, year).active_in(year)),
        since_start=since_start(residents.of_federation(federation), year),
    )
