from django.apps import AppConfig
from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def forget_drafts(using=DEFAULT_DB_ALIAS, **kwargs):
    """Every cached draft goes when a deploy migrates (drafts rendered by the code before may
    not look as this code renders them) and when a backup is restored (its history may
    repeat the ids a draft was drawn from)."""
    from django.db import connections

    from .drafts import forget_all_drafts

    forget_all_drafts(connections[using])


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("Reports")

    def ready(self):
        from django.db.models import Q

        from federations.history import TRACKED
        from finsam.backup import backup_restored

        from .models import InterventionText, SocioEconomicModel

        # The federation's history of changes lists its own socio-economic model and the
        # interventions' texts too.
        for model, label in ((SocioEconomicModel, "valid_from"), (InterventionText, "intervention__name")):
            if not any(tracked is model for tracked, _scope, _label in TRACKED):
                TRACKED.append((model, lambda f: Q(federation_id=f.pk), label))
        post_migrate.connect(forget_drafts, sender=self)
        backup_restored.connect(forget_drafts)
