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


class DiaryEntryFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("Year"))
    kind = django_filters.ChoiceFilter(choices=DiaryEntry.Kind.choices, label=_("Kind"))
    text = django_filters.CharFilter(label=_("Number or text"), method="filter_text")

    class Meta:
        model = DiaryEntry
        fields = ["year", "kind", "text"]

    def filter_text(self, queryset, name, value):
        """ "2025:07" (or "Dnr 2025:7") finds that number; other text the title or counterpart."""
        number = parse_registry_number(value)
        if number:
            return queryset.filter(year=number[0], number=number[1])
        return queryset.filter(Q(title__icontains=value) | Q(counterpart__icontains=value))


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

    def filter_text(self, queryset, name, value):
        """ "2025:07" finds the meeting that decided under that number; other text the
        place, the agenda or a decision's matter."""
        number = parse_registry_number(value)
        if number:
            return queryset.filter(
                decisions__diary_entry__year=number[0], decisions__diary_entry__number=number[1]
            ).distinct()
        matching = Meeting.objects.filter(decisions__title__icontains=value).values("pk")
        return queryset.filter(Q(place__icontains=value) | Q(agenda__icontains=value) | Q(pk__in=matching))
