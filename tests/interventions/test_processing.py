"""The register of processing follows the models and the settings it describes."""

from django.urls import reverse
from django.utils.text import capfirst

from interventions.models import Participant


def test_the_register_names_every_participant_field_the_retention_and_who_sees_what(client, office, federation):
    federation.retention_years = 7
    federation.save()
    client.force_login(office)
    page = client.get(reverse("interventions:processing", kwargs={"slug": federation.slug})).content.decode()
    for field in Participant._meta.concrete_fields:
        if field.name != "id":
            assert capfirst(str(field.verbose_name)) in page, field.name
    assert "7 år efter att deltagaren avslutats" in page
    records, figures = page.split("Ser bara siffror", 1)[0], page.split("Ser bara siffror", 1)[1]
    assert "Kansli" in records and "Insatspersonal" in records
    assert "Styrelse" in figures.split("</dd>")[0] and "Revisor" in figures.split("</dd>")[0]
