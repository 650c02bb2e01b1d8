import django.db.models.deletion
from django.db import migrations, models


def owners_from_first_funding(apps, schema_editor):
    """The federation whose funding was registered first registered the intervention."""
    Intervention = apps.get_model("interventions", "Intervention")
    Funding = apps.get_model("interventions", "Funding")
    first = Funding.objects.filter(intervention=models.OuterRef("pk")).order_by("pk").values("federation")[:1]
    Intervention.objects.filter(owner=None).update(owner=models.Subquery(first))


class Migration(migrations.Migration):
    dependencies = [
        ("federations", "0013_meetings"),
        ("interventions", "0022_participant_active_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="intervention",
            name="owner",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="owned_interventions",
                to="federations.federation",
                verbose_name="owner",
            ),
        ),
        migrations.AddField(
            model_name="historicalintervention",
            name="owner",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="federations.federation",
                verbose_name="owner",
            ),
        ),
        migrations.RunPython(owners_from_first_funding, migrations.RunPython.noop),
    ]
