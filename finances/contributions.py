"""Member contributions as the Finsam law splits them: the state pays half (through
Försäkringskassan), the region a quarter, and the municipalities a quarter between
them by population on 1 July of the year before."""

from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from django.utils.translation import gettext as _

from federations.models import MemberOrganisation, Membership, Population

from .models import LineKind

ONE_KRONA = Decimal(1)
# Entered contributions may differ from the key by rounding (to the hundred, say).
TOLERANCE_SHARE = Decimal("0.005")
TOLERANCE_MINIMUM = Decimal(100)


def largest_remainder(total, weights):
    """Split ``total`` whole kronor in proportion to ``weights`` so the parts add up exactly."""
    weight_sum = sum(weights.values())
    exact = {key: total * weight / weight_sum for key, weight in weights.items()}
    parts = {key: value.quantize(ONE_KRONA, rounding=ROUND_FLOOR) for key, value in exact.items()}
    left = int(total - sum(parts.values()))
    for key in sorted(exact, key=lambda k: exact[k] - parts[k], reverse=True)[:left]:
        parts[key] += ONE_KRONA
    return parts


def contribution_split(federation, year, state_contribution):
    """[(member organisation, expected contribution)] for ``year`` from the state's
    contribution: the region pays half of it, and so do the municipalities together."""
    state_contribution = Decimal(state_contribution).quantize(ONE_KRONA)
    members = [
        membership.organisation
        for membership in Membership.objects.filter(federation=federation)
        .current_in(year)
        .select_related("organisation__municipality")
    ]
    by_kind = {}
    for organisation in members:
        by_kind.setdefault(organisation.kind, []).append(organisation)
    quarter = state_contribution / 2
    split = []
    for organisation in by_kind.get(MemberOrganisation.Kind.SOCIAL_INSURANCE, []):
        split.append((organisation, state_contribution))
    for organisation in by_kind.get(MemberOrganisation.Kind.REGION, []):
        split.append((organisation, quarter))
    municipalities = by_kind.get(MemberOrganisation.Kind.MUNICIPALITY, [])
    # Population on 1 July the year before; for a plan year further ahead, the latest
    # known figure stands in (the split is preliminary until then).
    populations = {}
    for municipality_id, inhabitants in (
        Population.objects.filter(municipality__in=[o.municipality for o in municipalities], year__lte=year - 1)
        .order_by("municipality", "-year")
        .values_list("municipality_id", "inhabitants")
    ):
        populations.setdefault(municipality_id, inhabitants)
    missing = [o for o in municipalities if o.municipality_id not in populations]
    if missing:
        raise MissingPopulation(year - 1, missing)
    parts = largest_remainder(quarter, {o: Decimal(populations[o.municipality_id]) for o in municipalities})
    split += sorted(parts.items(), key=lambda item: item[0].name)
    return split


class MissingPopulation(Exception):
    def __init__(self, year, organisations):
        self.year = year
        self.organisations = organisations
        names = ", ".join(o.municipality.name for o in organisations)
        super().__init__(_("No population on 1 July %(year)s for %(names)s.") % {"year": year, "names": names})


@dataclass
class ContributionCheck:
    organisation: MemberOrganisation
    entered: Decimal | None
    expected: Decimal

    @property
    def difference(self):
        return (self.entered or 0) - self.expected

    @property
    def departs(self):
        tolerance = max(TOLERANCE_MINIMUM, abs(self.expected) * TOLERANCE_SHARE)
        return abs(self.difference) > tolerance


def check_contributions(budget):
    """Each member's entered contribution in ``budget`` beside what the 50/25/25 split and
    the population key give, taking the state's entered contribution as the base."""
    entered = {
        line.organisation: line.amount
        for line in budget.lines.filter(kind=LineKind.CONTRIBUTION).select_related("organisation")
    }
    state = next((amount for o, amount in entered.items() if o.kind == MemberOrganisation.Kind.SOCIAL_INSURANCE), None)
    if state is None:
        return []
    return [
        ContributionCheck(o, entered.get(o), expected)
        for o, expected in contribution_split(budget.federation, budget.year, state)
    ]
