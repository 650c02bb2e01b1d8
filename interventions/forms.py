from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.forms.models import model_to_dict
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from federations.diary import register
from federations.forms import DateInput, FederationScopedForm
from federations.models import DiaryEntry, Federation, MeetingDecision, MemberOrganisation, Municipality, Role
from finsam.compat import AdjustsModelValidation, model_validation_exclusions
from finsam.forms import PlainEmptyChoice, ShowsEveryModelError
from finsam.locking import VersionedModelForm

from .decisions import apply_decisions
from .models import (
    Application,
    Deviation,
    EndClass,
    ExternalFunding,
    Funding,
    Gender,
    Goal,
    GoalAssessment,
    GrantDecision,
    Intervention,
    InterventionAssignment,
    InterventionYear,
    Orientation,
    Participant,
    ParticipantSupport,
    Registration,
    Staffing,
    Support,
    SurveyAnswer,
    SurveyQuestion,
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


def end_reason_from_end_class(cleaned_data):
    """Choosing an intervention's own end class gives its standard end reason."""
    end_class = cleaned_data.get("end_class")
    if end_class and not cleaned_data.get("end_reason"):
        cleaned_data["end_reason"] = end_class.standard_reason
    return cleaned_data


def support_errors(cleaned_data, ended_on):
    """Support at the end is of an ended participant."""
    if cleaned_data.get("support_at_end") and not ended_on:
        return {"support_at_end": _("Support at end needs an end date.")}
    return {}


def save_supports(participant, cleaned_data):
    """The participant's support at start and at end as the cleaned data give them; a field
    the data leave out (an import's file without the column) leaves that support as it is."""
    for phase, field in [
        (ParticipantSupport.Phase.START, "support_at_start"),
        (ParticipantSupport.Phase.END, "support_at_end"),
    ]:
        if field in cleaned_data:
            set_supports(participant, phase, cleaned_data[field])


def set_supports(participant, phase, kinds):
    """The participant's support in ``phase`` (start or end) made ``kinds``: what is no longer
    there deleted, what is new added, what stays untouched (its history too)."""
    wanted = set(kinds)
    for support in participant.supports.filter(phase=phase).exclude(kind__in=wanted):
        support.delete()
    have = set(participant.supports.filter(phase=phase).values_list("kind", flat=True))
    for kind in wanted - have:
        ParticipantSupport.objects.create(participant=participant, phase=phase, kind=kind)


class KnownModelChoiceField(forms.ModelChoiceField):
    """A model choice that, given ``known`` (pk → record, read once for many forms, as an
    import's rows are), is looked up there instead of in the database. A value not known is
    refused with the same message as a value not in the queryset."""

    known = None

    def to_python(self, value):
        if self.known is None or value in self.empty_values:
            return super().to_python(value)
        try:
            return self.known[str(value)]
        except KeyError:
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            ) from None


# The participant's choices an import reads once for its file.
KNOWN_CHOICES = ["intervention", "municipality", "referred_by", "end_class"]


class ParticipantForm(AdjustsModelValidation, VersionedModelForm):
    """Everything about a participant, with the support at start and end and the
    indicator survey's answers; saved together or not at all.

    ``known``: for an import, the choices of the intervention, municipality, referring member
    and end class fields as {field: {pk: record}}, read once for the whole file."""

    support_at_start = forms.MultipleChoiceField(
        label=_("Public support at start"), choices=Support.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    support_at_end = forms.MultipleChoiceField(
        label=_("Public support at end"), choices=Support.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Participant
        fields = [
            "intervention",
            "code",
            "registration",
            "gender",
            "birth_year",
            "municipality",
            "referred_by",
            "enrolled_on",
            "years_in_support",
            "education",
            "had_work_placement",
            "ended_on",
            "end_reason",
            "end_class",
            "able_to_work_at_end",
            "completed_course",
            "health_start",
            "health_end",
            "quality_of_life_start",
            "quality_of_life_end",
            "progression_start",
            "progression_end",
            "follow_up_6_months",
            "follow_up_12_months",
        ]
        widgets = {
            "enrolled_on": DateInput(),
            "ended_on": DateInput(),
            "gender": forms.RadioSelect,
            "registration": forms.RadioSelect,
            "able_to_work_at_end": forms.NullBooleanSelect,
            "completed_course": forms.NullBooleanSelect,
        }
        field_classes = dict.fromkeys(KNOWN_CHOICES, KnownModelChoiceField)

    def __init__(self, *args, federation, interventions, with_survey=True, known=None, only=None, **kwargs):
        """``only``: the fields an import's file gives; the others keep what the participant has."""
        super().__init__(*args, **kwargs)
        self.instance.checked_for = federation
        self.fields["gender"].choices = Gender.choices
        registration = self.fields["registration"]
        registration.required = False  # with consent unless it says anonymously
        registration.choices, registration.empty_value = Registration.choices, Registration.CONSENT
        choices = {
            "intervention": lambda: interventions,
            "municipality": lambda: Municipality.objects.of_members(federation),
            "referred_by": lambda: MemberOrganisation.objects.of_members(federation),
            "end_class": lambda: EndClass.objects.filter(intervention__in=interventions).select_related("intervention"),
        }
        for name, queryset in choices.items():
            if known and name in known:
                self.fields[name].known = known[name]  # the same records, read once for the file
            else:
                self.fields[name].queryset = queryset()
        self.fields["end_class"].label_from_instance = lambda end_class: f"{end_class.intervention}: {end_class.name}"
        self.questions = list(SurveyQuestion.objects.answered_by_participants()) if with_survey else []
        answers = {}
        self.initial.update(self.supports_as_loaded())
        if self.instance.pk and with_survey:
            answers = dict(self.instance.survey_answers.values_list("question_id", "answer"))
        for question in self.questions:
            self.fields[self.answer_field(question)] = forms.TypedChoiceField(
                label=str(question),
                choices=[("", "—"), *SurveyAnswer.Scale.choices],
                coerce=int,
                empty_value=None,
                required=False,
                initial=answers.get(question.pk),
            )
        if only is not None:
            self.fields = {name: field for name, field in self.fields.items() if name in only or name == "version"}

    def supports_as_loaded(self):
        return self.supports_of(self.instance)

    @staticmethod
    def supports_of(participant):
        """The participant's support at start and at end, as the form's initial values."""
        if not participant.pk:
            return {}
        supports = [(support.phase, support.kind) for support in participant.supports.all()]
        return {
            "support_at_start": [kind for phase, kind in supports if phase == "start"],
            "support_at_end": [kind for phase, kind in supports if phase == "end"],
        }

    def model_validation_exclusions(self, exclusions):
        """A choice found among the records read for the file (``known``) exists: the model
        need not ask the database again, row by row."""
        return exclusions | {
            name
            for name in KNOWN_CHOICES
            if name in self.fields and getattr(self.fields[name], "known", None) is not None
        }

    @staticmethod
    def answer_field(question):
        return f"answer_{question.number}"

    @property
    def survey_fields(self):
        return [self[self.answer_field(question)] for question in self.questions]

    def clean(self):
        cleaned_data = end_reason_from_end_class(super().clean())
        ended_on = cleaned_data.get("ended_on") if "ended_on" in self.fields else self.instance.ended_on
        for field, message in support_errors(cleaned_data, ended_on).items():
            self.add_error(field, message)
        if any(cleaned_data.get(self.answer_field(q)) for q in self.questions) and not ended_on:
            self.add_error(None, _("The indicator survey is answered at the end: give the end date first."))
        return cleaned_data

    @transaction.atomic
    def save(self, commit=True):
        participant = super().save()
        save_supports(participant, self.cleaned_data)
        for question in self.questions:
            answer = self.cleaned_data.get(self.answer_field(question))
            existing = participant.survey_answers.filter(question=question).first()
            if answer is None and existing:
                existing.delete()
            elif answer is not None and (existing is None or existing.answer != answer):
                SurveyAnswer.objects.update_or_create(
                    participant=participant, question=question, defaults={"answer": answer}
                )
        return participant


class ParticipantRows:
    """The participant form's check for the many rows of an import, without a form per row.

    ``form`` is one unbound :class:`ParticipantForm` with the file's columns and the choices
    read once for the file. Each row is checked as that form checks its data, step by step
    as Django's model form does — each field's ``clean``, the form's rules, the model's
    ``full_clean`` on the fields the form leaves to it — so with the same rules and messages.
    A column's value is cleaned once for the file, however many rows repeat it (the rows of
    a file share their interventions, municipalities and dates).

    The form asks the database nothing per row: an import's choices are ``known``, and the
    version check of a changed participant is the import's row lock (it reads the file's
    participants ``FOR UPDATE`` before checking them)."""

    def __init__(self, form):
        self.checked_for = form.instance.checked_for
        self.fields = {name: field for name, field in form.fields.items() if name != "version"}
        self.model_fields = [field for field in Participant._meta.fields if field.name in self.fields]
        self.known = {name for name in KNOWN_CHOICES if getattr(self.fields.get(name), "known", None) is not None}
        self.cleaned = {}  # (field, value) → (cleaned value, None) or (None, ValidationError)

    def values(self, data):
        """The row's value of each field, as the form reads it from its data."""
        return {name: field.widget.value_from_datadict(data, {}, name) for name, field in self.fields.items()}

    def clean_value(self, name, value):
        key = (name, tuple(value) if isinstance(value, list) else value)
        try:
            return self.cleaned[key]
        except KeyError:
            try:
                self.cleaned[key] = self.fields[name].clean(value), None
            except ValidationError as error:
                self.cleaned[key] = None, error
            return self.cleaned[key]

    def check(self, data, instance):
        """Fill ``instance`` with the row's ``data`` as the form would; return the cleaned
        data and the row's errors ({field: [messages]}, in the form's order)."""
        instance.checked_for = self.checked_for
        values = self.values(data)
        cleaned, errors = {}, {}
        for name, value in values.items():
            result, error = self.clean_value(name, value)
            if error is None:
                cleaned[name] = result
            else:
                errors[name] = list(error.messages)
        end_reason_from_end_class(cleaned)
        ended_on = cleaned.get("ended_on") if "ended_on" in self.fields else instance.ended_on
        for name, message in support_errors(cleaned, ended_on).items():
            errors.setdefault(name, []).append(str(message))
            cleaned.pop(name, None)
        exclude = self.exclusions(cleaned, errors)
        for field in self.model_fields:
            if field.name in cleaned and not self.leaves_default(field, data, cleaned):
                field.save_form_data(instance, cleaned[field.name])
        if "end_reason" in cleaned and "end_reason" not in self.fields:  # given by the file's end class
            instance.end_reason = cleaned["end_reason"]
        try:
            instance.full_clean(exclude=exclude, validate_unique=False)
        except ValidationError as error:
            for name, field_errors in error.error_dict.items():
                overriding = self.fields[name].error_messages if name in self.fields else {}
                messages = errors.setdefault(name, [])
                for field_error in field_errors:
                    if field_error.code in overriding:
                        field_error.message = overriding[field_error.code]
                    messages.extend(field_error.messages)
        return cleaned, errors

    def leaves_default(self, field, data, cleaned):
        """A model field with a default keeps it when the form's data leave the field out."""
        form_field = self.fields[field.name]
        return (
            field.has_default()
            and form_field.widget.value_omitted_from_data(data, {}, field.name)
            and cleaned[field.name] in form_field.empty_values
        )

    def exclusions(self, cleaned, errors):
        """The model fields the model's validation leaves alone, as the model form's."""
        return set(self.known) | model_validation_exclusions(Participant, self.fields, cleaned, errors)

    def changed(self, data, instance):
        """The fields whose row value differs from what ``instance`` had (read before ``check``)."""
        initial = {**model_to_dict(instance, list(self.fields)), **ParticipantForm.supports_of(instance)}
        values = self.values(data)
        return [name for name, field in self.fields.items() if field.has_changed(initial.get(name), values[name])]


class EndParticipationForm(ShowsEveryModelError, VersionedModelForm):
    """The quick "end participation" action: date, reason, class, work ability, course completed."""

    class Meta:
        model = Participant
        fields = ["ended_on", "end_reason", "end_class", "able_to_work_at_end", "completed_course"]
        widgets = {
            "ended_on": DateInput(),
            "able_to_work_at_end": forms.NullBooleanSelect,
            "completed_course": forms.NullBooleanSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ended_on"].required = True
        self.fields["end_class"].queryset = self.instance.intervention.end_classes.all()
        if not self.fields["end_class"].queryset.exists():
            del self.fields["end_class"]

    def clean(self):
        return end_reason_from_end_class(super().clean())


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
