"""``manage.py purge_imports [--hours 24]``: delete the imports nobody confirmed.

An uploaded file waits in the database between its check and the office's confirmation.
One left unconfirmed for a day is deleted with its problems, so that no file lies about
in the database or its backups. Run it daily (cron or a systemd timer)."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from federations.models import ImportBatch


class Command(BaseCommand):
    help = "Delete imports checked but not confirmed within --hours (default 24)."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=24)

    def handle(self, *args, hours, **options):
        cutoff = timezone.now() - timedelta(hours=hours)
        deleted, _ = ImportBatch.objects.unconfirmed_before(cutoff).delete()
        self.stdout.write(f"Deleted {deleted} unconfirmed imports older than {hours} hours.")
