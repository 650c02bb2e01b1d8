from django.core.management.base import BaseCommand

from demo.consultations import load_demo as load_consultations
from demo.federations import load_demo as load_registry
from demo.finances import load_demo as load_finances
from demo.interventions import load_demo as load_interventions
from demo.national import load_demo as load_national_follow_up
from demo.texts import load_demo as load_texts


class Command(BaseCommand):
    help = (
        "Load the demo federations of Jönköping county, their interventions and generated "
        "participants, and one user per role. Safe to run twice."
    )

    def handle(self, *args, **options):
        credentials = load_registry()
        load_interventions()
        load_finances()
        load_national_follow_up()
        load_texts()
        credentials += load_consultations()
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Log in at http://127.0.0.1:8000/ as:"))
        for username, password, role, federations in credentials:
            self.stdout.write(f"  {username:<10} {password:<14} {role} ({federations})")
