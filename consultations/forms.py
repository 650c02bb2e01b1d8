from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from federations.forms import DateInput
from federations.models import Federation, MemberOrganisation
from finsam.forms import PlainEmptyChoice
from finsam.locking import VersionedModelForm
from finsam.privacy import validate_no_identity_number

from .models import AgendaItem, Consultation, ConvenerTerm, Position

STANDARD_AGENDA = [
    _("Choice of minute checker"),
    _("The federations' activities and results"),
    _("Follow-up of the last meeting's positions"),
    _("Current questions"),
    _("Other business"),
    _("Next member consultation and its convener"),
]


class ConsultationForm(VersionedModelForm):
    class Meta:
        model = Consultation
        fields = ["held_on", "place", "year", "federations", "convener", "other_business", "next_meeting"]
        widgets = {
            "held_on": DateInput(),
            "federations": forms.CheckboxSelectMultiple,
            "other_business": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, county, keepable_federations, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.county = county
        self.keepable_federations = keepable_federations
        self.fields["federations"].queryset = Federation.objects.filter(county=county)
        self.fields["convener"].queryset = ConvenerTerm.objects.filter(county=county).select_related(
            "convener", "co_convener"
        )
        if not self.instance.pk:
            self.initial.setdefault("year", timezone.localdate().year - 1)
            self.initial.setdefault("federations", list(self.fields["federations"].queryset))

    def clean_federations(self):
        federations = self.cleaned_data["federations"]
        foreign = [federation for federation in federations if federation not in self.keepable_federations]
        if foreign:
            raise forms.ValidationError(
                _("You are not office staff of %(federations)s: only its office can put it in a consultation.")
                % {"federations": ", ".join(federation.short_name for federation in foreign)}
            )
        return federations

    def clean(self):
        cleaned = super().clean()
        held_on = cleaned.get("held_on")
        if (
            held_on
            and Consultation.objects.filter(county=self.instance.county, held_on=held_on)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            self.add_error("held_on", _("The county already has a member consultation on that day."))
        return cleaned


AgendaFormSet = forms.inlineformset_factory(
    Consultation,
    AgendaItem,
    fields=["position", "title"],
    extra=2,
    can_delete=True,
    widgets={
        "position": forms.NumberInput(attrs={"class": "narrow", "min": 0}),
        "title": forms.TextInput(attrs={"class": "wide"}),
    },
)

PositionFormSet = forms.inlineformset_factory(
    Consultation,
    Position,
    fields=["text", "status", "follow_up"],
    extra=1,
    can_delete=True,
    widgets={"text": forms.Textarea(attrs={"rows": 2}), "follow_up": forms.Textarea(attrs={"rows": 2})},
)


class ConvenerTermForm(PlainEmptyChoice, forms.ModelForm):
    class Meta:
        model = ConvenerTerm
        fields = ["term", "starts_on", "convener", "co_convener"]
        widgets = {"starts_on": DateInput()}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("convener") and cleaned.get("convener") == cleaned.get("co_convener"):
            self.add_error("co_convener", _("Choose another organisation, or none."))
        starts_on = cleaned.get("starts_on")
        terms = ConvenerTerm.objects.filter(county=self.instance.county_id, starts_on=starts_on)
        if starts_on and terms.exclude(pk=self.instance.pk).exists():
            self.add_error("starts_on", _("Two terms start on the same day."))
        return cleaned


class BaseRotationFormSet(forms.BaseModelFormSet):
    def __init__(self, *args, county, **kwargs):
        self.county = county
        self.organisations = MemberOrganisation.objects.filter(county=county)
        terms = ConvenerTerm.objects.filter(county=county).select_related("convener", "co_convener")
        super().__init__(*args, queryset=terms, **kwargs)

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["convener"].queryset = self.organisations
        form.fields["co_convener"].queryset = self.organisations
        form.instance.county = self.county

    def clean(self):
        super().clean()
        kept = [form for form in self.forms if form not in self.deleted_forms]
        starts = [form.cleaned_data["starts_on"] for form in kept if form.cleaned_data.get("starts_on")]
        if len(starts) != len(set(starts)):
            raise forms.ValidationError(_("Two terms start on the same day."))


RotationFormSet = forms.modelformset_factory(
    ConvenerTerm, form=ConvenerTermForm, formset=BaseRotationFormSet, extra=1, can_delete=True
)


class ReaderInvitationForm(forms.Form):
    name = forms.CharField(
        label=_("For"),
        max_length=150,
        validators=[validate_no_identity_number],
        help_text=_("The reader's name, as the list shows the invitation until it is used."),
    )
