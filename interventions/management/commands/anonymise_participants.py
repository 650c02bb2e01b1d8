"""Anonymise the participants kept past their federation's retention (interventions.retention).

manage.py anonymise_participants --dry-run     # what would be anonymised, by federation
manage.py anonymise_participants               # do it
manage.py anonymise_participants --federation hoglandet
"""

from django.core.management.base import BaseCommand, CommandError

from federations.models import Federation
from interventions.retention import anonymise, plan


class Command(BaseCommand):
    help = "Anonymise participants ended longer ago than their federation keeps them."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only say what would be anonymised.")
        parser.add_argument("--federation", help="The short address (slug) of one federation.")

    def handle(self, *args, dry_run=False, federation=None, **options):
        federations = Federation.objects.order_by("name")
        if federation:
            federations = federations.filter(slug=federation)
            if not federations:
                raise CommandError(f"No federation {federation!r}.")
        total = 0
        for each in federations:
            planned = plan(each)
            if dry_run:
                self.stdout.write(
                    f"{each.name}: {planned.count} participants ended before {planned.ended_before} "
                    f"(kept {each.retention_years} years) would be anonymised"
                )
                for name, count in planned.by_intervention:
                    self.stdout.write(f"  {name}: {count}")
                total += planned.count
            else:
                done = anonymise(each)
                self.stdout.write(f"{each.name}: {done} participants ended before {planned.ended_before} anonymised")
                total += done
        verb = "would be anonymised" if dry_run else "anonymised"
        self.stdout.write(self.style.SUCCESS(f"{total} participants {verb}."))
