"""The socio-economic effect the county's federations report: each participant who goes
to work or studies saves and earns society a year's worth of the model's parameters."""

from dataclasses import dataclass
from datetime import date

from interventions.figures import participant_table

from .models import SocioEconomicModel


@dataclass
class InterventionEffect:
    intervention: object
    counted: int
    per_year: object


@dataclass
class Effect:
    federation: object
    year: int
    counted: int  # to work, or to work or studies: as the model counts
    contributions: object  # members' contributions of the year, for comparison (or None)
    model: SocioEconomicModel
    per_intervention: list

    @property
    def per_year(self):
        return self.model.effect(self.counted)


def socioeconomic_effect(federation, year, contributions=None, table=None):
    """The effect of the year by the model in force at its end, in all and per intervention;
    from the year's participant ``table`` where the caller has it already."""
    model = model_of_year(federation, year)
    if model is None:
        return None
    return effect_by_model(model, federation, year, table or participant_table(federation, year), contributions)


def model_of_year(federation, year):
    """The parameters ``federation`` counts by at the end of ``year``, or None."""
    return models_of_year([federation], year).get(federation.pk)


def models_of_year(federations, year):
    """{federation pk: the parameters it counts by at the end of ``year``}, in one query."""
    return SocioEconomicModel.objects.in_force_for(federations, date(year, 12, 31))


def effect_by_model(model, federation, year, table, contributions=None):
    model = model.as_counted_by(federation)
    per_intervention = [
        InterventionEffect(row.intervention, model.counted(row.counts), model.effect(model.counted(row.counts)))
        for row in table.rows
        if model.counted(row.counts)
    ]
    return Effect(federation, year, model.counted(table.total), contributions, model, per_intervention)
