from datetime import date

import tablib
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.forms import modelform_factory
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView, UpdateView

from federations.models import FiscalYear
from federations.permissions import EDIT, HISTORY, INTERVENTION_TEXTS, FederationMixin
from federations.twofactor import second_factor_url
from federations.views import Registry
from finances.checks import year_end_checks
from finances.models import Budget
from finances.statements import full_year, year_end
from finsam.locking import VersionedModelForm
from finsam.views import chosen_year

from . import filters, tables
from .adoption import AlreadyAdopted, ChecksDoNotPass, Incomplete, adopt_annual_report
from .annual import annual_report, annual_report_filename
from .dashboard import dashboard
from .documents import DOCUMENTS, drawn_period
from .drafts import draft_pdf_response
from .forms import AdoptionForm, AnnualReportTextForm, PastYearForm, SocioEconomicModelForm
from .history import figure_changes
from .intervention_texts import InterventionTextForm, sections_beside_last_year, text_for, writable_interventions
from .models import AdoptedReport, AnnualReportText, InterventionText, SocioEconomicModel
from .national import figures as national_figures
from .national import national_follow_up
from .past_years import empty_opening_load, past_year, reopen
from .signing import AlreadySigned, NotASignatory, sign, signed_pdf, signing_of
from .statements import statements_filename


class StatementsPdfView(FederationMixin, TemplateView):
    """The year's financial statements as an archivable PDF (PDF/A)."""

    template_name = "reporting/statements_pdf.html"

    def get(self, request, *args, **kwargs):
        year = chosen_year(request)
        if full_year(self.federation, year, Budget.Scenario.ACTUAL) is None:
            raise Http404(_("There are no actual figures for that year."))
        return draft_pdf_response(
            request,
            "statements",
            [self.federation.pk, year],
            statements_filename(self.federation, year),
            federations=[self.federation.pk],
            year=year,
        )


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
            years=self.federation.years(),
            has_accounts=accounts.actual is not None,
            checks=year_end_checks(accounts),
            changes=figure_changes(federation, year),
            **kwargs,
        )


class NationalFollowUpView(FederationMixin, TemplateView):
    """What the administrator registers in Uppföljning Finsam for a year, from finsam's
    records; CSV and Excel exports of the same figures."""

    capability = HISTORY
    template_name = "reporting/national.html"

    def get(self, request, *args, **kwargs):
        export = request.GET.get("export")
        if export in ("csv", "xlsx"):
            return self.export(self.report(), export)
        return super().get(request, *args, **kwargs)

    def report(self):
        year = chosen_year(self.request)
        until = None
        try:
            until = date.fromisoformat(self.request.GET.get("until", ""))
        except ValueError:
            pass
        if until and (until.year != year or until.month == 12 and until.day == 31):
            until = None
        return national_follow_up(self.federation, year, until)

    def export(self, report, export_format):
        dataset = tablib.Dataset(headers=[_("Intervention"), _("Figure"), _("Value")])
        for row in national_figures(report):
            dataset.append(["" if value is None else value for value in row])
        content = dataset.export(export_format)
        response = HttpResponse(
            content,
            content_type="text/csv; charset=utf-8"
            if export_format == "csv"
            else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        name = f"{self.federation.slug}-uppfoljning-finsam-{report.year}.{export_format}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    def get_context_data(self, **kwargs):
        report = self.report()
        query = {"year": report.year, "until": report.until.isoformat()}
        return super().get_context_data(
            title=_("Uppföljning Finsam %(year)s") % {"year": report.year},
            report=report,
            query=urlencode(query),
            year=report.year,
            years=self.federation.years(),
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
            years=self.federation.years(),
            dashboard=dashboard(self.federation, year),
            **kwargs,
        )


def reported_year(request, federation, years_ahead=0):
    """The year asked for, if the federation's report of it can exist: none of a year that
    has not begun (a business plan may look two years ahead) nor of one before the founding."""
    year = chosen_year(request)
    if year > timezone.localdate().year + years_ahead:
        raise Http404(_("There is no report of a year that has not begun."))
    if year < federation.founded_on.year:
        raise Http404(_("There is no report of a year before the federation was founded."))
    return year


class AnnualReportMixin(FederationMixin):
    def report(self):
        return annual_report(self.federation, reported_year(self.request, self.federation))

    def adopted(self):
        return AdoptedReport.objects.filter(
            federation=self.federation, kind=AdoptedReport.Kind.ANNUAL, year=chosen_year(self.request)
        ).first()


class AnnualReportView(AnnualReportMixin, TemplateView):
    """The annual report on screen, from the same partial as its PDF."""

    template_name = "reporting/annual_report.html"

    def get_context_data(self, **kwargs):
        report = self.report()
        adopted = self.adopted()
        signing = signing_of(adopted) if adopted else None
        return super().get_context_data(
            title=_("Annual report %(year)s") % {"year": report.year},
            report=report,
            adopted=adopted,
            signing=signing,
            my_line=signing.line_of(self.request.user) if signing else None,
            adoption_form=AdoptionForm(),
            years=self.federation.years(),
            **kwargs,
        )


class SignAnnualReportView(AnnualReportMixin, View):
    """A board member signs the adopted report, having given the second factor in this
    session: who and when are kept, and a copy of the PDF that prints the signature."""

    def post(self, request, *args, **kwargs):
        year = chosen_year(request)
        url = reverse("reporting:annual", kwargs={"slug": self.federation.slug}) + f"?year={year}"
        if not request.user.is_verified():
            messages.info(request, _("Give the second factor first: a signature is given with it."))
            return redirect(second_factor_url(request.user, url))
        adopted = self.adopted()
        if adopted is None:
            messages.error(
                request, _("The annual report %(year)s is not adopted: there is nothing to sign yet.") % {"year": year}
            )
            return redirect(url)
        try:
            sign(adopted, request.user)
        except NotASignatory:
            messages.error(
                request,
                _(
                    "Only a member of the board of %(year)s signs its annual report, with the login the office has linked to them."
                )
                % {"year": year},
            )
        except AlreadySigned:
            messages.info(request, _("You have already signed the annual report %(year)s.") % {"year": year})
        else:
            messages.success(request, _("You have signed the annual report %(year)s.") % {"year": year})
        return redirect(url)


class AnnualReportPdfView(AnnualReportMixin, View):
    def get(self, request, *args, **kwargs):
        year = reported_year(request, self.federation)
        adopted = self.adopted()
        filename = annual_report_filename(self.federation, year)
        if not adopted:
            return draft_pdf_response(
                request, "annual", [self.federation.pk, year], filename, federations=[self.federation.pk], year=year
            )
        # the very bytes adopted, or the latest copy that prints the board's signatures
        response = HttpResponse(signed_pdf(adopted), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
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
        except Incomplete as incomplete:
            messages.error(
                request,
                _("The annual report %(year)s is not adopted: %(missing)s")
                % {"year": year, "missing": " ".join(incomplete.missing)},
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


class TextsClosedOnceAdoptedMixin:
    """The texts the office writes in a report are part of the copy the board adopted: once
    it is adopted, the form is closed and says why, so that nothing is saved that the kept
    report would not show."""

    def get(self, request, *args, **kwargs):
        return self.closed() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.closed() or super().post(request, *args, **kwargs)

    def closed(self):
        self.object = self.get_object()
        adopted = AdoptedReport.objects.filter(
            federation=self.federation, kind=self.report_kind, year=self.object.year
        ).first()
        if adopted is None:
            return None
        messages.info(
            self.request,
            _(
                "The board adopted the report on %(date)s (%(number)s) with its texts, which are kept as adopted and "
                "can no longer be changed. What has changed since belongs in the next report."
            )
            % {"date": adopted.adopted_on.isoformat(), "number": adopted.registry_number},
        )
        return redirect(self.get_success_url())


class AnnualReportTextView(TextsClosedOnceAdoptedMixin, FederationMixin, UpdateView):
    """The office writes the report's texts; the figures are computed."""

    report_kind = AdoptedReport.Kind.ANNUAL
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


def chosen_document(request):
    document = request.GET.get("document", "")
    return document if document in InterventionText.Document.values else InterventionText.Document.ANNUAL


class InterventionTextListView(FederationMixin, TemplateView):
    """Which interventions have their text for a document and year, in what status: for
    the office every intervention, for intervention staff their own."""

    capability = INTERVENTION_TEXTS
    template_name = "reporting/intervention_texts.html"

    def get_context_data(self, **kwargs):
        year, document = chosen_year(self.request), chosen_document(self.request)
        texts = InterventionText.objects.of_document(self.federation, document, year)
        rows = [
            (
                intervention,
                texts.get(intervention.pk),
                reverse(
                    "reporting:intervention-text",
                    kwargs={"slug": self.federation.slug, "document": document, "year": year, "pk": intervention.pk},
                ),
            )
            for intervention in writable_interventions(self.request.user, self.federation, year)
        ]
        return super().get_context_data(
            title=_("The interventions' texts"),
            year=year,
            document=document,
            documents=InterventionText.Document.choices,
            rows=rows,
            missing=sum(1 for _intervention, text, _url in rows if text is None),
            **kwargs,
        )


class InterventionTextView(TextsClosedOnceAdoptedMixin, FederationMixin, UpdateView):
    """One intervention's text for a document and year: a new year's starts as last year's,
    shown beside each section with what changed since."""

    capability = INTERVENTION_TEXTS
    model = InterventionText
    form_class = InterventionTextForm
    template_name = "reporting/intervention_text_form.html"

    @property
    def report_kind(self):
        return self.kwargs["document"]

    def get_object(self, queryset=None):
        if self.kwargs["document"] not in InterventionText.Document.values:
            raise Http404
        intervention = get_object_or_404(
            writable_interventions(self.request.user, self.federation, self.kwargs["year"]), pk=self.kwargs["pk"]
        )
        return text_for(self.federation, intervention, self.kwargs["document"], self.kwargs["year"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "can_approve": self.allows(EDIT)}

    def get_success_url(self):
        return (
            reverse("reporting:intervention-texts", kwargs={"slug": self.federation.slug})
            + "?"
            + urlencode({"year": self.object.year, "document": self.object.document})
        )

    def form_valid(self, form):
        messages.success(
            self.request, _("Saved the text of %(intervention)s.") % {"intervention": self.object.intervention}
        )
        return super().form_valid(form)

    def get_context_data(self, **kwargs):
        last_year = self.object.last_years()
        return super().get_context_data(
            title=_("%(intervention)s: %(document)s %(year)s")
            % {
                "intervention": self.object.intervention,
                "document": self.object.get_document_display(),
                "year": self.object.year,
            },
            last_year=last_year,
            sections=sections_beside_last_year(kwargs.get("form") or self.get_form(), last_year),
            list_url=self.get_success_url(),
            **kwargs,
        )


class DocumentMixin(FederationMixin):
    kind = None

    @property
    def document(self):
        return DOCUMENTS[self.kind]

    def year(self):
        return reported_year(self.request, self.federation, self.document.years_ahead)

    def document_url(self, year):
        return self.document.url("page", self.federation, year)


class DocumentView(DocumentMixin, TemplateView):
    """A report document (interim report, business plan) on screen: as adopted, or as a draft
    from today's figures with its adoption form."""

    template_name = "reporting/document.html"

    def get_context_data(self, **kwargs):
        document = self.document
        year = self.year()
        report = document.build(self.federation, year, self.request)
        period_end = report.period_end if document.has_periods else None
        return super().get_context_data(
            **document.context(report),
            title=document.title % {"year": report.year},
            pdf_url=document.url("pdf", self.federation, report.year, period_end),
            adopt_url=document.url("adopt", self.federation, report.year, period_end),
            texts_url=document.url("texts", self.federation, report.year),
            adopted=document.adopted(self.federation, year),
            adoption_form=AdoptionForm(),
            years=self.federation.years(ahead=2),
            **kwargs,
        )


class DocumentPdfView(DocumentMixin, View):
    def get(self, request, *args, **kwargs):
        document = self.document
        year = self.year()
        adopted = document.adopted(self.federation, year)
        filename = document.filename(self.federation, year)
        if not adopted:
            period = drawn_period(request, self.federation, year) if document.has_periods else ""
            return draft_pdf_response(
                request,
                self.kind,
                [self.federation.pk, year, period],
                filename,
                federations=[self.federation.pk],
                year=year,
            )
        response = HttpResponse(bytes(adopted.pdf), content_type="application/pdf")  # the very bytes adopted
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class DocumentAdoptView(DocumentMixin, View):
    """The office records that the board adopted the document: it is frozen from now on."""

    capability = EDIT

    def post(self, request, *args, **kwargs):
        year = self.year()
        form = AdoptionForm(request.POST)
        if not form.is_valid():
            for error in form.errors.values():
                messages.error(request, " ".join(error))
            return redirect(self.document_url(year))
        title = self.document.title % {"year": year}
        try:
            self.document.adopt(
                self.federation,
                year,
                form.cleaned_data["adopted_on"],
                form.cleaned_data["registry_number"],
                request.user,
                request,
                despite_checks=form.cleaned_data["despite_checks"],
            )
        except Incomplete as incomplete:
            messages.error(
                request,
                _("%(report)s is not adopted: %(missing)s")
                % {"report": title, "missing": " ".join(incomplete.missing)},
            )
        except ChecksDoNotPass:
            messages.error(
                request,
                _(
                    "%(report)s is not adopted: its checks fail. Put them right, or tick that the board adopts it anyway."
                )
                % {"report": title},
            )
        except AlreadyAdopted:
            messages.info(request, _("%(report)s is already adopted.") % {"report": title})
        else:
            messages.success(request, _("%(report)s is adopted and frozen.") % {"report": title})
        return redirect(self.document_url(year))


class DocumentTextView(TextsClosedOnceAdoptedMixin, DocumentMixin, UpdateView):
    """The office writes the document's texts; the figures are computed."""

    capability = EDIT
    template_name = "federations/registry_form.html"

    @property
    def report_kind(self):
        return self.kind

    def get_form_class(self):
        model = self.document.text_model
        fields = [field.name for field in model._meta.fields if isinstance(field, models.TextField)]
        return modelform_factory(model, form=VersionedModelForm, fields=fields)

    def get_object(self, queryset=None):
        model, year = self.document.text_model, self.year()
        return model.objects.filter(federation=self.federation, year=year).first() or model(
            federation=self.federation, year=year
        )

    def get_success_url(self):
        return self.document_url(self.object.year)

    def form_valid(self, form):
        messages.success(self.request, _("Saved the texts."))
        return super().form_valid(form)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=_("Texts of %(report)s") % {"report": self.document.title % {"year": self.object.year}},
            list_url=self.get_success_url(),
            **kwargs,
        )


class PastYearView(FederationMixin, TemplateView):
    """A past year's books put right: emptied to be loaded again, or the year reopened."""

    capability = EDIT
    template_name = "reporting/past_year.html"

    def fiscal_year(self):
        return get_object_or_404(FiscalYear.objects.of_federation(self.federation), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        fiscal_year = self.fiscal_year()
        return super().get_context_data(
            title=_("The books of %(year)s") % {"year": fiscal_year.year},
            state=past_year(fiscal_year),
            empty_form=kwargs.pop("empty_form", PastYearForm(initial={"action": "empty"})),
            reopen_form=kwargs.pop("reopen_form", PastYearForm(initial={"action": "reopen"})),
            list_url=reverse("federations:fiscalyear-list", kwargs={"slug": self.federation.slug}),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        fiscal_year = self.fiscal_year()
        form = PastYearForm(request.POST)
        if not form.is_valid():
            action = request.POST.get("action") if request.POST.get("action") in ("empty", "reopen") else "empty"
            return self.render_to_response(self.get_context_data(**{f"{action}_form": form}))
        remedy = empty_opening_load if form.cleaned_data["action"] == "empty" else reopen
        try:
            remedy(fiscal_year, form.cleaned_data["reason"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            done = (
                _("The books of %(year)s are removed; load them again.")
                if remedy is empty_opening_load
                else _("%(year)s is open again.")
            )
            messages.success(request, done % {"year": fiscal_year.year})
        return redirect(request.path)


SOCIOECONOMIC_MODELS = Registry(
    "socioeconomicmodel",
    SocioEconomicModel,
    tables.SocioEconomicModelTable,
    filters.SocioEconomicModelFilter,
    SocioEconomicModelForm,
    namespace="reporting",
)
