import django_filters
from django.db.models import F, Q
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from federations.filters import registry_number_or_text
from federations.models import MemberOrganisation, Municipality

from .models import (
    Application,
    Deviation,
    EndReason,
    Gender,
    GrantDecision,
    Intervention,
    Participant,
    Referral,
    Registration,
    StructuralEvent,
    SupplementaryQuestion,
)

AGE_BANDS = {
    "16-19": (16, 19),
    "20-24": (20, 24),
    "25-29": (25, 29),
    "30-49": (30, 49),
    "50-64": (50, 64),
    "18-29": (18, 29),
}
AGE_BAND_CHOICES = [(key, f"{low}–{high}") for key, (low, high) in AGE_BANDS.items() if key != "18-29"] + [
    ("18-29", _("Young adults 18–29"))
]


def interventions_of_request(request):
    return Intervention.objects.visible_to(request.user, request.federation)


def municipalities_of_request(request):
    return Municipality.objects.of_members(request.federation)


def members_of_request_federation(request):
    return MemberOrganisation.objects.of_members(request.federation)


class InterventionFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(lookup_expr="icontains", label=_("Name contains"))

    class Meta:
        model = Intervention
        fields = ["name", "kind", "status"]


class ParticipantFilter(django_filters.FilterSet):
    # A search by code matching at most this many participants reads their ids first.
    FEW_MATCHES = 500

    code = django_filters.CharFilter(label=_("Code contains"), method="filter_code")
    intervention = django_filters.ModelChoiceFilter(queryset=interventions_of_request, label=_("Intervention"))
    year = django_filters.NumberFilter(label=_("Active in year"), method="filter_year")
    gender = django_filters.ChoiceFilter(choices=Gender.choices, label=_("Gender"))
    registration = django_filters.ChoiceFilter(choices=Registration.choices, label=_("Registration"))
    age_band = django_filters.ChoiceFilter(
        choices=AGE_BAND_CHOICES, label=_("Age at enrolment"), method="filter_age_band"
    )
    status = django_filters.ChoiceFilter(
        choices=[("active", _("Active")), ("ended", _("Ended"))], label=_("Status"), method="filter_status"
    )
    end_reason = django_filters.ChoiceFilter(choices=EndReason.choices, label=_("End reason"))
    municipality = django_filters.ModelChoiceFilter(queryset=municipalities_of_request, label=_("Municipality"))

    class Meta:
        model = Participant
        fields = [
            "code",
            "intervention",
            "year",
            "gender",
            "registration",
            "age_band",
            "status",
            "end_reason",
            "municipality",
        ]

    def filter_code(self, queryset, name, value):
        """Code contains ``value``. The database cannot tell how few codes contain "0012"
        (118 of a federation's 73 000): it guesses thousands and walks the list's index
        in order to find the first 50, through every row (230 ms). Given the few ids, it
        sorts just those (5 ms); a search matching many keeps the plain condition."""
        matching = queryset.filter(code__icontains=value)
        ids = list(matching.values_list("pk", flat=True)[: self.FEW_MATCHES + 1])
        return queryset.filter(pk__in=ids) if len(ids) <= self.FEW_MATCHES else matching

    def filter_year(self, queryset, name, value):
        return queryset.active_in(int(value))

    def filter_age_band(self, queryset, name, value):
        low, high = AGE_BANDS[value]
        return queryset.annotate(age_at_enrolment=ExtractYear("enrolled_on") - F("birth_year")).filter(
            age_at_enrolment__gte=low, age_at_enrolment__lte=high
        )

    def filter_status(self, queryset, name, value):
        return queryset.filter(ended_on__isnull=(value == "active"))


class DeviationFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(field_name="occurred_on", lookup_expr="year", label=_("Year"))
    status = django_filters.ChoiceFilter(choices=Deviation.Status.choices, label=_("Status"))
    member = django_filters.ModelChoiceFilter(
        field_name="members", queryset=members_of_request_federation, label=_("Member involved")
    )
    text = django_filters.CharFilter(label=_("Text contains"), method="filter_text")

    class Meta:
        model = Deviation
        fields = ["year", "status", "member", "text"]

    def filter_text(self, queryset, name, value):
        return queryset.filter(
            Q(description__icontains=value) | Q(handling__icontains=value) | Q(outcome__icontains=value)
        )


class ApplicationFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(field_name="received_on", lookup_expr="year", label=_("Year"))
    recommendation = django_filters.ChoiceFilter(choices=Application.Recommendation.choices, label=_("Recommendation"))
    applicant = django_filters.ModelChoiceFilter(
        field_name="applicants", queryset=members_of_request_federation, label=_("Applying member")
    )
    text = django_filters.CharFilter(label=_("Registry number or text"), method="filter_text")

    class Meta:
        model = Application
        fields = ["year", "recommendation", "applicant", "text"]

    filter_text = registry_number_or_text("diary_entry__", ["title", "after_project", "recommendation_text"])


class GrantDecisionFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(field_name="decided_on", lookup_expr="year", label=_("Year"))
    kind = django_filters.ChoiceFilter(choices=GrantDecision.Kind.choices, label=_("Kind"))
    outcome = django_filters.ChoiceFilter(choices=GrantDecision.Outcome.choices, label=_("Outcome"))
    text = django_filters.CharFilter(label=_("Registry number or text"), method="filter_text")

    class Meta:
        model = GrantDecision
        fields = ["year", "kind", "outcome", "text"]

    filter_text = registry_number_or_text("diary_entry__", ["application__title", "text", "conditions"])


def structural_of_request_federation(request):
    """The structural interventions of the page's federation, for a filter's choices."""
    if request is None:
        return Intervention.objects.none()
    return Intervention.objects.of_federation(request.federation).filter(kind=Intervention.Kind.STRUCTURAL)


class StructuralEventFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(field_name="held_on", lookup_expr="year", label=_("Year"))
    kind = django_filters.ChoiceFilter(choices=StructuralEvent.Kind.choices, label=_("Kind"))
    intervention = django_filters.ModelChoiceFilter(queryset=structural_of_request_federation, label=_("Intervention"))

    class Meta:
        model = StructuralEvent
        fields = ["year", "kind", "intervention"]


def individual_of_request_federation(request):
    """The individual interventions of the page's federation, for a filter's choices."""
    if request is None:
        return Intervention.objects.none()
    return Intervention.objects.of_federation(request.federation).individual()


class ReferralFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(
        choices=[("waiting", _("Waiting")), ("closed", _("Left the waiting list"))],
        method="filter_state",
        label=_("State"),
    )
    intervention = django_filters.ModelChoiceFilter(queryset=individual_of_request_federation, label=_("Intervention"))
    year = django_filters.NumberFilter(field_name="referred_on", lookup_expr="year", label=_("Year referred"))

    class Meta:
        model = Referral
        fields = ["state", "intervention", "year"]

    def filter_state(self, queryset, name, value):
        return queryset.filter(closed_on__isnull=value == "waiting")


class SupplementaryQuestionFilter(django_filters.FilterSet):
    asked_at = django_filters.ChoiceFilter(choices=SupplementaryQuestion.Moment.choices, label=_("Asked"))

    class Meta:
        model = SupplementaryQuestion
        fields = ["asked_at"]
