"""Golden test: the socio-economic comparison of the 2025 member consultation."""

from datetime import date
from decimal import Decimal

import pytest

from federations.models import Federation
from reporting.models import SocioEconomicModel
from reporting.socioeconomics import socioeconomic_effect


def test_the_model_gives_194_400_a_year(db):
    model = SocioEconomicModel.objects.in_force(date(2024, 12, 31))
    assert (model.per_month, model.per_year) == (Decimal(16200), Decimal(194400))
    assert "Göteborg Centrum" in model.source


@pytest.mark.parametrize(
    "slug, to_work_or_studies, effect_tkr",
    [("sodra-vatterbygden", 18, 3499), ("finnveden", 4, 778), ("hoglandet", 44, 8554)],
)
def test_the_2024_comparison(demo, slug, to_work_or_studies, effect_tkr):
    effect = socioeconomic_effect(Federation.objects.get(slug=slug), 2024)
    assert effect.to_work_or_studies == to_work_or_studies
    assert round(effect.per_year / 1000) == effect_tkr


def test_per_intervention(db):
    model = SocioEconomicModel.objects.get()
    assert model.effect(42) == Decimal(8164800)  # SE-Höglandet
    assert model.effect(2) == Decimal(388800)  # IT-spåret
