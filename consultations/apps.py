from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = _("Member consultations")

    def ready(self):
        from access.links import GRANTS
        from access.models import AccessLink
        from reporting.renderings import RENDERINGS

        from .documents import deck_pdf_of
        from .readers import grant_county_reader

        RENDERINGS["deck"] = deck_pdf_of  # a draft deck is rendered by the reports' task
        GRANTS[AccessLink.Purpose.COUNTY_READER] = grant_county_reader  # a county reader's one-time link
