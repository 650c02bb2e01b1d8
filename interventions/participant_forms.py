"""The participant's forms: the whole record with its supports, survey answers and answers to
the federation's own questions; the quick end of a participation; and the same checks row
by row for an import (``ParticipantRows``)."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms.models import model_to_dict
from django.utils.translation import gettext_lazy as _

from federations.forms import DateInput
from federations.models import MemberOrganisation, Municipality
from finsam.compat import AdjustsModelValidation, ManyRecordsValidation
from finsam.forms import ShowsEveryModelError
from finsam.locking import VersionedModelForm

from .models import (
    EndClass,
    Gender,
    Participant,
    ParticipantSupport,
    Registration,
    SupplementaryQuestion,
    Support,
    SurveyAnswer,
    SurveyQuestion,
)
from .supplementary import answer_errors, answers_of, apply_answers, question_field


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


SUPPORT_FIELDS = [
    (ParticipantSupport.Phase.START, "support_at_start"),
    (ParticipantSupport.Phase.END, "support_at_end"),
]


def supports_as_initial(supports):
    """(phase, kind) pairs of a participant's supports as the form's initial values."""
    supports = list(supports)
    return {field: [kind for held, kind in supports if held == phase] for phase, field in SUPPORT_FIELDS}


def support_changes(participant, held, cleaned_data):
    """What writing ``cleaned_data``'s support at start and at end changes for ``participant``,
    whose supports as read are ``held`` ((pk, phase, kind)): ([removed], [added]) records. What a
    phase no longer names goes, what it newly names comes, what stays is untouched (its history
    too); a field the data leave out (an import's file without the column) leaves its phase."""
    removed, added = [], []
    for phase, field in SUPPORT_FIELDS:
        if field not in cleaned_data:
            continue
        wanted = set(cleaned_data[field])
        in_phase = [(pk, kind) for pk, held_phase, kind in held if held_phase == phase]
        removed += [
            ParticipantSupport(pk=pk, participant_id=participant.pk, phase=phase, kind=kind)
            for pk, kind in in_phase
            if kind not in wanted
        ]
        have = {kind for _pk, kind in in_phase}
        added += [
            ParticipantSupport(participant_id=participant.pk, phase=phase, kind=kind) for kind in sorted(wanted - have)
        ]
    return removed, added


def save_supports(participant, cleaned_data):
    """The participant's support at start and at end as the cleaned data give them (see
    ``support_changes``), one record at a time, as a form saves one participant."""
    held = list(participant.supports.values_list("pk", "phase", "kind"))
    removed, added = support_changes(participant, held, cleaned_data)
    for support in removed:
        support.delete()
    for support in added:
        support.save()


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
            "occupation_start",
            "occupation_start_extent",
            "had_work_placement",
            "ended_on",
            "end_reason",
            "end_class",
            "able_to_work_at_end",
            "completed_course",
            "occupation_end",
            "occupation_end_extent",
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

    def __init__(
        self, *args, federation, interventions, with_survey=True, known=None, only=None, supplementary=None, **kwargs
    ):
        """``only``: the fields an import's file gives; the others keep what the participant has.
        ``supplementary``: the federation's own questions, if already read (an import's)."""
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
        if supplementary is None:
            supplementary = SupplementaryQuestion.objects.of_federation(federation)
        self.supplementary = list(supplementary)
        for question in self.supplementary:
            self.fields[question.field_name] = question_field(question)
        self.initial.update(answers_of(self.instance, self.supplementary))
        if only is not None:
            self.fields = {name: field for name, field in self.fields.items() if name in only or name == "version"}
            self.supplementary = [question for question in self.supplementary if question.field_name in only]

    @property
    def supplementary_fields(self):
        return [self[question.field_name] for question in self.supplementary]

    def supports_as_loaded(self):
        return self.supports_of(self.instance)

    @staticmethod
    def supports_of(participant):
        """The participant's support at start and at end, as the form's initial values."""
        if not participant.pk:
            return {}
        return supports_as_initial((support.phase, support.kind) for support in participant.supports.all())

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
        enrolled_on = cleaned_data.get("enrolled_on") if "enrolled_on" in self.fields else self.instance.enrolled_on
        for field, message in answer_errors(self.supplementary, cleaned_data, enrolled_on, ended_on).items():
            self.add_error(field, message)
        apply_answers(self.instance, self.supplementary, cleaned_data)
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
    A column's value is cleaned once for the file by the form's field and once by the
    model's (``ManyRecordsValidation``), however many rows repeat it (the rows of a file
    share their interventions, municipalities and dates).

    The form asks the database nothing per row: an import's choices are ``known``, and the
    version check of a changed participant is the import's row lock (it reads the file's
    participants ``FOR UPDATE`` before checking them)."""

    def __init__(self, form):
        self.checked_for = form.instance.checked_for
        self.fields = {name: field for name, field in form.fields.items() if name != "version"}
        self.model_fields = [field for field in Participant._meta.fields if field.name in self.fields]
        self.known = {name for name in KNOWN_CHOICES if getattr(self.fields.get(name), "known", None) is not None}
        self.supplementary = form.supplementary
        self.cleaned = {}  # (field, value) → (cleaned value, None) or (None, ValidationError)
        self.validation = ManyRecordsValidation(Participant, self.fields)
        # Participant() looks up every field's default for each record; a file's new rows are
        # tens of thousands, so they are read once and given in order (a callable one, the
        # answers' dict, still called for each record).
        fields = Participant._meta.concrete_fields
        self.defaults = [field.get_default() for field in fields]
        self.made_for_each = [
            (n, field.default) for n, field in enumerate(fields) if field.has_default() and callable(field.default)
        ]

    def new_record(self):
        """``Participant()``, for a new row."""
        values = self.defaults.copy()
        for n, default in self.made_for_each:
            values[n] = default()
        return Participant(*values)

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
        enrolled_on = cleaned.get("enrolled_on") if "enrolled_on" in self.fields else instance.enrolled_on
        for name, message in {
            **support_errors(cleaned, ended_on),
            **answer_errors(self.supplementary, cleaned, enrolled_on, ended_on),
        }.items():
            errors.setdefault(name, []).append(str(message))
            cleaned.pop(name, None)
        apply_answers(instance, self.supplementary, cleaned)
        exclude = self.exclusions(cleaned, errors)
        for field in self.model_fields:
            if field.name in cleaned and not self.leaves_default(field, data, cleaned):
                field.save_form_data(instance, cleaned[field.name])
        if "end_reason" in cleaned and "end_reason" not in self.fields:  # given by the file's end class
            instance.end_reason = cleaned["end_reason"]
        try:
            self.validation.full_clean(instance, exclude)
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
        return self.known | self.validation.exclusions(cleaned, errors)

    def changed(self, data, instance, supports):
        """The fields whose row value differs from what ``instance`` had (read before ``check``),
        its ``supports`` ((phase, kind) pairs) too."""
        initial = {
            **model_to_dict(instance, list(self.fields)),
            **supports_as_initial(supports),
            **answers_of(instance, self.supplementary),
        }
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
