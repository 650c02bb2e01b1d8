from django.db import migrations


def forget_saved_files(apps, schema_editor):
    """A saved import keeps its counts, who and when: not the file nor its rows."""
    ImportBatch = apps.get_model("federations", "ImportBatch")
    ImportBatch.objects.filter(status="saved").update(content=b"", planned=[])


class Migration(migrations.Migration):
    dependencies = [("federations", "0013_meetings")]

    operations = [migrations.RunPython(forget_saved_files, migrations.RunPython.noop)]
