from pathlib import Path

from django.core.management.base import BaseCommand

from finsam.backup import write_backup


class Command(BaseCommand):
    help = (
        "Back up everything finsam keeps (records, their history, users and roles, adopted reports) to one "
        "gzipped JSON file. Restore it with `manage.py restore FILE`."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, required=True, help="e.g. finsam-2026-11-24.json.gz")

    def handle(self, *args, output, **options):
        counts = write_backup(output)
        self.stdout.write(self.style.SUCCESS(f"Wrote {output}: {sum(counts.values())} records of {len(counts)} kinds."))
