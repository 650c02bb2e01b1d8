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
    assert effect.counted == to_work_or_studies
    assert round(effect.per_year / 1000) == effect_tkr


def test_per_intervention(db):
    model = SocioEconomicModel.objects.get()
    assert model.effect(42) == Decimal(8164800)  # SE-Höglandet
    assert model.effect(2) == Decimal(388800)  # IT-spåret


def test_the_effect_per_intervention(demo):
    """The deck's figures per intervention: SE-Höglandet 42 → 8 164 800, IT-spåret 2 → 388 800."""
    effect = socioeconomic_effect(Federation.objects.get(slug="hoglandet"), 2024)
    rows = {row.intervention.name: (row.counted, row.per_year) for row in effect.per_intervention}
    assert rows["SE-Höglandet"] == (42, Decimal(8164800))
    assert rows["IT-spåret"] == (2, Decimal(388800))
    assert sum(count for count, _effect in rows.values()) == effect.counted


def test_a_model_that_counts_work_only(demo):
    """A federation's model of a year may count those who went to work and not to studies."""
    SocioEconomicModel.objects.create(
        valid_from=date(2024, 1, 1),
        basis=SocioEconomicModel.Basis.WORK,
        public_support=Decimal(10000),
        administration=Decimal(500),
        income_tax=Decimal(5700),
        source="Arbete enbart",
    )
    effect = socioeconomic_effect(Federation.objects.get(slug="sodra-vatterbygden"), 2024)
    assert effect.counted == 11  # SV 2024: 11 to work, 7 to studies
    assert effect.per_year == 11 * Decimal(194400)


def test_a_federation_that_counts_work_only_under_the_installations_model(demo, client):
    """Where the installation's model counts work or studies, a federation's office may count
    work only for itself — the others keep the installation's basis, and the county's deck
    says who counts what."""
    from consultations.deck import member_consultation_deck
    from consultations.models import Consultation

    sodra = Federation.objects.get(slug="sodra-vatterbygden")
    sodra.socioeconomic_basis = "work"
    sodra.save()
    effect = socioeconomic_effect(sodra, 2024)
    assert (effect.counted, effect.model.heading) == (11, "Antal deltagare till arbete")
    assert socioeconomic_effect(Federation.objects.get(slug="hoglandet"), 2024).counted == 44  # as before
    assert SocioEconomicModel.objects.get().basis == "work_or_studies"  # the installation's, unchanged

    deck = member_consultation_deck(Consultation.objects.get(held_on=date(2025, 2, 28)))
    assert not deck.counted_alike
    assert {effect.federation.slug: effect.counted for effect in deck.socioeconomic}["sodra-vatterbygden"] == 11


def test_a_federation_records_its_own_parameters_on_its_page_and_counts_by_them(demo, client):
    """An office whose county adopted other figures records them itself (issue 29): from
    their day on its reports and the deck count by them; the others keep the installation's."""
    from django.urls import reverse

    from consultations.deck import member_consultation_deck
    from consultations.models import Consultation
    from federations.models import Role

    from ..conftest import make_user

    sodra = Federation.objects.get(slug="sodra-vatterbygden")
    client.force_login(make_user("sv-office", sodra, Role.Kind.OFFICE))
    new = reverse("reporting:socioeconomicmodel-new", kwargs={"slug": sodra.slug})
    fields = {"valid_from": "2024-01-01", "public_support": "12000", "administration": "600", "income_tax": "6000"}
    refused = client.post(new, fields)  # without its source
    assert refused.status_code == 200 and "source" in refused.context["form"].errors
    assert not SocioEconomicModel.objects.filter(federation=sodra).exists()
    saved = client.post(new, {**fields, "source": "Länets förbund, medlemssamrådet 2024"})
    assert saved.status_code == 302
    listed = client.get(reverse("reporting:socioeconomicmodel-list", kwargs={"slug": sodra.slug}))
    assert "Länets förbund" in listed.content.decode()

    effect = socioeconomic_effect(sodra, 2024)
    assert effect.model.per_year == 12 * Decimal(18600)
    assert effect.per_year == 18 * 12 * Decimal(18600)
    assert socioeconomic_effect(sodra, 2023).model.federation is None  # before its own day: the installation's
    assert socioeconomic_effect(Federation.objects.get(slug="hoglandet"), 2024).per_year == 44 * Decimal(194400)

    deck = member_consultation_deck(Consultation.objects.get(held_on=date(2025, 2, 28)))
    per_year = {effect.federation.slug: effect.model.per_year for effect in deck.socioeconomic}
    assert per_year == {"sodra-vatterbygden": 12 * 18600, "finnveden": 194400, "hoglandet": 194400}

    other = make_user("finnveden-office", Federation.objects.get(slug="finnveden"), Role.Kind.OFFICE)
    client.force_login(other)
    own = SocioEconomicModel.objects.get(federation=sodra)
    edit_elsewhere = reverse("reporting:socioeconomicmodel-edit", kwargs={"slug": "finnveden", "pk": own.pk})
    assert client.get(edit_elsewhere).status_code == 404  # another federation's parameters are not its own
