"""The intervention's grant per year comes from the board's decisions: a decision grants
an amount from a year for at most some years; a yearly re-trial confirms or changes the
years it names, or, refusing, stops the years from its own; an end or a handover stops
them. The decisions of an application, read in the order they were taken, write the
intervention's grants for the deciding federation (``InterventionYear``), each year pointing
at the decision it comes from, and each change in the grants' history."""

from dataclasses import dataclass

from django.db import transaction

from .models import Application, GrantDecision, InterventionYear


def granted_years(decisions):
    """{year: decision} of what ``decisions`` (in the order they were taken) grant."""
    years = {}
    for decision in decisions:
        stops = decision.kind != GrantDecision.Kind.DECISION and not decision.grants
        if stops and decision.first_year:
            years = {year: by for year, by in years.items() if year < decision.first_year}
        for year in decision.years:
            years[year] = decision
    return years


@transaction.atomic
def apply_decisions(application):
    """Write the grants ``application``'s decisions give its intervention, and take back those
    they no longer give. Only a federation that funds the intervention grants it anything: a
    decision never makes it a funder (the intervention's owner shares it, ``InterventionForm``)."""
    decisions = application.decisions.order_by("decided_on", "pk")
    funds = application.intervention_id and application.funded_by_federation()
    years = granted_years(decisions) if funds else {}
    taken_back = InterventionYear.objects.filter(decision__application=application).exclude(
        intervention=application.intervention_id, year__in=years
    )
    for grant in taken_back:  # saved one by one, so that the history records each
        grant.granted, grant.decision = None, None
        grant.save()
    grants = {
        grant.year: grant
        for grant in InterventionYear.objects.filter(
            intervention=application.intervention_id, federation=application.federation_id, year__in=years
        )
    }
    for year, decision in years.items():
        grant = grants.get(year) or InterventionYear(
            intervention_id=application.intervention_id, federation_id=application.federation_id, year=year
        )
        if grant.pk is None or (grant.granted, grant.decision_id) != (decision.granted_per_year, decision.pk):
            grant.granted, grant.decision = decision.granted_per_year, decision
            grant.save()


@dataclass
class DecisionProcess:
    """One intervention's application to several federations, and what each decided."""

    intervention: object
    applications: list  # one per federation, in the order of the federations given

    @property
    def recommendations(self):
        return {application.get_recommendation_display() for application in self.applications} - {""}


def decision_processes(federations, since, until):
    """The interventions on which two or more of ``federations`` decided between ``since``
    and ``until``, each with every federation's application and decisions. Two queries,
    however many federations and interventions."""
    order = {federation.pk: index for index, federation in enumerate(federations)}
    decided = GrantDecision.objects.filter(
        federation__in=federations, decided_on__gt=since, decided_on__lte=until, application__intervention__isnull=False
    )
    applications = (
        Application.objects.filter(pk__in=decided.values("application"))
        .select_related("intervention", "federation", "diary_entry")
        .prefetch_related("decisions__diary_entry")
        .order_by("intervention__name", "received_on")
    )
    by_intervention = {}
    for application in applications:
        by_intervention.setdefault(application.intervention, []).append(application)
    return [
        DecisionProcess(intervention, sorted(applied, key=lambda a: order[a.federation_id]))
        for intervention, applied in by_intervention.items()
        if len({application.federation_id for application in applied}) > 1
    ]
