from django import forms
from django.utils.translation import gettext_lazy as _

from federations.forms import DateInput, FederationScopedForm
from finsam.locking import VersionedModelForm
from finsam.privacy import validate_no_identity_number

from .models import AnnualReportText, SocioEconomicModel


class AdoptionForm(forms.Form):
    adopted_on = forms.DateField(label=_("Adopted by the board on"), widget=DateInput())
    registry_number = forms.CharField(
        label=_("Registry number"),
        max_length=40,
        required=False,
        validators=[validate_no_identity_number],
        help_text=_("Leave it empty to take the next number of the federation's diary."),
    )
    despite_checks = forms.BooleanField(
        label=_("The board adopts the report although the checks above fail"),
        required=False,
        help_text=_("Recorded with the adoption."),
    )

    def __init__(self, *args, year=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = year

    def clean_adopted_on(self):
        adopted_on = self.cleaned_data["adopted_on"]
        if self.year and adopted_on.year <= self.year:
            raise forms.ValidationError(_("A year is adopted after it has ended."))
        return adopted_on


class AnnualReportTextForm(VersionedModelForm):
    class Meta:
        model = AnnualReportText
        fields = [
            "registry_number",
            "foreword",
            "mission",
            "important_conditions",
            "figures_sentence",
            "participant_analysis",
            "gender_equality",
            "indicator_analysis",
            "structural_work",
            "personnel",
            "expected_development",
            "adopted_on",
        ]
        widgets = {"adopted_on": DateInput()}


class PastYearForm(forms.Form):
    """Why a past year's books are emptied or the year reopened: kept in its history."""

    action = forms.ChoiceField(choices=[("empty", "empty"), ("reopen", "reopen")], widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        validators=[validate_no_identity_number],
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept in the year's history, with who and when."),
    )


class SocioEconomicModelForm(FederationScopedForm):
    """The federation's own parameters of the socio-economic effect, from a day on (whom it
    counts is a setting on the federation's page)."""

    class Meta:
        model = SocioEconomicModel
        fields = ["valid_from", "public_support", "administration", "income_tax", "source"]
        widgets = {"valid_from": DateInput(), "source": forms.Textarea(attrs={"rows": 3})}
