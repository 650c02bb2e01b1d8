"""The precise orientations an intervention is registered with in Uppföljning Finsam, as the
installation first keeps them; whoever runs the installation changes the list in /admin/
(Orientation), without a release."""

from django.db import migrations

ORIENTATIONS = {
    "individual": [
        "Arbetslivsinriktad rehabilitering",
        "Förberedande insats mot arbete eller studier",
        "Kartläggning och utredning av arbetsförmåga",
        "Samordnat stöd och vägledning",
        "Hälsofrämjande insats",
    ],
    "structural": [
        "Kompetensutveckling",
        "Samverkansstruktur och nätverk",
        "Metod- och verksamhetsutveckling",
        "Information och kunskapsspridning",
    ],
}


def seed(apps, schema_editor):
    Orientation = apps.get_model("interventions", "Orientation")
    for kind, names in ORIENTATIONS.items():
        for position, name in enumerate(names, start=1):
            Orientation.objects.get_or_create(kind=kind, name=name, defaults={"position": position})


class Migration(migrations.Migration):
    dependencies = [("interventions", "0025_national_follow_up")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
