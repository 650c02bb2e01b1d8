from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from access.links import invite
from federations.models import Federation, Role


class Command(BaseCommand):
    help = (
        "Print a one-time link that makes its user a federation's first administrator (or gives "
        "another role): how whoever installs finsam hands a new federation to its office."
    )

    def add_arguments(self, parser):
        parser.add_argument("--federation", required=True, help="the federation's slug")
        parser.add_argument("--name", required=True, help="whom the link is for, as the list of users shows it")
        parser.add_argument("--role", default=Role.Kind.OFFICE, choices=Role.Kind.values)
        parser.add_argument("--administrator", action="store_true", help="the federation's administrator")
        parser.add_argument(
            "--by", help="the username recorded as having made the link (left out: the installation made it)"
        )
        parser.add_argument("--base-url", default="http://127.0.0.1:8000", help="where finsam answers")

    def handle(self, *args, **options):
        federation = Federation.objects.filter(slug=options["federation"]).first()
        if federation is None:
            raise CommandError(f"No federation {options['federation']!r}.")
        by = None
        if options["by"]:
            by = get_user_model().objects.filter(username=options["by"]).first()
            if by is None:
                raise CommandError(f"No user {options['by']!r}.")
        if options["role"] == Role.Kind.INTERVENTION:
            raise CommandError("Intervention staff are invited on the users page, with their interventions.")
        _link, token = invite(federation, by, options["name"], options["role"], options["administrator"])
        self.stdout.write(options["base_url"].rstrip("/") + reverse("access:accept", kwargs={"token": token}))
