from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from federations.models import County
from finsam.backup import BackupError, read_backup, restore_backup


def holds_records():
    """Whether anyone has used this database: users or counties (a fresh `migrate` only
    seeds reference rows such as the socio-economic model)."""
    return get_user_model().objects.exists() or County.objects.exists()


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` into this database, after `manage.py migrate`. All or "
        "nothing: a broken file changes nothing. The database must be empty, unless --replace is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--replace", action="store_true", help="delete what the database holds first")

    def handle(self, *args, file, replace, **options):
        try:
            read_backup(file)  # a file that cannot be read stops here, before anything is touched
            if holds_records() and not replace:
                raise CommandError(
                    "The database already holds data. Restore into an empty database, or give --replace to "
                    "delete everything in it first."
                )
            counts = restore_backup(file)  # the migrations' seeded rows are replaced too: the backup has them
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Restored {sum(counts.values())} records of {len(counts)} kinds."))
