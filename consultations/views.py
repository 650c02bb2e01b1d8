from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import CreateView, DetailView, TemplateView, UpdateView

from access.links import invite_county_reader
from access.models import AccessLink
from access.views import ISSUED, keep_issued
from federations.models import Federation
from finsam.views import InlineFormsetsMixin
from reporting.drafts import draft_pdf_response

from .access import (
    get_consultation_for_user,
    get_county_for_user,
    keepable_federations,
    may_keep_rotation,
    may_manage_readers,
)
from .checklist import deck_checklist
from .deck import deck_filename, member_consultation_deck
from .forms import (
    STANDARD_AGENDA,
    AgendaFormSet,
    ConsultationForm,
    PositionFormSet,
    ReaderInvitationForm,
    RotationFormSet,
)
from .models import Consultation, ConvenerTerm, CountyRole
from .readers import end_county_reader


class CountyMixin:
    """For views under ``/c/<county>/``: the county for the user, or 404."""

    def dispatch(self, request, *args, **kwargs):
        self.county = get_county_for_user(request.user, kwargs["county"])
        self.check_access()
        return super().dispatch(request, *args, **kwargs)

    def check_access(self):
        """Raise PermissionDenied when the user may not use this page of the county."""

    def get_context_data(self, **kwargs):
        kwargs["county"] = self.county  # the object, not the slug of the URL
        # The way back to the user's own federations of the county.
        kwargs["own_federations"] = Federation.objects.visible_to(self.request.user).filter(county=self.county)
        return super().get_context_data(**kwargs)


class ConsultationMixin(CountyMixin):
    edit = False

    def get_object(self, queryset=None):
        return get_consultation_for_user(self.request.user, self.county, self.kwargs["pk"], edit=self.edit)


class ConsultationListView(CountyMixin, TemplateView):
    template_name = "consultations/consultation_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        visible = Consultation.objects.visible_to(user).filter(county=self.county)
        return super().get_context_data(
            title=_("Member consultations, %(county)s") % {"county": self.county},
            consultations=visible.select_related("convener__convener", "convener__co_convener").prefetch_related(
                "federations"
            ),
            rotation=ConvenerTerm.objects.filter(county=self.county).select_related("convener", "co_convener"),
            can_create=keepable_federations(user, self.county).exists(),
            can_keep_rotation=may_keep_rotation(user, self.county),
            can_manage_readers=may_manage_readers(user, self.county),
            **kwargs,
        )


class ConsultationDetailView(ConsultationMixin, DetailView):
    template_name = "consultations/consultation_detail.html"

    def get_context_data(self, **kwargs):
        consultation = self.object
        return super().get_context_data(
            title=str(consultation),
            can_edit=Consultation.objects.editable_by(self.request.user).filter(pk=consultation.pk).exists(),
            previous=consultation.previous(),
            checklist=deck_checklist(member_consultation_deck(consultation)),
            **kwargs,
        )


class ConsultationFormMixin(InlineFormsetsMixin):
    model = Consultation
    form_class = ConsultationForm
    template_name = "consultations/consultation_form.html"

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {
            "county": self.county,
            "keepable_federations": list(keepable_federations(self.request.user, self.county)),
        }

    def get_formsets(self):
        instance = self.object or Consultation(county=self.county)
        agenda = AgendaFormSet(self.bound_data(), instance=instance, prefix="agenda", **self.agenda_initial())
        agenda.title = _("Agenda")
        positions = PositionFormSet(self.bound_data(), instance=instance, prefix="positions")
        positions.title = _("Positions")
        return [agenda, positions]

    def agenda_initial(self):
        return {}

    def get_success_url(self):
        return reverse("consultations:detail", kwargs={"county": self.county.slug, "pk": self.object.pk})

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            list_url=reverse("consultations:list", kwargs={"county": self.county.slug}), **kwargs
        )


class ConsultationCreateView(CountyMixin, ConsultationFormMixin, CreateView):
    def check_access(self):
        if not keepable_federations(self.request.user, self.county).exists():
            raise PermissionDenied

    def agenda_initial(self):
        """A new consultation starts from the usual agenda. Not on POST: a row left as
        it was offered would count as unchanged there, and be dropped."""
        if self.request.method == "POST":
            return {}
        return {"initial": [{"position": n, "title": str(title)} for n, title in enumerate(STANDARD_AGENDA, start=1)]}

    def get_formsets(self):
        formsets = super().get_formsets()
        formsets[0].extra = len(STANDARD_AGENDA) + 1
        return formsets

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=_("New member consultation"), **kwargs)


class ConsultationUpdateView(ConsultationMixin, ConsultationFormMixin, UpdateView):
    edit = True

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=_("Edit %(record)s") % {"record": self.object}, **kwargs)


class DeckView(ConsultationMixin, DetailView):
    """The deck as slides in the browser: one slide a screen, arrow keys and a counter."""

    template_name = "consultations/deck.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(deck=member_consultation_deck(self.object), **kwargs)


class DeckPdfView(ConsultationMixin, View):
    def get(self, request, *args, **kwargs):
        consultation = self.get_object()
        return draft_pdf_response(
            request,
            "deck",
            [consultation.pk],
            deck_filename(consultation),
            federations=consultation.federations.values_list("pk", flat=True),  # those the deck covers
            year=consultation.year,
        )


class RotationView(CountyMixin, TemplateView):
    """The convener rotation, kept by those who are office staff of every federation of
    the county."""

    template_name = "consultations/rotation_form.html"

    def check_access(self):
        if not may_keep_rotation(self.request.user, self.county):
            raise PermissionDenied

    def formset(self):
        data = self.request.POST if self.request.method == "POST" else None
        return RotationFormSet(data, county=self.county, prefix="terms")

    def get_context_data(self, **kwargs):
        kwargs.setdefault("formset", self.formset())
        return super().get_context_data(
            title=_("Convener rotation, %(county)s") % {"county": self.county},
            list_url=reverse("consultations:list", kwargs={"county": self.county.slug}),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        formset = self.formset()
        if not formset.is_valid():
            return self.render_to_response(self.get_context_data(formset=formset))
        with transaction.atomic():
            formset.save()
        messages.success(request, _("Saved the convener rotation."))
        return redirect("consultations:list", county=self.county.slug)


class ReadersMixin(CountyMixin):
    def check_access(self):
        if not may_manage_readers(self.request.user, self.county):
            raise PermissionDenied


class ReadersView(ReadersMixin, TemplateView):
    """The readers of the county's consultations, and a one-time link for a new one, shown
    once (no e-mail is sent)."""

    template_name = "consultations/readers.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=_("Readers of the member consultations, %(county)s") % {"county": self.county},
            readers=CountyRole.objects.filter(county=self.county, kind=CountyRole.Kind.READER)
            .select_related("user")
            .order_by("user__username"),
            links=AccessLink.objects.filter(county=self.county).open().select_related("created_by"),
            form=kwargs.pop("form", ReaderInvitationForm()),
            issued=self.request.session.pop(ISSUED, None),
            list_url=reverse("consultations:list", kwargs={"county": self.county.slug}),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = ReaderInvitationForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        _link, token = invite_county_reader(self.county, request.user, form.cleaned_data["name"])
        keep_issued(request, token, _("Invitation for %(name)s") % form.cleaned_data)
        return redirect("consultations:readers", county=self.county.slug)


class EndReaderView(ReadersMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        role = get_object_or_404(
            CountyRole.objects.filter(county=self.county, kind=CountyRole.Kind.READER), pk=kwargs["pk"]
        )
        end_county_reader(role, request.user)
        messages.success(request, _("%(user)s no longer reads the member consultations.") % {"user": role.user})
        return redirect("consultations:readers", county=self.county.slug)
