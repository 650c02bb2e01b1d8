from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessConfig(AppConfig):
    """Who may log in to a federation: its administrators invite colleagues with a one-time
    link, change and end their roles, and reset a colleague's second factor."""

    name = "access"
    verbose_name = _("Users and roles")

    def ready(self):
        from django.db.models import Q

        from federations.history import TRACKED

        from .models import AccessLink

        # The federation's history of changes lists the links it issued too.
        if not any(model is AccessLink for model, _scope, _label in TRACKED):
            TRACKED.append((AccessLink, lambda f: Q(federation_id=f.pk), "name"))
