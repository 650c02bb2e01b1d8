from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from federations.diary import register
from federations.forms import DateInput, FederationScopedForm
from federations.models import DiaryEntry, Federation, MeetingDecision, MemberOrganisation, Municipality, Role
from finsam.forms import PlainEmptyChoice
from finsam.locking import VersionedModelForm

from .decisions import apply_decisions
from .models import (
    Application,
    Deviation,
    EndClass,
    ExternalFunding,
    Funding,
    Goal,
    GoalAssessment,
    GrantDecision,
    Intervention,
    InterventionAssignment,
    InterventionYear,
    Orientation,
    ProjectResult,
    Staffing,
    SurveyResult,
)


class InterventionForm(FederationScopedForm):
    counts_endings_in_totals = forms.BooleanField(
        label=_("Count endings in this federation's totals"),
        required=False,
        initial=True,
        help_text=Funding._meta.get_field("counts_endings_in_totals").help_text,
    )

    class Meta:
        model = Intervention
        fields = [
            "name",
            "short_name",
            "kind",
            "orientation",
            "follow_up_method",
            "status",
            "starts_on",
            "planned_end_on",
            "ended_on",
            "responsible_organisation",
            "responsible_unit",
            "performer",
            "target_group",
            "age_min",
            "age_max",
            "municipalities",
            "method",
            "steering_group",
            "referral",
            "contact",
        ]
        widgets = {
            "starts_on": DateInput(),
            "planned_end_on": DateInput(),
            "ended_on": DateInput(),
            "municipalities": forms.CheckboxSelectMultiple,
            "target_group": forms.Textarea(attrs={"rows": 3}),
            "method": forms.Textarea(attrs={"rows": 4}),
            "steering_group": forms.Textarea(attrs={"rows": 2}),
        }

    # What identifies a shared intervention to every federation that funds it, and decides
    # whose participants are valid: changed only by someone who keeps all of them.
    COMMON_FIELDS = ["name", "short_name", "kind", "starts_on", "age_min", "age_max"]
    # What describes it to the public and to those who refer someone: its owner's to say.
    DESCRIPTIVE_FIELDS = [
        "orientation",
        "follow_up_method",
        "responsible_organisation",
        "responsible_unit",
        "performer",
        "target_group",
        "method",
        "steering_group",
        "referral",
        "contact",
    ]

    partners = forms.ModelMultipleChoiceField(
        Federation.objects.none(),
        label=_("Shared with"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Other federations of the county that fund it; each reports its own residents."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["municipalities"].queryset = Municipality.objects.of_members(self.federation)
        self.fields["orientation"].queryset = Orientation.objects.filter(
            Q(in_use=True) | Q(pk=self.instance.orientation_id)
        ).order_by("kind", "position", "name")
        self.fields["partners"].queryset = Federation.objects.filter(county=self.federation.county_id).exclude(
            pk=self.federation.pk
        )
        self.current_partners = set(
            self.instance.fundings.exclude(federation=self.federation).values_list("federation", flat=True)
            if self.instance.pk
            else []
        )
        self.fields["partners"].initial = list(self.current_partners)
        if self.instance.pk:
            own = self.fields["municipalities"].queryset
            self.initial["municipalities"] = [m.pk for m in self.instance.municipalities.all() if m in own]
            funding = self.instance.fundings.filter(federation=self.federation).first()
            self.fields["counts_endings_in_totals"].initial = funding.counts_endings_in_totals if funding else True
            partners = self.instance.federations.exclude(pk=self.federation.pk)
            if partners.exists() and not keeps_every_funder(user, self.instance):
                for name in self.COMMON_FIELDS:
                    self.fields[name].disabled = True
                self.fields["name"].help_text = _(
                    "Shared with %(partners)s: the name, short name, kind, start and ages are changed by office staff "
                    "of every federation that funds it."
                ) % {"partners": ", ".join(partner.short_name for partner in partners)}
            if not self.owned:
                self.fields["responsible_organisation"].queryset = MemberOrganisation.objects.filter(
                    pk=self.instance.responsible_organisation_id
                )
                for name in self.DESCRIPTIVE_FIELDS:
                    self.fields[name].disabled = True
                self.fields["partners"].help_text = self.fields["responsible_organisation"].help_text = _(
                    "%(owner)s registered the intervention: its office describes it and shares it with other "
                    "federations."
                ) % {"owner": self.instance.owner}

    @cached_property
    def owned(self):
        """Whether the intervention is this federation's (a new one it registers will be), or
        the user is office staff of the federation whose it is."""
        return self.instance.owner_id in (None, self.federation.pk) or keeps_owner(self.user, self.instance)

    def clean_partners(self):
        partners = self.cleaned_data["partners"]
        wanted = {partner.pk for partner in partners}
        if wanted - self.current_partners and not self.owned:
            raise forms.ValidationError(
                _("Only the office of %(owner)s, which registered the intervention, shares it with another federation.")
                % {"owner": self.instance.owner}
            )
        if self.current_partners - wanted and not keeps_every_funder(self.user, self.instance):
            raise forms.ValidationError(
                _("Only office staff of every federation that funds it can end a partner's funding.")
            )
        return partners

    @transaction.atomic
    def save(self, commit=True):
        if self.instance.pk:
            # Each federation chooses among its own municipalities; the partners' stay.
            partners = self.instance.municipalities.exclude(pk__in=self.fields["municipalities"].queryset)
            self.cleaned_data["municipalities"] = [*self.cleaned_data["municipalities"], *partners]
        intervention = super().save()
        funding, _ = Funding.objects.get_or_create(intervention=intervention, federation=self.federation)
        wanted = {partner.pk for partner in self.cleaned_data["partners"]}
        for partner in wanted - self.current_partners:
            Funding.objects.create(intervention=intervention, federation_id=partner)
        for ended in intervention.fundings.filter(federation__in=self.current_partners - wanted):
            ended.delete()
        if funding.counts_endings_in_totals != self.cleaned_data["counts_endings_in_totals"]:
            funding.counts_endings_in_totals = self.cleaned_data["counts_endings_in_totals"]
            funding.save()
        return intervention


def keeps_owner(user, intervention):
    """Whether ``user`` is office staff of the federation that owns ``intervention``."""
    return (
        user.is_superuser
        or Role.objects.filter(user=user, federation=intervention.owner_id, kind=Role.Kind.OFFICE).exists()
    )


def keeps_every_funder(user, intervention):
    """Whether ``user`` is office staff of every federation that funds ``intervention``."""
    if user.is_superuser:
        return True
    kept = Role.objects.filter(user=user, kind=Role.Kind.OFFICE).values("federation")
    return not intervention.fundings.exclude(federation__in=kept).exists()


class StaffingForm(FederationScopedForm):
    class Meta:
        model = Staffing
        fields = ["organisation", "description", "full_time_equivalents"]


class InterventionYearForm(FederationScopedForm):
    """One year's grant to the intervention from this federation. A grant written from the
    board's decision is changed by a new decision, not here; its co-financing is typed."""

    class Meta:
        model = InterventionYear
        fields = ["year", "granted", "co_financing", "budgeted_participants"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.decision_id:
            for name in ("year", "granted"):
                self.fields[name].disabled = True
            self.fields["granted"].help_text = _("From the decision %(number)s.") % {
                "number": self.instance.decision.diary_entry.registry_number
            }


class EndClassForm(FederationScopedForm):
    """One of the intervention's own end classes and the standard reason it counts as."""

    class Meta:
        model = EndClass
        fields = ["name", "standard_reason", "description"]


class BaseEndClassFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        used = [
            form.instance for form in self.deleted_forms if form.instance.pk and form.instance.participants.exists()
        ]
        if used:
            raise ValidationError(
                _("%(end_classes)s has participants and cannot be removed.")
                % {"end_classes": ", ".join(str(end_class) for end_class in used)}
            )


class AssignmentForm(FederationScopedForm):
    """Intervention staff of the federation given access to this intervention."""

    class Meta:
        model = InterventionAssignment
        fields = ["user"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = intervention_staff_of(self.federation)
        self.fields["user"].label_from_instance = lambda user: user.get_full_name() or user.get_username()


def intervention_staff_of(federation):

    from federations.models import Role

    return (
        get_user_model()
        .objects.filter(finsam_roles__federation=federation, finsam_roles__kind=Role.Kind.INTERVENTION)
        .order_by("first_name", "last_name", "username")
    )


StaffingFormSet = forms.inlineformset_factory(Intervention, Staffing, form=StaffingForm, extra=1, can_delete=True)
EndClassFormSet = forms.inlineformset_factory(
    Intervention, EndClass, form=EndClassForm, formset=BaseEndClassFormSet, extra=1, can_delete=True
)
AssignmentFormSet = forms.inlineformset_factory(
    Intervention, InterventionAssignment, form=AssignmentForm, extra=1, can_delete=True
)


class ExternalFundingForm(FederationScopedForm):
    class Meta:
        model = ExternalFunding
        fields = ["source", "funder", "year", "amount"]


ExternalFundingFormSet = forms.inlineformset_factory(
    Intervention, ExternalFunding, form=ExternalFundingForm, extra=1, can_delete=True
)


class ProjectResultForm(FederationScopedForm):
    class Meta:
        model = ProjectResult
        fields = ["reported_on", "participants", "participants_target", "hours", "hours_target"]
        widgets = {"reported_on": DateInput()}


ProjectResultFormSet = forms.inlineformset_factory(
    Intervention, ProjectResult, form=ProjectResultForm, extra=1, can_delete=True
)
InterventionYearFormSet = forms.inlineformset_factory(
    Intervention, InterventionYear, form=InterventionYearForm, extra=1, can_delete=True
)


class GoalForm(PlainEmptyChoice, forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["text", "measure", "target_percent", "target_count"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class GoalAssessmentForm(VersionedModelForm):
    class Meta:
        model = GoalAssessment
        fields = ["status", "comment"]
        widgets = {"comment": forms.TextInput()}


class SurveyResultForm(FederationScopedForm):
    """How a respondent group answered one question of the indicator survey in the year the
    page shows: the number of answers on each step. The survey import checks its rows with
    this form too."""

    scope_fields = FederationScopedForm.scope_fields | {"year"}

    class Meta:
        model = SurveyResult
        fields = ["intervention", "question", *SurveyResult.STEPS]

    def __init__(self, *args, year, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.year = year
        self.fields["intervention"].empty_label = _("The federation as a whole")
        self.fields["question"].label_from_instance = lambda question: f"{question.get_group_display()}: {question}"
        self.fields["question"].widget.attrs["class"] = "long-choices"
        for step in SurveyResult.STEPS:
            self.fields[step].widget.attrs["class"] = "count"

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(step) for step in SurveyResult.STEPS) and not self.errors:
            raise ValidationError(_("Give the number of answers on at least one step of the scale."))
        return cleaned


SurveyResultFormSet = forms.modelformset_factory(SurveyResult, form=SurveyResultForm, extra=3, can_delete=True)


class DeviationForm(FederationScopedForm):
    class Meta:
        model = Deviation
        fields = ["occurred_on", "members", "description", "handling", "outcome", "status"]
        widgets = {
            "occurred_on": DateInput(),
            "members": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 4}),
            "handling": forms.Textarea(attrs={"rows": 3}),
            "outcome": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "description": _(
                "Describe what happened between the members, not the person: no names or identity numbers."
            )
        }

    def __init__(self, *args, federation, **kwargs):
        super().__init__(*args, federation=federation, **kwargs)
        self.fields["members"].queryset = MemberOrganisation.objects.of_members(federation).order_by("name")


class ApplicationForm(FederationScopedForm):
    """A member's application and the preparatory group's recommendation on it. A new
    application is registered in the diary, under the year it arrived."""

    class Meta:
        model = Application
        fields = [
            "received_on",
            "kind",
            "title",
            "intervention",
            "applicants",
            "amount_per_year",
            "years",
            "after_project",
            "recommendation",
            "recommended_on",
            "recommendation_text",
        ]
        widgets = {
            "received_on": DateInput(),
            "recommended_on": DateInput(),
            "applicants": forms.CheckboxSelectMultiple,
            "after_project": forms.Textarea(attrs={"rows": 3}),
            "recommendation_text": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, federation, **kwargs):
        super().__init__(*args, federation=federation, **kwargs)
        self.fields["applicants"].queryset = MemberOrganisation.objects.of_members(federation).order_by("name")

    def save(self, commit=True):
        application = self.instance
        if not application.pk:
            applicants = ", ".join(str(member) for member in self.cleaned_data["applicants"])
            application.diary_entry = register(
                self.federation,
                DiaryEntry.Kind.APPLICATION,
                application.title,
                registered_on=application.received_on,
                counterpart=applicants[:150],
            )
        application = super().save(commit)
        apply_decisions(application)
        return application


class GrantDecisionForm(FederationScopedForm):
    """The board's decision on an application (or its re-trial, end or handover),
    registered in the diary; the intervention's grants follow from it."""

    class Meta:
        model = GrantDecision
        fields = [
            "application",
            "kind",
            "decided_on",
            "paragraph",
            "outcome",
            "text",
            "granted_per_year",
            "first_year",
            "max_years",
            "conditions",
            "without_recommendation",
        ]
        widgets = {
            "decided_on": DateInput(),
            "text": forms.Textarea(attrs={"rows": 3}),
            "conditions": forms.Textarea(attrs={"rows": 2}),
            "without_recommendation": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, federation, **kwargs):
        super().__init__(*args, federation=federation, **kwargs)
        self.fields["application"].queryset = Application.objects.of_federation(federation).select_related(
            "diary_entry"
        )
        self.fields["paragraph"].queryset = (
            MeetingDecision.objects.of_federation(federation)
            .select_related("meeting")
            .order_by("-meeting__held_on", "paragraph")
        )

    def save(self, commit=True):
        decision = self.instance
        if not decision.pk:
            decision.diary_entry = register(
                self.federation,
                DiaryEntry.Kind.DECISION,
                f"{decision.get_kind_display()}: {decision.application.title}"[:200],
                registered_on=decision.decided_on,
            )
        decision = super().save(commit)
        apply_decisions(decision.application)
        return decision
