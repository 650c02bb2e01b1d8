from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = _("Member consultations")

    def ready(self):
        from reporting.renderings import RENDERINGS

        from .documents import deck_pdf_of

        RENDERINGS["deck"] = deck_pdf_of  # a draft deck is rendered by the reports' task
