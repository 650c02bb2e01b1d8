from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView, UpdateView

from finances.checks import year_end_checks
from finances.statements import year_end
from finsam.permissions import EDIT, HISTORY, FederationMixin
from finsam.views import chosen_year

from .adoption import AlreadyAdopted, ChecksDoNotPass, adopt_annual_report
from .annual import annual_report
from .dashboard import dashboard
from .documents import DOCUMENTS
from .forms import AdoptionForm, AnnualReportTextForm
from .history import figure_changes
from .models import AdoptedReport, AnnualReportText
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
            {
                "document": document,
                "accounts": document.accounts,
                "year": document.year,
                "draft": not document.adopted,
            },
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
        accounts = year_end(federation, year)
        return super().get_context_data(
            title=_("For the auditors %(year)s") % {"year": year},
            year=year,
            years=range(timezone.localdate().year, 2004, -1),
            has_accounts=accounts.actual is not None,
            checks=year_end_checks(accounts),
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


def reported_year(request, years_ahead=0):
    """The year asked for, if its report can exist: no report of a year that has not begun
    (a business plan may look two years ahead)."""
    year = chosen_year(request)
    if year > timezone.localdate().year + years_ahead:
        raise Http404(_("There is no report of a year that has not begun."))
    return year


class AnnualReportMixin(FederationMixin):
    def report(self):
        return annual_report(self.federation, reported_year(self.request))

    def adopted(self):
        return AdoptedReport.objects.filter(
            federation=self.federation, kind=AdoptedReport.Kind.ANNUAL, year=chosen_year(self.request)
        ).first()


class AnnualReportView(AnnualReportMixin, TemplateView):
    """The annual report on screen, from the same partial as its PDF."""

    template_name = "reporting/annual_report.html"

    def get_context_data(self, **kwargs):
        report = self.report()
        return super().get_context_data(
            title=_("Annual report %(year)s") % {"year": report.year},
            report=report,
            adopted=self.adopted(),
            adoption_form=AdoptionForm(),
            years=range(timezone.localdate().year, 2004, -1),
            **kwargs,
        )


class AnnualReportPdfView(AnnualReportMixin, View):
    def get(self, request, *args, **kwargs):
        adopted = self.adopted()
        report = self.report()
        if adopted:
            pdf = bytes(adopted.pdf)  # the very bytes the board adopted
        else:
            pdf = render_pdf("reporting/annual_report_pdf.html", {"report": report, "draft": True})
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{report.filename}"'
        return response


class AdoptAnnualReportView(AnnualReportMixin, View):
    """The office records that the board adopted the report: it is frozen from now on."""

    capability = EDIT

    def post(self, request, *args, **kwargs):
        year = chosen_year(request)
        url = reverse("reporting:annual", kwargs={"slug": self.federation.slug}) + f"?year={year}"
        form = AdoptionForm(request.POST, year=year)
        if not form.is_valid():
            for error in form.errors.values():
                messages.error(request, " ".join(error))
            return redirect(url)
        try:
            adopt_annual_report(
                self.federation,
                year,
                form.cleaned_data["adopted_on"],
                form.cleaned_data["registry_number"],
                request.user,
                despite_checks=form.cleaned_data["despite_checks"],
            )
        except ChecksDoNotPass:
            messages.error(
                request,
                _(
                    "The year-end checks of %(year)s fail, so the report is not adopted. Put them right, or tick that "
                    "the board adopts it anyway."
                )
                % {"year": year},
            )
        except AlreadyAdopted:
            messages.info(request, _("The annual report %(year)s is already adopted.") % {"year": year})
        else:
            messages.success(request, _("The annual report %(year)s is adopted and frozen.") % {"year": year})
        return redirect(url)


class AnnualReportTextView(FederationMixin, UpdateView):
    """The office writes the report's texts; the figures are computed."""

    capability = EDIT
    model = AnnualReportText
    form_class = AnnualReportTextForm
    template_name = "federations/registry_form.html"

    def get_object(self, queryset=None):
        year = chosen_year(self.request)
        text = AnnualReportText.objects.filter(federation=self.federation, year=year).first()
        return text or AnnualReportText(federation=self.federation, year=year)

    def get_success_url(self):
        return reverse("reporting:annual", kwargs={"slug": self.federation.slug}) + f"?year={self.object.year}"

    def form_valid(self, form):
        messages.success(self.request, _("Saved the texts."))
        return super().form_valid(form)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=_("Texts of the annual report %(year)s") % {"year": self.object.year},
            list_url=self.get_success_url(),
            **kwargs,
        )


class DocumentView(FederationMixin, TemplateView):
    """A report document (interim report, business plan) on screen."""

    kind = None
    template_name = "reporting/document.html"

    def get_context_data(self, **kwargs):
        document = DOCUMENTS[self.kind]
        year = reported_year(self.request, document.years_ahead)
        report = document.build(self.federation, year, self.request)
        pdf_url = reverse(f"reporting:{self.kind}-pdf", kwargs={"slug": self.federation.slug}) + f"?year={report.year}"
        if document.has_periods:
            pdf_url += f"&period={report.period_end.isoformat()}"
        return super().get_context_data(
            **document.context(report),
            title=document.title % {"year": report.year},
            pdf_url=pdf_url,
            years=range(timezone.localdate().year + 2, 2004, -1),
            **kwargs,
        )


class DocumentPdfView(FederationMixin, View):
    kind = None

    def get(self, request, *args, **kwargs):
        document = DOCUMENTS[self.kind]
        report = document.build(self.federation, reported_year(request, document.years_ahead), request)
        response = HttpResponse(document.pdf(report), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{report.filename}"'
        return response
