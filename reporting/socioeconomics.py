"""The socio-economic effect the county's federations report: each participant who goes
to work or studies saves and earns society a year's worth of the model's parameters."""

from dataclasses import dataclass
from datetime import date

from interventions.figures import participant_table

from .models import SocioEconomicModel


@dataclass
class Effect:
    federation: object
    year: int
    to_work_or_studies: int
    contributions: object  # members' contributions of the year, for comparison (or None)
    model: SocioEconomicModel

    @property
    def per_year(self):
        return self.model.effect(self.to_work_or_studies)


def socioeconomic_effect(federation, year, contributions=None):
    model = SocioEconomicModel.objects.in_force(date(year, 12, 31))
    if model is None:
        return None
    table = participant_table(federation, year)
    return Effect(federation, year, table.total.to_work_or_studies, contributions, model)
