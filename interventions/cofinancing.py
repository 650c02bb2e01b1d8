"""Projects the federations co-finance with an external funder — the EU's social fund (ESF)
above all: what each costs in all, who pays, and how far it has come against its own
targets. The county's deck gives each a slide, as the real one does ("ESF-projekt Kommunal
utveckling 2024–2026, total budget 19 miljoner, 74 % måluppfyllnad – 226 (av 307) unika
deltagare"); the annual report tells its federation's."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch

from finsam.disclosure import is_small, small_withheld

from .models import ExternalFunding, Intervention, InterventionYear, ProjectResult


@dataclass
class CoFinancedProject:
    intervention: Intervention
    funders: list  # names of the external funders, ESF first
    is_esf: bool
    first_year: int
    last_year: int
    external: Decimal  # from the external funders, all years
    granted: Decimal  # by the federations, all years
    federations: list  # the federations that fund it
    external_in_year: Decimal  # from the external funders in the year asked about
    result: ProjectResult | None  # the latest reported by the day asked about
    protected: bool = False  # leaving the office: a small count of participants reads "<5"

    @property
    def participants(self):
        if self.result is None:
            return None
        return small_withheld(self.result.participants) if self.protected else self.result.participants

    @property
    def participants_percent(self):
        """The share of its participant target reached; not where the count is withheld."""
        if self.result is None or (self.protected and is_small(self.result.participants)):
            return None
        return self.result.participants_percent

    @property
    def total(self):
        return self.external + self.granted

    @property
    def years(self):
        return str(self.first_year) if self.first_year == self.last_year else f"{self.first_year}–{self.last_year}"


def co_financed_projects(federations, year, reported_by, of=None):
    """The projects some of ``federations`` fund that an external funder finances in
    ``year`` (among the interventions ``of``, if given), by name, with their latest result
    reported by ``reported_by``; in four queries however many there are."""
    interventions = Intervention.objects.all() if of is None else Intervention.objects.filter(pk__in=of)
    interventions = (
        interventions.filter(fundings__federation__in=federations, external_funding__year=year)
        .distinct()
        .prefetch_related(
            "external_funding",
            "federations",
            Prefetch(
                "project_results",
                queryset=ProjectResult.objects.filter(reported_on__lte=reported_by).order_by("-reported_on"),
            ),
        )
        .order_by("name")
    )
    interventions = list(interventions)
    granted = {}
    for grant in InterventionYear.objects.filter(intervention__in=interventions, granted__isnull=False):
        granted[grant.intervention_id] = granted.get(grant.intervention_id, Decimal(0)) + grant.granted
    projects = []
    for intervention in interventions:
        funding = list(intervention.external_funding.all())
        esf_first = sorted(funding, key=lambda row: row.source != ExternalFunding.Source.ESF)
        funders = list(dict.fromkeys(row.funder or row.get_source_display() for row in esf_first))
        results = list(intervention.project_results.all())
        projects.append(
            CoFinancedProject(
                intervention=intervention,
                funders=funders,
                is_esf=any(row.source == ExternalFunding.Source.ESF for row in funding),
                first_year=min(row.year for row in funding),
                last_year=max(row.year for row in funding),
                external=sum((row.amount for row in funding), Decimal(0)),
                granted=granted.get(intervention.pk, Decimal(0)),
                federations=sorted(federation.name for federation in intervention.federations.all()),
                external_in_year=sum((row.amount for row in funding if row.year == year), Decimal(0)),
                result=results[0] if results else None,
            )
        )
    return projects
