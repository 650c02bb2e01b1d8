"""The part of each federation's annual report that the member consultation shows —
the participant table, the funded interventions and their goals, the socio-economic
effect, the budget chart — for all of a county's federations at once.

Each figure is counted for every federation in the same query (``per_federation`` where
the federation's residents are the condition), so a deck of six federations asks the
queries a deck of one does. Each report has every participant figure of the federation's
annual report, shown in the deck or not, so that the small-number protection of what the
deck shows is the annual report's (``reporting.annual.protected_report``); the rest — the
statements, the indicator survey, each intervention's money, the texts — is left out."""

from django.db.models import BooleanField, ExpressionWrapper, Q, prefetch_related_objects
from django.utils import timezone

from finances.figures import ZERO
from finances.statements import YearEnd, income_statement
from interventions.figures import (
    end_class_rows,
    endings_by_class_of,
    follow_up_rows_by_intervention,
    follow_ups_of,
    participant_tables,
    per_federation,
    profile_rows,
    profiles_of,
    since_start_of,
    since_start_rows,
    support_rows,
    supports_of,
    survey_share_rows,
    survey_shares_of,
)
from interventions.models import Funding, Goal, Intervention, Participant
from reporting.annual import (
    AnnualReport,
    StructuralLine,
    chapter,
    charts,
    endings_by_reason,
)
from reporting.socioeconomics import effect_by_model, model_of_year


def consultation_reports(federations, year, economies):
    """{federation pk: AnnualReport of ``year``} with what the deck shows; ``economies``
    ({federation pk: consultations.deck.Economy}) gives the year's budget and actual."""
    tables = participant_tables(federations, year)
    pks = {federation.pk: [row.intervention.pk for row in tables[federation.pk].rows] for federation in federations}

    def everyone(federation):
        return Participant.objects.residents_among(federation, pks[federation.pk])

    def residents(federation):
        return Participant.objects.residents_among(federation, pks[federation.pk], year)

    def ended(federation):
        return residents(federation).filter(ended_on__year=year)

    def counted(rows):
        return per_federation(federations, rows)

    supports = counted(lambda federation: support_rows(ended(federation)))
    surveys = counted(lambda federation: survey_share_rows(ended(federation), "participant__intervention"))
    since = counted(lambda federation: since_start_rows(everyone(federation), year))
    follow_ups = counted(lambda federation: follow_up_rows_by_intervention(ended(federation)))
    end_classes = counted(lambda federation: end_class_rows(ended(federation)))
    profiles = {
        name: counted(lambda federation, name=name: profile_rows(residents(federation).active_in(year))[name])
        for name in ("places", "ages")
    }
    goals = {}
    for goal in Goal.objects.filter(
        federation__in=federations, intervention__in=[pk for each in pks.values() for pk in each]
    ).prefetch_related("assessments"):
        goals.setdefault((goal.federation_id, goal.intervention_id), []).append(goal)
    structural = structural_lines(federations, year, economies)
    prefetch_related_objects([row.intervention for table in tables.values() for row in table.rows], "end_classes")
    prefetch_related_objects(
        [row.intervention for table in tables.values() for row in table.rows]
        + [line.intervention for lines in structural.values() for line in lines],
        "staffing",
    )
    model = model_of_year(year)
    reports = {}
    for federation in federations:
        pk, table = federation.pk, tables[federation.pk]
        interventions = [row.intervention for row in table.rows]
        of_federation = {  # as reporting.annual.chapters counts them, but indicators and money
            "survey": survey_shares_of(surveys[pk], "participant__intervention"),
            "since": since_start_of(since[pk]),
            "follow_up": follow_ups_of(follow_ups[pk]),
            "end_classes": endings_by_class_of(interventions, end_classes[pk]),
            "profiles": profiles_of({name: rows[pk] for name, rows in profiles.items()}),
        }
        accounts = accounts_shown(federation, year, economies[pk])
        reports[pk] = AnnualReport(
            federation=federation,
            year=year,
            texts=None,
            board=None,
            participants=table,
            endings=endings_by_reason(table.total),
            supports=supports_of(supports[pk]),
            survey=[],
            indicators=[],
            socioeconomic=effect_by_model(model, federation, year, table) if model else None,
            structural=structural[pk],
            accounts=accounts,
            commitments=[],
            chapters=[
                chapter(row, goals.get((pk, row.intervention.pk), []), year, of_federation) for row in table.rows
            ],
            drawn_at=timezone.localtime(),
            charts=charts(table, accounts, year),
        )
    return reports


def structural_lines(federations, year, economies):
    """{federation pk: [StructuralLine]}: the structural interventions a federation funds
    that ran in the year or have an actual cost in it, with that cost."""
    costs = {federation.pk: economies[federation.pk].intervention_costs for federation in federations}
    running = Intervention.objects.running_in(year)
    fundings = (
        Funding.objects.filter(federation__in=federations, intervention__kind=Intervention.Kind.STRUCTURAL)
        .filter(Q(intervention__in=running) | Q(intervention__in={pk for each in costs.values() for pk in each}))
        .annotate(running=ExpressionWrapper(Q(intervention__in=running), output_field=BooleanField()))
        .select_related("intervention")
        .order_by("intervention__name", "intervention")
    )
    lines = {federation.pk: [] for federation in federations}
    for funding in fundings:
        cost = costs[funding.federation_id].get(funding.intervention_id)
        if funding.running or funding.intervention_id in costs[funding.federation_id]:
            lines[funding.federation_id].append(StructuralLine(funding.intervention, cost))
    return lines


def accounts_shown(federation, year, economy):
    """The year's income statement, actual and budgeted, as far as the deck's budget chart
    shows it (the rest of the year-end accounts is not in the deck)."""
    columns = economy.table.columns

    def statement(scenario):
        column = next((c for c in columns if c.year == year and c.scenario == scenario), None)
        return (column, income_statement(economy.table, columns.index(column)) if column else None)

    actual, income = statement("actual")
    budget, budgeted_income = statement("budget")
    return YearEnd(
        federation=federation,
        year=year,
        actual=actual,
        budget=budget,
        income=income,
        budgeted_income=budgeted_income,
        last_year_income=None,
        balance=None,
        last_year_balance=None,
        cash=None,
        last_year_cash=None,
        contributions=economy.contributions or ZERO,
        costs=economy.costs,
        allocations=[],
    )
