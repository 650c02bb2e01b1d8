from datetime import date

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse
from django.utils.text import slugify

from access.links import invite
from federations.models import County, Federation, Role


class Command(BaseCommand):
    help = (
        "Add a federation (and its county, the first time) and print a one-time link that makes its user the "
        "federation's first administrator: the one step whoever runs the installation takes. Everything after "
        "it — colleagues, registers, books, participants, reports — the federation's office does itself "
        "(docs/onboarding.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--county", required=True, help="the county's name, e.g. 'Jönköpings län'")
        parser.add_argument("--name", required=True, help="the federation's name")
        parser.add_argument("--short-name", required=True, help="e.g. SV")
        parser.add_argument("--slug", required=True, help="the federation's short address, e.g. sodra-vatterbygden")
        parser.add_argument("--organisation-number", required=True, help="NNNNNN-NNNN")
        parser.add_argument("--founded-on", required=True, type=date.fromisoformat, help="YYYY-MM-DD")
        parser.add_argument("--administrator", required=True, help="whom the link is for, e.g. the office lead")
        parser.add_argument("--base-url", default="http://127.0.0.1:8000", help="where finsam answers")

    @transaction.atomic
    def handle(self, *args, **options):
        county = County.objects.filter(name=options["county"]).first() or County(
            name=options["county"], slug=slugify(options["county"])
        )
        federation = Federation(
            county=county,
            name=options["name"],
            short_name=options["short_name"],
            slug=options["slug"],
            organisation_number=options["organisation_number"],
            founded_on=options["founded_on"],
        )
        try:
            if county.pk is None:
                county.full_clean()
                county.save()
            federation.county = county
            federation.full_clean()
        except ValidationError as error:
            raise CommandError(
                "; ".join(f"{field}: {' '.join(errors)}" for field, errors in error.message_dict.items())
            )
        federation.save()
        _link, token = invite(federation, None, options["administrator"], Role.Kind.OFFICE, is_administrator=True)
        self.stdout.write(f"{federation.name} ({county.name}) is added. Its first administrator's link, valid 7 days:")
        self.stdout.write(options["base_url"].rstrip("/") + reverse("access:accept", kwargs={"token": token}))
