from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def forget_drafts(using, **kwargs):
    """A deploy migrates: drafts rendered by the code before may not look as this code
    renders them, so every cached draft goes."""
    from django.db import connections

    from .drafts import forget_all_drafts

    forget_all_drafts(connections[using])


def forget_drafts_after_restore(**kwargs):
    """A restored backup may repeat the history ids a cached draft was drawn from."""
    from .drafts import forget_all_drafts

    forget_all_drafts()


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("Reports")

    def ready(self):
        from finsam.backup import backup_restored

        post_migrate.connect(forget_drafts, sender=self)
        backup_restored.connect(forget_drafts_after_restore)
