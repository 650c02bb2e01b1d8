from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from federations.models import Federation
from finsam.imports import recorded_as
from interventions.importers import ParticipantImporter


class Command(BaseCommand):
    help = (
        "Import participants from a CSV or Excel file (see docs/import-formats.md). Saves every row, "
        "or nothing when any row is bad."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--federation", required=True, help="the federation's slug, e.g. sodra-vatterbygden")
        parser.add_argument("--user", help="record the import in the history as this user")
        parser.add_argument("--check", action="store_true", help="only check the file")

    def handle(self, *args, file, federation, user, check, **options):
        try:
            federation = Federation.objects.get(slug=federation)
        except Federation.DoesNotExist:
            raise CommandError(f"No federation with the slug {federation!r}.") from None
        if not file.exists():
            raise CommandError(f"No such file: {file}")
        with recorded_as(user):
            result = ParticipantImporter(federation).run(file.read_bytes(), file.name, save=not check)
        for problem in result.problems:
            self.stderr.write(str(problem))
        if result.problems:
            raise CommandError(
                f"{len(result.problems)} problems in {result.rows} rows; nothing was saved.", returncode=1
            )
        verb = "Checked" if check else "Imported"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {result.rows} rows: {result.created} new, {result.updated} changed, {result.unchanged} unchanged."
            )
        )
