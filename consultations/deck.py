"""The member-consultation deck: the county's federations side by side, each with the
figures of its annual report, and the meeting's own business around them. A plain data
object; the slides and the landscape PDF render it with the same partial."""

from dataclasses import dataclass, replace
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from federations.board import boards_of_year
from federations.models import Membership, StaffPost
from finances.figures import budget_tables
from finances.models import Budget, CostAllocation
from finances.statements import EQUITY_RECOMMENDATION, cost_distribution
from finsam.disclosure import small_withheld
from interventions.cofinancing import co_financed_projects
from interventions.decisions import decision_processes
from interventions.figures import GENDERS, REASONS
from interventions.goals import measured_figures
from interventions.models import Funding, Intervention
from reporting.annual import ReportFigures, protected_report
from reporting.models import InterventionText

from .figures import consultation_reports
from .models import ConvenerTerm, Position


def deck_filename(consultation):
    return f"{slugify(consultation.county.name)}-medlemssamrad-{consultation.held_on}.pdf"


@dataclass
class Chairs:
    federation: object
    chair: object  # BoardSeat or None
    vice_chair: object


@dataclass
class Economy:
    """Budget, actual and next year's budget side by side, as the deck shows them."""

    table: object  # finances.figures.BudgetTable of the columns present
    labels: list  # a heading per column
    # From the year's actual, when there is one:
    contributions: Decimal | None = None
    costs: object = None  # finances.statements.CostDistribution
    equity: Decimal | None = None
    equity_recommendation: Decimal | None = None
    actual_position: int | None = None  # the actual's column in ``table``

    @property
    def equity_above_recommendation(self):
        return self.equity is not None and self.equity > self.equity_recommendation

    @property
    def intervention_costs(self):
        """{intervention pk: the year's actual cost} of the activities."""
        if self.actual_position is None:
            return {}
        return {
            row.intervention.pk: row.cells[self.actual_position]
            for row in self.table.activities
            if row.intervention is not None
        }


@dataclass
class FundedIntervention:
    """A row of the slide "Finansierade insatser": what an intervention cost, its staff and,
    for an individual-oriented one, its participants and what became of them."""

    intervention: object
    cost: Decimal | None  # the year's actual
    staff: Decimal | None  # full-time equivalents
    counts: object = None  # interventions.figures.Counts, for an individual-oriented one
    effect: Decimal | None = None  # socio-economic effect a year
    attendees: object = None  # a structural one's attendances at its events ("<5" where small)
    text: object = None  # its own text of the year's annual report, once the office approved it


@dataclass
class FederationSection:
    federation: object
    municipalities: list
    staff: list
    individual: list  # interventions funded in the year
    structural: list
    report: object  # reporting.annual.AnnualReport of the year
    economy: Economy
    funded_individual: list  # FundedIntervention
    funded_structural: list

    @property
    def goal_chapters(self):
        return [chapter for chapter in self.report.chapters if chapter.goals]


@dataclass
class Deck:
    consultation: object
    year: int
    agenda: list
    chairs: list
    sections: list
    socioeconomic: list  # reporting.socioeconomics.Effect per federation, with contributions
    followed_up: list  # the previous consultation's positions, with their follow-up
    previous: object  # the previous consultation, or None
    proposed: list  # positions put to this consultation
    rotation: list  # ConvenerTerm, newest first
    drawn_at: object
    decision_processes: list = ()  # interventions.decisions.DecisionProcess since the last meeting
    co_financed: list = ()  # interventions.cofinancing.CoFinancedProject of the year (the ESF slide)
    finsam: dict = None  # the country's federations and municipalities, for the introduction

    @property
    def title(self):
        return _("Member consultation %(date)s") % {"date": date_format(self.consultation.held_on, "j F Y")}

    @property
    def filename(self):
        return deck_filename(self.consultation)

    @property
    def counted_alike(self):
        """Whether every federation's socio-economic effect counts the same participants (a
        federation may count to work only: Federation.socioeconomic_basis)."""
        return len({effect.model.basis for effect in self.socioeconomic}) <= 1


def economies(federations, year):
    """{federation pk: Economy}: budget, actual and next year's budget of each federation,
    in three queries however many federations."""
    columns = {
        (column.federation_id, column.year, column.scenario): column
        for column in Budget.objects.full_years().filter(
            federation__in=federations,
            year__in=[year, year + 1],
            scenario__in=[Budget.Scenario.BUDGET, Budget.Scenario.ACTUAL],
        )
    }
    shown_columns = {
        federation.pk: [
            column
            for column in (
                columns.get((federation.pk, year, Budget.Scenario.BUDGET)),
                columns.get((federation.pk, year, Budget.Scenario.ACTUAL)),
                columns.get((federation.pk, year + 1, Budget.Scenario.BUDGET)),
            )
            if column
        ]
        for federation in federations
    }
    tables = dict(zip(shown_columns, budget_tables(shown_columns.values())))
    allocations = {}
    for allocation in CostAllocation.objects.filter(federation__in=federations, year=year):
        allocations.setdefault(allocation.federation_id, []).append(allocation)
    shown = {}
    for federation in federations:
        table, present = tables[federation.pk], shown_columns[federation.pk]
        economy = shown[federation.pk] = Economy(
            table, labels=[f"{column.get_scenario_display()} {column.year}" for column in present]
        )
        actual = columns.get((federation.pk, year, Budget.Scenario.ACTUAL))
        if actual:
            position = economy.actual_position = present.index(actual)
            economy.contributions = table.contributions[position]
            economy.costs = cost_distribution(table, position, allocations.get(federation.pk, []))
            economy.equity = table.closing_balance[position]
            economy.equity_recommendation = (economy.contributions * EQUITY_RECOMMENDATION).quantize(Decimal(1))
    return shown


def funded_interventions(report, shown):
    """(individual-oriented, structural) rows of the slide "Finansierade insatser", from the
    annual report's figures and the economy's actual column."""
    costs = shown.intervention_costs
    effects = {}
    if report.socioeconomic:
        effects = {effect.intervention.pk: effect.per_year for effect in report.socioeconomic.per_intervention}

    def staff(intervention):
        posts = [line.full_time_equivalents for line in intervention.staffing.all()]
        return sum(posts, Decimal(0)) if posts else None

    individual = [
        FundedIntervention(
            chapter.intervention,
            costs.get(chapter.intervention.pk),
            staff(chapter.intervention),
            chapter.counts,
            effects.get(chapter.intervention.pk),
        )
        for chapter in report.chapters
    ]
    structural = [
        FundedIntervention(
            line.intervention,
            line.actual,
            staff(line.intervention),
            attendees=small_withheld(line.attendance.attendees) if line.attendance.events else None,
        )
        for line in report.structural
    ]
    return individual, structural


# The participant figures the deck shows: the participant table (women, men, new, ended
# and its reasons), the funded interventions (participants, ended by gender, to work or
# studies), the endings chart (the total's reasons by gender) and the goals' own figures.
SHOWN_OF_A_ROW = {
    "active",
    "new",
    "ended",
    "to_work_or_studies",
    *((gender, "active") for gender in GENDERS),
    *((gender, "ended") for gender in GENDERS),
    *REASONS,
}
SHOWN = ReportFigures(
    row=lambda chapter: SHOWN_OF_A_ROW | measured_figures(result.goal for result in chapter.goals),
    total=SHOWN_OF_A_ROW | {(reason, gender) for reason in REASONS for gender in GENDERS},
)


def federation_sections(federations, year, staff_year, protect=True):
    """A section per federation, each table of them all counted in one query."""
    shown = economies(federations, year)
    reports = consultation_reports(federations, year, shown)
    municipalities, staff, structural = {}, {}, {}
    for membership in (
        Membership.objects.filter(federation__in=federations)
        .current_in(staff_year)
        .filter(organisation__municipality__isnull=False)
        .select_related("organisation__municipality")
        .order_by("organisation__municipality__name")
    ):
        municipalities.setdefault(membership.federation_id, []).append(membership.organisation.municipality)
    for post in StaffPost.objects.filter(federation__in=federations).current_in(staff_year).select_related("person"):
        staff.setdefault(post.federation_id, []).append(post)
    for funding in (
        Funding.objects.filter(
            federation__in=federations,
            intervention__in=Intervention.objects.running_in(year),
            intervention__kind=Intervention.Kind.STRUCTURAL,
        )
        .select_related("intervention")
        .order_by("intervention__name", "intervention")
    ):
        structural.setdefault(funding.federation_id, []).append(funding.intervention)
    texts = {
        (text.federation_id, text.intervention_id): text
        for text in InterventionText.objects.filter(
            federation__in=federations,
            document=InterventionText.Document.ANNUAL,
            year=year,
            status=InterventionText.Status.APPROVED,
        )
    }
    sections = []
    for federation in federations:
        report = reports[federation.pk]
        if protect:
            report = protected_report(report, SHOWN)
        funded_individual, funded_structural = funded_interventions(report, shown[federation.pk])
        for row in funded_individual + funded_structural:
            row.text = texts.get((federation.pk, row.intervention.pk))
        sections.append(
            FederationSection(
                federation=federation,
                municipalities=municipalities.get(federation.pk, []),
                staff=staff.get(federation.pk, []),
                # the individual-oriented interventions that ran are the participant table's rows
                individual=[row.intervention for row in report.participants.rows],
                structural=structural.get(federation.pk, []),
                report=report,
                economy=shown[federation.pk],
                funded_individual=funded_individual,
                funded_structural=funded_structural,
            )
        )
    return sections


def member_consultation_deck(consultation, protect=True):
    """The deck of ``consultation``. It leaves the office, so its participant figures are
    protected (finsam.disclosure); ``protect=False`` gives the exact figures behind them.
    Its queries are as many for a county of one federation as for one of six."""
    year = consultation.year
    meeting_year = consultation.held_on.year
    federations = list(consultation.federations.order_by("name"))
    sections = federation_sections(federations, year, meeting_year, protect)
    boards = boards_of_year(federations, meeting_year)
    previous = consultation.previous()
    return Deck(
        consultation=consultation,
        year=year,
        agenda=list(consultation.agenda.all()),
        chairs=[Chairs(f, boards[f.pk].chair, boards[f.pk].vice_chair) for f in federations],
        sections=sections,
        socioeconomic=[
            replace(section.report.socioeconomic, contributions=section.economy.contributions)
            for section in sections
            if section.report.socioeconomic
        ],
        followed_up=list(previous.positions.exclude(status=Position.Status.PROPOSED)) if previous else [],
        previous=previous,
        proposed=list(consultation.positions.filter(status=Position.Status.PROPOSED)),
        rotation=list(
            ConvenerTerm.objects.filter(county=consultation.county).select_related("convener", "co_convener")
        ),
        drawn_at=timezone.localtime(),
        finsam={
            "federations": settings.FINSAM_FEDERATIONS_IN_SWEDEN,
            "municipalities": settings.FINSAM_MUNICIPALITIES_IN_FEDERATIONS,
        },
        co_financed=[
            replace(project, protected=protect)
            for project in co_financed_projects(federations, year, reported_by=consultation.held_on)
        ],
        decision_processes=decision_processes(
            federations,
            since=previous.held_on if previous else consultation.held_on - timedelta(days=365),
            until=consultation.held_on,
        ),
    )
