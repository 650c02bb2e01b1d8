from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FederationsConfig(AppConfig):
    name = "federations"
    verbose_name = _("Federations")

    def ready(self):
        from finsam.compat import remember_render_signatures

        remember_render_signatures()
