from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, FormView, TemplateView, UpdateView, View
from django_filters.views import FilterView

from finsam.exports import ExportMixin
from finsam.views import InlineFormsetsMixin, TableListMixin, chosen_year

from . import filters, forms, tables
from .board import board_of_year
from .history import changes_of, tracked_kinds
from .importers import BoardImporter
from .imports import ImportPreviewView, ImportView
from .models import (
    BoardSeat,
    DiaryEntry,
    Federation,
    FiscalYear,
    GoverningDocument,
    GroupMembership,
    ImportBatch,
    Meeting,
    MeetingCount,
    MemberOrganisation,
    Membership,
    Municipality,
    Person,
    StaffPost,
)
from .models.county import MunicipalityQuerySet
from .models.registers import GoverningDocumentQuerySet, MeetingQuerySet
from .permissions import EDIT, HISTORY, FederationMixin, role_allows
from .terms import start_new_term


class HomeView(TemplateView):
    template_name = "federations/home.html"

    def get(self, request, *args, **kwargs):
        from consultations.models import Consultation

        federations = list(
            Federation.objects.visible_to(request.user).with_role_of(request.user).select_related("county")
        )
        consultations = Consultation.objects.visible_to(request.user).select_related("county")[:5]
        if len(federations) == 1 and not consultations:
            return redirect(federations[0])
        return self.render_to_response(self.get_context_data(federations=federations, consultations=consultations))


class FederationDetailView(FederationMixin, TemplateView):
    template_name = "federations/federation_detail.html"

    def get_context_data(self, **kwargs):
        year = chosen_year(self.request)
        federation = self.federation
        return super().get_context_data(
            year=year,
            years=federation.years(ahead=1),
            board=board_of_year(federation, year),
            memberships=Membership.objects.of_federation(federation).current_in(year).select_related("organisation"),
            staff_posts=StaffPost.objects.of_federation(federation).current_in(year).select_related("person"),
            group_memberships=GroupMembership.objects.of_federation(federation)
            .current_in(year)
            .select_related("person", "representing"),
            fiscal_year=FiscalYear.objects.of_federation(federation).filter(year=year).first(),
            **kwargs,
        )


class FederationUpdateView(FederationMixin, UpdateView):
    capability = EDIT
    form_class = forms.FederationForm
    template_name = "federations/registry_form.html"

    def get_object(self, queryset=None):
        return self.federation

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=_("Edit %(name)s") % {"name": self.federation.name}, **kwargs)

    def form_valid(self, form):
        messages.success(self.request, _("Saved."))
        return super().form_valid(form)


@dataclass(frozen=True)
class Registry:
    """One kind of record kept per federation, with its list, filter and form."""

    name: str
    model: type
    table: type
    filterset: type
    form: type
    related: tuple = ()
    formset: type | None = None
    list_query: Callable | None = None  # a QuerySet method adding what the list shows, if any
    namespace: str = "federations"  # the app whose URLs hold the registry's pages
    prefetch: tuple = ()
    more_pages: tuple = ()  # (label, URL name) of the register's other pages, beside "Add"

    def url_name(self, page):
        return f"{self.namespace}:{self.name}-{page}"

    @property
    def title(self):
        return self.model._meta.verbose_name_plural.capitalize()

    def queryset(self, federation):
        return (
            self.model.objects.of_federation(federation).select_related(*self.related).prefetch_related(*self.prefetch)
        )

    def list_queryset(self, federation):
        queryset = self.queryset(federation)
        return self.list_query(queryset) if self.list_query else queryset


MEMBERSHIPS = Registry(
    "membership",
    Membership,
    tables.MembershipTable,
    filters.MembershipFilter,
    forms.MembershipForm,
    ("organisation",),
)

BOARD_SEATS = Registry(
    "boardseat",
    BoardSeat,
    tables.BoardSeatTable,
    filters.BoardSeatFilter,
    forms.BoardSeatForm,
    ("person", "appointed_by"),
    more_pages=(
        (gettext_lazy("Start a new term from the last"), "federations:boardseat-new-term"),
        (gettext_lazy("Import from a file"), "federations:board-import"),
    ),
)

GROUP_MEMBERSHIPS = Registry(
    "groupmembership",
    GroupMembership,
    tables.GroupMembershipTable,
    filters.GroupMembershipFilter,
    forms.GroupMembershipForm,
    ("person", "representing"),
)

STAFF_POSTS = Registry(
    "staffpost", StaffPost, tables.StaffPostTable, filters.StaffPostFilter, forms.StaffPostForm, ("person",)
)

FISCAL_YEARS = Registry(
    "fiscalyear", FiscalYear, tables.FiscalYearTable, filters.FiscalYearFilter, forms.FiscalYearForm
)

PEOPLE = Registry("person", Person, tables.PersonTable, filters.PersonFilter, forms.PersonForm, ("organisation",))

MEMBER_ORGANISATIONS = Registry(
    "memberorganisation",
    MemberOrganisation,
    tables.MemberOrganisationTable,
    filters.MemberOrganisationFilter,
    forms.MemberOrganisationForm,
    ("municipality",),
)

MUNICIPALITIES = Registry(
    "municipality",
    Municipality,
    tables.MunicipalityTable,
    filters.MunicipalityFilter,
    forms.MunicipalityForm,
    formset=forms.PopulationFormSet,
    list_query=MunicipalityQuerySet.with_latest_population,
)

DIARY = Registry("diaryentry", DiaryEntry, tables.DiaryEntryTable, filters.DiaryEntryFilter, forms.DiaryEntryForm)

MEETINGS = Registry(
    "meeting",
    Meeting,
    tables.MeetingTable,
    filters.MeetingFilter,
    forms.MeetingForm,
    formset=forms.MeetingDecisionFormSet,
    list_query=MeetingQuerySet.for_list,
)

GOVERNING_DOCUMENTS = Registry(
    "governingdocument",
    GoverningDocument,
    tables.GoverningDocumentTable,
    filters.GoverningDocumentFilter,
    forms.GoverningDocumentForm,
    list_query=GoverningDocumentQuerySet.without_files,
)

MEETING_COUNTS = Registry(
    "meetingcount",
    MeetingCount,
    tables.MeetingCountTable,
    filters.MeetingCountFilter,
    forms.MeetingCountForm,
)

# The registers in the order the federation's navigation lists them.
REGISTRIES = [
    MEMBERSHIPS,
    BOARD_SEATS,
    GROUP_MEMBERSHIPS,
    STAFF_POSTS,
    FISCAL_YEARS,
    PEOPLE,
    MEMBER_ORGANISATIONS,
    MUNICIPALITIES,
    DIARY,
    MEETINGS,
    MEETING_COUNTS,
    GOVERNING_DOCUMENTS,
]


class StoredPdfView(FederationMixin, View):
    """A PDF kept in the database — a governing document's adopted file, a meeting's
    minutes —, for the federation's roles that may read it."""

    model = None
    content_field = "content"

    def get(self, request, *args, **kwargs):
        queryset = self.model.objects.of_federation(self.federation).exclude(**{self.content_field: b""})
        record = get_object_or_404(queryset, pk=kwargs["pk"])
        response = HttpResponse(bytes(getattr(record, self.content_field)), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{slugify(str(record))}.pdf"'
        return response


class RegistryListView(FederationMixin, ExportMixin, TableListMixin, FilterView):
    registry = None
    template_name = "list.html"

    def get_queryset(self):
        return self.registry.list_queryset(self.federation)

    def get_filterset_class(self):
        return self.registry.filterset

    def get_table_class(self):
        return self.registry.table

    def get_table_kwargs(self):
        return {"federation": self.federation, "can_edit": role_allows(self.federation.user_role, EDIT)}

    def get_export_filename(self, export_format):
        return f"{self.federation.slug}-{self.registry.name}.{export_format}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=self.registry.title,
            can_create=self.allows(EDIT),
            create_url=reverse(self.registry.url_name("new"), kwargs={"slug": self.federation.slug}),
            more_pages=[
                (label, reverse(name, kwargs={"slug": self.federation.slug}))
                for label, name in self.registry.more_pages
            ],
            **kwargs,
        )


class RegistryFormMixin(InlineFormsetsMixin, FederationMixin):
    """Create or edit a record of the federation, with its inline rows if it has any,
    saving all of it or nothing."""

    capability = EDIT
    registry = None
    template_name = "federations/registry_form.html"

    def get_queryset(self):
        return self.registry.queryset(self.federation)

    def get_form_class(self):
        return self.registry.form

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "federation": self.federation}

    def get_formsets(self):
        if not self.registry.formset:
            return []
        scope = {"federation": self.federation} if getattr(self.registry.formset, "scoped", False) else {}
        formset = self.registry.formset(self.bound_data(), instance=self.object or self.registry.model(), **scope)
        formset.title = self.registry.formset.model._meta.verbose_name_plural.capitalize()
        return [formset]

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=self.title(), list_url=self.get_success_url(), **kwargs)

    def get_success_url(self):
        return reverse(self.registry.url_name("list"), kwargs={"slug": self.federation.slug})


class RegistryCreateView(RegistryFormMixin, CreateView):
    def title(self):
        return _("New %(kind)s") % {"kind": self.registry.model._meta.verbose_name}


class RegistryUpdateView(RegistryFormMixin, UpdateView):
    def title(self):
        return _("Edit %(record)s") % {"record": self.object}


class HistoryView(FederationMixin, ExportMixin, TableListMixin, TemplateView):
    """Who changed what and when, for office staff and auditors."""

    capability = HISTORY
    template_name = "federations/history.html"
    table_class = tables.ChangeTable

    def chosen_kinds(self):
        known = {name for name, _ in tracked_kinds()}
        return [kind for kind in self.request.GET.getlist("kind") if kind in known]

    def get_table_data(self):
        return changes_of(self.federation, self.chosen_kinds())

    def get_export_filename(self, export_format):
        return f"{self.federation.slug}-history.{export_format}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=_("History of changes"), kinds=tracked_kinds(), chosen=self.chosen_kinds(), **kwargs
        )


class NewTermView(FederationMixin, FormView):
    """The board of a new term, started as a copy of the last one."""

    capability = EDIT
    form_class = forms.NewTermForm
    template_name = "federations/new_term.html"

    def form_valid(self, form):
        try:
            seats = start_new_term(self.federation, form.cleaned_data["starts_on"], form.cleaned_data["ends_on"])
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(count)s seats were taken into the term from %(date)s. Change those that changed.")
            % {"count": len(seats), "date": form.cleaned_data["starts_on"].isoformat()},
        )
        url = reverse(BOARD_SEATS.url_name("list"), kwargs={"slug": self.federation.slug})
        return redirect(f"{url}?year={form.cleaned_data['starts_on'].year}")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=_("A new term's board"),
            seats=BoardSeat.objects.of_federation(self.federation)
            .current_in(timezone.localdate().year)
            .select_related("person", "appointed_by"),
            list_url=reverse(BOARD_SEATS.url_name("list"), kwargs={"slug": self.federation.slug}),
            **kwargs,
        )


class BoardImportMixin:
    importer_class = BoardImporter
    kind = ImportBatch.Kind.BOARD
    url_names = {
        "upload": "federations:board-import",
        "preview": "federations:board-import-preview",
        "done": "federations:boardseat-list",
    }
    title = gettext_lazy("Import the board, groups and people")
    example = "import/board-example.csv"
    help = gettext_lazy(
        "Upload one row for each board seat or place in the working committee or the preparatory group. "
        "A person is found by name in the county, or added. Every row is checked by the rules of the "
        "registers, and against the rows above it; nothing is saved until every row is right and you "
        "confirm. Importing the same file again changes nothing."
    )


class BoardImportView(BoardImportMixin, ImportView):
    pass


class BoardImportPreviewView(BoardImportMixin, ImportPreviewView):
    pass
