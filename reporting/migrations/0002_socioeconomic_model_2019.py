from django.db import migrations


def add_model(apps, schema_editor):
    from reporting.models import GOTEBORG_CENTRUM_2019

    SocioEconomicModel = apps.get_model("reporting", "SocioEconomicModel")
    SocioEconomicModel.objects.get_or_create(
        valid_from=GOTEBORG_CENTRUM_2019["valid_from"],
        defaults={key: value for key, value in GOTEBORG_CENTRUM_2019.items() if key != "valid_from"},
    )


class Migration(migrations.Migration):
    """The county's agreed model (member consultation, February 2019), so that every
    installation starts with it; the office can add later ones."""

    dependencies = [("reporting", "0001_initial")]

    operations = [migrations.RunPython(add_model, migrations.RunPython.noop)]
