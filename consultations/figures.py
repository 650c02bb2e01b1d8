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
    Attendance,
    endings_by_class,
    follow_up_table,
    participant_profiles,
    participant_table,
    since_start,
    structural_attendance,
    support_before_and_after,
    survey_shares,
)
from interventions.models import Funding, Goal, Intervention, Participant, member_municipalities
from reporting.annual import (
    AnnualReport,
    StructuralLine,
    chapter,
    charts,
    endings_by_reason,
)
from reporting.socioeconomics import effect_by_model, models_of_year


def consultation_reports(federations, year, economies):
    """{federation pk: AnnualReport of ``year``} with what the deck shows; ``economies``
    ({federation pk: consultations.deck.Economy}) gives the year's budget and actual."""
    ever, in_year = member_municipalities(federations), member_municipalities(federations, year)
    tables = participant_table.per_federation(federations, year, members=in_year)
    pks = {federation.pk: [row.intervention.pk for row in tables[federation.pk].rows] for federation in federations}

    # Each federation's participants as the figures read them, built once, its member
    # municipalities read with every other's (above): the conditions of one took 1.3 ms of
    # Python to build and six figures read them, and the query of its memberships was most
    # of the time each figure's part for it took to write out.
    everyone = {f.pk: Participant.objects.residents_among(f, pks[f.pk], None, ever[f.pk]) for f in federations}
    of_year = {f.pk: Participant.objects.residents_among(f, pks[f.pk], year, in_year[f.pk]) for f in federations}
    ended = {pk: residents.filter(ended_on__year=year) for pk, residents in of_year.items()}
    active = {pk: residents.active_in(year) for pk, residents in of_year.items()}

    def each(querysets):
        return lambda federation: querysets[federation.pk]

    interventions = [row.intervention for table in tables.values() for row in table.rows]
    prefetch_related_objects(interventions, "end_classes")
    supports = support_before_and_after.per_federation(federations, each(ended))
    surveys = survey_shares.per_federation(federations, each(ended), by_intervention=True)
    since = since_start.per_federation(federations, each(everyone), year, by_intervention=True)
    follow_ups = follow_up_table.per_federation(federations, each(ended), by_intervention=True)
    end_classes = endings_by_class.per_federation(federations, each(ended), interventions)
    profiles = participant_profiles.per_federation(federations, each(active))
    goals = {}
    for goal in Goal.objects.filter(
        federation__in=federations, intervention__in=[pk for each in pks.values() for pk in each]
    ).prefetch_related("assessments"):
        goals.setdefault((goal.federation_id, goal.intervention_id), []).append(goal)
    structural = structural_lines(federations, year, economies)
    prefetch_related_objects(
        interventions + [line.intervention for lines in structural.values() for line in lines], "staffing"
    )
    models = models_of_year(federations, year)
    reports = {}
    for federation in federations:
        pk, table = federation.pk, tables[federation.pk]
        of_federation = {  # as reporting.annual.chapters counts them, but indicators and money
            "survey": surveys[pk],
            "since": since[pk],
            "follow_up": follow_ups[pk],
            "end_classes": end_classes[pk],
            "profiles": profiles[pk],
        }
        accounts = accounts_shown(federation, year, economies[pk])
        reports[pk] = AnnualReport(
            federation=federation,
            year=year,
            texts=None,
            board=None,
            participants=table,
            endings=endings_by_reason(table.total),
            supports=supports[pk],
            survey=[],
            indicators=[],
            socioeconomic=effect_by_model(models[pk], federation, year, table) if pk in models else None,
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
    that ran in the year or have an actual cost in it, with that cost and its events."""
    costs = {federation.pk: economies[federation.pk].intervention_costs for federation in federations}
    attendance, _by_kind = structural_attendance(federations, year)
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
            events = attendance.get((funding.federation_id, funding.intervention_id), Attendance())
            lines[funding.federation_id].append(StructuralLine(funding.intervention, cost, events))
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
