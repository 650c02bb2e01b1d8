from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from federations.views import chosen_year
from finances.models import Budget
from finsam.permissions import EDIT, HISTORY, FederationMixin

from .dashboard import dashboard
from .history import figure_changes
from .pdf import render_pdf
from .statements import statements_document


class StatementsPdfView(FederationMixin, TemplateView):
    """The year's financial statements as an archivable PDF (PDF/A)."""

    template_name = "reporting/statements_pdf.html"

    def get(self, request, *args, **kwargs):
        document = statements_document(self.federation, chosen_year(request))
        if document.accounts.actual is None:
            raise Http404(_("There are no actual figures for that year."))
        pdf = render_pdf(
            self.template_name,
            {"document": document, "accounts": document.accounts, "year": document.year},
            archival=True,
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
        return response


class AuditorsView(FederationMixin, TemplateView):
    """For auditors: the statements of a year as PDF, and every change to the figures
    behind them — who, when and what."""

    capability = HISTORY
    template_name = "reporting/auditors.html"

    def get_context_data(self, **kwargs):
        year = chosen_year(self.request)
        federation = self.federation
        return super().get_context_data(
            title=_("For the auditors %(year)s") % {"year": year},
            year=year,
            years=range(timezone.localdate().year, 2004, -1),
            has_accounts=Budget.objects.filter(
                federation=federation, year=year, scenario=Budget.Scenario.ACTUAL
            ).exists(),
            changes=figure_changes(federation, year),
            **kwargs,
        )


class DashboardView(FederationMixin, TemplateView):
    """This year at a glance, for the office."""

    capability = EDIT
    template_name = "reporting/dashboard.html"

    def get_context_data(self, **kwargs):
        year = chosen_year(self.request)
        return super().get_context_data(
            title=_("%(year)s at a glance") % {"year": year},
            year=year,
            years=range(timezone.localdate().year, 2004, -1),
            dashboard=dashboard(self.federation, year),
            **kwargs,
        )
