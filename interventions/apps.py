from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterventionsConfig(AppConfig):
    name = "interventions"
    verbose_name = _("Interventions")

    def ready(self):
        from django.db.models import Q

        from federations.history import TRACKED

        from .models import Application, Deviation, GrantDecision, Referral, StructuralEvent, SupplementaryQuestion

        # The federation's history of changes lists this app's registers too.
        registers = [
            (Application, lambda f: Q(federation_id=f.pk), "title"),
            (GrantDecision, lambda f: Q(federation_id=f.pk), "text"),
            (Deviation, lambda f: Q(federation_id=f.pk), "occurred_on"),
            (StructuralEvent, lambda f: Q(federation_id=f.pk), "held_on"),
            (SupplementaryQuestion, lambda f: Q(federation_id=f.pk), "text"),
            # named by the day of referral, not the code: auditors read the history too
            (Referral, lambda f: Q(federation_id=f.pk), "referred_on"),
        ]
        tracked = {model for model, _scope, _label in TRACKED}
        TRACKED.extend(register for register in registers if register[0] not in tracked)
