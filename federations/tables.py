from datetime import date

import django_tables2 as tables
from django.db import models
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_tables2.columns import library

from .models import (
    BoardSeat,
    DiaryEntry,
    FiscalYear,
    GoverningDocument,
    GroupMembership,
    Meeting,
    MeetingCount,
    MemberOrganisation,
    Membership,
    Municipality,
    Person,
    StaffPost,
)
from .permissions import MINUTES, role_allows
from .templatetags.finsam_format import group_digits


@library.register
class DateColumn(tables.Column):
    """A date as the ``date`` filter writes it, ISO in exports. django-tables2's own
    DateColumn compiles a template for each cell: a third of a 50-row list's rendering.
    Registered, so a table's date fields get this one too."""

    def __init__(self, *args, format="SHORT_DATE_FORMAT", **kwargs):
        self.format = format
        super().__init__(*args, **kwargs)

    @classmethod
    def from_field(cls, field, **kwargs):
        if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
            return cls(**kwargs)

    def render(self, value):
        return date_format(value, self.format)

    def value(self, value):
        return value.isoformat() if isinstance(value, date) else value


class NumberColumn(tables.Column):
    """Right-aligned, grouped Swedish style on screen, the plain number in exports."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("attrs", {"td": {"class": "number"}, "th": {"class": "number"}})
        super().__init__(*args, **kwargs)

    def render(self, value):
        return group_digits(value)

    def value(self, value):
        return value


class RegistryTable(tables.Table):
    """A list of one kind of record of a federation, with an edit link for office staff."""

    edit_url_name = None

    edit = tables.Column(
        empty_values=(),
        orderable=False,
        verbose_name=_("Actions"),
        exclude_from_export=True,
    )

    def __init__(self, *args, federation, can_edit, **kwargs):
        super().__init__(*args, **kwargs)
        self.federation = federation
        if not can_edit:
            self.columns.hide("edit")

    def render_edit(self, record):
        url = reverse(self.edit_url_name, kwargs={"slug": self.federation.slug, "pk": record.pk})
        return format_html('<a href="{}">{}</a>', url, _("Edit"))


class PeriodColumnsMixin(tables.Table):
    starts_on = DateColumn(verbose_name=_("from"))
    ends_on = DateColumn(verbose_name=_("until"))


class MembershipTable(PeriodColumnsMixin, RegistryTable):
    edit_url_name = "federations:membership-edit"
    organisation = tables.Column(order_by=("organisation__name",))
    kind = tables.Column(
        accessor="organisation__get_kind_display", verbose_name=_("kind"), order_by=("organisation__kind",)
    )

    class Meta:
        model = Membership
        fields = ["organisation", "kind", "starts_on", "ends_on"]


class BoardSeatTable(PeriodColumnsMixin, RegistryTable):
    edit_url_name = "federations:boardseat-edit"
    person = tables.Column(order_by=("person__name",))
    appointed_by = tables.Column(order_by=("appointed_by__name",))

    class Meta:
        model = BoardSeat
        fields = ["person", "kind", "office", "appointed_by", "starts_on", "ends_on"]


class GroupMembershipTable(PeriodColumnsMixin, RegistryTable):
    edit_url_name = "federations:groupmembership-edit"
    person = tables.Column(order_by=("person__name",))
    representing = tables.Column(order_by=("representing__name",))

    class Meta:
        model = GroupMembership
        fields = ["group", "person", "representing", "is_deputy", "role", "starts_on", "ends_on"]


class StaffPostTable(PeriodColumnsMixin, RegistryTable):
    edit_url_name = "federations:staffpost-edit"
    person = tables.Column(order_by=("person__name",))
    share_percent = NumberColumn()

    class Meta:
        model = StaffPost
        fields = ["person", "title", "share_percent", "note", "starts_on", "ends_on"]


class FiscalYearTable(RegistryTable):
    edit_url_name = "federations:fiscalyear-edit"
    adopted_on = DateColumn()
    opening_load_at = tables.DateTimeColumn(format="Y-m-d H:i")
    books = tables.Column(empty_values=(), orderable=False, verbose_name=_("Books"), exclude_from_export=True)

    class Meta:
        model = FiscalYear
        fields = ["year", "status", "adopted_on", "employees", "opening_load_at"]

    def __init__(self, *args, can_edit, **kwargs):
        super().__init__(*args, can_edit=can_edit, **kwargs)
        if not can_edit:
            self.columns.hide("books")

    def render_books(self, record):
        """A closed year's books put right: emptied and loaded again, or the year reopened."""
        if record.status == FiscalYear.Status.OPEN:
            return "—"
        url = reverse("reporting:past-year", kwargs={"slug": self.federation.slug, "pk": record.pk})
        return format_html('<a href="{}">{}</a>', url, _("Empty or reopen"))


class PersonTable(RegistryTable):
    edit_url_name = "federations:person-edit"
    organisation = tables.Column(order_by=("organisation__name",))

    class Meta:
        model = Person
        fields = ["name", "title", "organisation", "email"]


class MemberOrganisationTable(RegistryTable):
    edit_url_name = "federations:memberorganisation-edit"
    municipality = tables.Column(order_by=("municipality__name",))

    class Meta:
        model = MemberOrganisation
        fields = ["name", "short_name", "kind", "municipality"]


class MunicipalityTable(RegistryTable):
    edit_url_name = "federations:municipality-edit"
    latest_population_year = tables.Column(verbose_name=_("population year"))
    latest_population = NumberColumn(verbose_name=_("inhabitants"))

    class Meta:
        model = Municipality
        fields = ["name", "code", "latest_population_year", "latest_population"]


class ChangeTable(tables.Table):
    """One row per recorded change; rows are dicts from ``history.changes_of``."""

    ACTIONS = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}

    history_date = tables.DateTimeColumn(verbose_name=_("when"), format="Y-m-d H:i")
    history_user__username = tables.Column(verbose_name=_("who"), default=_("system"))
    history_type = tables.Column(verbose_name=_("what"))
    record_kind = tables.Column(verbose_name=_("kind of record"))
    record_label = tables.Column(verbose_name=_("record"))
    history_change_reason = tables.Column(verbose_name=_("reason"), default="")

    class Meta:
        orderable = False

    def render_history_type(self, value):
        return self.ACTIONS.get(value, value)

    def value_history_type(self, value):
        return self.ACTIONS.get(value, value)


class DiaryEntryTable(RegistryTable):
    edit_url_name = "federations:diaryentry-edit"
    registry_number = tables.Column(verbose_name=_("registry number"), order_by=("year", "number"))
    registered_on = DateColumn()

    class Meta:
        model = DiaryEntry
        fields = ["registry_number", "registered_on", "kind", "title", "counterpart"]


class GoverningDocumentTable(RegistryTable):
    edit_url_name = "federations:governingdocument-edit"
    adopted_on = DateColumn()
    next_review_on = DateColumn()
    filename = tables.Column(verbose_name=_("File"), orderable=False)

    class Meta:
        model = GoverningDocument
        fields = ["kind", "title", "adopted_on", "next_review_on", "filename"]

    def render_filename(self, record, value):
        url = reverse("federations:governingdocument-file", kwargs={"slug": self.federation.slug, "pk": record.pk})
        return format_html('<a href="{}" download>{}</a>', url, value)

    def value_filename(self, value):
        return value


class MeetingTable(RegistryTable):
    edit_url_name = "federations:meeting-edit"
    held_on = DateColumn()
    attendee_count = NumberColumn(verbose_name=_("Attended"))
    decision_count = NumberColumn(verbose_name=_("Decisions (§)"))
    minutes_filename = tables.Column(verbose_name=_("Minutes"), orderable=False)

    class Meta:
        model = Meeting
        fields = ["held_on", "body", "place", "attendee_count", "decision_count", "minutes_filename"]

    def render_minutes_filename(self, record, value):
        """A link to the minutes for those who may read them; the others see that they exist."""
        if not role_allows(self.federation.user_role, MINUTES):
            return _("Kept")
        url = reverse("federations:meeting-minutes", kwargs={"slug": self.federation.slug, "pk": record.pk})
        return format_html('<a href="{}" download>{}</a>', url, value)

    def value_minutes_filename(self, value):
        return value


class MeetingCountTable(RegistryTable):
    edit_url_name = "federations:meetingcount-edit"
    count = NumberColumn(verbose_name=_("Meetings"))

    class Meta:
        model = MeetingCount
        fields = ["year", "body", "count", "note"]
