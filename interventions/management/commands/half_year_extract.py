"""Write a federation's half-year extract (interventions.extract, docs/extract.md).

manage.py half_year_extract --federation hoglandet --period 2025-06-30 --format xlsx --output h1.xlsx
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from federations.models import Federation
from interventions.extract import half_year_extract


class Command(BaseCommand):
    help = "Write the half-year extract of a federation as CSV (to standard output) or Excel."

    def add_arguments(self, parser):
        parser.add_argument("--federation", required=True, help="The federation's short address (slug).")
        parser.add_argument("--period", required=True, help="The half-year's last day: YYYY-06-30 or YYYY-12-31.")
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--output", help="A file to write (required for xlsx); standard output otherwise.")

    def handle(self, *args, federation, period, format, output, **options):
        chosen = Federation.objects.filter(slug=federation).first()
        if chosen is None:
            raise CommandError(f"No federation {federation!r}.")
        try:
            extract = half_year_extract(chosen, date.fromisoformat(period))
        except ValueError as error:
            raise CommandError(f"{period}: not the last day of a half-year (30 June or 31 December).") from error
        content = extract.dataset().export(format)
        if output:
            mode = "wb" if format == "xlsx" else "w"
            with open(output, mode, **({} if format == "xlsx" else {"encoding": "utf-8", "newline": ""})) as file:
                file.write(content)
            self.stdout.write(self.style.SUCCESS(f"{len(extract.rows)} rows written to {output}."))
        elif format == "xlsx":
            raise CommandError("An Excel file needs --output.")
        else:
            self.stdout.write(content, ending="")
