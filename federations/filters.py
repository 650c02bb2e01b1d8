import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .diary import parse_registry_number
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


def organisations_of_request_federation(request):
    return MemberOrganisation.objects.of_federation(request.federation)


class PeriodFilterSet(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("Current in year"), method="filter_year")

    def filter_year(self, queryset, name, value):
        return queryset.current_in(int(value))


class MembershipFilter(PeriodFilterSet):
    kind = django_filters.ChoiceFilter(
        field_name="organisation__kind", choices=MemberOrganisation.Kind.choices, label=_("Kind")
    )

    class Meta:
        model = Membership
        fields = ["kind", "year"]


class BoardSeatFilter(PeriodFilterSet):
    appointed_by = django_filters.ModelChoiceFilter(
        queryset=organisations_of_request_federation, label=_("Appointed by")
    )

    class Meta:
        model = BoardSeat
        fields = ["year", "kind", "office", "appointed_by"]


class GroupMembershipFilter(PeriodFilterSet):
    class Meta:
        model = GroupMembership
        fields = ["year", "group", "is_deputy"]


class StaffPostFilter(PeriodFilterSet):
    class Meta:
        model = StaffPost
        fields = ["year", "title"]


class FiscalYearFilter(django_filters.FilterSet):
    class Meta:
        model = FiscalYear
        fields = ["status"]


class PersonFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(lookup_expr="icontains", label=_("Name contains"))
    organisation = django_filters.ModelChoiceFilter(
        queryset=organisations_of_request_federation, label=_("Organisation")
    )

    class Meta:
        model = Person
        fields = ["name", "organisation"]


class MemberOrganisationFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(lookup_expr="icontains", label=_("Name contains"))

    class Meta:
        model = MemberOrganisation
        fields = ["kind", "name"]


class MunicipalityFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(lookup_expr="icontains", label=_("Name contains"))

    class Meta:
        model = Municipality
        fields = ["name"]


def registry_number_or_text(number_path, fields):
    """A filter method for a register: "2025:07" (or "Dnr 2025:7") finds the records under
    that registry number — ``number_path`` leads from a record to its diary entry ("" for
    the diary itself) —; other text is looked for in ``fields``. A record is listed once,
    however many of its rows match."""

    def filter_text(self, queryset, name, value):
        number = parse_registry_number(value)
        if number:
            query = Q(**{f"{number_path}year": number[0], f"{number_path}number": number[1]})
        else:
            query = Q()
            for field in fields:
                query |= Q(**{f"{field}__icontains": value})
        return queryset.filter(pk__in=queryset.model.objects.filter(query).values("pk"))

    return filter_text


class DiaryEntryFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("Year"))
    kind = django_filters.ChoiceFilter(choices=DiaryEntry.Kind.choices, label=_("Kind"))
    text = django_filters.CharFilter(label=_("Number or text"), method="filter_text")

    class Meta:
        model = DiaryEntry
        fields = ["year", "kind", "text"]

    filter_text = registry_number_or_text("", ["title", "counterpart"])


class GoverningDocumentFilter(django_filters.FilterSet):
    class Meta:
        model = GoverningDocument
        fields = ["kind"]


class MeetingFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(field_name="held_on", lookup_expr="year", label=_("Year"))
    body = django_filters.ChoiceFilter(choices=Meeting.Body.choices, label=_("Body"))
    text = django_filters.CharFilter(label=_("Registry number or text"), method="filter_text")

    class Meta:
        model = Meeting
        fields = ["year", "body", "text"]

    filter_text = registry_number_or_text("decisions__diary_entry__", ["place", "agenda", "decisions__title"])


class MeetingCountFilter(django_filters.FilterSet):
    body = django_filters.ChoiceFilter(choices=Meeting.Body.choices, label=_("Body"))

    class Meta:
        model = MeetingCount
        fields = ["year", "body"]
